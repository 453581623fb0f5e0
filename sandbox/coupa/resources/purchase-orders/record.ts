// A minimal purchase order header: enough to carry approvals (id, po-number, status, requester, total). Extend it when PO sync needs more.
import type { Stamped } from '../../store.js';
import type { FinanceLineRecord } from '../finance-lines.js';

/** Coupa's PO statuses, plus `pending_approval` for a PO waiting in its approval chain [U: not in the reference's list]. */
export type PurchaseOrderStatus = 'draft' | 'pending_approval' | 'buyer_hold' | 'issued' | 'closed' | 'soft_closed' | 'cancelled';

export interface PurchaseOrderRecord extends Stamped {
  poNumber: string;
  status: PurchaseOrderStatus;
  version: number;
  requesterId: number | null;
  currencyId: number;
  /** Money string. */
  total: string;
  // ---- encumbrance (finance) ----
  /** Cleared by a new version (a supplier revision), set by `PUT /api/purchase_orders/:id?exported=true`. */
  exported?: boolean;
  lastExportedAt?: number | null;
  lines?: FinanceLineRecord[];
}
