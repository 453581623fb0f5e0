// How invoices sit in the approval engine: approved or rejected when their chain ends.
import type { Approvable } from '../approvals/chain.js';

export const invoiceApprovable: Approvable = {
  type: 'InvoiceHeader',
  model: 'invoice-header',
  path: '/invoices',
  // The reference lists `core.invoice.approval.write` for acting on invoice approvals; that it also covers add_approver is [U].
  approverScope: 'core.invoice.approval.write',
  exists: (store, id) => store.invoices.get(id) !== undefined,
  awaitingApproval: (store, id) => store.invoices.get(id)?.status === 'pending_approval',
  chainApproved: (store, id, at) => {
    const invoice = store.invoices.get(id);
    if (!invoice) return;
    invoice.status = 'approved';
    invoice.updatedAt = Math.max(invoice.updatedAt, at);
    store.documentEvents.emit('invoice.approved', id);
  },
  chainRejected: (store, id, _reason, at) => {
    const invoice = store.invoices.get(id);
    if (!invoice) return;
    invoice.status = 'rejected';
    invoice.updatedAt = Math.max(invoice.updatedAt, at);
  },
  touch: (store, id) => {
    const invoice = store.invoices.get(id);
    if (invoice) store.touch(invoice);
  },
};
