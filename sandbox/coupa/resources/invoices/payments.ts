// Invoice to payment on Coupa's side: the supplier, dates and lines an approved invoice carries, mark exported, payments[] and `paid` (PUT /api/invoices/:id), and the void action.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireScope, type CoupaAuth } from '../../oauth.js';
import type { CoupaStore } from '../../store.js';
import { formatMoney, formatTimestamp, isJsonObject, recordNotFound, validationError, type Json, type JsonObject } from '../../wire.js';
import { handleAdmin } from '../admin.js';
import { jsonBody, recordId, replyRecord } from '../http.js';
import type { InvoiceRecord } from './record.js';
import { renderInvoice } from './view.js';
import { accountTypeOf } from '../finance-lines.js';

export interface InvoicePayment {
  /** Money string. */
  amountPaid: string;
  paymentDate: string | null;
  notes: string | null;
}

/**
 * What an approved invoice carries for AP, kept beside the shared invoice record (which the approvals and
 * finance code own: status, invoice date, lines with accounts, `exported`).
 */
export interface InvoicePayables {
  supplier: { id: number; name: string; number: string; customFields: Record<string, string> };
  netDueDate: string | null;
  paid: boolean;
  paymentDate: string | null;
  payments: InvoicePayment[];
}

/**
 * [U] Whether a PUT carrying `payments` appends them to the invoice's payments or replaces the list.
 * The reference leaves it open; the connector reads first and writes only what is missing, so it
 * works either way when told which (COUPA_INVOICE_PAYMENTS_PUT).
 */
export interface InvoicePaymentBehaviour {
  paymentsPut: 'append' | 'replace';
}

// Keyed by the invoice row itself: a sandbox reset makes new rows, so their payables go with the old ones.
const payablesByInvoice = new WeakMap<InvoiceRecord, InvoicePayables>();
const behaviourByStore = new WeakMap<CoupaStore, InvoicePaymentBehaviour>();
let nextSupplierId = 801;
const suppliersByNumber = new Map<string, number>();

export function invoicePaymentBehaviour(store: CoupaStore): InvoicePaymentBehaviour {
  let behaviour = behaviourByStore.get(store);
  if (!behaviour) {
    behaviour = { paymentsPut: 'append' };
    behaviourByStore.set(store, behaviour);
  }
  return behaviour;
}

export function payablesOfInvoice(invoice: InvoiceRecord): InvoicePayables | undefined {
  return payablesByInvoice.get(invoice);
}

/** The AP fields of the invoice as GET shows them (nothing for an invoice created without them). */
export function renderInvoicePayables(invoice: InvoiceRecord): JsonObject {
  const p = payablesByInvoice.get(invoice);
  if (!p) return { paid: false, payments: [] };
  return {
    supplier: { id: p.supplier.id, name: p.supplier.name, number: p.supplier.number, 'custom-fields': { ...p.supplier.customFields } },
    'net-due-date': p.netDueDate,
    paid: p.paid,
    'payment-date': p.paymentDate,
    payments: p.payments.map((pay) => ({ 'amount-paid': pay.amountPaid, 'payment-date': pay.paymentDate, notes: pay.notes })),
  };
}

const MONEY = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;

function readPayments(raw: Json | undefined, problems: string[]): InvoicePayment[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    problems.push('Payments is invalid');
    return undefined;
  }
  return raw.flatMap((entry): InvoicePayment[] => {
    if (!isJsonObject(entry)) {
      problems.push('Payments is invalid');
      return [];
    }
    const amount = entry['amount-paid'];
    const amountText = typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount : '';
    if (!MONEY.test(amountText)) problems.push('Payments amount paid is not a number');
    const date = entry['payment-date'];
    if (date !== undefined && date !== null && (typeof date !== 'string' || !DATE.test(date))) problems.push('Payments payment date is invalid');
    const notes = entry.notes;
    return [{ amountPaid: MONEY.test(amountText) ? formatMoney(amountText) : '0.00', paymentDate: typeof date === 'string' ? date.slice(0, 10) : null, notes: typeof notes === 'string' ? notes : null }];
  });
}

/** PUT /api/invoices/:id: `exported`, `paid`, `payment-date`, `payments` (others are not simulated and are ignored, as Coupa ignores read-only fields). */
function updateInvoice(store: CoupaStore, invoice: InvoiceRecord, body: JsonObject, query: Record<string, unknown>): void {
  const p = payablesByInvoice.get(invoice);
  const problems: string[] = [];
  const exportedRaw = body.exported ?? query.exported;
  const exported = exportedRaw === undefined ? undefined : exportedRaw === true || exportedRaw === 'true';
  const paid = body.paid === undefined ? undefined : body.paid === true || body.paid === 'true';
  const paymentDate = body['payment-date'];
  if (paymentDate !== undefined && paymentDate !== null && (typeof paymentDate !== 'string' || !DATE.test(paymentDate))) problems.push('Payment date is invalid');
  const payments = readPayments(body.payments, problems);
  if ((paid !== undefined || payments !== undefined) && invoice.status === 'voided') problems.push('A voided invoice cannot be paid');
  if ((paid !== undefined || payments !== undefined) && !p) problems.push('This invoice has no supplier to pay');
  if (problems.length > 0) throw validationError('invoice-header', problems);
  if (exported !== undefined) {
    invoice.exported = exported;
    if (exported) invoice.lastExportedAt = store.now();
    store.touch(invoice);
  }
  if (!p) return;
  const before = JSON.stringify(p);
  if (payments !== undefined) p.payments = invoicePaymentBehaviour(store).paymentsPut === 'append' ? [...p.payments, ...payments] : payments;
  if (paid !== undefined) p.paid = paid;
  if (typeof paymentDate === 'string') p.paymentDate = paymentDate.slice(0, 10);
  if (JSON.stringify(p) !== before) store.touch(invoice);
}

export function mountInvoicePayments(api: Router, auth: CoupaAuth, store: CoupaStore): void {
  api.put('/api/invoices/:id', requireScope(auth, 'core.invoice.write'), (req: Request, res: Response) => {
    const invoice = store.invoices.get(recordId(req));
    if (!invoice) throw recordNotFound();
    updateInvoice(store, invoice, jsonBody(req), (req.query ?? {}) as Record<string, unknown>);
    replyRecord(req, res, 200, renderInvoice(store, invoice));
  });

  // `delete` covers void and abandon (reference §1). Voiding twice is refused, as acting on a closed document is.
  api.put('/api/invoices/:id/void', requireScope(auth, 'core.invoice.delete'), (req: Request, res: Response) => {
    const invoice = store.invoices.get(recordId(req));
    if (!invoice) throw recordNotFound();
    if (invoice.status === 'voided') throw validationError('invoice-header', ['Invoice is already voided']);
    invoice.status = 'voided';
    // A voided invoice needs its own export pass (reference §5): it shows again under exported=false.
    invoice.exported = false;
    store.touch(invoice);
    replyRecord(req, res, 200, renderInvoice(store, invoice));
  });
}

const money = z.union([z.number().nonnegative(), z.string().regex(MONEY)]);
export const payableInvoiceEventSchema = z
  .object({
    'invoice-number': z.string().min(1).optional(),
    supplier: z.object({ name: z.string().min(1), number: z.string().min(1), 'workday-supplier-id': z.string().min(1).optional() }).strict(),
    currency: z.string().length(3).optional(),
    'invoice-date': z.string().regex(DATE).optional(),
    'net-due-date': z.string().regex(DATE).optional(),
    lines: z
      .array(z.object({ description: z.string().min(1), amount: money, commodity: z.string().min(1).optional(), 'account-segments': z.array(z.string().min(1)).optional() }).strict())
      .min(1),
  })
  .strict();

/**
 * An approved invoice with supplier, dates and lines, as the approval chain leaves it. The supplier's
 * custom field `workday-supplier-id` stands for the cross-reference the supplier sync keeps.
 */
export function createPayableInvoice(store: CoupaStore, input: unknown): InvoiceRecord {
  const event = payableInvoiceEventSchema.parse(input);
  const at = store.now();
  const totalCents = event.lines.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0);
  const invoice = store.invoices.insert(
    {
      invoiceNumber: event['invoice-number'] ?? `INV-AP-${store.invoices.size + 1}`,
      status: 'approved',
      requestedById: null,
      currencyId: store.findCurrencyByCode(event.currency ?? 'USD')?.id ?? 1,
      total: formatMoney(totalCents / 100),
    },
    at,
  );
  let supplierId = suppliersByNumber.get(event.supplier.number);
  if (supplierId === undefined) {
    supplierId = nextSupplierId++;
    suppliersByNumber.set(event.supplier.number, supplierId);
  }
  invoice.invoiceDate = event['invoice-date'] ?? new Date(at).toISOString().slice(0, 10);
  invoice.exported = false;
  invoice.lastExportedAt = null;
  invoice.lines = event.lines.map((l, i) => ({
    lineNum: i + 1,
    description: l.description,
    quantity: '1.00',
    price: formatMoney(l.amount),
    total: formatMoney(l.amount),
    accountType: accountTypeOf(l['account-segments'] ?? []),
    segments: l['account-segments'] ?? [],
    commodity: l.commodity ?? null,
  }));
  payablesByInvoice.set(invoice, {
    supplier: {
      id: supplierId,
      name: event.supplier.name,
      number: event.supplier.number,
      customFields: event.supplier['workday-supplier-id'] ? { 'workday-supplier-id': event.supplier['workday-supplier-id'] } : {},
    },
    netDueDate: event['net-due-date'] ?? null,
    paid: false,
    paymentDate: null,
    payments: [],
  });
  return invoice;
}

export function invoicePaymentEventsRouter(store: CoupaStore): Router {
  const router = Router();
  router.post('/_sandbox/payable-invoices', (req: Request, res: Response) => {
    handleAdmin(res, () => {
      const invoice = createPayableInvoice(store, req.body ?? {});
      res.status(201).json(renderInvoice(store, invoice));
    });
  });
  router.get('/_sandbox/invoices/payments-config', (_req, res) => {
    res.json(invoicePaymentBehaviour(store));
  });
  router.put('/_sandbox/invoices/payments-config', (req: Request, res: Response) => {
    const parsed = z.object({ paymentsPut: z.enum(['append', 'replace']) }).strict().safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid admin request', issues: parsed.error.issues });
      return;
    }
    Object.assign(invoicePaymentBehaviour(store), parsed.data);
    res.json(invoicePaymentBehaviour(store));
  });
  return router;
}
