// Contracts that tolerate the real APIs: fields nobody reads may change type or appear, and empty org charts or legal names are answers too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { WorkdayClient } from '../../connectors/workday';
import { CoupaClient } from '../../connectors/coupa';
import { ConnectorErrorTypes } from '../../connectors/http';
import { toCoupaUserState } from '../../activities/coupa-users';
import { expectFailure } from './helpers';
import { retypeUnusedFields, startRewritingProxy, type RewritingProxy } from './proxy';

/**
 * Every key some code reads (connectors/, activities/, mapping/), by its name in the payload, plus
 * the error and token keys the HTTP core reads. The proxy changes the type of every other key.
 */
const WORKDAY_READ_KEYS = new Set([
  'id', 'descriptor', 'workerId', 'person', 'email', 'primaryJob', 'businessTitle', 'supervisoryOrganization', 'jobProfile',
  'total', 'data', 'organizationType', 'name', 'code', 'managers', 'manager', 'superior', 'managementLevel',
  'firstName', 'lastName', 'hireDate',
  'error', 'errors', 'access_token', 'expires_in', 'refresh_token',
]);
const COUPA_READ_KEYS = new Set([
  'id', 'login', 'email', 'firstname', 'lastname', 'employee-number', 'active', 'manager', 'default-account', 'code', 'account-type',
  'name', 'default-currency', 'requisition-approval-limit', 'invoice-approval-limit', 'amount', 'currency', 'roles', 'user-groups',
  'approval-groups', 'user-id', 'user-group-id', 'user', 'user-group', 'external-ref-num', 'lookup',
  'error', 'errors', 'access_token', 'expires_in', 'refresh_token',
]);

const EMPTY_LIST = { total: 0, data: [] };

describe('contracts', () => {
  let workday: WorkdaySandbox;
  let coupa: CoupaSandbox;
  const proxies: RewritingProxy[] = [];

  before(async () => {
    workday = await startWorkdaySandbox();
    coupa = await startCoupaSandbox();
  });
  after(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await workday?.close();
    await coupa?.close();
  });

  const proxy = async (target: string, rewrite: Parameters<typeof startRewritingProxy>[1]) => {
    const started = await startRewritingProxy(target, rewrite);
    proxies.push(started);
    return started;
  };
  const workdayAt = (baseUrl: string) =>
    new WorkdayClient({ baseUrl, tenant: workday.tenant, ...workday.credentials, timeoutMs: 5_000 });
  const coupaAt = (baseUrl: string) =>
    new CoupaClient({ baseUrl, clientId: coupa.credentials.clientId, clientSecret: coupa.credentials.clientSecret, scopes: coupa.credentials.scopes, timeoutMs: 5_000 });

  it('given Workday answers whose unread fields change type and new fields appear, every read gives what the plain answers give', async () => {
    const tolerant = await proxy(workday.url, retypeUnusedFields(WORKDAY_READ_KEYS));
    // The rewrite is real: an unread field such as href arrives as a number.
    const raw = (await (await fetch(`${tolerant.url}/ccx/api/staffing/v7/acme/jobProfiles?limit=1`, { headers: { Authorization: `Bearer ${await workdayAt(workday.url).tokens.getToken()}` } })).json()) as {
      data: { href: unknown; fieldFromANewRelease: unknown }[];
    };
    assert.equal(raw.data[0]?.href, 4711);
    assert.ok(raw.data[0]?.fieldFromANewRelease);

    const plain = workdayAt(workday.url);
    const changed = workdayAt(tolerant.url);
    for (const employeeId of ['21001', '21002', '21020', '21030', '21041']) {
      assert.deepEqual(await changed.getWorkerProfile(employeeId), await plain.getWorkerProfile(employeeId), employeeId);
    }
    const worker = workday.store.allWorkers()[9]!;
    assert.equal((await changed.getServiceDates(worker.wid)).hireDate, (await plain.getServiceDates(worker.wid)).hireDate);
    let listed = 0;
    for await (const _w of changed.listWorkers()) listed += 1;
    assert.equal(listed, workday.store.allWorkers().length);
  });

  it('given Coupa answers whose unread fields change type and new fields appear, every read and write gives what the plain answers give', async () => {
    const tolerant = await proxy(coupa.url, retypeUnusedFields(COUPA_READ_KEYS));
    const plain = coupaAt(coupa.url);
    const changed = coupaAt(tolerant.url);
    const state = (users: Awaited<ReturnType<CoupaClient['listUsers']>>) => users.map(toCoupaUserState);
    assert.deepEqual(state(await changed.listUsers()), state(await plain.listUsers()));
    const someone = coupa.store.users.all().find((u) => u.employeeNumber && u.active)!;
    assert.deepEqual(toCoupaUserState((await changed.findUserByEmployeeNumber(someone.employeeNumber!))!), toCoupaUserState(await plain.getUser(someone.id)));
    assert.equal((await changed.findUserByLogin(someone.login))?.id, someone.id);

    const group = await changed.findUserGroupByName('Finance Approvers');
    assert.equal(group?.id, (await plain.findUserGroupByName('Finance Approvers'))?.id);
    assert.ok(group);
    assert.equal((await changed.findAccount({ accountTypeName: 'Acme US', code: 'US01-CC1100' }))?.code, 'US01-CC1100');
    assert.equal((await changed.findLookupValue({ lookupName: 'Cost Center', externalRefNum: 'CC1100' }))?.['external-ref-num'], 'CC1100');

    const created = await changed.createUser({ login: 'retyped.fields@acme.example', email: 'retyped.fields@acme.example', firstname: 'Re', lastname: 'Typed', 'employee-number': '29990' });
    const updated = await changed.updateUser(created.id, { firstname: 'Still' });
    assert.equal(updated.firstname, 'Still');
    const membership = await changed.addUserToGroup(created.id, group.id);
    assert.deepEqual((await changed.listUserGroupMemberships({ userId: created.id, userGroupId: group.id })).map((m) => m.id), [membership.id]);
    await changed.removeUserGroupMembership(membership.id);
  });

  it('given an empty legal name list, the legal name is null and the worker profile fails as a contract problem, not with empty names', async () => {
    const noNames = await proxy(workday.url, (body, path) => (path.includes('/legalName') ? EMPTY_LIST : body));
    const client = workdayAt(noNames.url);
    const worker = workday.store.workerByEmployeeId('21030')!;
    assert.equal(await client.getLegalName(worker.wid), null);
    const failure = await expectFailure(client.getWorkerProfile('21030'));
    assert.equal(failure.type, ConnectorErrorTypes.InvalidResponse);
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /legalName .* is an empty list/);
    assert.match(failure.message, /security domain/);
  });

  it('given an empty org chart list, the org chart is null and the org is the top of the hierarchy', async () => {
    const noCharts = await proxy(workday.url, (body, path) => (path.includes('/orgChart') ? EMPTY_LIST : body));
    const client = workdayAt(noCharts.url);
    const cfo = workday.store.workerByEmployeeId('21002')!;
    assert.equal(await client.getOrgChart(workday.store.supervisoryOrgOf(cfo).wid), null);
    // The CFO leads their org, so their manager would come from the superior org: with no chart, none.
    const profile = await client.getWorkerProfile('21002');
    assert.equal(profile?.employeeId, '21002');
    assert.equal(profile?.manager, null);
    // Staff of that org still get its manager, who needs no chart.
    const staff = workday.store.allWorkers().find((w) => workday.store.supervisoryOrgOf(w).code === workday.store.supervisoryOrgOf(cfo).code && w.employeeId !== '21002')!;
    assert.equal((await client.getWorkerProfile(staff.employeeId))?.manager?.employeeId, '21002');
  });

  it('a list envelope whose data is not a list still fails, naming the field', async () => {
    const broken = await proxy(workday.url, (body, path) => (path.includes('/legalName') ? { total: 1, data: 'not a list' } : body));
    const failure = await expectFailure(workdayAt(broken.url).getLegalName(workday.store.allWorkers()[0]!.wid));
    assert.equal(failure.type, ConnectorErrorTypes.InvalidResponse);
    assert.match(failure.message, /data/);
  });
});
