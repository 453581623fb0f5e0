// Coupa Call Outs: an approved invoice or an issued PO is POSTed (as the API renders it) to the configured endpoint with OAuth client credentials, retried on non-2xx.
import { OutboundDeliveries } from '../kit/outbound';
import type { CoupaStore } from './store.js';
import { renderInvoice } from './resources/invoices/view.js';
import { renderPurchaseOrder } from './resources/purchase-orders/view.js';

/** Wires the store's document events to one Call Out subscription (off until configured). */
export function createCallouts(store: CoupaStore): OutboundDeliveries {
  const callouts = new OutboundDeliveries();
  // [U] The Call Out payload: the document as GET /api/{resource}/{id} renders it.
  store.documentEvents.on('invoice.approved', (id) => {
    const invoice = store.invoices.get(id);
    if (!invoice) return;
    const body = JSON.stringify(renderInvoice(store, invoice));
    callouts.send({ path: '/invoices', contentType: 'application/json', render: () => body, description: `invoice ${id} approved` });
  });
  store.documentEvents.on('purchase_order.issued', (id) => {
    const po = store.purchaseOrders.get(id);
    if (!po) return;
    const body = JSON.stringify(renderPurchaseOrder(store, po));
    callouts.send({ path: '/purchase_orders', contentType: 'application/json', render: () => body, description: `purchase order ${id} issued` });
  });
  return callouts;
}
