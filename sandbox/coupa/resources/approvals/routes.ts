// /api/approvals: list (filter by status, approver[id], approvable-type, approvable-id…), show, and the approve / reject / hold actions.
import type { Request, Response, Router } from 'express';
import { requireScope, type CoupaAuth } from '../../oauth.js';
import { mountResource, type ResourceDefinition } from '../../resource.js';
import type { CoupaStore } from '../../store.js';
import { recordNotFound } from '../../wire.js';
import { APPROVABLES } from '../approvables.js';
import { actionParam, recordId, replyRecord } from '../http.js';
import { actOnApproval, type ApprovalAction } from './chain.js';
import { renderApproval } from './view.js';

export const APPROVAL_ATTRIBUTES = [
  'id',
  'created-at',
  'updated-at',
  'position',
  'approval-chain-id',
  'status',
  'approval-date',
  'note',
  'type',
  'approvable-type',
  'approvable-id',
  'approver-type',
  'approver',
  'approved-by',
  'delegate',
  'holdable',
  'created-by',
] as const;

function approvalsResource(store: CoupaStore): ResourceDefinition {
  return {
    path: '/approvals',
    scope: 'core.approval',
    schema: { resource: 'approvals', attributes: APPROVAL_ATTRIBUTES },
    list: () => store.approvals.all().map((a) => renderApproval(store, a)),
    show: (id) => {
      const approval = store.approvals.get(id);
      return approval ? renderApproval(store, approval) : undefined;
    },
  };
}

export function mountApprovals(api: Router, auth: CoupaAuth, store: CoupaStore): void {
  const resource = approvalsResource(store);
  // The reference: `core.approval.write` covers approve, reject and hold.
  const write = requireScope(auth, 'core.approval.write');
  const action = (name: ApprovalAction) => (req: Request, res: Response) => {
    const approval = store.approvals.get(recordId(req));
    if (!approval) throw recordNotFound();
    // Compass: `reject?reason=Rejected%20by%20Integration`; a reason on approve or hold is kept as the note.
    actOnApproval(store, APPROVABLES[approval.approvableType], approval, name, actionParam(req, 'reason') ?? null);
    replyRecord(req, res, 200, resource.show(approval.id) ?? {});
  };
  api.put('/api/approvals/:id/approve', write, action('approve'));
  api.put('/api/approvals/:id/reject', write, action('reject'));
  api.put('/api/approvals/:id/hold', write, action('hold'));
  mountResource(api, auth, resource);
}
