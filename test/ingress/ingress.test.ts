// The event ingress against a real Temporal dev server and both sandboxes: Workday notifications, Coupa Call Outs and signed events in, workflows out, and every refusal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import pino from 'pino';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { startTestIngress, basicAuth, INGRESS_TEST_CREDENTIALS as C, type TestIngress } from '../helpers/ingress';
import { testDataConverter } from '../helpers/temporal';
import { receiveNotificationXml, type NotificationEvent } from '../../sandbox/workday/notifications';
import { signEvent } from '../../clients/ingress/auth';
import { buildIngress } from '../../clients/ingress/server';
import { supplierStoreOf } from '../../sandbox/workday/supplier-store';

let h: ProvisioningHarness;
let ingress: TestIngress;

async function hire(orgCode = 'SUP-FIN'): Promise<{ employeeId: string; workerWid: string }> {
  const res = await fetch(`${h.workday.url}/_sandbox/hire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firstName: 'Inés', lastName: 'Ingress', supervisoryOrgCode: orgCode, jobProfileCode: 'JP-SR-ACCT' }),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { employeeId: string; workerWid: string };
}

function hireNotification(employeeId: string, workerWid: string, eventWid = `evt-${employeeId}`): NotificationEvent {
  return { eventWid, eventName: 'Hire Employee', employeeId, workerWid, effectiveDate: new Date().toISOString().slice(0, 10), completedAt: Date.now(), tenant: 'acme' };
}

async function post(path: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${ingress.url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const workdayHeaders = { 'content-type': 'text/xml; charset=utf-8', authorization: basicAuth(C.workdayUser, C.workdayPassword) };

async function runsOf(workflowId: string): Promise<number> {
  let runs = 0;
  for await (const _ of h.temporal.env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs += 1;
  return runs;
}

async function notStarted(workflowId: string): Promise<void> {
  await assert.rejects(h.temporal.env.client.workflow.getHandle(workflowId).describe(), WorkflowNotFoundError);
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  for (const org of ['SUP-EXEC', 'SUP-FIN']) {
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;
    await (await h.provision(manager, 'manual')).result();
  }
  ingress = await startTestIngress(h.temporal.env.client, h.queueConfig.TASK_QUEUE_WORKFLOWS);
});

after(async () => {
  await ingress?.close();
  await h?.close();
});

describe('a Workday hire notification', { timeout: 120_000 }, () => {
  test('with the subscription credentials makes the Coupa user; the same notification three times makes one run and one user', async () => {
    const { employeeId, workerWid } = await hire();
    const xml = receiveNotificationXml(hireNotification(employeeId, workerWid));
    const first = await post('/events/workday', xml, workdayHeaders);
    assert.equal(first.status, 202, JSON.stringify(first.body));
    assert.equal(first.body.workflowId, `employee-provisioning/${employeeId}`);
    assert.equal(first.body.duplicate, false);
    const user = await eventually(async () => (await h.coupaClient.listUsers({ 'employee-number': employeeId }))[0], 'the Coupa user');
    assert.equal(user['employee-number'], employeeId);
    const result = await h.temporal.env.client.workflow.getHandle(`employee-provisioning/${employeeId}`).result();
    assert.equal((result as { outcome: string }).outcome, 'created');

    // Redeliveries, also after the run finished: the same workflow, nothing started or signalled again.
    for (let i = 0; i < 2; i++) {
      const again = await post('/events/workday', xml, workdayHeaders);
      assert.equal(again.status, 202);
      assert.equal(again.body.workflowId, `employee-provisioning/${employeeId}`);
      assert.equal(again.body.duplicate, true);
    }
    await eventually(async () => ((await runsOf(`employee-provisioning/${employeeId}`)) === 1 ? true : undefined), 'the run in visibility');
    assert.equal(await runsOf(`employee-provisioning/${employeeId}`), 1);
    assert.equal((await h.coupaClient.listUsers({ 'employee-number': employeeId })).length, 1);
    const history = await h.temporal.env.client.workflow.getHandle(`employee-provisioning/${employeeId}`).fetchHistory();
    assert.equal(history.events?.filter((e) => e.workflowExecutionSignaledEventAttributes).length, 1, 'only the first delivery signalled');
  });

  test('WS-Security credentials in the SOAP header are accepted too', async () => {
    const { employeeId, workerWid } = await hire();
    const xml = receiveNotificationXml(hireNotification(employeeId, workerWid), { type: 'ws-security', username: C.workdayUser, password: C.workdayPassword });
    const res = await post('/events/workday', xml, { 'content-type': 'text/xml' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    await h.temporal.env.client.workflow.getHandle(`employee-provisioning/${employeeId}`).result();
  });

  test('without credentials, or with wrong ones, gets 401 and starts nothing', async () => {
    const { employeeId, workerWid } = await hire();
    const xml = receiveNotificationXml(hireNotification(employeeId, workerWid));
    assert.equal((await post('/events/workday', xml, { 'content-type': 'text/xml' })).status, 401);
    assert.equal((await post('/events/workday', xml, { 'content-type': 'text/xml', authorization: basicAuth(C.workdayUser, 'wrong') })).status, 401);
    const wrongToken = receiveNotificationXml(hireNotification(employeeId, workerWid), { type: 'ws-security', username: C.workdayUser, password: 'wrong' });
    assert.equal((await post('/events/workday', wrongToken, { 'content-type': 'text/xml' })).status, 401);
    await notStarted(`employee-provisioning/${employeeId}`);
    assert.equal((await h.coupaClient.listUsers({ 'employee-number': employeeId })).length, 0);
  });

  test('malformed gets 400 with a readable reason and starts nothing', async () => {
    const { employeeId, workerWid } = await hire();
    const notXml = await post('/events/workday', '<env:Envelope><unclosed>', workdayHeaders);
    assert.equal(notXml.status, 400);
    assert.match(String(notXml.body.error), /XML|Receive_Notification/);
    const noTarget = receiveNotificationXml(hireNotification(employeeId, workerWid)).replace(/<wd:Transaction_Target_Reference>.*<\/wd:Transaction_Target_Reference>/, '');
    const missing = await post('/events/workday', noTarget, workdayHeaders);
    assert.equal(missing.status, 400);
    assert.match(String(missing.body.error), /Transaction_Target_Reference/);
    const badId = receiveNotificationXml(hireNotification('not an id!', workerWid));
    assert.equal((await post('/events/workday', badId, workdayHeaders)).status, 422);
    await notStarted(`employee-provisioning/${employeeId}`);
  });

  test('a 10 MB body is refused with 413 before it is read', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    const res = await post('/events/workday', big, workdayHeaders);
    assert.equal(res.status, 413);
    assert.match(String(res.body.error), /larger than/);
  });
});

describe('the Workday sandbox delivering by itself', { timeout: 120_000 }, () => {
  test('a hire in the sandbox reaches its provisioning run with no CLI step', async () => {
    h.workday.notifications.configure({ url: `${ingress.url}/events/workday`, auth: { type: 'basic', username: C.workdayUser, password: C.workdayPassword }, initialBackoffMs: 50 });
    try {
      const { employeeId } = await hire();
      const user = await eventually(async () => (await h.coupaClient.listUsers({ 'employee-number': employeeId }))[0], 'the Coupa user', 60_000);
      assert.equal(user['employee-number'], employeeId);
      assert.ok(h.workday.notifications.report().delivered >= 1);
    } finally {
      h.workday.notifications.configure(null);
    }
  });

  test('retries a non-2xx answer with back-off until the ingress takes it', async () => {
    // A stale password first: the ingress answers 401 and the sandbox keeps the message; an admin fixes the subscription.
    h.workday.notifications.configure({ url: `${ingress.url}/events/workday`, auth: { type: 'basic', username: C.workdayUser, password: 'stale' }, initialBackoffMs: 200 });
    try {
      const { employeeId } = await hire();
      await eventually(async () => (h.workday.notifications.report().recent.some((r) => r.status === 401) ? true : undefined), 'a refused attempt');
      await notStarted(`employee-provisioning/${employeeId}`);
      h.workday.notifications.configure({ url: `${ingress.url}/events/workday`, auth: { type: 'basic', username: C.workdayUser, password: C.workdayPassword }, initialBackoffMs: 200 });
      const user = await eventually(async () => (await h.coupaClient.listUsers({ 'employee-number': employeeId }))[0], 'the Coupa user after the retry', 60_000);
      assert.equal(user['employee-number'], employeeId);
    } finally {
      h.workday.notifications.configure(null);
    }
  });
});

describe('signed JSON events', { timeout: 60_000 }, () => {
  const signed = (body: string, secret = C.hmacSecret, at?: number) => ({ 'content-type': 'application/json', 'x-sync-signature': signEvent(secret, body, at) });

  test('a correctly signed event starts its workflow; a replay of it lands on the same one', async () => {
    const { employeeId } = await hire();
    const body = JSON.stringify({ id: `hr-${employeeId}`, kind: 'worker.hired', employeeId });
    const res = await post('/events', body, signed(body));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.workflowId, `employee-provisioning/${employeeId}`);
    const again = await post('/events', body, signed(body));
    assert.equal(again.body.duplicate, true);
    await h.temporal.env.client.workflow.getHandle(`employee-provisioning/${employeeId}`).result();
  });

  test('unsigned, wrongly signed, stale or tampered events get 401; a signed but invalid one 400; nothing starts', async () => {
    const { employeeId } = await hire();
    const body = JSON.stringify({ id: `hr-x-${employeeId}`, kind: 'worker.hired', employeeId });
    assert.equal((await post('/events', body, { 'content-type': 'application/json' })).status, 401);
    assert.equal((await post('/events', body, signed(body, 'another-secret-0123456789abcdef0123'))).status, 401);
    const stale = await post('/events', body, signed(body, C.hmacSecret, Math.floor(Date.now() / 1000) - 3600));
    assert.equal(stale.status, 401);
    assert.match(String(stale.body.error), /window/);
    const tampered = body.replace(employeeId, '21001');
    assert.equal((await post('/events', tampered, signed(body))).status, 401);
    const invalid = JSON.stringify({ id: 'x', kind: 'worker.hired' });
    const res = await post('/events', invalid, signed(invalid));
    assert.equal(res.status, 400);
    assert.match(String(res.body.error), /employeeId/);
    await notStarted(`employee-provisioning/${employeeId}`);
  });
  test('a signed supplier change reaches its supplier run, which copies the Coupa edit to Workday; no supplier named → 400', async () => {
    // The seeded pair: Coupa supplier 501, number S-1002 = Workday Supplier_ID S-1002.
    const edited = await fetch(`${h.coupa.url}/_sandbox/suppliers/501`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ changes: { addresses: { street1: '77 Ingress Avenue' } }, by: 'supplier portal', notify: false }),
    });
    assert.equal(edited.status, 200, await edited.text());
    const body = JSON.stringify({ id: 'coupa-supplier-501-1', kind: 'supplier.changed', system: 'coupa', coupaSupplierId: 501, coupaSupplierNumber: 'S-1002', workdaySupplierId: 'S-1002' });
    const res = await post('/events', body, signed(body));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.workflowId, 'supplier-sync/S-1002');
    await eventually(async () => (supplierStoreOf(h.workday.store).get('S-1002')?.address?.line1 === '77 Ingress Avenue' ? true : undefined), 'the address in Workday');
    const nameless = JSON.stringify({ id: 'coupa-supplier-x', kind: 'supplier.changed', system: 'coupa' });
    const refused = await post('/events', nameless, signed(nameless));
    assert.equal(refused.status, 400);
    assert.match(String(refused.body.error), /names no supplier/);
  });
});

describe('Coupa Call Outs', { timeout: 60_000 }, () => {
  test('an approved invoice with an OAuth bearer token starts invoice-posting/<id>; no token gets 401', async () => {
    const token = await fetch(`${ingress.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: C.coupaClientId, client_secret: C.coupaClientSecret }).toString(),
    });
    assert.equal(token.status, 200);
    const { access_token } = (await token.json()) as { access_token: string };
    const invoice = JSON.stringify({ id: 98765, status: 'approved', 'updated-at': new Date().toISOString() });
    assert.equal((await post('/events/coupa/invoices', invoice, { 'content-type': 'application/json' })).status, 401);
    const res = await post('/events/coupa/invoices', invoice, { 'content-type': 'application/json', authorization: `Bearer ${access_token}` });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.workflowId, 'invoice-posting/98765');
    // invoicePosting is the finance helper's: until it merges, this worker has no such type, so the started run is ended here.
    const handle = h.temporal.env.client.workflow.getHandle('invoice-posting/98765');
    assert.equal((await handle.describe()).type, 'invoicePosting');
    await handle.terminate('test: invoicePosting is not registered on this branch');
    const pending = JSON.stringify({ id: 98766, status: 'pending_approval' });
    const ignored = await post('/events/coupa/invoices', pending, { 'content-type': 'application/json', authorization: `Bearer ${access_token}` });
    assert.equal(ignored.status, 202);
    assert.ok(ignored.body.ignored);
    await notStarted('invoice-posting/98766');
  });
});

describe('when Temporal is unreachable', { timeout: 60_000 }, () => {
  test('the ingress answers 503 with Retry-After, so the sender keeps the event and retries', async () => {
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const client = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
    const down = buildIngress({ config: { ...ingress.config, INGRESS_TEMPORAL_DEADLINE_SECONDS: 2 }, client, logger: pino({ level: 'silent' }) });
    const url = await down.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { employeeId, workerWid } = await hire();
      const res = await fetch(`${url}/events/workday`, { method: 'POST', headers: workdayHeaders, body: receiveNotificationXml(hireNotification(employeeId, workerWid)) });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '5');
      // Once Temporal is back (the real ingress), the retried delivery is taken: a 503 was not remembered as done.
      const retried = await post('/events/workday', receiveNotificationXml(hireNotification(employeeId, workerWid)), workdayHeaders);
      assert.equal(retried.status, 202);
      assert.equal(retried.body.duplicate, false);
    } finally {
      await down.close();
      await connection.close().catch(() => undefined);
    }
  });
});

describe('graceful shutdown', { timeout: 60_000 }, () => {
  test('close() lets the request in flight finish with its answer, then refuses new connections', async () => {
    // A start that hangs (Temporal unreachable, 2 s deadline) is the request in flight.
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const client = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
    const app = buildIngress({ config: { ...ingress.config, INGRESS_TEMPORAL_DEADLINE_SECONDS: 2 }, client, logger: pino({ level: 'silent' }) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify({ id: 'shutdown-1', kind: 'worker.hired', employeeId: '21001' });
    const inFlight = fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sync-signature': signEvent(C.hmacSecret, body), connection: 'close' }, body });
    await new Promise((r) => setTimeout(r, 300));
    const closed = app.close();
    const answer = await inFlight;
    assert.equal(answer.status, 503, 'the request in flight got its answer');
    await closed;
    await assert.rejects(fetch(`${url}/healthz`), 'no new connections after close');
    await connection.close().catch(() => undefined);
  });
});
