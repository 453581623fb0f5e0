// A minimal invoice header: enough to carry approvals (id, number, status, requester, total). Extend it when invoice sync needs more.
import type { Stamped } from '../../store.js';
import type { FinanceLineRecord } from '../finance-lines.js';

export type InvoiceStatus = 'draft' | 'pending_approval' | 'approved' | 'rejected' | 'voided';

export interface InvoiceRecord extends Stamped {
  invoiceNumber: string;
  status: InvoiceStatus;
  requestedById: number | null;
  currencyId: number;
  /** Money string. */
  total: string;
  // ---- invoice posting (finance) ----
  /** `Invoice` (default) or `Credit Note`. */
  documentType?: 'Invoice' | 'Credit Note';
  /** YYYY-MM-DD. */
  invoiceDate?: string;
  /** Set by `PUT /api/invoices/:id?exported=true`; API edits leave it, a UI edit may clear it. */
  exported?: boolean;
  lastExportedAt?: number | null;
  lines?: FinanceLineRecord[];
}
