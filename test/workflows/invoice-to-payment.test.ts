// Invoice to payment end to end on the dev server: 20 approved Coupa invoices become Workday supplier invoices; a settlement pays 15 (two partly), 2 unpaid are voided; the payment poller, run twice over the same window, records each payment once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { approvedInvoice, coupaInvoice, settle, voidInCoupa, workdayInvoice } from '../helpers/invoice-payment';
import {
  confirmInvoicePayment,
  installPaymentPollerSchedule,
  removePaymentPollerSchedule,
  reportInvoiceVoided,
  runPaymentPoller,
  startInvoiceToPayment,
  PAYMENT_POLLER_SCHEDULE_ID,
} from '../../clients/invoice-payment';
import { invoicePaymentWorkflowId, PaymentStateKey, type InvoicePaymentStatus, type InvoiceToPaymentResult } from '../../workflows/invoice-to-payment';
import type { PaymentPollerResult } from '../../workflows/payment-poller';
import { statusQuery } from '../../workflows/sync-state';
import { payablesOf } from '../../sandbox/workday/payables-store';

let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await removePaymentPollerSchedule(h.temporal.env.client).catch(() => undefined);
  await h?.close();
});

const status = async (coupaInvoiceId: number): Promise<InvoicePaymentStatus> =>
  (await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(coupaInvoiceId)).query(statusQuery)) as InvoicePaymentStatus;

async function waitingForPayment(coupaInvoiceId: number): Promise<InvoicePaymentStatus> {
  return eventually(async () => {
    const s = await status(coupaInvoiceId);
    return s.syncState === 'waiting' && s.payment.paymentState !== 'posting' ? s : undefined;
  }, `invoice ${coupaInvoiceId} waiting for payment`, 60_000);
}

/** Triggers the schedule now and returns the result of the run it started. */
async function triggerPoll(runsBefore: number): Promise<PaymentPollerResult> {
  const schedule = h.temporal.env.client.schedule.getHandle(PAYMENT_POLLER_SCHEDULE_ID);
  // ALLOW_ALL (trigger's default) runs stand outside the chain of results; a scheduled run never does.
  await schedule.trigger(ScheduleOverlapPolicy.SKIP);
  const action = await eventually(async () => {
    const actions = (await schedule.describe()).info.recentActions;
    return actions.length > runsBefore ? actions.at(-1) : undefined;
  }, 'the scheduled poll to start');
  const handle = h.temporal.env.client.workflow.getHandle(action.action.workflow.workflowId, action.action.workflow.firstExecutionRunId);
  const result = (await handle.result()) as PaymentPollerResult;
  // The schedule hands a run's result to the next run once it has seen the run close.
  await eventually(async () => ((await schedule.describe()).info.runningActions.length === 0 ? true : undefined), 'the schedule to see the poll finish');
  return result;
}

test('20 approved invoices: a settlement pays 15 (two partly), 2 are voided, 3 still wait; two polls over one window record each payment once', { timeout: 300_000 }, async () => {
  const client = h.temporal.env.client;
  const ids: number[] = [];
  for (let i = 0; i < 20; i += 1) ids.push(await approvedInvoice(h.coupa, { number: `E2E-${1000 + i}`, supplier: i % 3 }));
  for (const id of ids) await startInvoiceToPayment(client, h.queueConfig, { coupaInvoiceId: String(id), companyCode: 'US01' });
  // A duplicate start (the posting workflow retrying its hand-over) lands on the running run.
  await startInvoiceToPayment(client, h.queueConfig, { coupaInvoiceId: String(ids[0]), companyCode: 'US01' });

  for (const id of ids) {
    const s = await waitingForPayment(id);
    assert.equal(s.payment.owed, '1000.00');
    assert.equal(s.payment.paymentState, 'owed');
  }
  // Workday has one supplier invoice per Coupa invoice, with the mapped spend categories and cost centers; Coupa shows them exported.
  const payables = payablesOf(h.workday.store);
  assert.equal(payables.invoices.length, 20);
  const first = workdayInvoice(h.workday, `COUPA-INV-${ids[0]}`)!;
  assert.equal(first.supplierId, 'SUP-000101');
  assert.deepEqual(first.lines.map((l) => [l.spendCategoryId, l.worktags]), [
    ['SC_OFFICE_SUPPLIES', [{ type: 'Cost_Center_Reference_ID', id: 'CC1100' }]],
    ['SC_IT_HARDWARE', [{ type: 'Cost_Center_Reference_ID', id: 'CC1400' }]],
  ]);
  for (const id of ids) assert.equal((await coupaInvoice(h.coupa, id)).exported, true, `invoice ${id} exported`);

  // Workday's settlement run: 13 in full, 2 partly.
  const fully = ids.slice(0, 13);
  const partly = ids.slice(13, 15);
  const voided = ids.slice(15, 17);
  const unpaid = ids.slice(17);
  await settle(h.workday, [
    ...fully.map((id) => ({ supplierInvoiceId: `COUPA-INV-${id}` })),
    ...partly.map((id) => ({ supplierInvoiceId: `COUPA-INV-${id}`, amount: '250.00' })),
  ]);

  // Coupa voids two unpaid invoices; the run of each hears of it (as the ingress will tell it).
  for (const id of voided) {
    await voidInCoupa(h.coupa, id);
    await reportInvoiceVoided(client, String(id), 'duplicate of another invoice');
  }

  // The poller on its schedule, run twice over the same window: the second run reads the same payments and signals none again.
  await installPaymentPollerSchedule(client, h.queueConfig, { every: '24h', overlapDays: 3 });
  const firstPoll = await triggerPoll(0);
  assert.equal(firstPoll.signalled, 15, JSON.stringify(firstPoll));
  assert.deepEqual(firstPoll.unmatched, []);
  const secondPoll = await triggerPoll(1);
  // The second run starts at the first one's watermark minus the overlap: the same payments are in its window again.
  const paymentDate = payablesOf(h.workday.store).payments[0]!.paymentDate;
  for (const poll of [firstPoll, secondPoll]) assert.ok(poll.window.from <= paymentDate && paymentDate <= poll.window.to, JSON.stringify(poll.window));
  assert.equal(secondPoll.window.from, new Date(Date.parse(`${firstPoll.watermark}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10));
  assert.equal(secondPoll.alreadySeen, 15);
  assert.equal(secondPoll.signalled, 0);

  const results = new Map<number, InvoiceToPaymentResult>();
  for (const id of [...fully, ...voided]) results.set(id, (await client.workflow.getHandle(invoicePaymentWorkflowId(id)).result()) as InvoiceToPaymentResult);

  // A person confirms one of the partial payments again by hand (same reference): counted once.
  const partialRef = (await eventually(async () => {
    const s = await status(partly[0]!);
    return s.payment.payments.length === 1 && s.payment.payments[0]!.inCoupa ? s : undefined;
  }, 'the partial payment recorded')).payment.payments[0]!;
  await confirmInvoicePayment(client, String(partly[0]), { amount: partialRef.amount, currency: 'USD', paymentDate: partialRef.paymentDate, reference: partialRef.reference, source: 'cli' });
  await eventually(async () => ((await status(partly[0]!)).payment.duplicatesIgnored === 1 ? true : undefined), 'the repeat to be ignored');

  // Coupa: 13 paid, 2 partially paid, 2 voided (and cancelled in Workday), 3 waiting.
  for (const id of fully) {
    const inv = await coupaInvoice(h.coupa, id);
    assert.equal(inv.paid, true, `invoice ${id} paid`);
    assert.equal(inv.payments.length, 1, `invoice ${id}: one payment, recorded once`);
    assert.equal(inv.payments[0]!['amount-paid'], '1000.00');
    assert.equal(results.get(id)!.outcome, 'paid');
  }
  for (const id of partly) {
    const inv = await coupaInvoice(h.coupa, id);
    assert.equal(inv.paid, false);
    assert.deepEqual(inv.payments.map((p) => p['amount-paid']), ['250.00']);
    const s = await status(id);
    assert.equal(s.payment.paymentState, 'partially-paid');
    assert.equal(s.payment.outstanding, '750.00');
    assert.equal(s.syncState, 'waiting');
  }
  for (const id of voided) {
    assert.equal((await coupaInvoice(h.coupa, id)).status, 'voided');
    assert.equal(results.get(id)!.outcome, 'voided');
    assert.equal(workdayInvoice(h.workday, `COUPA-INV-${id}`)!.status, 'Canceled');
  }
  for (const id of unpaid) {
    const inv = await coupaInvoice(h.coupa, id);
    assert.equal(inv.paid, false);
    assert.deepEqual(inv.payments, []);
    assert.equal((await status(id)).syncState, 'waiting');
  }
  const byState = (state: string) => client.workflow.count(`BusinessProcess = 'invoice-payment' AND ProcessState = '${state}'`);
  await eventually(async () => ((await byState('paid')).count === 13 ? true : undefined), 'visibility: 13 paid');
  assert.equal((await byState('partially-paid')).count, 2);
  assert.equal((await byState('voided')).count, 2);
  assert.equal((await byState('owed')).count, 3);
});

test('a resubmitted invoice is "already there" in Workday, not an error', { timeout: 120_000 }, async () => {
  const id = await approvedInvoice(h.coupa, { number: 'E2E-DUP-1' });
  // Someone keyed the same supplier invoice into Workday before the run got to it.
  const payables = payablesOf(h.workday.store);
  payables.submit({ supplierInvoiceId: null, suppliersInvoiceNumber: 'E2E-DUP-1', supplierId: 'SUP-000101', companyCode: 'US01', currency: 'USD', invoiceDate: '2026-11-01', dueDate: null, controlTotalCents: 100000, lines: [] }, Date.now());
  await startInvoiceToPayment(h.temporal.env.client, h.queueConfig, { coupaInvoiceId: String(id), companyCode: 'US01' });
  const s = await waitingForPayment(id);
  assert.ok(s.changes.some((c) => c.action === 'supplier invoice already there'), JSON.stringify(s.changes));
  assert.equal(payables.invoices.filter((i) => i.suppliersInvoiceNumber === 'E2E-DUP-1').length, 1);
});

test('an overpayment and a void after payment park the run for a person', { timeout: 120_000 }, async () => {
  const client = h.temporal.env.client;
  const id = await approvedInvoice(h.coupa, { number: 'E2E-OVER-1' });
  const handle = await startInvoiceToPayment(client, h.queueConfig, { coupaInvoiceId: String(id), companyCode: 'US01' });
  await waitingForPayment(id);
  await confirmInvoicePayment(client, String(id), { amount: '1200.00', currency: 'USD', paymentDate: '2026-11-20', reference: 'EFT-OVER', source: 'cli' });
  const parked = await eventually(async () => {
    const s = await status(id);
    return s.syncState === 'needs-attention' ? s : undefined;
  }, 'the overpayment to park');
  assert.equal(parked.parking?.failureType, 'PaymentMismatch');
  assert.match(parked.parking!.reason, /more than the 1000.00 USD still owed/);
  await handle.executeUpdate('skipParked', { args: ['overpayment handled in Workday'] });
  assert.equal(((await handle.result()) as InvoiceToPaymentResult).outcome, 'skipped');

  const paidThenVoided = await approvedInvoice(h.coupa, { number: 'E2E-REFUND-1' });
  const refund = await startInvoiceToPayment(client, h.queueConfig, { coupaInvoiceId: String(paidThenVoided), companyCode: 'US01' });
  await waitingForPayment(paidThenVoided);
  await confirmInvoicePayment(client, String(paidThenVoided), { amount: '300.00', currency: 'USD', paymentDate: '2026-11-20', reference: 'EFT-PART', source: 'cli' });
  await eventually(async () => ((await status(paidThenVoided)).payment.paymentState === 'partially-paid' ? true : undefined), 'partial payment recorded');
  await reportInvoiceVoided(client, String(paidThenVoided), 'supplier credited');
  const refundParked = await eventually(async () => {
    const s = await status(paidThenVoided);
    return s.syncState === 'needs-attention' ? s : undefined;
  }, 'the void after payment to park');
  assert.match(refundParked.parking!.reason, /refund is needed/);
  assert.equal(workdayInvoice(h.workday, `COUPA-INV-${paidThenVoided}`)!.status, 'Approved', 'not cancelled in Workday');
  await refund.executeUpdate('retryParked');
  assert.equal(((await refund.result()) as InvoiceToPaymentResult).outcome, 'voided-after-payment');
});

test('a run waiting long continues as new with its payments, events and duplicates carried over', { timeout: 120_000 }, async () => {
  const client = h.temporal.env.client;
  const id = await approvedInvoice(h.coupa, { number: 'E2E-LONG-1' });
  // A tiny history limit stands in for months of waiting.
  const handle = await client.workflow.start('invoiceToPayment', {
    workflowId: invoicePaymentWorkflowId(id),
    taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS,
    args: [{ coupaInvoiceId: String(id), companyCode: 'US01', historyLimit: 40 }],
  });
  await waitingForPayment(id);
  for (let i = 1; i <= 4; i += 1) {
    await confirmInvoicePayment(client, String(id), { amount: '100.00', currency: 'USD', paymentDate: '2026-11-2' + i, reference: `EFT-LONG-${i}`, source: 'cli' });
    await confirmInvoicePayment(client, String(id), { amount: '100.00', currency: 'USD', paymentDate: '2026-11-2' + i, reference: `EFT-LONG-${i}`, source: 'cli' });
    await eventually(async () => ((await status(id)).payment.payments.filter((p) => p.inCoupa).length === i ? true : undefined), `payment ${i} recorded`);
  }
  const latest = client.workflow.getHandle(invoicePaymentWorkflowId(id));
  const description = await latest.describe();
  assert.notEqual(description.runId, handle.firstExecutionRunId, 'continued as new');
  const s = await status(id);
  assert.equal(s.payment.paid, '400.00');
  assert.equal(s.payment.duplicatesIgnored, 4);
  assert.ok(s.payment.events.some((e) => e.what.startsWith('posted to Workday')), 'events of the first run are kept');
  await confirmInvoicePayment(client, String(id), { amount: '600.00', currency: 'USD', paymentDate: '2026-11-28', reference: 'EFT-LONG-5', source: 'cli' });
  assert.equal(((await latest.result()) as InvoiceToPaymentResult).outcome, 'paid');
  const inv = await coupaInvoice(h.coupa, id);
  assert.deepEqual(inv.payments.map((p) => p.notes), ['EFT-LONG-1', 'EFT-LONG-2', 'EFT-LONG-3', 'EFT-LONG-4', 'EFT-LONG-5']);
  assert.equal(inv.paid, true);
});

test('a Workday payment for an invoice no run waits for is reported by the poller, never dropped', { timeout: 120_000 }, async () => {
  const payables = payablesOf(h.workday.store);
  const line = { lineOrder: 1, description: 'x', spendCategoryId: 'SC_GENERAL', quantity: '1', unitCost: '5.00', extendedAmountCents: 500, worktags: [] };
  payables.submit({ supplierInvoiceId: 'COUPA-INV-999999', suppliersInvoiceNumber: 'ORPHAN-1', supplierId: 'SUP-000102', companyCode: 'US01', currency: 'USD', invoiceDate: '2026-11-01', dueDate: null, controlTotalCents: 500, lines: [line] }, Date.now());
  payables.submit({ supplierInvoiceId: null, suppliersInvoiceNumber: 'KEYED-IN-WORKDAY', supplierId: 'SUP-000102', companyCode: 'US01', currency: 'USD', invoiceDate: '2026-11-01', dueDate: null, controlTotalCents: 700, lines: [line] }, Date.now());
  await settle(h.workday, [{ supplierInvoiceId: 'COUPA-INV-999999' }, { suppliersInvoiceNumber: 'KEYED-IN-WORKDAY' }], '2020-01-15');

  const handle = await runPaymentPoller(h.temporal.env.client, h.queueConfig, { from: '2020-01-01', to: '2020-01-31' });
  const result = (await handle.result()) as PaymentPollerResult;
  assert.deepEqual(result.unmatched.map((u) => [u.supplierInvoiceId, u.amount, u.why]), [
    ['COUPA-INV-999999', '5.00', 'no open invoice run'],
    [payables.findInvoice({ suppliersInvoiceNumber: 'KEYED-IN-WORKDAY' })!.supplierInvoiceId, '7.00', 'not an invoice this integration posted'],
  ]);
  const s = await handle.query(statusQuery);
  assert.equal(s.warnings.length, 2);
  assert.match(s.warnings[0]!, /COUPA-INV-999999: no open invoice run/);
  const described = await handle.describe();
  assert.equal(described.typedSearchAttributes.get(PaymentStateKey), 'unmatched-payments');
});
