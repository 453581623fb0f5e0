// Approval records: one step of a document's approval chain, whoever (user or approval group) it waits on.
import type { Stamped } from '../../store.js';

/** Documents that carry approvals, named as Coupa's `approvable-type` names them. */
export const APPROVABLE_TYPES = ['RequisitionHeader', 'InvoiceHeader', 'OrderHeader'] as const;
export type ApprovableType = (typeof APPROVABLE_TYPES)[number];

/**
 * Where a step stands. Stored in our own words and rendered through `approvalStatusName`, because
 * the name Coupa gives a step not reached yet is unconfirmed (configurable, see config.ts).
 * - queued: later in the chain, not actionable yet
 * - pending: the current step (`pending_approval`), actionable
 * - on-hold: the approver put it on hold; still theirs, still actionable
 */
export type ApprovalState = 'queued' | 'pending' | 'on-hold' | 'approved' | 'rejected';

/** Steps not yet decided: what an offboarding must move off a leaver. */
export const OPEN_APPROVAL_STATES: readonly ApprovalState[] = ['queued', 'pending', 'on-hold'];
/** Steps approve and reject may act on; hold only acts on `pending`. */
export const ACTIONABLE_APPROVAL_STATES: readonly ApprovalState[] = ['pending', 'on-hold'];

/** Coupa's `type` of an approval: how the step got into the chain. */
export type ApprovalKind = 'ManagementHierarchyApproval' | 'ApprovalChainApproval' | 'ManualApproval';

export type ApproverType = 'User' | 'UserGroup';

export interface ApprovalRecord extends Stamped {
  approvableType: ApprovableType;
  approvableId: number;
  /** 1-based order in the chain; renumbered when a step is added or removed. */
  position: number;
  state: ApprovalState;
  kind: ApprovalKind;
  approverType: ApproverType;
  /** A user id or a user group id, per `approverType`. */
  approverId: number;
  /** Epoch ms of the decision. */
  approvalDate: number | null;
  approvedById: number | null;
  /** The approver's note; a rejection's reason. */
  note: string | null;
  createdById: number | null;
}

export function isOpen(approval: ApprovalRecord): boolean {
  return OPEN_APPROVAL_STATES.includes(approval.state);
}
