// Finance test helpers: Coupa invoices and POs with accounted lines through the sandbox's admin routes, and Workday's posted journals and budget view as the sandbox holds them.
import type { ProvisioningHarness } from './provisioning-harness';

export interface LineInput {
  account: string[];
  total: string;
  commodity?: string | null;
  description?: string;
}

export interface PostedJournalView {
  journalNumber: string;
  company: string;
  currency: string;
  ledgerType: string;
  source: string;
  accountingDate: string;
  externalReferenceId: string | null;
  lines: { lineOrder: number; ledgerAccount: string; debit: string; credit: string; costCenter: string | null; memo: string }[];
}

export interface BudgetRow {
  company: string;
  costCenter: string;
  ledgerAccount: string;
  fiscalYear: number;
  budget: string;
  obligated: string;
  actual: string;
  available: string;
}

async function send<T>(url: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export function financeAdmin(h: ProvisioningHarness) {
  const coupa = (path: string, method = 'POST', body?: unknown) => send<{ id: number; version?: number; status: string; exported: boolean }>(`${h.coupa.url}${path}`, method, body);
  const workday = <T>(path: string, method = 'GET', body?: unknown) => send<T>(`${h.workday.url}${path}`, method, body);
  return {
    createInvoice: (input: { lines: LineInput[]; 'document-type'?: 'Invoice' | 'Credit Note'; 'invoice-date'?: string; currency?: string; approved?: boolean; 'invoice-number'?: string }) =>
      coupa('/_sandbox/finance/invoices', 'POST', { approved: true, ...input }),
    approveInvoice: (id: number) => coupa(`/_sandbox/invoices/${id}/approve`),
    resetInvoiceExport: (id: number) => coupa(`/_sandbox/invoices/${id}/reset-export`),
    issuePurchaseOrder: (input: { lines: LineInput[]; 'po-number'?: string }) => coupa('/_sandbox/finance/purchase_orders', 'POST', input),
    revisePurchaseOrder: (id: number, lines: LineInput[]) => coupa(`/_sandbox/purchase_orders/${id}/revise`, 'POST', { lines }),
    closePurchaseOrder: (id: number) => coupa(`/_sandbox/purchase_orders/${id}/close`),
    cancelPurchaseOrder: (id: number) => coupa(`/_sandbox/purchase_orders/${id}/cancel`),
    journals: () => workday<PostedJournalView[]>('/_sandbox/finance/journals'),
    budgets: (fiscalYear: number) => workday<BudgetRow[]>(`/_sandbox/finance/budgets?fiscalYear=${fiscalYear}`),
    setBudget: (input: { company: string; costCenter: string; ledgerAccount: string; fiscalYear: number; amount: string }) => workday('/_sandbox/finance/budgets', 'PUT', input),
    setPeriod: (input: { company?: string; period: string; closed: boolean }) => workday('/_sandbox/finance/periods', 'PUT', input),
  };
}

export const cents = (amount: string): number => Math.round(Number(amount) * 100);
