// Never more requests in flight per client than configured, as the sandboxes see them arrive.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { WorkdayClient, type WorkdayClientOptions } from '../../connectors/workday';
import { CoupaClient } from '../../connectors/coupa';
import { connectorConfigSchema, loadConfig } from '../../infra/config';
import { createApiClients } from '../../infra/api-clients';
import { admin, callCounts } from './helpers';

describe('requests in flight', () => {
  let workday: WorkdaySandbox;
  let coupa: CoupaSandbox;

  before(async () => {
    workday = await startWorkdaySandbox();
    coupa = await startCoupaSandbox();
  });
  after(async () => {
    await workday?.close();
    await coupa?.close();
  });
  beforeEach(async () => {
    // Enough latency that requests sent together overlap at the server.
    await admin(workday.url, 'PUT', '/_sandbox/faults', { latencyMs: 40 });
    await admin(coupa.url, 'PUT', '/_sandbox/faults', { latencyMs: 40 });
  });

  const workdayClient = (overrides: Partial<WorkdayClientOptions> = {}) =>
    new WorkdayClient({ baseUrl: workday.url, tenant: workday.tenant, ...workday.credentials, timeoutMs: 5_000, ...overrides });
  const maxInFlight = async (url: string) => (await callCounts(url)).maxInFlight;

  it('given a cap of 1, a worker profile (four reads at once in the code) reaches Workday one request at a time', async () => {
    const client = workdayClient({ maxConcurrentRequests: 1 });
    await admin(workday.url, 'DELETE', '/_sandbox/calls');
    const profile = await client.getWorkerProfile('21030');
    assert.equal(profile?.employeeId, '21030');
    assert.equal(await maxInFlight(workday.url), 1);
  });

  it('with a larger cap the same profile does overlap: the sandbox does see concurrency', async () => {
    const client = workdayClient({ maxConcurrentRequests: 10 });
    await client.tokens.getToken();
    await admin(workday.url, 'DELETE', '/_sandbox/calls');
    await client.getWorkerProfile('21030');
    assert.ok((await maxInFlight(workday.url)) >= 2, 'the four reads overlapped');
  });

  it('by default a Workday client keeps to 4 requests in flight, however many calls are made at once', async () => {
    const client = workdayClient();
    await admin(workday.url, 'DELETE', '/_sandbox/calls');
    const workers = workday.store.allWorkers().slice(0, 12);
    const read = await Promise.all(workers.map((w) => client.getWorker(w.wid)));
    assert.deepEqual(read.map((w) => w.id), workers.map((w) => w.wid));
    assert.equal(await maxInFlight(workday.url), 4);
  });

  it('a Coupa client keeps to its cap', async () => {
    const client = new CoupaClient({
      baseUrl: coupa.url,
      clientId: coupa.credentials.clientId,
      clientSecret: coupa.credentials.clientSecret,
      scopes: coupa.credentials.scopes,
      maxConcurrentRequests: 2,
    });
    await admin(coupa.url, 'DELETE', '/_sandbox/calls');
    const users = coupa.store.users.all().slice(0, 8);
    await Promise.all(users.map((u) => client.getUser(u.id)));
    assert.equal(await maxInFlight(coupa.url), 2);
  });

  it('the caps come from COUPA_MAX_CONCURRENT_REQUESTS (default 10) and WORKDAY_MAX_CONCURRENT_REQUESTS (default 4)', () => {
    const env = {
      COUPA_BASE_URL: coupa.url,
      COUPA_CLIENT_ID: 'c',
      COUPA_CLIENT_SECRET: 's',
      WORKDAY_BASE_URL: workday.url,
      WORKDAY_TENANT: 'acme',
      WORKDAY_CLIENT_ID: 'c',
      WORKDAY_CLIENT_SECRET: 's',
      WORKDAY_REFRESH_TOKEN: 'r',
    };
    const logger = pino({ level: 'silent' });
    const defaults = createApiClients(loadConfig(connectorConfigSchema, env), logger);
    assert.equal(defaults.coupa.http.slots.max, 10);
    assert.equal(defaults.workday.http.slots.max, 4);
    const configured = createApiClients(loadConfig(connectorConfigSchema, { ...env, COUPA_MAX_CONCURRENT_REQUESTS: '3', WORKDAY_MAX_CONCURRENT_REQUESTS: '2' }), logger);
    assert.equal(configured.coupa.http.slots.max, 3);
    assert.equal(configured.workday.http.slots.max, 2);
    assert.throws(() => loadConfig(connectorConfigSchema, { ...env, WORKDAY_MAX_CONCURRENT_REQUESTS: '0' }), /WORKDAY_MAX_CONCURRENT_REQUESTS/);
  });
});
