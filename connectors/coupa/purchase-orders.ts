// Coupa purchase orders for encumbrances: read one with its lines (as of its current version), mark it exported.
import { pathSegment, type CallOptions } from '../http/api-client';
import type { CoupaClient } from './client';
import { coupaPurchaseOrderSchema, type CoupaPurchaseOrder } from './finance-schemas';

export function getCoupaPurchaseOrder(coupa: CoupaClient, poId: number, call?: CallOptions): Promise<CoupaPurchaseOrder> {
  return coupa.http.get(coupaPurchaseOrderSchema, `/purchase_orders/${pathSegment(poId)}`, undefined, call);
}

/** `PUT /api/purchase_orders/{id}?exported=true`: a later version clears it again in Coupa. */
export async function markCoupaPurchaseOrderExported(coupa: CoupaClient, poId: number, call?: CallOptions): Promise<void> {
  await coupa.http.request(coupaPurchaseOrderSchema, { method: 'PUT', path: `/purchase_orders/${pathSegment(poId)}`, query: { exported: 'true', return_object: 'limited' }, ...(call?.signal ? { signal: call.signal } : {}) });
}
