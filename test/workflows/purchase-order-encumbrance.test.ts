// purchaseOrderEncumbrance end to end on the dev server: a PO's versions become obligations on Workday's obligation ledger (budget view in between), close releases them, over-budget is held and flagged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { cents, financeAdmin, type LineInput, type PostedJournalView } from '../helpers/finance';
import { signalPurchaseOrderChanged } from '../../clients/finance';
import { BudgetStatusKey, encumbranceQuery, purchaseOrderEncumbranceWorkflowId, type EncumbranceView } from '../../workflows/purchase-order-encumbrance';
import { retryUpdate, statusQuery } from '../../workflows/sync-state';
import fs from 'node:fs';
import path from 'node:path';
import { historiesDir } from '../histories/history-files';
import { REQUIRED_FINANCE_HISTORIES } from '../histories/record-finance';

let h: ProvisioningHarness;
let admin: ReturnType<typeof financeAdmin>;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  admin = financeAdmin(h);
});

after(async () => {
  await h?.close();
});

const signal = (po: { id: number; version?: number; status: string }) =>
  signalPurchaseOrderChanged(h.temporal.env.client, h.queueConfig, { coupaPoId: String(po.id), version: po.version ?? 1, status: po.status, observedAt: new Date().toISOString() });
const poJournals = async (poId: number): Promise<PostedJournalView[]> => (await admin.journals()).filter((j) => j.externalReferenceId?.startsWith(`coupa-po/${poId}/`));
const handleOf = (poId: number) => h.temporal.env.client.workflow.getHandle(purchaseOrderEncumbranceWorkflowId(String(poId)));
const view = (poId: number): Promise<EncumbranceView> => handleOf(poId).query(encumbranceQuery);
const until = (poId: number, what: string, check: (v: EncumbranceView) => boolean) =>
  eventually(async () => {
    const v = await view(poId);
    return check(v) ? v : undefined;
  }, what);

async function obligatedOn(year: number, costCenter: string, ledgerAccount: string): Promise<number> {
  const row = (await admin.budgets(year)).find((r) => r.company === 'US01' && r.costCenter === costCenter && r.ledgerAccount === ledgerAccount);
  assert.ok(row, `budget row ${costCenter}/${ledgerAccount}`);
  return cents(row.obligated);
}

test('a PO issued, revised to a higher total, then closed: the budget view shows the commitment in between, and the obligations net to zero', { timeout: 120_000 }, async () => {
  const v1: LineInput[] = [
    { account: ['US01', 'CC1520', '6100'], total: '1000.00' },
    { account: ['US01', 'CC1520', '5010'], total: '2500.00' },
  ];
  const po = await admin.issuePurchaseOrder({ lines: v1 });
  await signal(po);
  await until(po.id, 'version 1 obligated', (v) => v.postedVersion === 1);
  const [first] = await poJournals(po.id);
  assert.ok(first);
  assert.equal(first.ledgerType, 'Obligation');
  assert.equal(first.externalReferenceId, `coupa-po/${po.id}/v1`);
  const year = Number(first.accountingDate.slice(0, 4));
  assert.equal(await obligatedOn(year, 'CC1520', '6100'), 100000);
  assert.equal(await obligatedOn(year, 'CC1520', '6300'), 250000, 'GL 5010 books to Workday 6300');
  assert.equal(h.coupa.store.purchaseOrders.get(po.id)?.exported, true, 'marked exported in Coupa');

  const v2: LineInput[] = [
    { account: ['US01', 'CC1520', '6100'], total: '1500.00' },
    { account: ['US01', 'CC1520', '5010'], total: '4000.00' },
  ];
  const revised = await admin.revisePurchaseOrder(po.id, v2);
  assert.equal(revised.version, 2);
  assert.equal(revised.exported, false, 'a new version clears exported');
  await signal(revised);
  const afterRevision = await until(po.id, 'version 2 obligated', (v) => v.postedVersion === 2);
  assert.equal(afterRevision.obligated, '5500.00');
  assert.equal(afterRevision.budgetStatus, 'within-budget');
  assert.equal(await obligatedOn(year, 'CC1520', '6100'), 150000, 'the budget view shows the revised commitment');
  assert.equal(await obligatedOn(year, 'CC1520', '6300'), 400000);
  assert.deepEqual((await poJournals(po.id)).map((j) => j.externalReferenceId), [`coupa-po/${po.id}/v1`, `coupa-po/${po.id}/v1/release`, `coupa-po/${po.id}/v2`]);

  // A late duplicate of the first event: the run re-reads Coupa and finds nothing to do.
  const handled = afterRevision.eventsHandled;
  await signal({ id: po.id, version: 1, status: 'issued' });
  await until(po.id, 'the duplicate handled', (v) => v.eventsHandled > handled);
  assert.equal((await poJournals(po.id)).length, 3, 'a duplicate event posts nothing');

  await admin.closePurchaseOrder(po.id);
  await signal({ id: po.id, version: 2, status: 'closed' });
  const result = await handleOf(po.id).result();
  assert.equal(result.outcome, 'released');
  assert.equal(result.state.budgetStatus, 'released');
  const journals = await poJournals(po.id);
  assert.equal(journals.length, 4);
  const net = new Map<string, number>();
  for (const j of journals) {
    const debits = j.lines.reduce((s, l) => s + cents(l.debit), 0);
    assert.equal(debits, j.lines.reduce((s, l) => s + cents(l.credit), 0), `${j.externalReferenceId} balances`);
    for (const l of j.lines) net.set(`${l.ledgerAccount}/${l.costCenter}`, (net.get(`${l.ledgerAccount}/${l.costCenter}`) ?? 0) + cents(l.debit) - cents(l.credit));
  }
  assert.ok([...net.values()].every((v) => v === 0), `obligations net to zero: ${JSON.stringify([...net])}`);
  assert.equal(await obligatedOn(year, 'CC1520', '6100'), 0);
  assert.equal(await obligatedOn(year, 'CC1520', '6300'), 0);
});

test('a PO over budget is flagged (status and BudgetStatus) and held, not posted; after the budget amendment a retry posts it', { timeout: 120_000 }, async () => {
  // Procurement's IT Hardware budget is 5,000.00 in the sandbox.
  const po = await admin.issuePurchaseOrder({ lines: [{ account: ['US01', 'CC1300', '5010'], total: '8000.00' }] });
  await signal(po);
  const handle = handleOf(po.id);
  const parked = await eventually(async () => {
    const status = await handle.query(statusQuery);
    return status.syncState === 'needs-attention' ? status : undefined;
  }, 'the PO to be held');
  assert.equal(parked.parking?.failureType, 'OverBudget');
  assert.match(parked.parking?.reason ?? '', /over budget .*CC1300\/6300 needs 8000\.00, available 5000\.00/);
  const flagged = await view(po.id);
  assert.equal(flagged.budgetStatus, 'over-budget');
  assert.equal(flagged.postedVersion, null);
  await eventually(async () => ((await handle.describe()).typedSearchAttributes.get(BudgetStatusKey) === 'over-budget' ? true : undefined), 'BudgetStatus=over-budget');
  assert.equal((await poJournals(po.id)).length, 0, 'not silently posted');

  const year = new Date().getUTCFullYear();
  for (const y of [year - 1, year, year + 1]) await admin.setBudget({ company: 'US01', costCenter: 'CC1300', ledgerAccount: '6300', fiscalYear: y, amount: '20000.00' });
  await handle.executeUpdate(retryUpdate);
  const posted = await until(po.id, 'the obligation after the amendment', (v) => v.postedVersion === 1);
  assert.equal(posted.budgetStatus, 'within-budget');
  await eventually(async () => ((await handle.describe()).typedSearchAttributes.get(BudgetStatusKey) === 'within-budget' ? true : undefined), 'BudgetStatus=within-budget');

  await admin.cancelPurchaseOrder(po.id);
  await signal({ id: po.id, status: 'cancelled' });
  assert.equal((await handle.result()).outcome, 'released');
});

test('a long-lived PO run continues as new carrying its obligation, so its history stays bounded', { timeout: 120_000 }, async () => {
  const lines = (total: string): LineInput[] => [{ account: ['US01', 'CC1700', '6500'], total }];
  const po = await admin.issuePurchaseOrder({ lines: lines('100.00') });
  // Started directly with a tiny events-per-run, as signal-with-start would, to see the hand-over after two events.
  const handle = await h.temporal.env.client.workflow.start('purchaseOrderEncumbrance', {
    workflowId: purchaseOrderEncumbranceWorkflowId(String(po.id)),
    taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS,
    args: [{ coupaPoId: String(po.id), eventsPerRun: 2 }],
  });
  await until(po.id, 'version 1 obligated', (v) => v.postedVersion === 1);
  let version = 1;
  for (const total of ['200.00', '300.00', '400.00']) {
    const revised = await admin.revisePurchaseOrder(po.id, lines(total));
    version = revised.version!;
    await signal(revised);
    await until(po.id, `version ${version} obligated`, (v) => v.postedVersion === version);
  }
  // The hand-over happens when the run is idle again: a revision that arrives mid-event is handled first.
  const carried = await until(po.id, 'continued as new', (v) => v.runs >= 2);
  assert.equal(carried.obligated, '400.00', 'the obligation was carried into the new run');
  const firstRun = await h.temporal.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
  assert.equal(firstRun.status.name, 'CONTINUED_AS_NEW');
  await admin.closePurchaseOrder(po.id);
  await signal({ id: po.id, version, status: 'closed' });
  assert.equal((await handleOf(po.id).result()).outcome, 'released');
  const net = (await poJournals(po.id)).flatMap((j) => j.lines).reduce((s, l) => s + cents(l.debit) - cents(l.credit), 0);
  assert.equal(net, 0);
  assert.equal((await poJournals(po.id)).length, 8, 'four versions, three reversals and the release');
});

test('there is a saved history for every path of invoicePosting and purchaseOrderEncumbrance (replayed by the replay test)', () => {
  for (const name of REQUIRED_FINANCE_HISTORIES) {
    assert.ok(fs.existsSync(path.join(historiesDir, `${name}.json`)), `test/histories/${name}.json is missing: run npx tsx test/histories/record-finance.ts`);
  }
});

test('finance from the CLI: post-invoice posts an approved invoice, po-event drives a PO run, po-obligation reads it', { timeout: 120_000 }, async () => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const repoRoot = path.resolve(__dirname, '../..');
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address },
    });
  const invoice = await admin.createInvoice({ lines: [{ account: ['US01', 'CC1900', '6200'], total: '640.00' }], 'invoice-date': '2026-07-01' });
  const posted = await cli(['post-invoice', String(invoice.id), '--wait']);
  assert.match(posted.stdout, new RegExp(`started invoice-posting/${invoice.id}`));
  assert.match(posted.stdout, /"outcome": "posted"/);
  assert.equal(h.coupa.store.invoices.get(invoice.id)?.exported, true);

  const po = await admin.issuePurchaseOrder({ lines: [{ account: ['US01', 'CC1900', '6200'], total: '2000.00' }] });
  const signalled = await cli(['po-event', String(po.id), '--status', 'issued']);
  assert.match(signalled.stdout, new RegExp(`signalled po-encumbrance/${po.id}`));
  await until(po.id, 'the obligation', (v) => v.postedVersion === 1);
  const obligation = await cli(['po-obligation', String(po.id)]);
  assert.match(obligation.stdout, /"obligated": "2000.00"/);
  await admin.closePurchaseOrder(po.id);
  await cli(['po-event', String(po.id), '--status', 'closed']);
  assert.equal((await handleOf(po.id).result()).outcome, 'released');
});
