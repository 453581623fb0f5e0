// Coupa suppliers, their remit-to addresses and supplier information (bank details): the records, kept beside the core store, one set per CoupaStore.
import { SupplierNotices } from '../../../common/supplier-notices.js';
import type { CoupaStore } from '../../store.js';

export type SupplierStatus = 'active' | 'inactive' | 'draft';

export interface SupplierAddressRecord {
  street1: string | null;
  street2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface SupplierRecord {
  id: number;
  name: string;
  number: string | null;
  status: SupplierStatus;
  taxId: string | null;
  primaryAddress: SupplierAddressRecord | null;
  contactEmail: string | null;
  contactPhone: string | null;
  paymentTermCode: string | null;
  customFields: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
}

export interface RemitToRecord extends SupplierAddressRecord {
  id: number;
  supplierId: number;
  name: string | null;
  remitToCode: string | null;
  active: boolean;
  externalSrcRef: string | null;
}

/** Supplier information: its RTA address carries the bank details (supplier-owned in Coupa). */
export interface SupplierInformationRecord {
  id: number;
  supplierId: number;
  bankAccountNumber: string | null;
  bankRoutingNumber: string | null;
  ibanNumber: string | null;
  swiftCode: string | null;
  updatedAt: number;
}

export const COUPA_PAYMENT_TERMS = ['Net 15', 'Net 30', 'Net 45', 'Net 60', 'Immediate'];

export class CoupaSupplierTables {
  suppliers = new Map<number, SupplierRecord>();
  remitTos = new Map<number, RemitToRecord>();
  information = new Map<number, SupplierInformationRecord>();
  readonly notices = new SupplierNotices();
  /** The custom field holding the Workday Supplier ID (the mapping file's coupaWorkdayIdField). */
  workdayIdField = 'workday-supplier-id';
  private nextId = { supplier: 501, remitTo: 801, information: 901 };

  newId(kind: keyof CoupaSupplierTables['nextId']): number {
    return this.nextId[kind]++;
  }

  findByNumber(number: string): SupplierRecord | undefined {
    return [...this.suppliers.values()].find((s) => s.number === number);
  }

  informationOf(supplierId: number): SupplierInformationRecord | undefined {
    return [...this.information.values()].find((i) => i.supplierId === supplierId);
  }

  notifyChange(store: CoupaStore, s: SupplierRecord, via: 'api' | 'admin', changedBy?: string, notify = true): void {
    if (!notify) return;
    const workdayId = s.customFields[this.workdayIdField];
    this.notices.notify({
      system: 'coupa',
      coupaSupplierId: s.id,
      ...(s.number ? { coupaSupplierNumber: s.number } : {}),
      ...(workdayId ? { workdaySupplierId: workdayId } : {}),
      changedAt: new Date(s.updatedAt).toISOString(),
      ...(changedBy ? { changedBy } : {}),
      via,
    });
    void store;
  }

  reset(store: CoupaStore): void {
    this.suppliers.clear();
    this.remitTos.clear();
    this.information.clear();
    this.nextId = { supplier: 501, remitTo: 801, information: 901 };
    this.notices.reset();
    this.workdayIdField = 'workday-supplier-id';
    seedSuppliers(store, this);
  }
}

function seedSuppliers(store: CoupaStore, t: CoupaSupplierTables): void {
  const at = Date.parse('2026-01-05T09:00:00Z');
  void store;
  // Linked to Workday S-1002 (the demo's supplier).
  const id = t.newId('supplier');
  t.suppliers.set(id, {
    id,
    name: 'Initech LLC',
    number: 'S-1002',
    status: 'active',
    taxId: '77-7654321',
    primaryAddress: { street1: '4120 Freidrich Lane', street2: 'Suite 200', city: 'Austin', state: 'TX', postalCode: '78744', country: 'US' },
    contactEmail: 'billing@initech.example',
    contactPhone: '+1 512 555 0199',
    paymentTermCode: 'Net 45',
    customFields: { 'workday-supplier-id': 'S-1002' },
    createdAt: at,
    updatedAt: at,
  });
  const infoId = t.newId('information');
  t.information.set(infoId, { id: infoId, supplierId: id, bankAccountNumber: '000123456789', bankRoutingNumber: '111000025', ibanNumber: null, swiftCode: null, updatedAt: at });
}

const tables = new WeakMap<CoupaStore, CoupaSupplierTables>();

export function supplierTablesOf(store: CoupaStore): CoupaSupplierTables {
  let found = tables.get(store);
  if (!found) {
    found = new CoupaSupplierTables();
    tables.set(store, found);
  }
  return found;
}

/** The resource's seed hook: runs at start and on every store reset. */
export function seedSupplierTables(store: CoupaStore): void {
  supplierTablesOf(store).reset(store);
}
