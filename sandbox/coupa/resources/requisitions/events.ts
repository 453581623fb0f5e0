// Admin route causing requisition events: POST /_sandbox/requisitions creates a requisition for a user, pending approval by default.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CoupaStore } from '../../store.js';
import { formatMoney } from '../../wire.js';
import { approverKeySchema, handleAdmin, moneySchema, requireUser, resolveApprovers, userKeySchema } from '../admin.js';
import { appendApprovals } from '../approvals/chain.js';
import { managementChain, requisitionApprovable } from './approvable.js';
import { requisitionTotal, renderRequisition } from './view.js';

export const requisitionEventSchema = z
  .object({
    requester: userKeySchema,
    /** Omitted: the requester's management chain, as a submit builds it. Empty: approved at once. */
    approvers: z.array(approverKeySchema).optional(),
    lines: z
      .array(z.object({ description: z.string().min(1), quantity: z.number().positive().optional(), 'unit-price': moneySchema }).strict())
      .min(1)
      .optional(),
    justification: z.string().optional(),
    status: z.enum(['pending_approval', 'draft']).default('pending_approval'),
  })
  .strict();
export type RequisitionEvent = z.input<typeof requisitionEventSchema>;

/** Creates the requisition and its chain directly in the store (no scopes, no API validation). */
export function createRequisitionEvent(store: CoupaStore, input: unknown): number {
  const event = requisitionEventSchema.parse(input);
  const requester = requireUser(store, event.requester, ['requester']);
  const approvers = event.approvers === undefined ? undefined : resolveApprovers(store, event.approvers, 'approvers');
  const at = store.now();
  const req = store.requisitions.insert(
    {
      status: event.status,
      requestedById: requester.id,
      createdById: requester.id,
      justification: event.justification ?? null,
      departmentId: requester.departmentId,
      currencyId: requester.defaultCurrencyId ?? store.findCurrencyByCode('USD')?.id ?? 1,
      needByDate: null,
      submittedAt: event.status === 'draft' ? null : at,
      rejectReasonComment: null,
      exported: false,
    },
    at,
  );
  const lines = event.lines ?? [{ description: 'Sandbox requisition item', quantity: 1, 'unit-price': 100 }];
  lines.forEach((line, index) => {
    store.requisitionLines.insert(
      {
        requisitionId: req.id,
        lineNum: index + 1,
        type: 'RequisitionQuantityLine',
        description: line.description,
        quantity: String(line.quantity ?? 1),
        unitPrice: formatMoney(line['unit-price']),
        uomCode: 'EA',
        needByDate: null,
      },
      at,
    );
  });
  if (event.status === 'pending_approval') {
    const chain = approvers ?? managementChain(store, requester.id, requisitionTotal(store, req.id));
    appendApprovals(store, requisitionApprovable, req.id, chain, 'ManagementHierarchyApproval', at);
  }
  return req.id;
}

export function requisitionEventsRouter(store: CoupaStore): Router {
  const router = Router();
  router.post('/_sandbox/requisitions', (req: Request, res: Response) => {
    handleAdmin(res, () => {
      const id = createRequisitionEvent(store, req.body ?? {});
      const created = store.requisitions.get(id);
      if (created) res.status(201).json(renderRequisition(store, created));
    });
  });
  return router;
}
