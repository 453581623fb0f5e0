// The Workday sandbox's reorganization endpoints: create, split, merge, move workers, inactivate, as the staffing API then shows them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';

type Body = any;

describe('Workday sandbox reorganizations', () => {
  let wd: WorkdaySandbox;
  let token: string;

  async function get(path: string): Promise<{ status: number; body: Body }> {
    const res = await fetch(`${wd.paths.staffing}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  }

  async function admin(path: string, body: unknown = {}): Promise<{ status: number; body: Body }> {
    const res = await fetch(`${wd.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }

  const org = (code: string) => wd.store.findSupervisoryOrg(code)!;
  const membersOf = (code: string) => wd.store.membersOf(code).map((w) => w.employeeId);

  before(async () => {
    wd = await startWorkdaySandbox();
    const res = await fetch(`${wd.url}/ccx/oauth2/${wd.tenant}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${wd.credentials.clientId}:${wd.credentials.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: wd.credentials.refreshToken }).toString(),
    });
    token = ((await res.json()) as Body).access_token;
  });

  after(async () => {
    await wd?.close();
  });

  it('a split creates a sibling org that takes the named people and its manager; the chart shows it', async () => {
    const engineers = membersOf('SUP-ENG').filter((id) => id !== org('SUP-ENG').managerEmployeeId);
    const [lead, ...team] = engineers.slice(0, 5);
    const split = await admin('/_sandbox/supervisoryOrganizations/SUP-ENG/split', {
      newCode: 'SUP-PLATFORM',
      newName: 'Platform Engineering',
      employeeIds: [lead, ...team],
      managerEmployeeId: lead,
    });
    assert.equal(split.status, 201, JSON.stringify(split.body));
    assert.deepEqual(split.body.moved, [lead, ...team]);
    assert.deepEqual(membersOf('SUP-PLATFORM'), [lead, ...team]);
    assert.ok(!membersOf('SUP-ENG').includes(lead!));

    const shown = await get(`/supervisoryOrganizations/${split.body.organizationWid}`);
    assert.equal(shown.body.name, 'Platform Engineering');
    assert.equal(shown.body.inactive, false);
    assert.equal(shown.body.managers[0].id, wd.store.workerByEmployeeId(lead!)!.wid);
    const chart = await get(`/supervisoryOrganizations/${split.body.organizationWid}/orgChart`);
    assert.equal(chart.body.data[0].superior.code, 'SUP-EXEC');
    // The people keep their cost centers: a reorg moves reporting lines, not budgets.
    for (const id of [lead!, ...team]) assert.ok(org('SUP-PLATFORM').costCenterCodes.includes(wd.store.workerByEmployeeId(id)!.costCenterCode));
    // A move is a job change in the transaction log.
    assert.equal(wd.store.transactionsOf(lead!).at(-1)?.type, 'Change Job');
  });

  it('a merge moves everyone and every sub-org, then inactivates the org: listed only with includeInactive', async () => {
    const apPeople = membersOf('SUP-AP');
    const merged = await admin('/_sandbox/supervisoryOrganizations/SUP-AP/merge', { intoCode: 'SUP-FIN' });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.deepEqual(merged.body.moved, apPeople);
    for (const id of apPeople) assert.ok(membersOf('SUP-FIN').includes(id));
    assert.deepEqual(membersOf('SUP-AP'), []);

    const active = await get('/supervisoryOrganizations?limit=100');
    assert.ok(!active.body.data.some((o: Body) => o.code === 'SUP-AP'));
    const all = await get('/supervisoryOrganizations?limit=100&includeInactive=true');
    assert.equal(all.body.data.find((o: Body) => o.code === 'SUP-AP').inactive, true);
    const finance = await get(`/supervisoryOrganizations/${org('SUP-FIN').wid}/orgChart`);
    assert.ok(!finance.body.data[0].subordinates.some((s: Body) => s.code === 'SUP-AP'));

    // An inactive org takes nobody in and cannot be reorganized again.
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-AP/members', { employeeIds: [apPeople[0]] })).status, 400);
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-AP/manager', { employeeId: '21001' })).status, 400);
  });

  it('move workers, create and inactivate; refusals answer 400/404 with the reason', async () => {
    const created = await admin('/_sandbox/supervisoryOrganizations', { code: 'SUP-TMP', name: 'Temporary Projects', superiorCode: 'SUP-OPS' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const someone = membersOf('SUP-OPS').find((id) => id !== org('SUP-OPS').managerEmployeeId)!;
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-TMP/members', { employeeIds: [someone] })).status, 200);
    const refused = await admin('/_sandbox/supervisoryOrganizations/SUP-TMP/inactivate');
    assert.equal(refused.status, 400);
    assert.match(refused.body.error, /1 member/);
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-OPS/members', { employeeIds: [someone] })).status, 200);
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-TMP/inactivate')).status, 200);

    assert.equal((await admin('/_sandbox/supervisoryOrganizations', { code: 'SUP-OPS', name: 'Again', superiorCode: 'SUP-EXEC' })).status, 400);
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-NOPE/merge', { intoCode: 'SUP-FIN' })).status, 404);
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-EXEC/inactivate')).status, 400);
    assert.equal((await admin('/_sandbox/supervisoryOrganizations/SUP-FIN/merge', { intoCode: 'SUP-PROC' })).status, 400, 'not into its own sub-org');
  });

  it('reset brings the seeded organizations back', async () => {
    await admin('/_sandbox/reset');
    assert.equal(wd.store.findSupervisoryOrg('SUP-PLATFORM'), undefined);
    assert.equal(org('SUP-AP').inactive, false);
    assert.ok(membersOf('SUP-AP').length > 0);
  });
});
