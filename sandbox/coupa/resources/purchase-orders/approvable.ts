// How purchase orders sit in the approval engine: issued or sent back to draft when their chain ends.
import type { Approvable } from '../approvals/chain.js';

export const purchaseOrderApprovable: Approvable = {
  type: 'OrderHeader',
  model: 'order-header',
  // Compass documents add_approver / remove_approval on /api/purchase_order_changes (PO change
  // requests), not on /api/purchase_orders; the PO path is [U], simulated so OrderHeader approvals
  // can be rerouted like the others. The connector's path per type is configurable for this reason.
  path: '/purchase_orders',
  approverScope: 'core.purchase_order.write',
  exists: (store, id) => store.purchaseOrders.get(id) !== undefined,
  awaitingApproval: (store, id) => store.purchaseOrders.get(id)?.status === 'pending_approval',
  chainApproved: (store, id, at) => {
    const po = store.purchaseOrders.get(id);
    if (!po) return;
    po.status = 'issued';
    po.updatedAt = Math.max(po.updatedAt, at);
    store.documentEvents.emit('purchase_order.issued', id);
  },
  chainRejected: (store, id, _reason, at) => {
    const po = store.purchaseOrders.get(id);
    if (!po) return;
    po.status = 'draft';
    po.updatedAt = Math.max(po.updatedAt, at);
  },
  touch: (store, id) => {
    const po = store.purchaseOrders.get(id);
    if (po) store.touch(po);
  },
};
