// Approved Coupa invoices reach invoicePosting exactly once: by the Coupa sandbox's Call Out through the ingress, and by the poller while invoices keep being approved, through a pause and a worker restart.
// invoicePosting is the finance helper's and not on this branch: a stand-in of that type name (test/helpers/invoice-posting-stub-workflows.ts) counts the starts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { CoupaClient } from '../../connectors/coupa';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { startTestIngress, INGRESS_TEST_CREDENTIALS as C, type TestIngress } from '../helpers/ingress';
import { testDataConverter } from '../helpers/temporal';
import { createSyncWorkers, runAll } from '../../workers/sync-workers';
import { failureConverterPath } from '../../infra/data-converter';
import { installPollerSchedule, pollerNamed, setSchedulePaused } from '../../clients/pollers';

let h: ProvisioningHarness;
let ingress: TestIngress;
let workers: Worker[] = [];
let running: Promise<void> | null = null;
let bundle: { code: string };
let deps: ProvisioningHarness['deps'];

async function startWorkers(): Promise<void> {
  workers = await createSyncWorkers({
    connection: h.temporal.env.nativeConnection,
    namespace: h.temporal.namespace,
    queues: h.temporal.queues,
    deps,
    coupaActivitiesPerSecond: 200,
    workdayActivitiesPerSecond: 200,
    workflowBundle: bundle,
    shutdownGraceTime: '1 second',
    shutdownForceTime: '5 seconds',
    dataConverter: testDataConverter,
  });
  running = runAll(workers);
}

async function stopWorkers(): Promise<void> {
  for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  await running;
}

/** Creates an invoice waiting on proc.admin.1 and approves it through the API, as a person would. */
async function approvedInvoice(): Promise<string> {
  const created = await fetch(`${h.coupa.url}/_sandbox/invoices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approvers: [{ login: 'proc.admin.1' }] }) });
  assert.equal(created.status, 201);
  const invoice = (await created.json()) as { id: number; 'current-approval': { id: number } };
  const token = h.coupa.mintToken(['core.approval.write', 'core.approval.read']).access_token;
  const approved = await fetch(`${h.coupa.url}/api/approvals/${invoice['current-approval'].id}/approve`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  assert.equal(approved.status, 200, await approved.clone().text());
  return String(invoice.id);
}

/** Creates a PO waiting on proc.admin.1 and approves it: the sandbox issues it. */
async function issuedPurchaseOrder(): Promise<string> {
  const created = await fetch(`${h.coupa.url}/_sandbox/purchase_orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approvers: [{ login: 'proc.admin.1' }] }) });
  assert.equal(created.status, 201);
  const po = (await created.json()) as { id: number; 'current-approval': { id: number } };
  const token = h.coupa.mintToken(['core.approval.write', 'core.approval.read']).access_token;
  const approved = await fetch(`${h.coupa.url}/api/approvals/${po['current-approval'].id}/approve`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  assert.equal(approved.status, 200, await approved.clone().text());
  return String(po.id);
}

async function startsOf(workflowId: string): Promise<number> {
  let runs = 0;
  for await (const _ of h.temporal.env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs += 1;
  return runs;
}

before(async () => {
  h = await startProvisioningHarness();
  // Reading invoices needs core.invoice.read, which the sandbox grants only when asked to (like a Coupa admin adding it to the client).
  const scopes = [...h.coupa.credentials.scopes, 'core.invoice.read'];
  h.coupa.configure({ grantedScopes: scopes });
  deps = { ...h.deps, coupa: new CoupaClient({ baseUrl: h.coupa.url, clientId: h.coupa.credentials.clientId, clientSecret: h.coupa.credentials.clientSecret, scopes, logger: pino({ level: 'silent' }) }) };
  bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../helpers/invoice-posting-stub-workflows'), failureConverterPath, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  await startWorkers();
  ingress = await startTestIngress(h.temporal.env.client, h.queueConfig.TASK_QUEUE_WORKFLOWS);
});

after(async () => {
  await ingress?.close();
  await stopWorkers();
  await h?.close();
});

test('an invoice approved in the Coupa sandbox reaches invoice-posting/<id> through its Call Out (OAuth client credentials)', { timeout: 60_000 }, async () => {
  h.coupa.callouts.configure({
    url: `${ingress.url}/events/coupa`,
    auth: { type: 'oauth', tokenUrl: `${ingress.url}/oauth/token`, clientId: C.coupaClientId, clientSecret: C.coupaClientSecret },
    initialBackoffMs: 50,
  });
  try {
    const id = await approvedInvoice();
    const result = await eventually(async () => h.temporal.env.client.workflow.getHandle(`invoice-posting/${id}`).result().catch(() => undefined), `invoice-posting/${id}`);
    assert.deepEqual(result, { coupaInvoiceId: id, trigger: 'approval-event' });
  } finally {
    h.coupa.callouts.configure(null);
  }
});

test('30 invoices approved while the poller runs start invoice posting exactly once each, through a pause and a worker restart', { timeout: 300_000 }, async () => {
  // The sandbox's invoices have no `exported` flag on this branch (the finance helper adds it): the watermark mode runs here.
  const scheduleId = pollerNamed('coupa-invoice-approvals').scheduleId;
  await installPollerSchedule(h.temporal.env.client, h.queueConfig, 'coupa-invoice-approvals', { every: '2 seconds', mode: 'watermark', overlapSeconds: 30, since: new Date(Date.now() - 1000) });
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    ids.push(await approvedInvoice());
    if (i === 8) await setSchedulePaused(h.temporal.env.client, scheduleId, true);
    if (i === 14) await setSchedulePaused(h.temporal.env.client, scheduleId, false);
    if (i === 20) {
      await stopWorkers();
      await startWorkers();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await eventually(
    async () => {
      for (const id of ids) if ((await startsOf(`invoice-posting/${id}`)) === 0) return undefined;
      return true;
    },
    'every approved invoice to reach invoice posting',
    120_000,
  );
  await h.temporal.env.client.schedule.getHandle(scheduleId).trigger();
  await new Promise((r) => setTimeout(r, 5000));
  await h.temporal.env.client.schedule.getHandle(scheduleId).pause('test: done');
  for (const id of ids) assert.equal(await startsOf(`invoice-posting/${id}`), 1, `invoice-posting/${id} started once`);
});

test('an issued PO reaches po-encumbrance/<id> by its Call Out, and POs issued while the PO poller runs reach it once each', { timeout: 180_000 }, async () => {
  h.coupa.callouts.configure({
    url: `${ingress.url}/events/coupa`,
    auth: { type: 'oauth', tokenUrl: `${ingress.url}/oauth/token`, clientId: C.coupaClientId, clientSecret: C.coupaClientSecret },
    initialBackoffMs: 50,
  });
  try {
    const id = await issuedPurchaseOrder();
    const result = (await eventually(async () => h.temporal.env.client.workflow.getHandle(`po-encumbrance/${id}`).result().catch(() => undefined), `po-encumbrance/${id}`)) as { nudges: Array<{ status: string }> };
    assert.equal(result.nudges[0]?.status, 'issued');
  } finally {
    h.coupa.callouts.configure(null);
  }

  const scheduleId = pollerNamed('coupa-purchase-order-changes').scheduleId;
  await installPollerSchedule(h.temporal.env.client, h.queueConfig, 'coupa-purchase-order-changes', { every: '2 seconds', overlapSeconds: 30, since: new Date(Date.now() - 1000) });
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    ids.push(await issuedPurchaseOrder());
    await new Promise((r) => setTimeout(r, 150));
  }
  await eventually(
    async () => {
      for (const id of ids) if ((await startsOf(`po-encumbrance/${id}`)) === 0) return undefined;
      return true;
    },
    'every issued PO to reach its encumbrance run',
    120_000,
  );
  await h.temporal.env.client.schedule.getHandle(scheduleId).trigger();
  await new Promise((r) => setTimeout(r, 5000));
  await h.temporal.env.client.schedule.getHandle(scheduleId).pause('test: done');
  for (const id of ids) assert.equal(await startsOf(`po-encumbrance/${id}`), 1, `po-encumbrance/${id} started once`);
});
