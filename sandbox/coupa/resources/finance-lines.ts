// Lines with accounts, shared by invoices and purchase orders: the account as Coupa embeds it (code, segment-N, account type) and the commodity.
import { z } from 'zod';
import { formatMoney, type JsonObject } from '../wire.js';

export interface FinanceLineRecord {
  lineNum: number;
  description: string;
  /** Money strings; a credit note's lines are negative (Coupa's convention) [U]. */
  quantity: string;
  price: string;
  total: string;
  /** Chart of accounts (account type) name, e.g. "Acme US". */
  accountType: string;
  /** segment-1, segment-2, …: company, cost center, GL account in this sandbox's charts. */
  segments: string[];
  commodity: string | null;
}

/** Admin input of one line: `{account: ["US01","CC1100","6100"], total: "120.00", commodity?: "Cloud Services"}`. */
export const financeLineInputSchema = z
  .object({
    description: z.string().min(1).optional(),
    account: z.array(z.string().min(1)).min(1).max(20),
    'account-type': z.string().min(1).optional(),
    total: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]),
    quantity: z.union([z.number(), z.string()]).optional(),
    commodity: z.string().min(1).nullable().optional(),
  })
  .strict();
export type FinanceLineInput = z.infer<typeof financeLineInputSchema>;

const ACCOUNT_TYPE_BY_COMPANY: Record<string, string> = { US01: 'Acme US', GB01: 'Acme UK', DE01: 'Acme DE' };

/** The chart of accounts of a line's account, by its first segment (the company). */
export function accountTypeOf(segments: readonly string[]): string {
  return ACCOUNT_TYPE_BY_COMPANY[segments[0] ?? ''] ?? 'Acme US';
}

export function financeLinesFrom(inputs: readonly FinanceLineInput[]): FinanceLineRecord[] {
  return inputs.map((input, index) => {
    const total = formatSigned(input.total);
    const quantity = input.quantity === undefined ? '1' : String(input.quantity);
    return {
      lineNum: index + 1,
      description: input.description ?? `Line ${index + 1}`,
      quantity,
      price: total,
      total,
      accountType: input['account-type'] ?? ACCOUNT_TYPE_BY_COMPANY[input.account[0] ?? ''] ?? 'Acme US',
      segments: [...input.account],
      commodity: input.commodity ?? null,
    };
  });
}

function formatSigned(value: number | string): string {
  const text = String(value);
  return text.startsWith('-') ? `-${formatMoney(text.slice(1))}` : formatMoney(text);
}

export function sumLines(lines: readonly FinanceLineRecord[]): string {
  const cents = lines.reduce((sum, l) => sum + Math.round(Number(l.total) * 100), 0);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The account as Coupa embeds it in a line: code (segments joined by "-"), each segment-N, and its account type. */
export function renderLineAccount(line: FinanceLineRecord): JsonObject {
  const account: JsonObject = { code: line.segments.join('-'), name: line.segments.join('-') };
  line.segments.forEach((value, index) => {
    account[`segment-${index + 1}`] = value;
  });
  account['account-type'] = { name: line.accountType };
  return account;
}

export function renderFinanceLine(line: FinanceLineRecord, id: number, type: 'InvoiceAmountLine' | 'OrderAmountLine'): JsonObject {
  return {
    id,
    'line-num': line.lineNum,
    type,
    description: line.description,
    quantity: line.quantity,
    price: line.price,
    total: line.total,
    ...(type === 'InvoiceAmountLine' ? { 'accounting-total': line.total } : {}),
    account: line.segments.length === 0 ? null : renderLineAccount(line),
    'account-allocations': [],
    commodity: line.commodity ? { name: line.commodity } : null,
  };
}
