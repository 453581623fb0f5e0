// invoiceToPayment on Temporal's time-skipping test server: an invoice due in 30 days paid on day 20 in two parts; another flagged overdue after the grace days and paid on day 45.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { startTimeSkippingEnvironment } from '../helpers/time-skipping';
import { testDataConverter } from '../helpers/temporal';
import { approvedInvoice, coupaInvoice } from '../helpers/invoice-payment';
import { createSyncWorkers, runAll } from '../../workers/sync-workers';
import { confirmInvoicePayment, startInvoiceToPayment } from '../../clients/invoice-payment';
import { PaymentStateKey, type InvoicePaymentStatus, type InvoiceToPaymentResult } from '../../workflows/invoice-to-payment';
import { statusQuery } from '../../workflows/sync-state';

let h: ProvisioningHarness;
let env: TestWorkflowEnvironment;
let workers: Worker[] = [];
let running: Promise<void>;
const DAY = 24 * 3600 * 1000;

before(async () => {
  h = await startProvisioningHarness();
  env = await startTimeSkippingEnvironment();
  workers = await createSyncWorkers({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    queues: h.temporal.queues,
    deps: h.deps,
    coupaActivitiesPerSecond: 200,
    workdayActivitiesPerSecond: 200,
    ...(h.temporal.workflowBundle ? { workflowBundle: h.temporal.workflowBundle } : {}),
    shutdownGraceTime: '1 second',
    dataConverter: testDataConverter,
  });
  running = runAll(workers);
});

after(async () => {
  for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  await running;
  await env?.teardown();
  await h?.close();
});

/** YYYY-MM-DD `days` after the test server's now (earlier tests move its clock ahead). */
async function inDays(days: number): Promise<string> {
  return new Date((await env.currentTimeMs()) + days * DAY).toISOString().slice(0, 10);
}

async function startWaitingRun(number: string): Promise<{ id: number; start: number; handle: Awaited<ReturnType<typeof startInvoiceToPayment>> }> {
  const start = await env.currentTimeMs();
  const today = new Date(start).toISOString().slice(0, 10);
  const id = await approvedInvoice(h.coupa, { number, invoiceDate: today, netDueDate: await inDays(30) });
  const handle = await startInvoiceToPayment(env.client, h.queueConfig, { coupaInvoiceId: String(id), companyCode: 'US01' });
  return { id, start, handle };
}

/** Sleeps until `day` days after `start` on the server's clock. */
async function untilDay(start: number, day: number): Promise<void> {
  const left = start + day * DAY - (await env.currentTimeMs());
  if (left > 0) await env.sleep(left);
}

test('due in 30 days, paid on day 20 in two partial payments: paid in Coupa with both payments', { timeout: 180_000 }, async () => {
  const { id, start, handle } = await startWaitingRun('TS-PAID-20');
  await untilDay(start, 20);
  const day20 = await inDays(0);
  const before = (await handle.query(statusQuery)) as InvoicePaymentStatus;
  assert.equal(before.syncState, 'waiting');
  assert.equal(before.payment.paymentState, 'owed');

  await confirmInvoicePayment(env.client, String(id), { amount: '400.00', currency: 'USD', paymentDate: day20, reference: 'EFT-TS-1', source: 'workday-poller' });
  await confirmInvoicePayment(env.client, String(id), { amount: '600.00', currency: 'USD', paymentDate: day20, reference: 'EFT-TS-2', source: 'workday-poller' });
  const result = (await handle.result()) as InvoiceToPaymentResult;
  assert.equal(result.outcome, 'paid');
  assert.equal(result.payment.paid, '1000.00');
  assert.ok(!result.payment.events.some((e) => e.what.startsWith('flagged overdue')), 'never overdue');

  const inv = await coupaInvoice(h.coupa, id);
  assert.equal(inv.paid, true);
  assert.deepEqual(
    inv.payments.map((p) => [p['amount-paid'], p['payment-date'], p.notes]),
    [
      ['400.00', day20, 'EFT-TS-1'],
      ['600.00', day20, 'EFT-TS-2'],
    ],
  );
});

test('unpaid by due date + grace: flagged overdue (search attribute, one warning), still waiting, completes when paid on day 45', { timeout: 180_000 }, async () => {
  const { id, start, handle } = await startWaitingRun('TS-LATE-45');
  // Due on day 30, grace 5 days (config/mapping.yaml): not overdue on day 34, overdue on day 36.
  await untilDay(start, 34);
  assert.equal(((await handle.query(statusQuery)) as InvoicePaymentStatus).payment.paymentState, 'owed');
  await untilDay(start, 36);
  const late = (await handle.query(statusQuery)) as InvoicePaymentStatus;
  assert.equal(late.payment.paymentState, 'overdue');
  assert.equal(late.syncState, 'waiting');
  assert.equal(late.warnings.filter((w) => /unpaid 5 day\(s\) after its due date/.test(w)).length, 1, 'one warning');
  const described = await handle.describe();
  assert.deepEqual(described.typedSearchAttributes.get(PaymentStateKey), 'overdue');

  await untilDay(start, 45);
  await confirmInvoicePayment(env.client, String(id), { amount: '1000.00', currency: 'USD', paymentDate: await inDays(0), reference: 'EFT-TS-LATE', source: 'workday-poller' });
  const result = (await handle.result()) as InvoiceToPaymentResult;
  assert.equal(result.outcome, 'paid');
  const overdue = result.payment.events.find((e) => e.what.startsWith('flagged overdue'));
  assert.ok(overdue, 'the overdue flag is in the events');
  assert.ok(Date.parse(overdue.at) >= Date.parse(`${result.payment.dueDate}T00:00:00Z`) + 5 * DAY, `flagged at ${overdue.at}, after due date ${result.payment.dueDate} + grace`);
  assert.ok(!result.payment.events.some((e) => e.what.startsWith('escalated')), 'not escalated before day 60');
  assert.equal((await coupaInvoice(h.coupa, id)).paid, true);
});

test('still unpaid at the second threshold: escalated, and keeps waiting', { timeout: 180_000 }, async () => {
  const { start, handle } = await startWaitingRun('TS-ESCALATE');
  await untilDay(start, 61);
  const s = (await handle.query(statusQuery)) as InvoicePaymentStatus;
  assert.equal(s.payment.paymentState, 'escalated');
  assert.equal(s.syncState, 'waiting');
  assert.ok(s.warnings.some((w) => w.startsWith('Escalated:')));
  await handle.terminate('test over');
});
