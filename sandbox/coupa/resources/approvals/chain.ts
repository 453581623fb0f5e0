// The approval chain engine every approvable document shares: build a chain, act on a step, add and remove approvers, advance the document.
import type { CoupaStore } from '../../store.js';
import { validationError, type CoupaHttpError } from '../../wire.js';
import type { ApprovalRecord, ApprovableType, ApprovalKind, ApproverType } from './record.js';
import { ACTIONABLE_APPROVAL_STATES, isOpen } from './record.js';
import { approvalStatusName } from './view.js';

/** What the chain engine needs from a document type; each document's folder defines one (approvable.ts). */
export interface Approvable {
  type: ApprovableType;
  /** Model key of its 400 bodies, e.g. `requisition-header`. */
  model: string;
  /** Collection path under /api, e.g. `/requisitions`. */
  path: string;
  /** Scope of add_approver / remove_approval on this document. */
  approverScope: string;
  exists(store: CoupaStore, id: number): boolean;
  /** True while the document waits in its approval chain (add_approver is refused otherwise). */
  awaitingApproval(store: CoupaStore, id: number): boolean;
  /** No undecided step is left: the document moves on (approved, issued…). */
  chainApproved(store: CoupaStore, id: number, at: number): void;
  chainRejected(store: CoupaStore, id: number, reason: string | null, at: number): void;
  /** Bumps the document's updated-at: its rendered approvals changed. */
  touch(store: CoupaStore, id: number): void;
}

export interface ApproverRef {
  type: ApproverType;
  id: number;
}

const APPROVAL_MODEL = 'approval';

export function approvalsOf(store: CoupaStore, type: ApprovableType, id: number): ApprovalRecord[] {
  return store.approvals
    .all()
    .filter((a) => a.approvableType === type && a.approvableId === id)
    .sort((a, b) => a.position - b.position || a.id - b.id);
}

/** The step the document waits on now: pending or on hold. */
export function currentApproval(store: CoupaStore, type: ApprovableType, id: number): ApprovalRecord | undefined {
  return approvalsOf(store, type, id).find((a) => ACTIONABLE_APPROVAL_STATES.includes(a.state));
}

/** Positions 1..n in chain order; a step whose position changed is bumped (its rendering changed). */
function renumber(chain: ApprovalRecord[], at: number): void {
  chain.forEach((approval, index) => {
    if (approval.position === index + 1) return;
    approval.position = index + 1;
    approval.updatedAt = Math.max(approval.updatedAt, at);
  });
}

/**
 * Appends steps to a document's chain, the first undecided one becoming current. `at` is fixed in
 * the seed (deterministic snapshots) and the store's clock otherwise.
 */
export function appendApprovals(
  store: CoupaStore,
  approvable: Approvable,
  documentId: number,
  approvers: ApproverRef[],
  kind: ApprovalKind,
  at: number,
  createdById: number | null = null,
): ApprovalRecord[] {
  const chain = approvalsOf(store, approvable.type, documentId);
  const added = approvers.map((approver, index) =>
    store.approvals.insert(
      {
        approvableType: approvable.type,
        approvableId: documentId,
        position: chain.length + index + 1,
        state: 'queued',
        kind,
        approverType: approver.type,
        approverId: approver.id,
        approvalDate: null,
        approvedById: null,
        note: null,
        createdById,
      },
      at,
    ),
  );
  promoteNext(store, approvable, documentId, at);
  return added;
}

/**
 * Makes the first queued step current when none is; approves the document when nothing is left
 * undecided. Returns false when the document has no chain left (it just got approved).
 */
function promoteNext(store: CoupaStore, approvable: Approvable, documentId: number, at: number): boolean {
  const chain = approvalsOf(store, approvable.type, documentId);
  if (chain.some((a) => ACTIONABLE_APPROVAL_STATES.includes(a.state))) return true;
  const next = chain.find((a) => a.state === 'queued');
  if (next) {
    next.state = 'pending';
    next.updatedAt = Math.max(next.updatedAt, at);
    return true;
  }
  approvable.chainApproved(store, documentId, at);
  return false;
}

function notActionable(store: CoupaStore, approval: ApprovalRecord, verb: string): CoupaHttpError {
  const status = approvalStatusName(store, approval.state);
  // Compass: "an approval must be Pending (and not already approved or rejected) for the action to be valid"; wording [U].
  return validationError(APPROVAL_MODEL, [`Approval ${approval.id} cannot be ${verb}: its status is ${status}, not pending_approval`]);
}

export type ApprovalAction = 'approve' | 'reject' | 'hold';

/** PUT /api/approvals/:id/{approve,reject,hold}; 400 unless the step is actionable. */
export function actOnApproval(
  store: CoupaStore,
  approvable: Approvable,
  approval: ApprovalRecord,
  action: ApprovalAction,
  reason: string | null,
): void {
  const at = store.now();
  if (action === 'hold') {
    if (approval.state !== 'pending') throw notActionable(store, approval, 'held');
    approval.state = 'on-hold';
    if (reason !== null) approval.note = reason;
    store.touch(approval);
    approvable.touch(store, approval.approvableId);
    return;
  }
  if (!ACTIONABLE_APPROVAL_STATES.includes(approval.state)) {
    throw notActionable(store, approval, action === 'approve' ? 'approved' : 'rejected');
  }
  approval.approvalDate = at;
  approval.approvedById = approval.approverType === 'User' ? approval.approverId : null;
  if (reason !== null) approval.note = reason;
  approval.updatedAt = at;
  if (action === 'approve') {
    approval.state = 'approved';
    promoteNext(store, approvable, approval.approvableId, at);
  } else {
    approval.state = 'rejected';
    // A rejected document leaves its chain: the steps not reached yet are dropped [U].
    for (const queued of approvalsOf(store, approvable.type, approval.approvableId).filter((a) => a.state === 'queued')) {
      store.approvals.delete(queued.id);
    }
    approvable.chainRejected(store, approval.approvableId, reason, at);
  }
  approvable.touch(store, approval.approvableId);
}

/**
 * PUT /api/{document}/:id/add_approver?approver_id=N: a manual step for an active user, placed right
 * after the current step (or last when none is current) [U: Coupa's API takes no position we know
 * of]. Adding someone who already has an open step is allowed, as nothing documents a refusal [U]:
 * callers check first.
 */
export function addApprover(store: CoupaStore, approvable: Approvable, documentId: number, userId: number): ApprovalRecord {
  if (!approvable.awaitingApproval(store, documentId)) {
    throw validationError(approvable.model, ['Approvers can only be added while the document is pending approval']);
  }
  const user = store.users.get(userId);
  if (!user) {
    throw validationError(approvable.model, [`Unable to find valid User record for {"id":${userId}}. Possible keys are [id]`]);
  }
  if (!user.active) throw validationError(approvable.model, [`User ${user.login} is inactive and cannot approve`]);
  const at = store.now();
  const chain = approvalsOf(store, approvable.type, documentId);
  const current = chain.findIndex((a) => ACTIONABLE_APPROVAL_STATES.includes(a.state));
  const insertAt = current >= 0 ? current + 1 : chain.length;
  const added = store.approvals.insert(
    {
      approvableType: approvable.type,
      approvableId: documentId,
      position: insertAt + 1,
      state: 'queued',
      kind: 'ManualApproval',
      approverType: 'User',
      approverId: userId,
      approvalDate: null,
      approvedById: null,
      note: null,
      createdById: null,
    },
    at,
  );
  chain.splice(insertAt, 0, added);
  renumber(chain, at);
  promoteNext(store, approvable, documentId, at);
  approvable.touch(store, documentId);
  return added;
}

/**
 * PUT /api/{document}/:id/remove_approval?approval_id=N: drops an undecided step (400 for a decided
 * one); the next step becomes current, and a chain left with nothing undecided approves the document.
 */
export function removeApproval(store: CoupaStore, approvable: Approvable, documentId: number, approvalId: number): ApprovalRecord {
  const approval = store.approvals.get(approvalId);
  if (!approval || approval.approvableType !== approvable.type || approval.approvableId !== documentId) {
    throw validationError(approvable.model, [`Approval ${approvalId} is not an approval of this document`]);
  }
  if (!isOpen(approval)) throw notActionable(store, approval, 'removed');
  if (store.approvalBehaviour.removeApproval === 'manual-only' && approval.kind !== 'ManualApproval') {
    throw validationError(approvable.model, [`Approval ${approvalId} was not added manually and cannot be removed`]);
  }
  const at = store.now();
  store.approvals.delete(approvalId);
  renumber(approvalsOf(store, approvable.type, documentId), at);
  promoteNext(store, approvable, documentId, at);
  approvable.touch(store, documentId);
  return approval;
}
