// Coupa suppliers (/api/suppliers), their remit-to addresses and supplier information (bank details of the RTA address): reads by id, number or custom field, and partial writes.
import { z } from 'zod';
import { pathSegment, type CallOptions } from '../http/api-client';
import { collect } from '../http/paging';
import type { CoupaClient } from './client';

const optStr = z.string().nullish().transform((v) => v ?? null);

export const coupaSupplierSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    number: optStr,
    status: z.string().nullish().transform((v) => v ?? 'draft'),
    'updated-at': optStr,
    'tax-id': optStr,
    'primary-address': z
      .object({ street1: optStr, street2: optStr, city: optStr, state: optStr, 'postal-code': optStr, country: z.object({ code: optStr }).passthrough().nullish() })
      .passthrough()
      .nullish(),
    'primary-contact': z.object({ email: optStr, 'phone-work': z.object({ number: optStr }).passthrough().nullish() }).passthrough().nullish(),
    'payment-term': z.object({ code: optStr }).passthrough().nullish(),
    'custom-fields': z.record(z.string(), z.unknown()).nullish(),
  })
  .passthrough();
/** A Coupa supplier as read. Carries the tax ID: never log it. */
export type CoupaSupplier = z.output<typeof coupaSupplierSchema>;
const coupaSuppliersSchema = z.array(coupaSupplierSchema);

const supplierInformationSchema = z
  .object({
    id: z.number(),
    'supplier-information-addresses': z
      .array(z.object({ kind: optStr, 'bank-account-number': optStr, 'bank-routing-number': optStr, 'iban-number': optStr, 'swift-code': optStr }).passthrough())
      .nullish(),
  })
  .passthrough();
const supplierInformationListSchema = z.array(supplierInformationSchema);

/** Bank details of a supplier's RTA address. Never log them. */
export interface CoupaBankDetails {
  accountNumber: string | null;
  routingNumber: string | null;
  iban: string | null;
  swift: string | null;
}

/** Where supplier information lives [U: the reference names the data, not the path]. */
export const COUPA_SUPPLIER_INFORMATION_PATH = '/supplier_information';

export class CoupaSuppliersClient {
  constructor(private readonly coupa: CoupaClient) {}

  getSupplier(id: number, call?: CallOptions): Promise<CoupaSupplier> {
    return this.coupa.http.get(coupaSupplierSchema, `/suppliers/${pathSegment(id)}`, undefined, call);
  }

  async findSupplierByNumber(number: string, call?: CallOptions): Promise<CoupaSupplier | null> {
    const rows = await this.coupa.http.get(coupaSuppliersSchema, '/suppliers', { number, limit: 50, offset: 0 }, call);
    return rows.find((s) => s.number === number) ?? null;
  }

  /** The supplier whose custom field `field` holds `value` (the Workday Supplier ID). */
  async findSupplierByCustomField(field: string, value: string, call?: CallOptions): Promise<CoupaSupplier | null> {
    const rows = await this.coupa.http.get(coupaSuppliersSchema, '/suppliers', { [`custom-fields[${field}]`]: value, limit: 50, offset: 0 }, call);
    return rows.find((s) => customField(s, field) === value) ?? null;
  }

  /** Every supplier (for the duplicate check), 50 per request. */
  listSuppliers(call?: CallOptions): Promise<CoupaSupplier[]> {
    return collect(this.coupa.paginate('/suppliers', coupaSuppliersSchema, {}, call));
  }

  createSupplier(body: Record<string, unknown>, call?: CallOptions): Promise<CoupaSupplier> {
    return this.coupa.http.request(coupaSupplierSchema, { method: 'POST', path: '/suppliers', body, ...(call?.signal ? { signal: call.signal } : {}) });
  }

  /** Partial update: only the keys in `patch` change. */
  updateSupplier(id: number, patch: Record<string, unknown>, call?: CallOptions): Promise<CoupaSupplier> {
    return this.coupa.http.request(coupaSupplierSchema, { method: 'PUT', path: `/suppliers/${pathSegment(id)}`, body: patch, ...(call?.signal ? { signal: call.signal } : {}) });
  }

  /** The supplier's bank details and the supplier information record holding them (null when it has none). */
  async getBankDetails(supplierId: number, call?: CallOptions): Promise<{ informationId: number | null; bank: CoupaBankDetails | null }> {
    const rows = await this.coupa.http.get(supplierInformationListSchema, COUPA_SUPPLIER_INFORMATION_PATH, { 'supplier[id]': supplierId, limit: 50, offset: 0 }, call);
    const info = rows[0];
    if (!info) return { informationId: null, bank: null };
    const rta = (info['supplier-information-addresses'] ?? []).find((a) => a.kind === null || a.kind === 'RTA');
    return {
      informationId: info.id,
      bank: rta ? { accountNumber: rta['bank-account-number'], routingNumber: rta['bank-routing-number'], iban: rta['iban-number'], swift: rta['swift-code'] } : null,
    };
  }

  /** Writes the RTA bank details, creating the supplier information record when there is none. */
  async setBankDetails(supplierId: number, informationId: number | null, bank: CoupaBankDetails | null, call?: CallOptions): Promise<void> {
    const rta = { kind: 'RTA', 'bank-account-number': bank?.accountNumber ?? null, 'bank-routing-number': bank?.routingNumber ?? null, 'iban-number': bank?.iban ?? null, 'swift-code': bank?.swift ?? null };
    const signal = call?.signal ? { signal: call.signal } : {};
    if (informationId === null) {
      await this.coupa.http.request(supplierInformationSchema, { method: 'POST', path: COUPA_SUPPLIER_INFORMATION_PATH, body: { supplier: { id: supplierId }, 'supplier-information-addresses': [rta] }, ...signal });
    } else {
      await this.coupa.http.request(supplierInformationSchema, { method: 'PUT', path: `${COUPA_SUPPLIER_INFORMATION_PATH}/${pathSegment(informationId)}`, body: { 'supplier-information-addresses': [rta] }, ...signal });
    }
  }
}

export function customField(s: CoupaSupplier, field: string): string | null {
  const v = s['custom-fields']?.[field];
  return typeof v === 'string' && v !== '' ? v : null;
}
