// The AP connectors against both sandboxes: Workday supplier invoices (submit, duplicate = already there, cancel and its refusals), settlement runs and Get_Payments; Coupa invoice export, payments (append or replace) and void.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa';
import { payablesOf } from '../../sandbox/workday/payables-store';
import {
  cancelSupplierInvoice,
  listPaymentPages,
  submitSupplierInvoice,
  WorkdayClient,
  WorkdaySoapClient,
  type SupplierInvoiceSubmission,
  type WorkdayPayment,
} from '../../connectors/workday';
import { CoupaClient, CoupaInvoicePaymentsClient } from '../../connectors/coupa';
import { ConnectorErrorTypes } from '../../connectors/http/error-types';
import { approvedInvoice, settle, voidInCoupa } from '../helpers/invoice-payment';
import { admin, expectFailure } from './helpers';

let workday: WorkdaySandbox;
let coupa: CoupaSandbox;
let soap: WorkdaySoapClient;
let coupaClient: CoupaClient;
const logger = pino({ level: 'silent' });

before(async () => {
  workday = await startWorkdaySandbox();
  coupa = await startCoupaSandbox();
  const rest = new WorkdayClient({ baseUrl: workday.url, tenant: workday.tenant, ...workday.credentials, logger });
  soap = new WorkdaySoapClient({ baseUrl: workday.url, tenant: workday.tenant, auth: { type: 'usernameToken', username: workday.credentials.isuUsername, password: workday.credentials.isuPassword }, requestSlots: rest.http.slots, logger });
  coupaClient = new CoupaClient({ baseUrl: coupa.url, clientId: coupa.credentials.clientId, clientSecret: coupa.credentials.clientSecret, scopes: coupa.credentials.scopes, logger });
});

after(async () => {
  await Promise.allSettled([workday.close(), coupa.close()]);
});

function submission(overrides: Partial<SupplierInvoiceSubmission> = {}): SupplierInvoiceSubmission {
  return {
    supplierInvoiceId: 'COUPA-INV-1',
    supplierId: 'SUP-000101',
    companyCode: 'US01',
    currency: 'USD',
    invoiceDate: '2026-11-01',
    dueDate: '2026-12-01',
    suppliersInvoiceNumber: 'NW-4711',
    controlTotal: '150.00',
    lines: [
      { lineOrder: 1, description: 'Paper', spendCategoryId: 'SC_OFFICE_SUPPLIES', quantity: '1', unitCost: '100.00', extendedAmount: '100.00', worktags: [{ type: 'Cost_Center_Reference_ID', id: 'CC1100' }] },
      { lineOrder: 2, description: 'Toner', spendCategoryId: 'SC_GENERAL', quantity: '1', unitCost: '50.00', extendedAmount: '50.00', worktags: [] },
    ],
    ...overrides,
  };
}

async function allPayments(from: string, to: string, pageSize?: number): Promise<{ pages: number; payments: WorkdayPayment[] }> {
  let pages = 0;
  const payments: WorkdayPayment[] = [];
  for await (const page of listPaymentPages(soap, { from, to, ...(pageSize ? { pageSize } : {}) })) {
    pages += 1;
    payments.push(...page.items);
  }
  return { pages, payments };
}

describe('Workday supplier invoices and payments (SOAP)', () => {
  it('submits a supplier invoice with its lines; a second submit of the same supplier invoice number is "already there"', async () => {
    workday.reset();
    const first = await submitSupplierInvoice(soap, submission());
    assert.equal(first.outcome, 'submitted');
    assert.equal(first.supplierInvoiceId, 'COUPA-INV-1');
    assert.match(first.documentNumber ?? '', /^SI-\d+$/);
    const again = await submitSupplierInvoice(soap, submission());
    assert.equal(again.outcome, 'already-there');
    // Keyed by hand in Workday under another ID: still the supplier's same invoice number.
    const keyedByHand = await submitSupplierInvoice(soap, submission({ supplierInvoiceId: 'COUPA-INV-2' }));
    assert.equal(keyedByHand.outcome, 'already-there');
    const stored = payablesOf(workday.store).invoices;
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.controlTotalCents, 15000);
    assert.deepEqual(stored[0]!.lines[0]!.worktags, [{ type: 'Cost_Center_Reference_ID', id: 'CC1100' }]);
  });

  it('an unknown supplier, spend category or cost center, or a control total that does not add up, is a ValidationFailed naming it', async () => {
    workday.reset();
    const cases: [Partial<SupplierInvoiceSubmission>, RegExp][] = [
      [{ supplierId: 'SUP-NOPE' }, /SUP-NOPE.*Supplier_ID/],
      [{ lines: [{ ...submission().lines[0]!, spendCategoryId: 'SC_NOPE', extendedAmount: '150.00' }] }, /SC_NOPE.*Spend_Category_ID/],
      [{ lines: [{ ...submission().lines[0]!, worktags: [{ type: 'Cost_Center_Reference_ID', id: 'CC9999' }], extendedAmount: '150.00' }] }, /CC9999/],
      [{ controlTotal: '149.99' }, /Control Amount Total/],
      [{ supplierId: 'SUP-000199' }, /inactive/],
    ];
    for (const [overrides, message] of cases) {
      const failure = await expectFailure(submitSupplierInvoice(soap, submission(overrides)));
      assert.equal(failure.type, ConnectorErrorTypes.ValidationFailed);
      assert.match(failure.message, message);
    }
    assert.equal(payablesOf(workday.store).invoices.length, 0);
  });

  it('cancels an unpaid invoice once (a repeat is already-canceled); a paid one is refused', async () => {
    workday.reset();
    await submitSupplierInvoice(soap, submission());
    await submitSupplierInvoice(soap, submission({ supplierInvoiceId: 'COUPA-INV-2', suppliersInvoiceNumber: 'NW-4712' }));
    assert.equal(await cancelSupplierInvoice(soap, 'COUPA-INV-1'), 'canceled');
    assert.equal(await cancelSupplierInvoice(soap, 'COUPA-INV-1'), 'already-canceled');
    assert.equal(payablesOf(workday.store).findInvoice({ supplierInvoiceId: 'COUPA-INV-1' })!.status, 'Canceled');
    await settle(workday, [{ supplierInvoiceId: 'COUPA-INV-2', amount: '10.00' }]);
    const refused = await expectFailure(cancelSupplierInvoice(soap, 'COUPA-INV-2'));
    assert.equal(refused.type, ConnectorErrorTypes.ValidationFailed);
    assert.match(refused.message, /has payments/);
    const unknown = await expectFailure(cancelSupplierInvoice(soap, 'COUPA-INV-404'));
    assert.match(unknown.message, /COUPA-INV-404/);
  });

  it('a settlement run pays selected invoices, partly when told; Get_Payments reads them by payment date, page by page', async () => {
    workday.reset();
    for (let i = 1; i <= 5; i += 1) await submitSupplierInvoice(soap, submission({ supplierInvoiceId: `COUPA-INV-${i}`, suppliersInvoiceNumber: `NW-${i}` }));
    await settle(workday, [{ supplierInvoiceId: 'COUPA-INV-1' }, { supplierInvoiceId: 'COUPA-INV-2', amount: '50.00' }], '2026-11-20');
    await settle(workday, [{ supplierInvoiceId: 'COUPA-INV-2' }, { supplierInvoiceId: 'COUPA-INV-3' }], '2026-11-22');
    const payables = payablesOf(workday.store);
    assert.equal(payables.paymentStatus(payables.findInvoice({ supplierInvoiceId: 'COUPA-INV-2' })!), 'Paid');
    assert.equal(payables.paymentStatus(payables.findInvoice({ supplierInvoiceId: 'COUPA-INV-4' })!), 'Unpaid');

    const { pages, payments } = await allPayments('2026-11-01', '2026-11-30', 2);
    assert.equal(pages, 2);
    assert.deepEqual(payments.map((p) => [p.paymentDate, p.amount, p.remittances[0]!.supplierInvoiceId]), [
      ['2026-11-20', '150.00', 'COUPA-INV-1'],
      ['2026-11-20', '50.00', 'COUPA-INV-2'],
      ['2026-11-22', '100.00', 'COUPA-INV-2'],
      ['2026-11-22', '150.00', 'COUPA-INV-3'],
    ]);
    assert.ok(payments.every((p) => p.currency === 'USD' && p.supplierId === 'SUP-000101' && /^EFT-/.test(p.referenceNumber ?? '')));
    assert.deepEqual((await allPayments('2026-11-21', '2026-11-30')).payments.map((p) => p.paymentDate), ['2026-11-22', '2026-11-22']);
    assert.deepEqual((await allPayments('2026-12-01', '2026-12-31')).payments, []);
    // A canceled invoice cannot be paid.
    await cancelSupplierInvoice(soap, 'COUPA-INV-5');
    await assert.rejects(settle(workday, [{ supplierInvoiceId: 'COUPA-INV-5' }]), /400/);
  });
});

describe('Coupa invoice export, payments and void', () => {
  it('marks an approved invoice exported once; records payments once each and paid when covered', async () => {
    coupa.reset();
    const id = await approvedInvoice(coupa, { number: 'C-1', netDueDate: '2026-12-31' });
    const invoices = new CoupaInvoicePaymentsClient(coupaClient);
    const read = await invoices.getInvoice(id);
    assert.equal(read.status, 'approved');
    assert.equal(read.supplier?.['custom-fields']?.['workday-supplier-id'], 'SUP-000101');
    assert.deepEqual(read['invoice-lines']?.map((l) => [l.total, l.commodity?.name, l.account?.['segment-2']]), [
      ['600.00', 'Office Supplies', 'CC1100'],
      ['400.00', 'IT Hardware', 'CC1400'],
    ]);
    assert.deepEqual(await invoices.markExported(id), { changed: true });
    assert.deepEqual(await invoices.markExported(id), { changed: false });
    assert.equal((await invoices.getInvoice(id)).exported, true);
    const listed = await coupaClient.http.get(await import('zod').then(({ z }) => z.array(z.object({ id: z.number() }))), '/invoices', { exported: false, status: 'approved' });
    assert.ok(!listed.some((i) => i.id === id), 'gone from the exported=false list');

    const first = { amountPaid: '400.00', paymentDate: '2026-11-20', notes: 'EFT-1' };
    const second = { amountPaid: '600.00', paymentDate: '2026-11-25', notes: 'EFT-2' };
    assert.deepEqual(await invoices.recordPayments(id, [first], false), { written: ['EFT-1'], paid: false });
    assert.deepEqual(await invoices.recordPayments(id, [first], false), { written: [], paid: false }, 'a repeat writes nothing');
    assert.deepEqual(await invoices.recordPayments(id, [first, second], true), { written: ['EFT-2'], paid: true });
    const paid = await invoices.getInvoice(id);
    assert.deepEqual(paid.payments?.map((p) => [p['amount-paid'], p['payment-date'], p.notes]), [
      ['400.00', '2026-11-20', 'EFT-1'],
      ['600.00', '2026-11-25', 'EFT-2'],
    ]);
  });

  it('on an instance whose PUT replaces the payments, the client configured for it sends the whole list; configured wrongly, it says so', async () => {
    coupa.reset();
    await admin(coupa.url, 'PUT', '/_sandbox/invoices/payments-config', { paymentsPut: 'replace' });
    try {
      const id = await approvedInvoice(coupa, { number: 'C-2' });
      const replacing = new CoupaInvoicePaymentsClient(coupaClient, 'replace');
      await replacing.recordPayments(id, [{ amountPaid: '100.00', paymentDate: '2026-11-20', notes: 'EFT-A' }], false);
      await replacing.recordPayments(id, [{ amountPaid: '100.00', paymentDate: '2026-11-20', notes: 'EFT-A' }, { amountPaid: '900.00', paymentDate: '2026-11-21', notes: 'EFT-B' }], true);
      assert.deepEqual((await replacing.getInvoice(id)).payments?.map((p) => p.notes), ['EFT-A', 'EFT-B']);

      const other = await approvedInvoice(coupa, { number: 'C-3' });
      const appending = new CoupaInvoicePaymentsClient(coupaClient, 'append');
      await appending.recordPayments(other, [{ amountPaid: '100.00', paymentDate: '2026-11-20', notes: 'EFT-C' }], false);
      const failure = await expectFailure(appending.recordPayments(other, [{ amountPaid: '100.00', paymentDate: '2026-11-20', notes: 'EFT-C' }, { amountPaid: '10.00', paymentDate: '2026-11-21', notes: 'EFT-D' }], false));
      assert.equal(failure.type, ConnectorErrorTypes.InvalidResponse);
      assert.match(failure.message, /COUPA_INVOICE_PAYMENTS_PUT/);
    } finally {
      await admin(coupa.url, 'PUT', '/_sandbox/invoices/payments-config', { paymentsPut: 'append' });
    }
  });

  it('void needs core.invoice.delete, is refused twice, and a voided invoice takes no payment', async () => {
    coupa.reset();
    const id = await approvedInvoice(coupa, { number: 'C-4' });
    const readOnly = coupa.mintToken(['core.invoice.read', 'core.invoice.write']).access_token;
    const forbidden = await fetch(`${coupa.url}/api/invoices/${id}/void`, { method: 'PUT', headers: { authorization: `Bearer ${readOnly}` } });
    assert.equal(forbidden.status, 403);
    await voidInCoupa(coupa, id);
    const token = coupa.mintToken().access_token;
    const twice = await fetch(`${coupa.url}/api/invoices/${id}/void`, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
    assert.equal(twice.status, 400);
    const invoices = new CoupaInvoicePaymentsClient(coupaClient);
    const failure = await expectFailure(invoices.recordPayments(id, [{ amountPaid: '1.00', paymentDate: '2026-11-20', notes: 'EFT-V' }], false));
    assert.equal(failure.type, ConnectorErrorTypes.ValidationFailed);
    assert.match(failure.message, /voided/);
  });
});

