// Coupa invoice calls of invoice to payment: read an approved invoice (supplier, dates, lines), mark it exported, and record Workday's payments on it (payments[] and paid).
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { pathSegment, type CallOptions } from '../http/api-client';
import { ConnectorErrorTypes } from '../http/error-types';
import type { CoupaClient } from './client';

const text = z.union([z.string(), z.number().transform(String)]).nullish();
const money = z.union([z.string(), z.number().transform(String)]).nullish();

export const coupaInvoicePaymentSchema = z.object({
  'amount-paid': money,
  'payment-date': text,
  notes: text,
});

export const coupaPayableInvoiceSchema = z.object({
  id: z.number(),
  'invoice-number': text,
  status: text,
  'document-type': text,
  currency: z.object({ code: text }).nullish(),
  'total-with-taxes': money,
  'invoice-date': text,
  'net-due-date': text,
  supplier: z
    .object({ id: z.number().nullish(), name: text, number: text, 'custom-fields': z.record(z.string(), z.unknown()).nullish() })
    .catchall(z.unknown())
    .nullish(),
  'invoice-lines': z
    .array(
      z
        .object({
          'line-num': z.number().nullish(),
          description: text,
          quantity: text,
          price: money,
          total: money,
          commodity: z.object({ name: text }).nullish(),
          account: z.record(z.string(), z.unknown()).nullish(),
        })
        .passthrough(),
    )
    .nullish(),
  exported: z.boolean().nullish(),
  paid: z.boolean().nullish(),
  payments: z.array(coupaInvoicePaymentSchema).nullish(),
});
export type CoupaPayableInvoice = z.output<typeof coupaPayableInvoiceSchema>;

/** A payment as Coupa records it on an invoice; `notes` carries Workday's payment reference, which is how a repeat is recognised. */
export interface CoupaInvoicePaymentWrite {
  amountPaid: string;
  paymentDate: string;
  notes: string;
}

/**
 * [U] Whether a PUT with `payments` appends to the invoice's payments or replaces them. Either way the
 * client reads first and sends only what is missing ('append') or the full list ('replace').
 */
export type CoupaPaymentsPut = 'append' | 'replace';

export interface RecordedPayments {
  /** Payments written now (by their notes). */
  written: string[];
  paid: boolean;
}

function signalOf(call: CallOptions | undefined): { signal?: AbortSignal } {
  return call?.signal ? { signal: call.signal } : {};
}

export class CoupaInvoicePaymentsClient {
  constructor(
    private readonly coupa: CoupaClient,
    private readonly paymentsPut: CoupaPaymentsPut = 'append',
  ) {}

  async getInvoice(id: number, call?: CallOptions): Promise<CoupaPayableInvoice> {
    return this.coupa.http.request(coupaPayableInvoiceSchema, { method: 'GET', path: `/invoices/${pathSegment(id)}`, ...signalOf(call) });
  }

  /** The documented ERP pattern: `PUT /api/invoices/{id}?exported=true` with no body, in its own request. No write when already exported. */
  async markExported(id: number, call?: CallOptions): Promise<{ changed: boolean }> {
    const current = await this.getInvoice(id, call);
    if (current.exported === true) return { changed: false };
    await this.coupa.http.requestNoContent({ method: 'PUT', path: `/invoices/${pathSegment(id)}`, query: { exported: true }, ...signalOf(call) });
    return { changed: true };
  }

  /**
   * Makes the invoice show exactly `payments` (matched by notes) and `paid` when `paidInFull`. Reads
   * first: payments already there are not sent again, so a retried activity records nothing twice.
   */
  async recordPayments(id: number, payments: readonly CoupaInvoicePaymentWrite[], paidInFull: boolean, call?: CallOptions): Promise<RecordedPayments> {
    const current = await this.getInvoice(id, call);
    const existing = (current.payments ?? []).map((p) => p.notes ?? '');
    const missing = payments.filter((p) => !existing.includes(p.notes));
    const paidChange = paidInFull && current.paid !== true;
    if (missing.length === 0 && !paidChange) return { written: [], paid: current.paid === true };

    const toSend = this.paymentsPut === 'append' ? missing : [...(current.payments ?? []).map((p) => ({ amountPaid: p['amount-paid'] ?? '0', paymentDate: p['payment-date'] ?? '', notes: p.notes ?? '' })), ...missing];
    const last = payments.at(-1);
    const body: Record<string, unknown> = {
      ...(missing.length > 0 ? { payments: toSend.map((p) => ({ 'amount-paid': p.amountPaid, 'payment-date': p.paymentDate, notes: p.notes })) } : {}),
      ...(paidInFull ? { paid: true, 'payment-date': last?.paymentDate } : {}),
    };
    const updated = await this.coupa.http.request(coupaPayableInvoiceSchema, { method: 'PUT', path: `/invoices/${pathSegment(id)}`, body, ...signalOf(call) });
    const nowThere = (updated.payments ?? []).map((p) => p.notes ?? '');
    const lost = payments.filter((p) => !nowThere.includes(p.notes));
    if (lost.length > 0) {
      // A tenant whose PUT replaces the list while configured as append (or ignores payments): say so, don't pretend.
      throw ApplicationFailure.create({
        type: ConnectorErrorTypes.InvalidResponse,
        nonRetryable: true,
        message: `coupa PUT /api/invoices/${id} answered without ${lost.length} of the payments it was sent: check COUPA_INVOICE_PAYMENTS_PUT (append or replace) for this instance`,
        details: [{ system: 'coupa', method: 'PUT', path: `/api/invoices/${id}`, status: 200 }],
      });
    }
    return { written: missing.map((p) => p.notes), paid: updated.paid === true };
  }
}
