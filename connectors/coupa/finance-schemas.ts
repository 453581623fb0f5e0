// Zod schemas of the Coupa documents the finance flows read: invoices and purchase orders with their accounted lines, integration history records. Loose objects, only the fields read.
import { z } from 'zod';
import { coupaMoney } from './schemas';

const text = z.union([z.string(), z.number().transform(String)]).nullish();

/** A line's account: code and segment-1 … segment-20 (any of them may be missing). */
export const coupaLineAccountSchema = z.looseObject({ code: text }).transform((account) => {
  const segments: Record<number, string> = {};
  for (const [key, value] of Object.entries(account)) {
    const m = /^segment-(\d+)$/.exec(key);
    if (m && (typeof value === 'string' || typeof value === 'number')) segments[Number(m[1])] = String(value);
  }
  return { code: account.code ?? null, segments };
});

export const coupaFinanceLineSchema = z.looseObject({
  id: z.number().int().nullish(),
  'line-num': z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  total: coupaMoney,
  account: coupaLineAccountSchema.nullish(),
  commodity: z.looseObject({ name: text }).nullish(),
});
export type CoupaFinanceLineWire = z.output<typeof coupaFinanceLineSchema>;

export const coupaInvoiceSchema = z.looseObject({
  id: z.number().int(),
  'invoice-number': text,
  status: text,
  'document-type': text,
  'invoice-date': text,
  'created-at': text,
  currency: z.looseObject({ code: text }).nullish(),
  exported: z.boolean().nullish(),
  'invoice-lines': z.array(coupaFinanceLineSchema).nullish(),
});
export type CoupaInvoice = z.output<typeof coupaInvoiceSchema>;
export const coupaInvoicesSchema = z.array(coupaInvoiceSchema);

export const coupaPurchaseOrderSchema = z.looseObject({
  id: z.number().int(),
  'po-number': text,
  status: text,
  version: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  'updated-at': text,
  currency: z.looseObject({ code: text }).nullish(),
  exported: z.boolean().nullish(),
  'order-lines': z.array(coupaFinanceLineSchema).nullish(),
});
export type CoupaPurchaseOrder = z.output<typeof coupaPurchaseOrderSchema>;

export const coupaIntegrationHistoryRecordSchema = z.looseObject({ id: z.number().int() });
