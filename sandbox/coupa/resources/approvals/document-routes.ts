// The approver actions every approvable document has: PUT /api/{document}/:id/add_approver and /remove_approval.
import type { Request, Response, Router } from 'express';
import { requireScope, type CoupaAuth } from '../../oauth.js';
import type { CoupaStore } from '../../store.js';
import { recordNotFound, type JsonObject } from '../../wire.js';
import { idParam, recordId, replyRecord } from '../http.js';
import { addApprover, removeApproval, type Approvable } from './chain.js';

export function mountApproverActions(
  api: Router,
  auth: CoupaAuth,
  store: CoupaStore,
  approvable: Approvable,
  show: (id: number) => JsonObject | undefined,
): void {
  const base = `/api${approvable.path}`;
  const scope = requireScope(auth, approvable.approverScope);

  // Compass: `add_approver?approver_id=33` (a user id).
  api.put(`${base}/:id/add_approver`, scope, (req: Request, res: Response) => {
    const id = recordId(req);
    if (!approvable.exists(store, id)) throw recordNotFound();
    addApprover(store, approvable, id, idParam(req, 'approver-id', approvable.model));
    replyRecord(req, res, 200, show(id) ?? {});
  });

  // The parameter naming the step is unconfirmed [U]: `approval_id`, by analogy with add_approver's `approver_id`.
  api.put(`${base}/:id/remove_approval`, scope, (req: Request, res: Response) => {
    const id = recordId(req);
    if (!approvable.exists(store, id)) throw recordNotFound();
    removeApproval(store, approvable, id, idParam(req, 'approval-id', approvable.model));
    replyRecord(req, res, 200, show(id) ?? {});
  });
}
