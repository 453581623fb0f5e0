// How requisitions sit in the approval engine: their chain from the requester's management hierarchy, and what approval or rejection does to them.
import type { CoupaStore } from '../../store.js';
import type { Approvable, ApproverRef } from '../approvals/chain.js';

/** Management levels walked at most; a real chain is bounded by approval limits, this guards a manager cycle. */
const MAX_HIERARCHY_LEVELS = 6;

export const requisitionApprovable: Approvable = {
  type: 'RequisitionHeader',
  model: 'requisition-header',
  path: '/requisitions',
  approverScope: 'core.requisition.write',
  exists: (store, id) => store.requisitions.get(id) !== undefined,
  awaitingApproval: (store, id) => store.requisitions.get(id)?.status === 'pending_approval',
  chainApproved: (store, id, at) => {
    const req = store.requisitions.get(id);
    if (!req) return;
    req.status = 'approved';
    req.updatedAt = Math.max(req.updatedAt, at);
  },
  // A rejected requisition goes back to its requester as a draft with the reason [U: Coupa's status list has no `rejected`].
  chainRejected: (store, id, reason, at) => {
    const req = store.requisitions.get(id);
    if (!req) return;
    req.status = 'draft';
    req.rejectReasonComment = reason;
    req.submittedAt = null;
    req.updatedAt = Math.max(req.updatedAt, at);
  },
  touch: (store, id) => {
    const req = store.requisitions.get(id);
    if (req) store.touch(req);
  },
};

/**
 * The requester's managers, nearest first, up to the first whose requisition approval limit covers
 * the total (inactive managers skipped). No manager means no approval: the requisition is approved
 * on submit, as Coupa does when no approver applies.
 */
export function managementChain(store: CoupaStore, requesterId: number, total: string): ApproverRef[] {
  const chain: ApproverRef[] = [];
  const seen = new Set<number>([requesterId]);
  let cursor = store.users.get(requesterId)?.managerId ?? null;
  for (let level = 0; cursor !== null && level < MAX_HIERARCHY_LEVELS && !seen.has(cursor); level += 1) {
    seen.add(cursor);
    const manager = store.users.get(cursor);
    if (!manager) break;
    if (manager.active) {
      chain.push({ type: 'User', id: manager.id });
      const limit = manager.requisitionApprovalLimitId === null ? undefined : store.approvalLimits.get(manager.requisitionApprovalLimitId);
      if (limit && Number(limit.amount) >= Number(total)) break;
    }
    cursor = manager.managerId;
  }
  return chain;
}
