// API economy of a job change, offboarding, the org hierarchy sync and the cost center sync, counted through the sandboxes: each event's requests stay at what bench/calls-per-event.ts reports, and the test fails if one grows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { otherMembersOf, provisionEveryoneInCoupa, workdayAdmin } from '../helpers/org-hierarchy';
import { callsOf } from '../helpers/api-calls';
import { requestEmployeeOffboarding } from '../../clients/employee-offboarding';
import { requestOrgHierarchySync } from '../../clients/org-hierarchy-sync';
import { requestCostCenterSync } from '../../clients/cost-center-sync';
import { restructureWorkday } from '../helpers/cost-centers';

let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  // Every seeded worker has a Coupa user, as provisioning would have left them.
  await provisionEveryoneInCoupa(h);
});

after(async () => {
  await h?.close();
});

async function coupaAdmin(path: string, body: unknown): Promise<{ id: number }> {
  const res = await fetch(`${h.coupa.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: number };
}

/** Coupa's page size: a list of n rows costs this many requests (a short page ends it). */
const coupaPages = (rows: number): number => Math.floor(rows / 50) + 1;

test("a job change into the manager's approval group: 3 requests plus the membership, the group's id from the manager's read", { timeout: 120_000 }, async () => {
  // The Sales manager sits in Sales Approvers (as the org sync leaves them); nothing has read that group's id yet.
  const managerNumber = h.workday.store.findSupervisoryOrg('SUP-SALES')!.managerEmployeeId!;
  const manager = (await h.coupaClient.findUserByEmployeeNumber(managerNumber))!;
  const group = (await h.coupaClient.findUserGroupByName('Sales Approvers'))!;
  await h.coupaClient.addGroupMembership({ userId: manager.id, userGroupId: group.id, owner: true });
  const hire = h.workday.store.hire({ firstName: 'Counted', lastName: 'Mover', supervisoryOrgCode: 'SUP-SALES', jobProfileCode: 'JP-SWE' });
  await (await h.provision(hire.employeeId)).result();
  h.workday.store.changeJob(hire.employeeId, { jobProfileCode: 'JP-MGR' });

  const calls = await callsOf(h, async () => (await h.provision(hire.employeeId, 'job-change')).result());
  const detail = JSON.stringify(calls.detail);
  assert.equal(calls.detail['POST /api/user_group_memberships'], 1, `a manager-level job joins Sales Approvers: ${detail}`);
  assert.equal(calls.detail['GET /api/user_groups'] ?? 0, 0, `the group id came with the manager's read: ${detail}`);
  assert.ok(calls.total <= 3 + 1, `job change: ${calls.total} requests: ${detail}`);
});

test('a leaver with one requisition and one approval: 12 requests, the deactivation one PUT without a read', { timeout: 120_000 }, async () => {
  const leaver = h.workday.store.hire({ firstName: 'Counted', lastName: 'Leaver', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
  const leaverId = (await (await h.provision(leaver.employeeId)).result()).coupaUserId!;
  const colleague = (await h.coupaClient.listUsers({ login: 'proc.admin.1' }))[0]!.id;
  await coupaAdmin('/_sandbox/requisitions', { requester: { id: leaverId }, approvers: [{ id: colleague }] });
  await coupaAdmin('/_sandbox/invoices', { approvers: [{ id: leaverId }] });
  h.workday.store.terminate(leaver.employeeId, { terminationDate: new Date().toISOString().slice(0, 10), reason: 'Resignation' });

  const calls = await callsOf(h, async () => (await requestEmployeeOffboarding(h.temporal.env.client, h.queueConfig, leaver.employeeId)).result());
  const detail = JSON.stringify(calls.detail);
  assert.equal((await h.coupaClient.getUser(leaverId)).active, false, 'the user is inactive');
  // Workday: the termination, then the manager chain on the date. Coupa: leaver and successor lookups,
  // the two pending lists, the requisition PUT, the approval's check + add + check + remove, the deactivation.
  assert.deepEqual(calls.workday, { reads: 2, writes: 0 }, detail);
  assert.equal(calls.detail['GET /api/users/:id'] ?? 0, 0, `no read of the user before deactivating it: ${detail}`);
  assert.equal(calls.detail['GET /api/requisitions/:id'] ?? 0, 0, `no read of a requisition just listed: ${detail}`);
  assert.deepEqual(calls.coupa, { reads: 6, writes: 4 }, detail);
  assert.ok(calls.total <= 12, `offboarding: ${calls.total} requests: ${detail}`);

  // A second run (a duplicate event) reads, and writes nothing.
  const again = await callsOf(h, async () => (await requestEmployeeOffboarding(h.temporal.env.client, h.queueConfig, leaver.employeeId)).result());
  assert.equal(again.coupa.writes + again.workday.writes, 0, JSON.stringify(again.detail));
});

test('org hierarchy sync: unchanged costs 2 Workday reads and Coupa list pages only; one manager change adds only its writes', { timeout: 180_000 }, async () => {
  await (await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'manual' })).result();
  const snap = h.coupa.store.snapshot();
  const approvalGroups = new Set(snap.userGroups.filter((g) => (g as { 'can-approve'?: boolean })['can-approve'] === true).map((g) => g.id));
  const approvalMemberships = snap.userGroupMemberships.filter((m) => approvalGroups.has((m as { 'user-group-id'?: number })['user-group-id'] ?? -1)).length;
  const listFloor = coupaPages(snap.userGroups.length) + coupaPages(snap.users.length) + coupaPages(approvalMemberships);

  const unchanged = await callsOf(h, async () => (await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'manual' })).result());
  const detail = JSON.stringify(unchanged.detail);
  // One page of orgs (REST, with managers) and one Get_Workers page of the whole workforce: no read per org.
  assert.deepEqual(unchanged.workday, { reads: 2, writes: 0 }, detail);
  assert.equal(unchanged.detail['workday GET /ccx/api/staffing/v7/acme/supervisoryOrganizations/:id/orgChart'] ?? 0, 0, detail);
  assert.equal(unchanged.coupa.writes, 0, detail);
  assert.ok(unchanged.coupa.reads <= listFloor, `Coupa reads ${unchanged.coupa.reads} > ${listFloor} list pages (groups, users, approval memberships): ${detail}`);

  // One org gets another manager: the reads stay, and each write is one request (no read first), plus the
  // lookup Coupa needs before adding a membership (it has no upsert).
  await workdayAdmin(h, '/_sandbox/supervisoryOrganizations/SUP-MKT/manager', { employeeId: otherMembersOf(h, 'SUP-MKT')[0] });
  const changed = await callsOf(h, async () => (await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'org-change' })).result());
  const changedDetail = JSON.stringify(changed.detail);
  assert.deepEqual(changed.workday, { reads: 2, writes: 0 }, changedDetail);
  assert.ok(changed.coupa.writes > 0, changedDetail);
  assert.equal(changed.detail['GET /api/users/:id'] ?? 0, 0, `no read of a user before setting its manager: ${changedDetail}`);
  assert.equal(changed.detail['GET /api/user_groups/:id'] ?? 0, 0, `no read of a group before updating it: ${changedDetail}`);
  // Owner flags and removals name the memberships the plan read; only an add looks first (a POST is no upsert).
  const membershipAdds = changed.detail['POST /api/user_group_memberships'] ?? 0;
  const snapAfter = h.coupa.store.snapshot();
  const approvalAfter = new Set(snapAfter.userGroups.filter((g) => (g as { 'can-approve'?: boolean })['can-approve'] === true).map((g) => g.id));
  const membershipsAfter = snapAfter.userGroupMemberships.filter((m) => approvalAfter.has((m as { 'user-group-id'?: number })['user-group-id'] ?? -1)).length;
  // The list pages as they were when the run read them (its own add may tip the memberships over a page after).
  const readFloor = Math.max(listFloor, coupaPages(snapAfter.userGroups.length) + coupaPages(snapAfter.users.length) + coupaPages(membershipsAfter - membershipAdds));
  assert.ok(changed.coupa.reads <= readFloor + membershipAdds, `Coupa reads ${changed.coupa.reads}: the list pages (${readFloor}) plus one lookup per membership added: ${changedDetail}`);
});

test('cost center sync: the lookup and account types come from the worker\'s cache, the accounts are one list; one new cost center adds its check and its write per record', { timeout: 120_000 }, async () => {
  const sync = async () => (await requestCostCenterSync(h.temporal.env.client, h.queueConfig)).result();
  await sync();
  const unchanged = await callsOf(h, sync);
  const detail = JSON.stringify(unchanged.detail);
  // Workday: companies, business units, cost centers, one SOAP page each.
  assert.deepEqual(unchanged.workday, { reads: 3, writes: 0 }, detail);
  assert.equal(unchanged.detail['GET /api/lookups'] ?? 0, 0, `the lookup id is cached: ${detail}`);
  assert.equal(unchanged.detail['GET /api/account_types'] ?? 0, 0, `the account types are cached: ${detail}`);
  assert.equal(unchanged.coupa.writes, 0, detail);
  // Coupa: the lookup's values and the accounts of all three account types, one list (one page) each.
  assert.equal(unchanged.detail['GET /api/accounts'], 1, `the accounts of every type in one list: ${detail}`);
  assert.ok(unchanged.coupa.reads <= 2, `unchanged: ${unchanged.coupa.reads} Coupa reads: ${detail}`);

  await restructureWorkday(h.workday.url, [{ action: 'create', code: 'CC2920', name: 'Counted Cost Center', parentCode: 'CC1400' }]);
  const added = await callsOf(h, sync);
  const addedDetail = JSON.stringify(added.detail);
  assert.deepEqual(added.workday, { reads: 3, writes: 0 }, addedDetail);
  assert.deepEqual(added.coupa, { reads: unchanged.coupa.reads + 2, writes: 2 }, `the value and the account: a look and a POST each: ${addedDetail}`);
});
