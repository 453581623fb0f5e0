// Every approvable document type, so /api/approvals can reach the document behind a step.
import type { Approvable } from './approvals/chain.js';
import type { ApprovableType } from './approvals/record.js';
import { invoiceApprovable } from './invoices/approvable.js';
import { purchaseOrderApprovable } from './purchase-orders/approvable.js';
import { requisitionApprovable } from './requisitions/approvable.js';

export const APPROVABLES: Readonly<Record<ApprovableType, Approvable>> = {
  RequisitionHeader: requisitionApprovable,
  InvoiceHeader: invoiceApprovable,
  OrderHeader: purchaseOrderApprovable,
};
