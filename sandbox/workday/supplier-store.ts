// The Workday simulator's suppliers (Resource_Management Get_Suppliers / Put_Supplier data): kept beside the worker store, one per WorkdayStore, with admin edits and change notices.
import { SupplierNotices } from '../common/supplier-notices';
import { wid, type WorkdayStore } from './store';

export interface StoredSettlementAccount {
  id: string;
  bankName: string | null;
  routingNumber: string | null;
  accountNumber: string | null;
  iban: string | null;
  swift: string | null;
  inactive: boolean;
}

export interface StoredSupplier {
  wid: string;
  supplierId: string;
  name: string;
  /** Business_Entity_Status_Value_ID: Active or Inactive [U: tenants may define more]. */
  status: 'Active' | 'Inactive';
  taxIds: Array<{ text: string; type: string; primary: boolean }>;
  paymentTermsId: string | null;
  address: { line1: string | null; line2: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null } | null;
  email: string | null;
  phone: string | null;
  settlementAccounts: StoredSettlementAccount[];
  /** The element (mapping: workdayCoupaNumberElement) holding the Coupa supplier number. */
  coupaNumber: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Payment terms the tenant knows (Payment_Terms_ID); Put_Supplier refuses others. */
export const WORKDAY_PAYMENT_TERMS = ['NET_15', 'NET_30', 'NET_45', 'NET_60', 'IMMEDIATE'];

export class WorkdaySupplierStore {
  private suppliers = new Map<string, StoredSupplier>();
  private lastTick = 0;
  private nextNumber = 2001;
  readonly notices = new SupplierNotices();
  /** Requests per SOAP operation (they share one HTTP route, so /_sandbox/calls cannot tell them apart). */
  operationCalls: Record<string, number> = {};
  /** The Supplier_Data element carrying the Coupa supplier number (as the mapping file names it). */
  coupaNumberElement = 'External_Entity_ID';

  constructor() {
    this.seed();
  }

  now(): number {
    const tick = Math.max(Date.now(), this.lastTick + 1);
    this.lastTick = tick;
    return tick;
  }

  all(): StoredSupplier[] {
    return [...this.suppliers.values()];
  }

  get(supplierId: string): StoredSupplier | undefined {
    return this.suppliers.get(supplierId);
  }

  byWid(w: string): StoredSupplier | undefined {
    return this.all().find((s) => s.wid === w);
  }

  /** A Supplier_ID Workday would assign. */
  nextSupplierId(): string {
    let id: string;
    do id = `S-${this.nextNumber++}`;
    while (this.suppliers.has(id));
    return id;
  }

  /** Creates or replaces a supplier; bumps its update moment only when something changed. Returns whether it did. */
  save(next: Omit<StoredSupplier, 'wid' | 'createdAt' | 'updatedAt'>, via: 'api' | 'admin', options: { changedAt?: number; changedBy?: string; notify?: boolean } = {}): { supplier: StoredSupplier; changed: boolean; created: boolean } {
    const before = this.suppliers.get(next.supplierId);
    const at = options.changedAt ?? this.now();
    if (before) {
      const { wid: _w, createdAt: _c, updatedAt: _u, ...rest } = before;
      if (JSON.stringify(rest) === JSON.stringify(next)) return { supplier: before, changed: false, created: false };
      Object.assign(before, next, { updatedAt: at });
    }
    const supplier = before ?? { ...next, wid: wid('supplier', next.supplierId), createdAt: at, updatedAt: at };
    this.suppliers.set(supplier.supplierId, supplier);
    if (options.notify !== false) {
      this.notices.notify({
        system: 'workday',
        workdaySupplierId: supplier.supplierId,
        ...(supplier.coupaNumber ? { coupaSupplierNumber: supplier.coupaNumber } : {}),
        changedAt: new Date(at).toISOString(),
        ...(options.changedBy ? { changedBy: options.changedBy } : {}),
        via,
      });
    }
    return { supplier, changed: true, created: !before };
  }

  reset(): void {
    this.suppliers.clear();
    this.nextNumber = 2001;
    this.operationCalls = {};
    this.notices.reset();
    this.coupaNumberElement = 'External_Entity_ID';
    this.seed();
  }

  private seed(): void {
    const at = Date.parse('2026-01-05T09:00:00Z');
    const add = (s: Omit<StoredSupplier, 'wid' | 'createdAt' | 'updatedAt'>) => this.suppliers.set(s.supplierId, { ...s, wid: wid('supplier', s.supplierId), createdAt: at, updatedAt: at });
    // Exists only in Workday: a Coupa supplier with its tax ID is a likely duplicate.
    add({
      supplierId: 'S-1001',
      name: 'Globex Corporation',
      status: 'Active',
      taxIds: [{ text: '94-1234567', type: 'USA-EIN', primary: true }],
      paymentTermsId: 'NET_30',
      address: { line1: '100 Globex Way', line2: null, city: 'Springfield', region: 'OR', postalCode: '97477', country: 'US' },
      email: 'ap@globex.example',
      phone: '+1 541 555 0100',
      settlementAccounts: [{ id: 'SBA-1001', bankName: 'First Springfield Bank', routingNumber: '123000848', accountNumber: '4455667788', iban: null, swift: null, inactive: false }],
      coupaNumber: null,
    });
    // Linked to Coupa supplier number S-1002 (the demo's supplier).
    add({
      supplierId: 'S-1002',
      name: 'Initech LLC',
      status: 'Active',
      taxIds: [{ text: '77-7654321', type: 'USA-EIN', primary: true }],
      paymentTermsId: 'NET_45',
      address: { line1: '4120 Freidrich Lane', line2: 'Suite 200', city: 'Austin', region: 'TX', postalCode: '78744', country: 'US' },
      email: 'billing@initech.example',
      phone: '+1 512 555 0199',
      settlementAccounts: [{ id: 'SBA-1002', bankName: 'Lone Star Bank', routingNumber: '111000025', accountNumber: '000123456789', iban: null, swift: null, inactive: false }],
      coupaNumber: 'S-1002',
    });
  }
}

const stores = new WeakMap<WorkdayStore, WorkdaySupplierStore>();

/** The suppliers of one simulated tenant (created on first use, reset with the sandbox). */
export function supplierStoreOf(store: WorkdayStore): WorkdaySupplierStore {
  let found = stores.get(store);
  if (!found) {
    found = new WorkdaySupplierStore();
    stores.set(store, found);
  }
  return found;
}
