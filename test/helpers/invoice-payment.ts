// Test helpers for invoice to payment: approved Coupa invoices with suppliers and lines, Workday settlement runs, and reading both sandboxes' AP state.
import assert from 'node:assert/strict';
import type { CoupaSandbox } from '../../sandbox/coupa';
import type { WorkdaySandbox } from '../../sandbox/workday';
import { payablesOf } from '../../sandbox/workday/payables-store';

export const SUPPLIERS = [
  { name: 'Northwind Office Supply', number: 'NW-001', 'workday-supplier-id': 'SUP-000101' },
  { name: 'Contoso Hardware', number: 'CH-002', 'workday-supplier-id': 'SUP-000102' },
  { name: 'Fabrikam Consulting', number: 'FC-003', 'workday-supplier-id': 'SUP-000103' },
] as const;

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.status >= 200 && res.status < 300, `${url} → ${res.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** An approved Coupa invoice of two lines (commodity and cost center account), due on `netDueDate`. */
export async function approvedInvoice(
  coupa: CoupaSandbox,
  options: { number: string; supplier?: number; amounts?: [string, string]; netDueDate?: string; invoiceDate?: string; currency?: string },
): Promise<number> {
  const [first, second] = options.amounts ?? ['600.00', '400.00'];
  const invoice = await post(`${coupa.url}/_sandbox/payable-invoices`, {
    'invoice-number': options.number,
    supplier: SUPPLIERS[options.supplier ?? 0],
    ...(options.currency ? { currency: options.currency } : {}),
    ...(options.invoiceDate ? { 'invoice-date': options.invoiceDate } : {}),
    ...(options.netDueDate ? { 'net-due-date': options.netDueDate } : {}),
    lines: [
      { description: 'Printer paper, 40 boxes', amount: first, commodity: 'Office Supplies', 'account-segments': ['US01', 'CC1100'] },
      { description: 'Docking stations', amount: second, commodity: 'IT Hardware', 'account-segments': ['US01', 'CC1400'] },
    ],
  });
  return invoice.id as number;
}

/** A Workday settlement run paying the named invoices (amount: a partial payment; default what is owed). */
export async function settle(workday: WorkdaySandbox, invoices: { supplierInvoiceId?: string; suppliersInvoiceNumber?: string; amount?: string }[], paymentDate?: string): Promise<{ payments: { paymentId: string; referenceNumber: string; supplierInvoiceId: string }[] }> {
  return (await post(`${workday.url}/_sandbox/settlement-runs`, { invoices, ...(paymentDate ? { paymentDate } : {}) })) as never;
}

export function workdayInvoice(workday: WorkdaySandbox, supplierInvoiceId: string) {
  return payablesOf(workday.store).findInvoice({ supplierInvoiceId });
}

export async function coupaInvoice(coupa: CoupaSandbox, id: number): Promise<Record<string, unknown> & { payments: { 'amount-paid': string; 'payment-date': string; notes: string }[]; paid: boolean; exported: boolean; status: string }> {
  const found = coupa.store.snapshot().invoices.find((i) => i.id === id);
  assert.ok(found, `Coupa invoice ${id}`);
  return found as never;
}

export async function voidInCoupa(coupa: CoupaSandbox, id: number): Promise<void> {
  const token = coupa.mintToken().access_token;
  const res = await fetch(`${coupa.url}/api/invoices/${id}/void`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  assert.equal(res.status, 200, await res.text());
}
