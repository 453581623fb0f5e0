// Workday SOAP connector against the in-process Workday sandbox: employment and terminations, auth both ways, faults by type, paging, abort, transaction log windows.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { collect, ConnectorErrorTypes } from '../../connectors/http';
import { WorkdayClient, WorkdaySoapClient, WORKDAY_SOAP_VERSION, type WorkdaySoapClientOptions, type WorkerTransaction } from '../../connectors/workday';
import { TERMINATED_EMPLOYEE_IDS } from '../../sandbox/seed/workers';
import { admin, callsMatching, callsTo, expectFailure, sleep } from './helpers';

const SOAP_ROUTE = 'POST /ccx/service/:tenant/:service/:version';
const TOKEN_ROUTE = 'POST /ccx/oauth2/:tenant/token';

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('Workday SOAP connector', () => {
  let sandbox: WorkdaySandbox;

  before(async () => {
    sandbox = await startWorkdaySandbox();
  });
  after(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    await admin(sandbox.url, 'POST', '/_sandbox/reset');
  });

  const soap = (overrides: Partial<WorkdaySoapClientOptions> = {}) =>
    new WorkdaySoapClient({
      baseUrl: sandbox.url,
      tenant: sandbox.tenant,
      auth: { type: 'usernameToken', username: sandbox.credentials.isuUsername, password: sandbox.credentials.isuPassword },
      timeoutMs: 5_000,
      ...overrides,
    });

  const rest = () =>
    new WorkdayClient({
      baseUrl: sandbox.url,
      tenant: sandbox.tenant,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      refreshToken: sandbox.credentials.refreshToken,
      timeoutMs: 5_000,
    });

  /** A staff member (not a manager) with a manager, by employee ID. */
  const someEmployee = (): string => {
    const worker = sandbox.store.allWorkers().find((w) => Number(w.employeeId) > 21030 && sandbox.store.orgsManagedBy(w.employeeId).length === 0);
    assert.ok(worker);
    return worker.employeeId;
  };

  describe('employment', () => {
    it('given an active worker, reads them active since their hire date, not terminated, with their manager', async () => {
      const employeeId = someEmployee();
      const worker = sandbox.store.workerByEmployeeId(employeeId);
      const employment = await soap().getWorkerEmployment(employeeId);
      assert.deepEqual(employment, {
        workerWid: worker?.wid,
        employeeId,
        active: true,
        hireDate: worker?.hireDate,
        terminated: false,
        terminationDate: null,
        terminationReason: null,
        managerEmployeeIds: [sandbox.store.managerOf(worker!)?.employeeId],
      });
      assert.equal(await callsTo(sandbox.url, SOAP_ROUTE), 1);
    });

    it('given a worker who left, reads them terminated with the date and reason', async () => {
      const employment = await soap().getWorkerEmployment(TERMINATED_EMPLOYEE_IDS[0]);
      assert.equal(employment?.active, false);
      assert.equal(employment?.terminated, true);
      assert.equal(employment?.terminationDate, '2025-06-30');
      assert.equal(employment?.terminationReason, 'Resignation');
    });

    it('given no worker with the employee ID, answers null', async () => {
      assert.equal(await soap().getWorkerEmployment('99999'), null);
    });

    for (const settings of [
      { terminationStatusShape: 'flat', pendingTerminationInStatus: false },
      { terminationStatusShape: 'flat', pendingTerminationInStatus: true },
      { terminationStatusShape: 'nested', pendingTerminationInStatus: false },
      { terminationStatusShape: 'nested', pendingTerminationInStatus: true },
    ] as const) {
      it(`given a termination entered 14 days ahead, REST still lists the worker and SOAP gives the coming date (${JSON.stringify(settings)})`, async () => {
        await admin(sandbox.url, 'PUT', '/_sandbox/soap/config', settings);
        const employeeId = someEmployee();
        const date = daysFromToday(14);
        await admin(sandbox.url, 'POST', `/_sandbox/workers/${employeeId}/terminate`, { terminationDate: date, reason: 'Relocation' });

        assert.ok(await rest().findWorkerByEmployeeId(employeeId, { includeTerminated: false }), 'REST lists the worker as active');
        const today = await soap().getWorkerEmployment(employeeId);
        assert.equal(today?.active, true);
        assert.equal(today?.terminated, false);
        assert.equal(today?.terminationDate, date);
        assert.equal(today?.terminationReason, 'Relocation');

        const onTheDay = await soap().getWorkerEmployment(employeeId, { asOf: date });
        assert.equal(onTheDay?.active, false);
        assert.equal(onTheDay?.terminated, true);
        assert.equal(onTheDay?.terminationDate, date);
        const dayBefore = await soap().getWorkerEmployment(employeeId, { asOf: daysFromToday(13) });
        assert.equal(dayBefore?.active, true);
      });
    }

    it('given a rescinded termination, reads no termination, and the log flags both entries rescinded', async () => {
      const employeeId = someEmployee();
      const t0 = new Date();
      await admin(sandbox.url, 'POST', `/_sandbox/workers/${employeeId}/terminate`, { terminationDate: daysFromToday(14) });
      await admin(sandbox.url, 'POST', `/_sandbox/workers/${employeeId}/rescind-termination`);
      const employment = await soap().getWorkerEmployment(employeeId);
      assert.equal(employment?.active, true);
      assert.equal(employment?.terminationDate, null);
      assert.equal(employment?.terminationReason, null);

      const log = await collect(soap().listWorkerTransactions({ updatedFrom: t0, updatedThrough: new Date(), transactionTypes: ['Terminate Employee'] }));
      assert.deepEqual(
        log.map((t) => [t.employeeId, t.transactionType, t.rescinded]),
        [
          [employeeId, 'Terminate Employee', true],
          [employeeId, 'Terminate Employee', true],
        ],
      );
    });

    it('given a corrected termination date, reads the new date', async () => {
      const employeeId = someEmployee();
      await admin(sandbox.url, 'POST', `/_sandbox/workers/${employeeId}/terminate`, { terminationDate: daysFromToday(14) });
      await admin(sandbox.url, 'POST', `/_sandbox/workers/${employeeId}/correct-termination`, { terminationDate: daysFromToday(21) });
      const employment = await soap().getWorkerEmployment(employeeId);
      assert.equal(employment?.terminationDate, daysFromToday(21));
      assert.equal(employment?.active, true);
    });
  });

  describe('authentication', () => {
    it('posts to the pinned version with a WS-Security UsernameToken; the tenant suffix is added to a bare user name', async () => {
      const user = sandbox.credentials.isuUsername.split('@')[0] ?? '';
      const employment = await soap({ auth: { type: 'usernameToken', username: user, password: sandbox.credentials.isuPassword } }).getWorkerEmployment(someEmployee());
      assert.equal(employment?.active, true);
      assert.equal(await callsMatching(sandbox.url, '/ccx/service'), 1);
      assert.equal(WORKDAY_SOAP_VERSION, 'v45.0');
    });

    it('authenticates with the REST OAuth token instead, sharing one token between REST and SOAP', async () => {
      const workday = rest();
      const client = soap({ auth: { type: 'bearer', tokenProvider: workday.tokens } });
      await workday.findWorkerByEmployeeId('21001');
      assert.equal((await client.getWorkerEmployment('21001'))?.active, true);
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 1);
    });

    it('given an expired bearer token, refreshes once and succeeds', async () => {
      const workday = rest();
      const client = soap({ auth: { type: 'bearer', tokenProvider: workday.tokens } });
      await client.getWorkerEmployment('21001');
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      assert.equal((await client.getWorkerEmployment('21001'))?.active, true);
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
    });

    it('given a wrong password, fails AuthFailed, not retryable, without the credentials in the message', async () => {
      const failure = await expectFailure(soap({ auth: { type: 'usernameToken', username: sandbox.credentials.isuUsername, password: 'wrong-password-123' } }).getWorkerEmployment('21001'));
      assert.equal(failure.type, ConnectorErrorTypes.AuthFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /invalid username or password/);
      assert.doesNotMatch(failure.message, /wrong-password-123|ISU_Coupa_Sync/);
    });
  });

  describe('failures', () => {
    it("given a Validation_Fault, fails ValidationFailed with Workday's message and the Xpath in the details", async () => {
      const failure = await expectFailure(collect(soap().listWorkerTransactions({ updatedFrom: new Date(Date.now() - 60_000), transactionTypes: ['Hire Employe'] })));
      assert.equal(failure.type, ConnectorErrorTypes.ValidationFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /^Invalid ID value\. 'Hire Employe' is not a valid ID value for type = 'Business_Process_Type' \(request id [0-9a-f-]{36}\)$/);
      const [errors] = failure.details as [Array<{ xpath?: string }>];
      assert.match(errors[0]?.xpath ?? '', /Transaction_Type_Reference\[1\]\/bsvc:ID\[1\]$/);
    });

    it('given a 503 with Retry-After, fails Unavailable, retryable, with nextRetryDelay', async () => {
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 503, retryAfterSeconds: 7, pathContains: '/ccx/service/' }] });
      const failure = await expectFailure(soap().getWorkerEmployment('21001'));
      assert.equal(failure.type, ConnectorErrorTypes.Unavailable);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, 7_000);
    });

    it('given a 429 from the tenant rate limit, fails RateLimited, retryable, after its Retry-After', async () => {
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 429, retryAfterSeconds: 3, pathContains: '/ccx/service/' }] });
      const failure = await expectFailure(soap().getWorkerEmployment('21001'));
      assert.equal(failure.type, ConnectorErrorTypes.RateLimited);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, 3_000);
    });

    it('given an answer that is not a SOAP envelope, fails InvalidResponse', async () => {
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { malformedNext: [{ pathContains: '/ccx/service/' }] });
      const failure = await expectFailure(soap().getWorkerEmployment('21001'));
      assert.equal(failure.type, ConnectorErrorTypes.InvalidResponse);
      assert.equal(failure.nonRetryable, true);
    });

    it('given a version the tenant does not serve, fails NotImplemented', async () => {
      const failure = await expectFailure(soap({ version: 'current' }).getWorkerEmployment('21001'));
      assert.equal(failure.type, ConnectorErrorTypes.NotImplemented);
      assert.equal(failure.nonRetryable, true);
    });

    it('a fault names the request id Workday gave the call, for a support ticket', async () => {
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 503, retryAfterSeconds: null, pathContains: '/ccx/service/' }] });
      const failure = await expectFailure(soap().getWorkerEmployment('21001'));
      const requestId = (failure.details?.at(-1) as { requestId?: string }).requestId;
      assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(failure.message.endsWith(`(request id ${requestId})`), failure.message);
    });
  });

  describe('cancellation and the request cap', () => {
    it('a cancelled call rejects at once with the cancellation, though the answer is slow', async () => {
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { latencyMs: 2_000 });
      const controller = new AbortController();
      const reason = new Error('activity cancelled');
      setTimeout(() => controller.abort(reason), 100);
      const started = Date.now();
      await assert.rejects(soap().getWorkerEmployment('21001', {}, { signal: controller.signal }), (err) => err === reason);
      assert.ok(Date.now() - started < 1_000);
    });

    it('SOAP and REST calls of one process share the Workday cap when the SOAP client is given the REST slots', async () => {
      const workday = new WorkdayClient({ baseUrl: sandbox.url, tenant: sandbox.tenant, ...sandbox.credentials, timeoutMs: 5_000, maxConcurrentRequests: 1 });
      const client = soap({ auth: { type: 'bearer', tokenProvider: workday.tokens }, requestSlots: workday.http.slots });
      await workday.tokens.getToken();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { latencyMs: 40 });
      await admin(sandbox.url, 'DELETE', '/_sandbox/calls');
      const worker = sandbox.store.allWorkers()[3]!;
      await Promise.all([client.getWorkerEmployment('21001'), workday.getWorker(worker.wid), client.getWorkerEmployment('21002'), workday.getWorker(worker.wid)]);
      assert.equal(((await admin(sandbox.url, 'GET', '/_sandbox/calls')) as { maxInFlight: number }).maxInFlight, 1);
    });
  });

  describe('transaction log', () => {
    /** Five hires entered now, one per org, so they are five workers. */
    const hireFive = async (): Promise<string[]> => {
      const ids: string[] = [];
      for (const org of ['SUP-FIN', 'SUP-ENG', 'SUP-MKT', 'SUP-SALES', 'SUP-HR']) {
        const hired = (await admin(sandbox.url, 'POST', '/_sandbox/hire', { firstName: 'Pat', lastName: `Page ${org}`, supervisoryOrgCode: org, jobProfileCode: 'JP-ACCT' })) as { employeeId: string };
        ids.push(hired.employeeId);
      }
      return ids;
    };

    it('pages through three pages of two workers each, one call per page', async () => {
      const t0 = new Date();
      const hired = await hireFive();
      const pages = await collect(soap().listWorkerTransactionPages({ updatedFrom: t0, updatedThrough: new Date(), pageSize: 2 }));
      assert.deepEqual(
        pages.map((p) => [p.page, p.totalPages, p.totalResults, p.items.length]),
        [
          [1, 3, 5, 2],
          [2, 3, 5, 2],
          [3, 3, 5, 1],
        ],
      );
      assert.deepEqual(pages.flatMap((p) => p.items.map((t) => [t.employeeId, t.transactionType])), hired.map((id) => [id, 'Hire Employee']));
      assert.equal(await callsTo(sandbox.url, SOAP_ROUTE), 3);
    });

    it('stops paging when the activity is cancelled: no further call, and the abort surfaces', async () => {
      const t0 = new Date();
      await hireFive();
      const controller = new AbortController();
      const pages = soap().listWorkerTransactionPages({ updatedFrom: t0, updatedThrough: new Date(), pageSize: 2 }, { signal: controller.signal });
      const first = await pages.next();
      assert.equal(first.done, false);
      controller.abort();
      await assert.rejects(pages.next(), (err: unknown) => err instanceof Error && err.name === 'AbortError');
      assert.equal(await callsTo(sandbox.url, SOAP_ROUTE), 1);
    });

    for (const transactionLogEntries of ['all', 'in-window'] as const) {
      it(`returns exactly the entries entered or taking effect inside the window (sandbox sends ${transactionLogEntries} entries)`, async () => {
        await admin(sandbox.url, 'PUT', '/_sandbox/soap/config', { transactionLogEntries });
        const [first, second] = sandbox.store.allWorkers().filter((w) => Number(w.employeeId) > 21030);
        assert.ok(first && second);
        const t0 = new Date();
        await sleep(5);
        const hired = (await admin(sandbox.url, 'POST', '/_sandbox/hire', { firstName: 'Ola', lastName: 'Window', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT' })) as { employeeId: string };
        await admin(sandbox.url, 'POST', `/_sandbox/workers/${first.employeeId}/job-change`, { businessTitle: 'Senior Accountant' });
        await sleep(5);
        const t1 = new Date();
        await sleep(5);
        const termination = daysFromToday(30);
        await admin(sandbox.url, 'POST', `/_sandbox/workers/${second.employeeId}/terminate`, { terminationDate: termination });
        await sleep(5);
        const t2 = new Date();
        const client = soap();
        // Workday lists by worker; the order of entry tells the story here.
        const summary = (ts: WorkerTransaction[]) => [...ts].sort((a, b) => a.entryMoment.localeCompare(b.entryMoment)).map((t) => [t.employeeId, t.transactionType, t.effectiveDate]);

        assert.deepEqual(summary(await collect(client.listWorkerTransactions({ updatedFrom: t0, updatedThrough: t1 }))), [
          [hired.employeeId, 'Hire Employee', daysFromToday(0)],
          [first.employeeId, 'Change Job', daysFromToday(0)],
        ]);
        assert.deepEqual(summary(await collect(client.listWorkerTransactions({ updatedFrom: t1, updatedThrough: t2 }))), [[second.employeeId, 'Terminate Employee', termination]]);
        assert.deepEqual(summary(await collect(client.listWorkerTransactions({ effectiveFrom: termination, effectiveThrough: termination }))), [[second.employeeId, 'Terminate Employee', termination]]);
        assert.deepEqual(summary(await collect(client.listWorkerTransactions({ updatedFrom: t0, updatedThrough: t2, transactionTypes: ['Change Job'] }))), [[first.employeeId, 'Change Job', daysFromToday(0)]]);

        // A past effective window: the seed's terminations of 2025-06-30, plus whatever took effect that day.
        const expected = sandbox.store
          .transactionLog()
          .filter((e) => e.effectiveDate === '2025-06-30')
          .map((e) => [e.employeeId, e.type, e.effectiveDate])
          .sort();
        const seeded = summary(await collect(client.listWorkerTransactions({ effectiveFrom: '2025-06-30', effectiveThrough: '2025-06-30' }))).sort();
        assert.deepEqual(seeded, expected);
        assert.ok(seeded.some(([id, type]) => id === TERMINATED_EMPLOYEE_IDS[0] && type === 'Terminate Employee'));
      });
    }
  });
});
