// Admin route causing invoice events: POST /_sandbox/invoices creates an invoice pending approval by the given approvers.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CoupaStore } from '../../store.js';
import { formatMoney } from '../../wire.js';
import { approverKeySchema, handleAdmin, moneySchema, requireUser, resolveApprovers, userKeySchema } from '../admin.js';
import { appendApprovals } from '../approvals/chain.js';
import { invoiceApprovable } from './approvable.js';
import { renderInvoice } from './view.js';
import { invoicePaymentEventsRouter } from './payments.js';
import { invoiceFinanceEventsRouter } from './finance-events.js';

export const invoiceEventSchema = z
  .object({
    'invoice-number': z.string().min(1).optional(),
    requester: userKeySchema.optional(),
    approvers: z.array(approverKeySchema).min(1),
    total: moneySchema.optional(),
    currency: z.string().length(3).optional(),
  })
  .strict();

export function createInvoiceEvent(store: CoupaStore, input: unknown): number {
  const event = invoiceEventSchema.parse(input);
  const requester = event.requester === undefined ? undefined : requireUser(store, event.requester, ['requester']);
  const approvers = resolveApprovers(store, event.approvers, 'approvers');
  const at = store.now();
  const invoice = store.invoices.insert(
    {
      invoiceNumber: event['invoice-number'] ?? `INV-SBX-${store.invoices.size + 1}`,
      status: 'pending_approval',
      requestedById: requester?.id ?? null,
      currencyId: store.findCurrencyByCode(event.currency ?? 'USD')?.id ?? 1,
      total: formatMoney(event.total ?? 250),
    },
    at,
  );
  appendApprovals(store, invoiceApprovable, invoice.id, approvers, 'ApprovalChainApproval', at);
  return invoice.id;
}

export function invoiceEventsRouter(store: CoupaStore): Router {
  const router = Router();
  router.use(invoiceFinanceEventsRouter(store));
  router.post('/_sandbox/invoices', (req: Request, res: Response) => {
    handleAdmin(res, () => {
      const invoice = store.invoices.get(createInvoiceEvent(store, req.body ?? {}));
      if (invoice) res.status(201).json(renderInvoice(store, invoice));
    });
  });
  router.use(invoicePaymentEventsRouter(store));
  return router;
}
