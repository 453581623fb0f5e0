// Admin routes for invoice posting: create invoices and credit notes with accounted lines, approve one, and clear `exported` as a UI edit can.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CoupaStore } from '../../store.js';
import { handleAdmin } from '../admin.js';
import { approvalsOf } from '../approvals/chain.js';
import { financeLineInputSchema, financeLinesFrom, sumLines } from '../finance-lines.js';
import { renderInvoice } from './view.js';

export const financeInvoiceSchema = z
  .object({
    'invoice-number': z.string().min(1).optional(),
    'document-type': z.enum(['Invoice', 'Credit Note']).optional(),
    'invoice-date': z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    currency: z.string().length(3).optional(),
    lines: z.array(financeLineInputSchema).min(1),
    /** Created already approved (the approval chain done), or pending approval until POST …/approve. */
    approved: z.boolean().optional(),
  })
  .strict();

export function createFinanceInvoice(store: CoupaStore, input: unknown): number {
  const event = financeInvoiceSchema.parse(input);
  const lines = financeLinesFrom(event.lines);
  const at = store.now();
  const invoice = store.invoices.insert(
    {
      invoiceNumber: event['invoice-number'] ?? `INV-SBX-${store.invoices.size + 1}`,
      status: event.approved ? 'approved' : 'pending_approval',
      requestedById: null,
      currencyId: store.findCurrencyByCode(event.currency ?? 'USD')?.id ?? 1,
      total: sumLines(lines),
      documentType: event['document-type'] ?? 'Invoice',
      invoiceDate: event['invoice-date'] ?? new Date(at).toISOString().slice(0, 10),
      exported: false,
      lastExportedAt: null,
      lines,
    },
    at,
  );
  return invoice.id;
}

export function invoiceFinanceEventsRouter(store: CoupaStore): Router {
  const router = Router();
  router.post('/_sandbox/finance/invoices', (req: Request, res: Response) => {
    handleAdmin(res, () => {
      const invoice = store.invoices.get(createFinanceInvoice(store, req.body ?? {}));
      if (invoice) res.status(201).json(renderInvoice(store, invoice));
    });
  });
  // The approval chain ends: every pending step approved, the invoice approved (what Coupa's approvers do in the UI).
  router.post('/_sandbox/invoices/:id/approve', (req: Request, res: Response) => {
    const invoice = store.invoices.get(Number(req.params['id']));
    if (!invoice) return res.status(404).json({ error: 'no such invoice' });
    const at = store.now();
    for (const approval of approvalsOf(store, 'InvoiceHeader', invoice.id)) {
      if ((approval as { state?: string }).state === 'approved') continue;
      Object.assign(approval, { state: 'approved', approvalDate: at, approvedById: (approval as { approverId?: number }).approverId ?? null, updatedAt: at });
    }
    invoice.status = 'approved';
    invoice.updatedAt = at;
    res.json(renderInvoice(store, invoice));
  });
  // A UI edit with "reset export flag" enabled: the invoice shows up in exported=false again.
  router.post('/_sandbox/invoices/:id/reset-export', (req: Request, res: Response) => {
    const invoice = store.invoices.get(Number(req.params['id']));
    if (!invoice) return res.status(404).json({ error: 'no such invoice' });
    invoice.exported = false;
    store.touch(invoice);
    res.json(renderInvoice(store, invoice));
  });
  return router;
}
