// The Workday sandbox behaves like a tenant: seeded workforce, paging, search, hires and job changes, OAuth, and injected faults.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startWorkdaySandbox, type WorkdaySandbox, type WorkdayStoreSnapshot } from '../../sandbox/workday';
import { NO_EMAIL_EMPLOYEE_ID, seedWorkers, TERMINATED_EMPLOYEE_IDS } from '../../sandbox/seed/workers';

type Body = any;

describe('Workday sandbox', () => {
  let wd: WorkdaySandbox;
  let token: string;

  async function requestToken(form: Record<string, string>, basic: [string, string] | null = [wd.credentials.clientId, wd.credentials.clientSecret], tenant = wd.tenant) {
    const res = await fetch(`${wd.url}/ccx/oauth2/${tenant}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(basic ? { authorization: `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}` } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: (await res.json()) as Body };
  }

  async function freshToken(): Promise<string> {
    const { status, body } = await requestToken({ grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken });
    assert.equal(status, 200, JSON.stringify(body));
    return body.access_token as string;
  }

  async function get(url: string, bearer: string | null = token): Promise<{ status: number; body: Body; headers: Headers }> {
    const res = await fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
    const res = await fetch(`${wd.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async function allPages(url: string, limit = 100): Promise<Body[]> {
    const items: Body[] = [];
    for (let offset = 0; ; offset += limit) {
      const sep = url.includes('?') ? '&' : '?';
      const page = await get(`${url}${sep}limit=${limit}&offset=${offset}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      items.push(...page.body.data);
      if (offset + limit >= page.body.total) return items;
    }
  }

  before(async () => {
    wd = await startWorkdaySandbox();
    token = await freshToken();
  });

  after(async () => {
    await wd?.close();
  });

  describe('seeded tenant', () => {
    it('has at least 200 workers, 10 supervisory orgs and 20 cost centers, one manager each', async () => {
      const { status, body } = await admin('GET', '/_sandbox/store');
      assert.equal(status, 200);
      const store = body as WorkdayStoreSnapshot;
      assert.ok(store.workers.length >= 200, `${store.workers.length} workers`);
      assert.ok(store.supervisoryOrganizations.length >= 10);
      assert.ok(store.costCenters.length >= 20);
      for (const org of store.supervisoryOrganizations) assert.ok(org.managerEmployeeId, `${org.code} has no manager`);
      for (const cc of store.costCenters) assert.ok(store.workers.some((w) => w.costCenterCode === cc.code), `nobody in ${cc.code}`);
      assert.ok(store.workers.some((w) => w.costCenterCode === 'CC2400' && !w.terminated));
      const ceo = store.workers.find((w) => w.employeeId === '21001');
      assert.deepEqual(ceo?.managerOf, ['SUP-EXEC']);
      assert.equal(ceo?.managerEmployeeId, null);
      assert.equal(store.workers.find((w) => w.employeeId === NO_EMAIL_EMPLOYEE_ID)?.workEmail, null);
    });

    it('is deterministic: same seed, WIDs derived from the employee ID', async () => {
      assert.deepEqual(seedWorkers(), seedWorkers());
      const ceo = await get(`${wd.paths.common}/workers/Employee_ID=21001`);
      assert.equal(ceo.body.id, createHash('sha256').update('worker:21001').digest('hex').slice(0, 32));
    });

    it('names non-ASCII workers as they are and folds their emails to ASCII', async () => {
      const found = await get(`${wd.paths.staffing}/workers?search=${encodeURIComponent('Żółć')}`);
      assert.equal(found.body.total, 1);
      assert.equal(found.body.data[0].descriptor, 'Łukasz Żółć');
      assert.equal(found.body.data[0].person.email, 'lukasz.zolc@acme.example');
    });
  });

  describe('paging', () => {
    it('walks every active worker exactly once with limit 100', async () => {
      const workers = await allPages(`${wd.paths.common}/workers`);
      const ids = workers.map((w) => w.id as string);
      assert.equal(new Set(ids).size, ids.length, 'a worker came twice');
      const first = await get(`${wd.paths.common}/workers?limit=1`);
      assert.equal(ids.length, first.body.total);
      const active = wd.store.allWorkers().map((w) => w.wid);
      assert.deepEqual([...ids].sort(), [...active].sort());
    });

    it('defaults to 20 and refuses more than 100 (or clamps when configured)', async () => {
      const page = await get(`${wd.paths.common}/workers`);
      assert.equal(page.body.data.length, 20);
      const over = await get(`${wd.paths.common}/workers?limit=500`);
      assert.equal(over.status, 400);
      assert.match(over.body.errors[0].error, /limit/);
      const bad = await get(`${wd.paths.staffing}/workers?offset=abc`);
      assert.equal(bad.status, 400);

      const cfg = await admin('PUT', '/_sandbox/config', { overLimitBehaviour: 'clamp' });
      assert.equal(cfg.status, 200);
      try {
        const clamped = await get(`${wd.paths.common}/workers?limit=500`);
        assert.equal(clamped.status, 200);
        assert.equal(clamped.body.data.length, 100);
      } finally {
        wd.configure({ overLimitBehaviour: 'error' });
      }
    });
  });

  describe('search', () => {
    it('matches names case-insensitively, ORs space-separated terms, and matches the worker ID', async () => {
      const byName = await get(`${wd.paths.common}/workers?search=okafor`);
      assert.deepEqual(byName.body.data.map((w: Body) => w.descriptor), ['Margaret Okafor']);
      const either = await get(`${wd.paths.common}/workers?search=${encodeURIComponent('OKAFOR núñez')}`);
      assert.deepEqual(either.body.data.map((w: Body) => w.descriptor).sort(), ['José Núñez', 'Margaret Okafor']);
      const byId = await get(`${wd.paths.staffing}/workers?search=21017`);
      assert.equal(byId.body.total, 1);
      assert.equal(byId.body.data[0].workerId, '21017');
      const none = await get(`${wd.paths.common}/workers?search=nobody-by-this-name`);
      assert.deepEqual(none.body, { total: 0, data: [] });
    });
  });

  describe('terminated workers', () => {
    it('are hidden unless includeTerminatedWorkers=true', async () => {
      const terminatedId = TERMINATED_EMPLOYEE_IDS[0];
      const visible = await allPages(`${wd.paths.staffing}/workers`);
      assert.equal(visible.some((w) => w.workerId === terminatedId), false);
      const everyone = await allPages(`${wd.paths.staffing}/workers?includeTerminatedWorkers=true`);
      assert.equal(everyone.some((w) => w.workerId === terminatedId), true);
      assert.equal(everyone.length, visible.length + TERMINATED_EMPLOYEE_IDS.length);
      const common = await allPages(`${wd.paths.common}/workers`);
      assert.equal(common.some((w) => w.id === wd.store.workerByEmployeeId(terminatedId)?.wid), false);
      const badFlag = await get(`${wd.paths.staffing}/workers?includeTerminatedWorkers=yes`);
      assert.equal(badFlag.status, 400);
    });
  });

  describe('business events', () => {
    it('a hire gets the next employee ID and reads back through common, staffing and person', async () => {
      const before = wd.store.snapshot().nextEmployeeId;
      const hired = await admin('POST', '/_sandbox/hire', {
        firstName: 'Ingrid',
        lastName: 'Bergström',
        supervisoryOrgCode: 'SUP-PROC',
        jobProfileCode: 'JP-BUYER',
        hireDate: '2026-02-02',
      });
      assert.equal(hired.status, 201, JSON.stringify(hired.body));
      assert.equal(hired.body.employeeId, before);
      assert.match(hired.body.workerWid, /^[0-9a-f]{32}$/);

      const staffing = await get(`${wd.paths.staffing}/workers/${hired.body.workerWid}`);
      assert.equal(staffing.status, 200);
      assert.equal(staffing.body.workerId, before);
      assert.equal(staffing.body.person.email, 'ingrid.bergstrom@acme.example');
      assert.equal(staffing.body.primaryJob.businessTitle, 'Buyer');
      assert.equal(staffing.body.primaryJob.supervisoryOrganization.descriptor, 'Procurement');

      const profile = await get(`${wd.paths.staffing}/jobProfiles/${staffing.body.primaryJob.jobProfile.id}`);
      assert.equal(profile.body.name, 'Buyer');
      assert.equal(profile.body.managementLevel.descriptor, '7 Individual Contributor');

      const dates = await get(`${wd.paths.staffing}/workers/Employee_ID=${before}/serviceDates`);
      assert.deepEqual(dates.body, { hireDate: '2026-02-02', continuousServiceDate: '2026-02-02', originalHireDate: '2026-02-02' });

      const orgs = await get(`${wd.paths.common}/workers/${hired.body.workerWid}/organizations`);
      const costCenter = orgs.body.data.find((o: Body) => o.organizationType.descriptor === 'Cost Center');
      assert.equal(costCenter.descriptor, 'CC1300 Procurement');
      const company = orgs.body.data.find((o: Body) => o.organizationType.descriptor === 'Company');
      assert.equal(company.descriptor, 'Acme Corporation (US)');

      const legal = await get(`${wd.paths.person}/people/${hired.body.workerWid}/legalName`);
      assert.equal(legal.body.lastName, 'Bergström');

      // The Procurement manager now has one more direct report.
      const procurement = wd.store.findSupervisoryOrg('SUP-PROC');
      const manager = await get(`${wd.paths.common}/workers/Employee_ID=${procurement?.managerEmployeeId}/directReports?limit=100`);
      assert.ok(manager.body.data.some((w: Body) => w.id === hired.body.workerWid));
    });

    it('a bad hire is a 400 naming the field', async () => {
      const missing = await admin('POST', '/_sandbox/hire', { lastName: 'Nobody', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT' });
      assert.equal(missing.status, 400);
      assert.match(missing.body.error, /firstName/);
      const unknownOrg = await admin('POST', '/_sandbox/hire', { firstName: 'A', lastName: 'B', supervisoryOrgCode: 'SUP-NOPE', jobProfileCode: 'JP-ACCT' });
      assert.equal(unknownOrg.status, 400);
      assert.match(unknownOrg.body.error, /supervisoryOrgCode/);
      const unknownCostCenter = await admin('POST', '/_sandbox/hire', { firstName: 'A', lastName: 'B', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC9999' });
      assert.equal(unknownCostCenter.status, 400);
      assert.match(unknownCostCenter.body.error, /costCenterCode/);
    });

    it('a job change moves the worker; a termination hides them; unknown workers are 404', async () => {
      const moved = await admin('POST', '/_sandbox/workers/21016/job-change', { supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SR-SWE' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const worker = await get(`${wd.paths.staffing}/workers/${moved.body.workerWid}`);
      assert.equal(worker.body.primaryJob.supervisoryOrganization.descriptor, 'Engineering');
      assert.equal(worker.body.primaryJob.businessTitle, 'Senior Software Engineer');
      assert.equal(wd.store.workerByEmployeeId('21016')?.costCenterCode, 'CC1500');

      const gone = await admin('POST', '/_sandbox/workers/21016/terminate', { terminationDate: '2026-03-31' });
      assert.equal(gone.status, 200);
      const search = await get(`${wd.paths.staffing}/workers?search=21016`);
      assert.equal(search.body.total, 0);
      const withTerminated = await get(`${wd.paths.staffing}/workers?search=21016&includeTerminatedWorkers=true`);
      assert.equal(withTerminated.body.total, 1);

      assert.equal((await admin('POST', '/_sandbox/workers/99999/job-change', {})).status, 404);
      assert.equal((await admin('POST', '/_sandbox/workers/99999/terminate', {})).status, 404);
    });

    it('terminating a manager leaves the org without one until a new manager is assigned', async () => {
      const marketing = wd.store.findSupervisoryOrg('SUP-MKT');
      assert.ok(marketing?.managerEmployeeId);
      wd.store.terminate(marketing.managerEmployeeId);
      const org = await get(`${wd.paths.staffing}/supervisoryOrganizations/${marketing.wid}`);
      assert.deepEqual(org.body.managers, []);
      const common = await get(`${wd.paths.common}/supervisoryOrganizations/${marketing.wid}`);
      assert.equal('manager' in common.body, false);
      const assigned = await admin('POST', '/_sandbox/supervisoryOrganizations/SUP-MKT/manager', { employeeId: '21001' });
      assert.equal(assigned.status, 200);
      const after = await get(`${wd.paths.staffing}/supervisoryOrganizations/${marketing.wid}`);
      assert.equal(after.body.managers[0].descriptor, 'Margaret Okafor');
    });
  });

  describe('staffing organisation views', () => {
    it('orgChart gives the superior and subordinate orgs with their managers', async () => {
      const finance = wd.store.findSupervisoryOrg('SUP-FIN');
      assert.ok(finance);
      const chart = await get(`${wd.paths.staffing}/supervisoryOrganizations/${finance.wid}/orgChart`);
      assert.equal(chart.status, 200);
      assert.equal(chart.body.total, 1);
      const entry = chart.body.data[0];
      assert.equal(entry.superior.code, 'SUP-EXEC');
      assert.equal(entry.superior.managers[0].descriptor, 'Margaret Okafor');
      assert.deepEqual(entry.subordinates.map((s: Body) => s.code).sort(), ['SUP-AP', 'SUP-PROC']);
      const top = await get(`${wd.paths.staffing}/supervisoryOrganizations/${wd.store.findSupervisoryOrg('SUP-EXEC')?.wid}/orgChart`);
      assert.equal(top.body.data[0].superior, null);

      const members = await allPages(`${wd.paths.staffing}/supervisoryOrganizations/${finance.wid}/members`);
      assert.ok(members.length > 5);
      assert.ok(members.every((m) => m.worker?.id && m.jobProfile?.id));
    });

    it('the worker without a work email has no email key at all', async () => {
      const staffing = await get(`${wd.paths.staffing}/workers/Employee_ID=${NO_EMAIL_EMPLOYEE_ID}`);
      assert.equal('email' in staffing.body.person, false);
      const common = await get(`${wd.paths.common}/workers/Employee_ID=${NO_EMAIL_EMPLOYEE_ID}`);
      assert.equal('primaryWorkEmail' in common.body, false);
    });
  });

  describe('OAuth', () => {
    it('accepts client credentials in the form body as well as HTTP Basic', async () => {
      const { status, body } = await requestToken(
        { grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken, client_id: wd.credentials.clientId, client_secret: wd.credentials.clientSecret },
        null,
      );
      assert.equal(status, 200);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 3600);
    });

    it('answers OAuth errors: invalid_client, unsupported_grant_type, invalid_grant, unknown tenant', async () => {
      const badClient = await requestToken({ grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken }, ['wd-integration-client', 'wrong']);
      assert.deepEqual([badClient.status, badClient.body], [401, { error: 'invalid_client' }]);
      const badGrant = await requestToken({ grant_type: 'client_credentials' });
      assert.deepEqual([badGrant.status, badGrant.body], [400, { error: 'unsupported_grant_type' }]);
      const badRefresh = await requestToken({ grant_type: 'refresh_token', refresh_token: 'stolen' });
      assert.deepEqual([badRefresh.status, badRefresh.body], [400, { error: 'invalid_grant' }]);
      const otherTenant = await requestToken({ grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken }, undefined, 'globex');
      assert.equal(otherTenant.status, 404);
    });

    it('an expired access token is a 401 until a new one is fetched', async () => {
      const mine = await freshToken();
      assert.equal((await get(`${wd.paths.common}/workers?limit=1`, mine)).status, 200);
      assert.equal((await admin('POST', '/_sandbox/tokens/expire')).status, 200);
      const expired = await get(`${wd.paths.common}/workers?limit=1`, mine);
      assert.deepEqual([expired.status, expired.body], [401, { error: 'invalid access token' }]);
      token = await freshToken();
      assert.equal((await get(`${wd.paths.common}/workers?limit=1`)).status, 200);
    });

    it('a revoked refresh token makes the token endpoint answer 400 invalid_grant', async () => {
      const revoked = await admin('POST', '/_sandbox/tokens/revoke', { refreshTokens: true });
      assert.equal(revoked.status, 200);
      assert.equal((await get(`${wd.paths.common}/workers?limit=1`)).status, 401);
      const refused = await requestToken({ grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken });
      assert.deepEqual([refused.status, refused.body], [400, { error: 'invalid_grant' }]);
      wd.tokens.reinstateRefreshToken();
      token = await freshToken();
    });

    it('a short TTL set through /_sandbox/config shows in expires_in', async () => {
      await admin('PUT', '/_sandbox/config', { accessTokenTtlSeconds: 60 });
      try {
        const { body } = await requestToken({ grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken });
        assert.equal(body.expires_in, 60);
      } finally {
        wd.configure({ accessTokenTtlSeconds: 3600 });
      }
      const refused = await admin('PUT', '/_sandbox/config', { accessTokenTtlSeconds: -5 });
      assert.equal(refused.status, 400);
      assert.match(refused.body.error, /accessTokenTtlSeconds/);
    });
  });

  describe('fault injection', () => {
    it('a scripted 429 carries Retry-After and a Workday error body, then calls succeed again', async () => {
      const set = await admin('PUT', '/_sandbox/faults', { failNext: [{ status: 429, retryAfterSeconds: 3, pathContains: '/workers' }] });
      assert.equal(set.status, 200);
      const limited = await get(`${wd.paths.common}/workers?limit=1`);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '3');
      assert.equal(typeof limited.body.error, 'string');
      const next = await get(`${wd.paths.common}/workers?limit=1`);
      assert.equal(next.status, 200);
      const calls = await admin('GET', '/_sandbox/calls');
      assert.ok(calls.body.byRoute['GET /ccx/api/v1/acme/workers'] >= 2, JSON.stringify(calls.body));
      await admin('DELETE', '/_sandbox/faults');
    });
  });

  describe('reset', () => {
    it('puts the tenant back as seeded: hires forgotten, terminations undone, employee IDs restart', async () => {
      const seeded = wd.store.snapshot().nextEmployeeId;
      const hired = await admin('POST', '/_sandbox/hire', { firstName: 'Temp', lastName: 'Worker', supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST' });
      assert.equal(hired.status, 201);
      await admin('PUT', '/_sandbox/config', { overLimitBehaviour: 'clamp' });
      const reset = await admin('POST', '/_sandbox/reset');
      assert.deepEqual(reset, { status: 200, body: { reset: true } });
      assert.equal(wd.store.workerByEmployeeId(hired.body.employeeId), undefined);
      assert.equal(wd.store.workerByEmployeeId('21016')?.terminated, false);
      assert.equal(wd.store.snapshot().nextEmployeeId, String(seedWorkers().length + 21001));
      assert.ok(Number(seeded) > Number(wd.store.snapshot().nextEmployeeId));
      assert.equal(wd.config.overLimitBehaviour, 'error');
      // The token fetched earlier still works: reset does not log clients out.
      const legal = await get(`${wd.paths.person}/people/Employee_ID=21014/legalName`);
      assert.equal(legal.status, 200);
      assert.equal(legal.body.firstName, 'Zoë');
    });
  });
});
