// /api/invoices, minimal: list and show (to see status and approvals), add_approver and remove_approval. Invoice sync extends this folder.
import type { Router } from 'express';
import type { CoupaAuth } from '../../oauth.js';
import { mountResource, type ResourceDefinition } from '../../resource.js';
import type { CoupaStore } from '../../store.js';
import { mountApproverActions } from '../approvals/document-routes.js';
import { invoiceApprovable } from './approvable.js';
import { renderInvoice } from './view.js';
import { mountInvoicePayments } from './payments.js';
import { mountInvoiceExport } from './export.js';

export const INVOICE_ATTRIBUTES = [
  'id',
  'created-at',
  'updated-at',
  'invoice-number',
  'status',
  'document-type',
  'currency',
  'total-with-taxes',
  'requested-by',
  'current-approval',
  'approvals',
  'invoice-date',
  'exported',
  'last-exported-at',
  'paid',
  'net-due-date',
  'supplier',
] as const;

function invoicesResource(store: CoupaStore): ResourceDefinition {
  return {
    path: '/invoices',
    scope: 'core.invoice',
    schema: { resource: 'invoices', attributes: INVOICE_ATTRIBUTES },
    list: () => store.invoices.all().map((i) => renderInvoice(store, i)),
    show: (id) => {
      const invoice = store.invoices.get(id);
      return invoice ? renderInvoice(store, invoice) : undefined;
    },
  };
}

export function mountInvoices(api: Router, auth: CoupaAuth, store: CoupaStore): void {
  const resource = invoicesResource(store);
  mountApproverActions(api, auth, store, invoiceApprovable, (id) => resource.show(id));
  // `?exported=` first (finance's mark-exported request); any other PUT (payments, paid) goes on to the payments handler.
  mountInvoiceExport(api, auth, store, (id) => resource.show(id));
  mountInvoicePayments(api, auth, store);
  mountResource(api, auth, resource);
}
