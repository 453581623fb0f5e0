// Coupa Call Outs: the document as Coupa's API renders it (payload unconfirmed: the fields read are the API's), turned into a business event.
import { z } from 'zod';
import type { BusinessEvent } from '../events/events';

const coupaId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/)]).transform(String);

const invoiceSchema = z.object({ id: coupaId, status: z.string().min(1), 'updated-at': z.string().optional() });
const purchaseOrderSchema = z.object({
  id: coupaId,
  status: z.string().min(1),
  version: z.coerce.number().int().min(0).optional(),
  'updated-at': z.string().optional(),
});

/** PO statuses that change what is encumbered in Workday (the reference's POs export filter). */
const PO_STATUSES = new Set(['issued', 'closed', 'soft_closed', 'cancelled']);

export type CalloutDocument = 'invoices' | 'purchase_orders';

export function calloutEvent(document: CalloutDocument, body: unknown): BusinessEvent | { ignored: string } | { invalid: string } {
  const schema = document === 'invoices' ? invoiceSchema : purchaseOrderSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { invalid: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') };
  const doc = parsed.data;
  const stamp = doc['updated-at'] ?? 'unstamped';
  if (document === 'invoices') {
    if (doc.status !== 'approved') return { ignored: `invoice ${doc.id} is ${doc.status}: only approved invoices are posted` };
    return { kind: 'invoice.approved', coupaInvoiceId: doc.id, eventId: `coupa:invoice:${doc.id}:approved`, source: 'coupa-callout' };
  }
  if (!PO_STATUSES.has(doc.status)) return { ignored: `purchase order ${doc.id} is ${doc.status}: nothing to encumber yet` };
  const version = 'version' in doc && typeof doc.version === 'number' ? doc.version : 0;
  const observedAt = doc['updated-at'] && !Number.isNaN(Date.parse(doc['updated-at'])) ? new Date(doc['updated-at']).toISOString() : new Date().toISOString();
  return {
    kind: 'purchase-order.changed',
    coupaPoId: doc.id,
    version,
    status: doc.status,
    observedAt,
    eventId: `coupa:po:${doc.id}:${version}:${doc.status}:${stamp}`,
    source: 'coupa-callout',
  };
}
