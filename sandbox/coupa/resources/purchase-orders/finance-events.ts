// Admin routes for PO encumbrances: issue a PO with accounted lines, revise it (a new version: lines replaced, exported cleared), close or cancel it.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CoupaStore } from '../../store.js';
import { handleAdmin } from '../admin.js';
import { financeLineInputSchema, financeLinesFrom, sumLines } from '../finance-lines.js';
import type { PurchaseOrderRecord } from './record.js';
import { renderPurchaseOrder } from './view.js';

const issueSchema = z
  .object({
    'po-number': z.string().min(1).optional(),
    currency: z.string().length(3).optional(),
    lines: z.array(financeLineInputSchema).min(1),
  })
  .strict();
const reviseSchema = z.object({ lines: z.array(financeLineInputSchema).min(1) }).strict();

export function issueFinancePurchaseOrder(store: CoupaStore, input: unknown): PurchaseOrderRecord {
  const event = issueSchema.parse(input);
  const lines = financeLinesFrom(event.lines);
  return store.purchaseOrders.insert(
    {
      poNumber: event['po-number'] ?? `SBX${String(store.purchaseOrders.size + 1).padStart(5, '0')}`,
      status: 'issued',
      version: 1,
      requesterId: null,
      currencyId: store.findCurrencyByCode(event.currency ?? 'USD')?.id ?? 1,
      total: sumLines(lines),
      exported: false,
      lastExportedAt: null,
      lines,
    },
    store.now(),
  );
}

export function purchaseOrderFinanceEventsRouter(store: CoupaStore): Router {
  const router = Router();
  const reply = (res: Response, po: PurchaseOrderRecord, status = 200) => res.status(status).json(renderPurchaseOrder(store, po));
  const find = (req: Request, res: Response): PurchaseOrderRecord | undefined => {
    const po = store.purchaseOrders.get(Number(req.params['id']));
    if (!po) res.status(404).json({ error: 'no such purchase order' });
    return po;
  };

  router.post('/_sandbox/finance/purchase_orders', (req: Request, res: Response) => {
    handleAdmin(res, () => reply(res, issueFinancePurchaseOrder(store, req.body ?? {}), 201));
  });
  // A supplier revision: a new version with new lines, issued again; Coupa clears `exported` [D].
  router.post('/_sandbox/purchase_orders/:id/revise', (req: Request, res: Response) => {
    const po = find(req, res);
    if (!po) return;
    handleAdmin(res, () => {
      const lines = financeLinesFrom(reviseSchema.parse(req.body ?? {}).lines);
      Object.assign(po, { lines, total: sumLines(lines), version: po.version + 1, status: 'issued', exported: false });
      store.touch(po);
      reply(res, po);
    });
  });
  for (const [action, status] of [
    ['close', 'closed'],
    ['soft_close', 'soft_closed'],
    ['cancel', 'cancelled'],
    ['reopen', 'issued'],
  ] as const) {
    router.post(`/_sandbox/purchase_orders/:id/${action}`, (req: Request, res: Response) => {
      const po = find(req, res);
      if (!po) return;
      po.status = status;
      store.touch(po);
      reply(res, po);
    });
  }
  return router;
}
