// Admin route causing purchase order events: POST /_sandbox/purchase_orders creates a PO pending approval by the given approvers.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CoupaStore } from '../../store.js';
import { formatMoney } from '../../wire.js';
import { approverKeySchema, handleAdmin, moneySchema, requireUser, resolveApprovers, userKeySchema } from '../admin.js';
import { appendApprovals } from '../approvals/chain.js';
import { purchaseOrderApprovable } from './approvable.js';
import { renderPurchaseOrder } from './view.js';
import { purchaseOrderFinanceEventsRouter } from './finance-events.js';

export const purchaseOrderEventSchema = z
  .object({
    'po-number': z.string().min(1).optional(),
    requester: userKeySchema.optional(),
    approvers: z.array(approverKeySchema).min(1),
    total: moneySchema.optional(),
    currency: z.string().length(3).optional(),
  })
  .strict();

export function createPurchaseOrderEvent(store: CoupaStore, input: unknown): number {
  const event = purchaseOrderEventSchema.parse(input);
  const requester = event.requester === undefined ? undefined : requireUser(store, event.requester, ['requester']);
  const approvers = resolveApprovers(store, event.approvers, 'approvers');
  const at = store.now();
  const po = store.purchaseOrders.insert(
    {
      poNumber: event['po-number'] ?? `SBX${String(store.purchaseOrders.size + 1).padStart(5, '0')}`,
      status: 'pending_approval',
      version: 1,
      requesterId: requester?.id ?? null,
      currencyId: store.findCurrencyByCode(event.currency ?? 'USD')?.id ?? 1,
      total: formatMoney(event.total ?? 1000),
    },
    at,
  );
  appendApprovals(store, purchaseOrderApprovable, po.id, approvers, 'ApprovalChainApproval', at);
  return po.id;
}

export function purchaseOrderEventsRouter(store: CoupaStore): Router {
  const router = Router();
  router.use(purchaseOrderFinanceEventsRouter(store));
  router.post('/_sandbox/purchase_orders', (req: Request, res: Response) => {
    handleAdmin(res, () => {
      const po = store.purchaseOrders.get(createPurchaseOrderEvent(store, req.body ?? {}));
      if (po) res.status(201).json(renderPurchaseOrder(store, po));
    });
  });
  return router;
}
