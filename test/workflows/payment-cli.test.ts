// Invoice to payment from the project CLI: start a run, confirm a payment in two parts by hand (a repeat counts once), refuse a malformed amount, void another.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { approvedInvoice, coupaInvoice, workdayInvoice } from '../helpers/invoice-payment';
import { invoicePaymentWorkflowId, type InvoicePaymentStatus, type InvoiceToPaymentResult } from '../../workflows/invoice-to-payment';
import { statusQuery } from '../../workflows/sync-state';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
let h: ProvisioningHarness;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const out = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address, TEMPORAL_NAMESPACE: h.temporal.namespace, TASK_QUEUE_WORKFLOWS: h.queueConfig.TASK_QUEUE_WORKFLOWS },
    });
    return { code: 0, ...out };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await h?.close();
});

const status = async (id: number) => (await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(id)).query(statusQuery)) as InvoicePaymentStatus;

test('support starts invoice to payment, confirms payments and voids an invoice from the CLI', { timeout: 180_000 }, async () => {
  const paid = await approvedInvoice(h.coupa, { number: 'CLI-1' });
  const voided = await approvedInvoice(h.coupa, { number: 'CLI-2' });
  for (const id of [paid, voided]) {
    const started = await cli(['invoice-payment', String(id), '--company', 'US01']);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, new RegExp(`invoice-payment/${id}`));
  }
  for (const id of [paid, voided]) await eventually(async () => ((await status(id)).syncState === 'waiting' ? true : undefined), `invoice ${id} waiting`, 60_000);

  const bad = await cli(['confirm-payment', String(paid), '--amount', '12,50', '--reference', 'CHK-1']);
  assert.equal(bad.code, 2, 'a usage mistake');
  assert.match(bad.stderr, /must be a decimal/);

  for (const args of [
    ['--amount', '600.00', '--reference', 'CHK-1', '--date', '2026-11-20'],
    ['--amount', '600.00', '--reference', 'CHK-1', '--date', '2026-11-20'],
    ['--amount', '400.00', '--reference', 'CHK-2', '--date', '2026-11-21'],
  ]) {
    const sent = await cli(['confirm-payment', String(paid), ...args]);
    assert.equal(sent.code, 0, sent.stderr);
  }
  const result = (await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(paid)).result()) as InvoiceToPaymentResult;
  assert.equal(result.outcome, 'paid');
  assert.equal(result.payment.duplicatesIgnored, 1);
  assert.deepEqual((await coupaInvoice(h.coupa, paid)).payments.map((p) => [p['amount-paid'], p.notes]), [
    ['600.00', 'CHK-1'],
    ['400.00', 'CHK-2'],
  ]);

  const voiding = await cli(['void-invoice', String(voided), '--reason', 'entered twice']);
  assert.equal(voiding.code, 0, voiding.stderr);
  const voidResult = (await h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(voided)).result()) as InvoiceToPaymentResult;
  assert.equal(voidResult.outcome, 'voided');
  assert.equal(workdayInvoice(h.workday, `COUPA-INV-${voided}`)!.status, 'Canceled');
});
