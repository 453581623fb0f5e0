// Coupa invoices for posting: read one with its lines, list approved ones not yet exported, mark one exported in its own request.
import { pathSegment, type CallOptions } from '../http/api-client';
import type { CoupaClient } from './client';
import { coupaInvoiceSchema, coupaInvoicesSchema, type CoupaInvoice } from './finance-schemas';

export function getCoupaInvoice(coupa: CoupaClient, invoiceId: number, call?: CallOptions): Promise<CoupaInvoice> {
  return coupa.http.get(coupaInvoiceSchema, `/invoices/${pathSegment(invoiceId)}`, undefined, call);
}

/**
 * `PUT /api/invoices/{id}?exported=true` with no body (reference § Integration patterns: other fields sent
 * alongside are a silent no-op, so nothing else rides on this request).
 */
export async function markCoupaInvoiceExported(coupa: CoupaClient, invoiceId: number, call?: CallOptions): Promise<void> {
  await coupa.http.request(coupaInvoiceSchema, { method: 'PUT', path: `/invoices/${pathSegment(invoiceId)}`, query: { exported: 'true', return_object: 'limited' }, ...(call?.signal ? { signal: call.signal } : {}) });
}

/** Approved invoices not yet exported (the ERP pattern's poll), first page of up to 50: re-query from offset 0 after marking. */
export function listCoupaInvoicesToExport(coupa: CoupaClient, call?: CallOptions): Promise<CoupaInvoice[]> {
  return coupa.http.get(coupaInvoicesSchema, '/invoices', { exported: 'false', status: 'approved', limit: 50, offset: 0 }, call);
}
