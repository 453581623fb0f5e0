// A minimal invoice header: enough to carry approvals (id, number, status, requester, total). Extend it when invoice sync needs more.
import type { Stamped } from '../../store.js';

export type InvoiceStatus = 'draft' | 'pending_approval' | 'approved' | 'rejected' | 'voided';

export interface InvoiceRecord extends Stamped {
  invoiceNumber: string;
  status: InvoiceStatus;
  requestedById: number | null;
  currencyId: number;
  /** Money string. */
  total: string;
}
