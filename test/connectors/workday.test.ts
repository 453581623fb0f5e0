// Workday connector against the in-process Workday sandbox: OAuth refresh, failures by type, paging and the worker profile.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { fullName } from '../../sandbox/workday/store';
import { WorkdayClient, type WorkdayClientOptions } from '../../connectors/workday';
import { ConnectorErrorTypes } from '../../connectors/http';
import { admin, callsMatching, callsTo, expectFailure, sleep, systemCalls } from './helpers';

const TOKEN_ROUTE = 'POST /ccx/oauth2/:tenant/token';

describe('Workday connector', () => {
  let sandbox: WorkdaySandbox;

  before(async () => {
    sandbox = await startWorkdaySandbox();
  });
  after(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    await admin(sandbox.url, 'DELETE', '/_sandbox/faults');
    await admin(sandbox.url, 'POST', '/_sandbox/tokens/reinstate');
    await admin(sandbox.url, 'PUT', '/_sandbox/config', { accessTokenTtlSeconds: 3600 });
    await admin(sandbox.url, 'DELETE', '/_sandbox/calls');
  });

  const client = (overrides: Partial<WorkdayClientOptions> = {}) =>
    new WorkdayClient({
      baseUrl: sandbox.url,
      tenant: sandbox.tenant,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      refreshToken: sandbox.credentials.refreshToken,
      timeoutMs: 5_000,
      ...overrides,
    });

  const someWorker = () => {
    const worker = sandbox.store.allWorkers()[40];
    assert.ok(worker);
    return worker;
  };

  describe('OAuth', () => {
    it('given an access token Workday has expired, the next call refreshes once and succeeds', async () => {
      const workday = client();
      const worker = someWorker();
      assert.equal((await workday.getWorker(worker.wid)).workerId, worker.employeeId);
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      assert.equal((await workday.getWorker(worker.wid)).workerId, worker.employeeId);
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
    });

    it('refreshes a token before it expires, without waiting for a 401', async () => {
      await admin(sandbox.url, 'PUT', '/_sandbox/config', { accessTokenTtlSeconds: 3 });
      // 3 s lifetime: the 60 s skew is capped at 80% of it, so the token is refreshed after 0.6 s.
      const workday = client();
      const worker = someWorker();
      await workday.getWorker(worker.wid);
      await sleep(800);
      await workday.getWorker(worker.wid);
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
      // Both API calls were answered by the route itself: no 401 went out in between.
      assert.equal(await callsTo(sandbox.url, 'GET /ccx/api/staffing/v7/acme/workers/:id'), 2);
      assert.equal(await systemCalls(sandbox.url), 4);
    });

    it('concurrent calls share one token request, and one refresh after the token expires', async () => {
      const workday = client();
      const workers = sandbox.store.allWorkers().slice(0, 8);
      await Promise.all(workers.map((w) => workday.getWorker(w.wid)));
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 1);
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      const again = await Promise.all(workers.map((w) => workday.getWorker(w.wid)));
      assert.deepEqual(again.map((w) => w.workerId), workers.map((w) => w.employeeId));
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
      assert.equal(workday.tokens.refreshCount, 2);
    });

    it('given a revoked refresh token, makes exactly one refresh attempt and fails with a non-retryable AuthFailed', async () => {
      const workday = client();
      const worker = someWorker();
      await workday.getWorker(worker.wid);
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/revoke', { refreshTokens: true });
      const failure = await expectFailure(workday.getWorker(worker.wid));
      assert.equal(failure.type, ConnectorErrorTypes.AuthFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /invalid_grant/);
      assert.ok(!failure.message.includes(sandbox.credentials.refreshToken));
      assert.ok(!failure.message.includes(sandbox.credentials.clientSecret));
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
    });

    it('given a wrong client secret, fails with AuthFailed without calling the API', async () => {
      const workday = client({ clientSecret: 'not-the-secret' });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.AuthFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /invalid_client/);
      assert.ok(!failure.message.includes('not-the-secret'));
      assert.equal(await systemCalls(sandbox.url), 1);
    });

    it('an unreachable token endpoint is a retryable Unavailable', async () => {
      const workday = client({ tokenUrl: 'http://127.0.0.1:1/ccx/oauth2/acme/token' });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.Unavailable);
      assert.equal(failure.nonRetryable, false);
    });
  });

  describe('failures', () => {
    it('a 429 with Retry-After: 3 is a retryable RateLimited whose nextRetryDelay is 3000 ms', async () => {
      const workday = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 429, retryAfterSeconds: 3, pathContains: '/workers' }] });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.RateLimited);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, 3000);
    });

    it('a 429 without Retry-After is retryable and leaves the delay to the retry policy', async () => {
      const workday = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 429, retryAfterSeconds: null, pathContains: '/workers' }] });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.RateLimited);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, undefined);
    });

    it('a 503 is a retryable Unavailable that honours Retry-After', async () => {
      const workday = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 503, retryAfterSeconds: 2, pathContains: '/workers' }] });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.Unavailable);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, 2000);
    });

    it('a 500 is a retryable Unavailable naming the request id Workday gave it, for a support ticket', async () => {
      const workday = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 500, pathContains: '/workers' }] });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.Unavailable);
      assert.equal(failure.nonRetryable, false);
      const requestId = (failure.details?.at(-1) as { requestId?: string }).requestId;
      assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(failure.message.endsWith(`(request id ${requestId})`), failure.message);
    });

    it('a 501 (a service or version the tenant lacks) is a non-retryable NotImplemented', async () => {
      const workday = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 501, pathContains: '/workers' }] });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.NotImplemented);
      assert.equal(failure.nonRetryable, true);
    });

    it('a slow answer past the timeout is a retryable Unavailable', async () => {
      const workday = client({ timeoutMs: 150 });
      await workday.tokens.getToken();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { latencyMs: 600 });
      const failure = await expectFailure(workday.getWorker(someWorker().wid));
      assert.equal(failure.type, ConnectorErrorTypes.Unavailable);
      assert.equal(failure.nonRetryable, false);
      assert.match(failure.message, /timed out/);
    });

    it('an unknown worker is a non-retryable NotFound', async () => {
      const failure = await expectFailure(client().getWorker('0'.repeat(32)));
      assert.equal(failure.type, ConnectorErrorTypes.NotFound);
      assert.equal(failure.nonRetryable, true);
    });
  });

  describe('paging', () => {
    it('lists every active worker exactly once, 100 per page', async () => {
      const expected = sandbox.store.allWorkers().map((w) => w.wid);
      assert.ok(expected.length > 200, `the sandbox seeds over 200 workers (has ${expected.length})`);
      const seen: string[] = [];
      for await (const worker of client().listWorkers()) seen.push(worker.id);
      assert.equal(new Set(seen).size, seen.length, 'no worker twice');
      assert.deepEqual([...seen].sort(), [...expected].sort());
      assert.equal(await callsTo(sandbox.url, 'GET /ccx/api/staffing/v7/acme/workers'), Math.ceil(expected.length / 100) + (expected.length % 100 === 0 ? 1 : 0));
    });

    it('includes terminated workers when asked', async () => {
      const expected = sandbox.store.allWorkers({ includeTerminated: true }).map((w) => w.wid);
      const seen: string[] = [];
      for await (const worker of client().listWorkers({ includeTerminated: true })) seen.push(worker.id);
      assert.equal(new Set(seen).size, seen.length);
      assert.deepEqual([...seen].sort(), [...expected].sort());
    });

    it('finds a worker by employee ID, terminated or not, and answers null for an unknown one', async () => {
      const workday = client();
      const terminated = sandbox.store.allWorkers({ includeTerminated: true }).find((w) => w.terminated);
      assert.ok(terminated);
      assert.equal((await workday.findWorkerByEmployeeId(terminated.employeeId))?.id, terminated.wid);
      assert.equal((await workday.findWorkerByEmployeeId('21001'))?.workerId, '21001');
      assert.equal(await workday.findWorkerByEmployeeId('99999999'), null);
    });
  });

  describe('worker profile', () => {
    const expectedProfile = (employeeId: string) => {
      const w = sandbox.store.workerByEmployeeId(employeeId);
      assert.ok(w, `seeded worker ${employeeId}`);
      const org = sandbox.store.supervisoryOrgOf(w);
      const profile = sandbox.store.jobProfileOf(w);
      const costCenter = sandbox.store.costCenterOf(w);
      const company = sandbox.store.companyOf(w);
      const manager = sandbox.store.managerOf(w);
      return {
        workerWid: w.wid,
        employeeId: w.employeeId,
        firstName: w.firstName,
        lastName: w.lastName,
        workEmail: w.workEmail,
        businessTitle: w.businessTitle,
        jobProfile: { id: profile.wid, name: profile.name },
        managementLevel: profile.managementLevel,
        supervisoryOrganization: { id: org.wid, code: org.code, name: org.name },
        manager: manager ? { workerWid: manager.wid, employeeId: manager.employeeId, name: fullName(manager), workEmail: manager.workEmail } : null,
        costCenter: { id: costCenter.wid, code: costCenter.code, name: costCenter.name },
        company: { id: company.wid, name: company.name },
      };
    };

    it('given a seeded staff member, assembles the profile the sandbox holds', async () => {
      const staff = sandbox.store.allWorkers().find((w) => Number(w.employeeId) > 21030 && w.middleName === null);
      assert.ok(staff);
      assert.deepEqual(await client().getWorkerProfile(staff.employeeId), expectedProfile(staff.employeeId));
    });

    it('a manager of an org reports to the manager of the superior org; the CEO to nobody', async () => {
      const workday = client();
      const cfo = await workday.getWorkerProfile('21002');
      assert.deepEqual(cfo, expectedProfile('21002'));
      assert.equal(cfo?.manager?.employeeId, '21001');
      const ceo = await workday.getWorkerProfile('21001');
      assert.deepEqual(ceo, expectedProfile('21001'));
      assert.equal(ceo?.manager, null);
    });

    it('a worker without a work email gets workEmail null; names with diacritics survive', async () => {
      const workday = client();
      const noEmail = await workday.getWorkerProfile('21020');
      assert.equal(noEmail?.workEmail, null);
      assert.deepEqual(noEmail, expectedProfile('21020'));
      assert.deepEqual(await workday.getWorkerProfile('21016'), expectedProfile('21016'));
    });

    it('answers null for an employee ID Workday does not know', async () => {
      assert.equal(await client().getWorkerProfile('99999999'), null);
    });

    it('a hire made a moment ago is readable, with the org manager as manager', async () => {
      const hired = (await admin(sandbox.url, 'POST', '/_sandbox/hire', {
        firstName: 'Ada',
        lastName: 'Lovelace',
        supervisoryOrgCode: 'SUP-AP',
        jobProfileCode: sandbox.store.jobProfileOf(someWorker()).code,
      })) as { workerWid: string; employeeId: string };
      const profile = await client().getWorkerProfile(hired.employeeId);
      assert.deepEqual(profile, expectedProfile(hired.employeeId));
      assert.equal(profile?.supervisoryOrganization?.code, 'SUP-AP');
    });

    it('reads the cost center code with a tenant-specific pattern', async () => {
      const workday = client({ costCenterCodePattern: '^CC(\\d+)\\s' });
      const profile = await workday.getWorkerProfile('21030');
      const expected = expectedProfile('21030');
      assert.equal(profile?.costCenter?.code, expected.costCenter.code.replace(/^CC/, ''));
      assert.equal(profile?.costCenter?.name, expected.costCenter.name);
      assert.throws(() => client({ costCenterCodePattern: '^\\S+\\s' }), /capture group/);
    });

    it('reads service dates and legal names', async () => {
      const worker = someWorker();
      const workday = client();
      assert.equal((await workday.getServiceDates(worker.wid)).hireDate?.slice(0, 10), worker.hireDate);
      const name = await workday.getLegalName(worker.wid);
      assert.equal(name?.firstName, worker.firstName);
      assert.equal(name?.lastName, worker.lastName);
    });
  });

  it('counts 401s as API calls: an expired token costs one rejected call and one retry', async () => {
    const workday = client();
    const worker = someWorker();
    await workday.getWorker(worker.wid);
    await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
    await workday.getWorker(worker.wid);
    assert.equal(await callsMatching(sandbox.url, `/workers/`), 3);
  });
});
