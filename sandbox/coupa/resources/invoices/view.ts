// Renders the minimal invoice header with its approvals embedded.
import type { CoupaStore } from '../../store.js';
import { currencyStub, userStub } from '../../views.js';
import { formatTimestamp, type JsonObject } from '../../wire.js';
import { approvalsOf, currentApproval } from '../approvals/chain.js';
import { renderApproval } from '../approvals/view.js';
import type { InvoiceRecord } from './record.js';
import { renderInvoicePayables } from './payments.js';
import { renderFinanceLine } from '../finance-lines.js';

export function renderInvoice(store: CoupaStore, invoice: InvoiceRecord): JsonObject {
  const requester = invoice.requestedById === null ? undefined : store.users.get(invoice.requestedById);
  const current = currentApproval(store, 'InvoiceHeader', invoice.id);
  return {
    id: invoice.id,
    'created-at': formatTimestamp(invoice.createdAt),
    'updated-at': formatTimestamp(invoice.updatedAt),
    'invoice-number': invoice.invoiceNumber,
    status: invoice.status,
    'document-type': invoice.documentType ?? 'Invoice',
    'invoice-date': invoice.invoiceDate ?? formatTimestamp(invoice.createdAt).slice(0, 10),
    currency: currencyStub(store.currencies.get(invoice.currencyId)),
    'total-with-taxes': invoice.total,
    'requested-by': requester ? userStub(requester) : null,
    'current-approval': current ? renderApproval(store, current) : null,
    approvals: approvalsOf(store, 'InvoiceHeader', invoice.id).map((a) => renderApproval(store, a)),
    ...renderInvoicePayables(invoice),
    exported: invoice.exported ?? false,
    'last-exported-at': invoice.lastExportedAt ? formatTimestamp(invoice.lastExportedAt) : null,
    // Line ids are derived from the invoice id (the sandbox keeps lines inside the invoice record).
    'invoice-lines': (invoice.lines ?? []).map((line) => renderFinanceLine(line, invoice.id * 100 + line.lineNum, 'InvoiceAmountLine')),
  };
}
