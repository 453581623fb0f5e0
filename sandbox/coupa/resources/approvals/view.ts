// Renders approvals the way Coupa's JSON API shows them, alone (/api/approvals) and embedded in their documents.
import type { CoupaStore } from '../../store.js';
import { userStub } from '../../views.js';
import { formatTimestamp, type JsonObject } from '../../wire.js';
import type { ApprovalRecord, ApprovalState } from './record.js';

export function approvalStatusName(store: CoupaStore, state: ApprovalState): string {
  switch (state) {
    case 'queued':
      return store.approvalBehaviour.queuedApprovalStatus;
    case 'pending':
      return 'pending_approval';
    // Whether a held approval shows `on_hold` or stays `pending_approval` with a flag is unconfirmed [U].
    case 'on-hold':
      return 'on_hold';
    case 'approved':
      return 'approved';
    case 'rejected':
      return 'rejected';
  }
}

function userRef(store: CoupaStore, id: number | null): JsonObject | null {
  const user = id === null ? undefined : store.users.get(id);
  return user ? userStub(user) : null;
}

/** The approver: a user stub, or an approval group's `{id, name}`. */
function approverRef(store: CoupaStore, approval: ApprovalRecord): JsonObject | null {
  if (approval.approverType === 'User') return userRef(store, approval.approverId);
  const group = store.userGroups.get(approval.approverId);
  return group ? { id: group.id, name: group.name } : null;
}

export function renderApproval(store: CoupaStore, approval: ApprovalRecord): JsonObject {
  return {
    id: approval.id,
    'created-at': formatTimestamp(approval.createdAt),
    'updated-at': formatTimestamp(approval.updatedAt),
    position: approval.position,
    'approval-chain-id': null,
    status: approvalStatusName(store, approval.state),
    'approval-date': approval.approvalDate === null ? null : formatTimestamp(approval.approvalDate),
    note: approval.note,
    type: approval.kind,
    'approvable-type': approval.approvableType,
    'approvable-id': approval.approvableId,
    // Rails' polymorphic type column [U: Compass describes approver-type as "the role of the approver"].
    'approver-type': approval.approverType,
    approver: approverRef(store, approval),
    'approved-by': userRef(store, approval.approvedById),
    delegate: null,
    holdable: approval.state === 'pending',
    'created-by': userRef(store, approval.createdById),
  };
}
