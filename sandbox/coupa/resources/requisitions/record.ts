// Requisition headers and lines as the store keeps them; rendered by view.ts.
import type { Stamped } from '../../store.js';

/** Compass' requisition statuses. */
export const REQUISITION_STATUSES = [
  'draft',
  'cart',
  'pending_buyer_action',
  'pending_approval',
  'approved',
  'ordered',
  'partially_received',
  'received',
  'abandoned',
  'backgrounded',
  'withdrawn',
] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];

/** Statuses in which a requisition has not been submitted: lines editable, DELETE allowed. */
export const UNSUBMITTED_REQUISITION_STATUSES: readonly RequisitionStatus[] = ['draft', 'cart'];

export interface RequisitionRecord extends Stamped {
  status: RequisitionStatus;
  requestedById: number;
  createdById: number | null;
  justification: string | null;
  departmentId: number | null;
  currencyId: number;
  /** Epoch ms. */
  needByDate: number | null;
  submittedAt: number | null;
  rejectReasonComment: string | null;
  exported: boolean;
}

export type RequisitionLineType = 'RequisitionQuantityLine' | 'RequisitionAmountLine';

export interface RequisitionLineRecord extends Stamped {
  requisitionId: number;
  lineNum: number;
  type: RequisitionLineType;
  description: string;
  /** Decimal string; null on amount lines. */
  quantity: string | null;
  /** Money string. */
  unitPrice: string;
  uomCode: string | null;
  needByDate: number | null;
}

/** Quantity × unit price, or the amount of an amount line; money string. */
export function lineTotal(line: Pick<RequisitionLineRecord, 'quantity' | 'unitPrice'>): string {
  const total = line.quantity === null ? Number(line.unitPrice) : Number(line.quantity) * Number(line.unitPrice);
  return total.toFixed(2);
}
