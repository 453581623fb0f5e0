// Contracts of the org hierarchy reads: fields nobody reads may change type or appear, and the reads (paged, compact) give what the plain answers give.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { WorkdayClient } from '../../connectors/workday';
import { CoupaClient } from '../../connectors/coupa';
import { retypeUnusedFields, startRewritingProxy, type RewritingProxy } from './proxy';

/** Every key the org hierarchy reads use, by its name in the payload (plus what the HTTP core reads); the proxy retypes every other key. */
const WORKDAY_READ_KEYS = new Set([
  'id', 'descriptor', 'workerId', 'name', 'code', 'inactive', 'managers', 'manager', 'superior', 'worker', 'jobProfile', 'managementLevel',
  // The worker schema's own fields (the page reuses it).
  'person', 'email', 'primaryJob', 'businessTitle', 'supervisoryOrganization',
  'total', 'data', 'error', 'errors', 'access_token', 'expires_in', 'refresh_token',
]);
const COUPA_READ_KEYS = new Set([
  'id', 'name', 'description', 'active', 'can-approve', 'owner', 'employee-number', 'manager', 'user-id', 'user-group-id', 'user', 'user-group',
  'participant', 'error', 'errors', 'access_token', 'expires_in', 'refresh_token',
]);

describe('org hierarchy contracts', () => {
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

  const workdayAt = (baseUrl: string) => new WorkdayClient({ baseUrl, tenant: workday.tenant, ...workday.credentials, timeoutMs: 5_000 });
  const coupaAt = (baseUrl: string) =>
    new CoupaClient({ baseUrl, clientId: coupa.credentials.clientId, clientSecret: coupa.credentials.clientSecret, scopes: coupa.credentials.scopes, timeoutMs: 5_000 });

  it('given Workday answers with retyped unread fields, orgs, members, charts, job profiles and worker pages read the same', async () => {
    const tolerant = await startRewritingProxy(workday.url, retypeUnusedFields(WORKDAY_READ_KEYS));
    proxies.push(tolerant);
    const plain = workdayAt(workday.url);
    const changed = workdayAt(tolerant.url);
    const orgs = await changed.getSupervisoryOrganizationsPage({ offset: 0 }, { includeInactive: true });
    assert.deepEqual(
      orgs.items.map((o) => [o.id, o.code, o.name, o.inactive, o.managers?.map((m) => m.id)]),
      (await plain.getSupervisoryOrganizationsPage({ offset: 0 }, { includeInactive: true })).items.map((o) => [o.id, o.code, o.name, o.inactive, o.managers?.map((m) => m.id)]),
    );
    assert.equal(orgs.nextOffset, null, 'the seeded orgs fit one page of 100');
    const finance = orgs.items.find((o) => o.code === 'SUP-FIN')!;
    assert.equal((await changed.getOrgChart(finance.id))?.superior?.id, (await plain.getOrgChart(finance.id))?.superior?.id);
    const members = (m: Awaited<ReturnType<WorkdayClient['getSupervisoryOrganizationMembersPage']>>) => m.items.map((x) => [x.worker.id, x.jobProfile?.id]);
    assert.deepEqual(members(await changed.getSupervisoryOrganizationMembersPage(finance.id, { offset: 0 })), members(await plain.getSupervisoryOrganizationMembersPage(finance.id, { offset: 0 })));
    const levels = (p: Awaited<ReturnType<WorkdayClient['getJobProfilesPage']>>) => p.items.map((x) => [x.id, x.managementLevel?.descriptor]);
    assert.deepEqual(levels(await changed.getJobProfilesPage({ offset: 0 })), levels(await plain.getJobProfilesPage({ offset: 0 })));
    const page = await changed.getWorkersPage({ offset: 100, limit: 100 }, { includeTerminated: true });
    assert.deepEqual(
      page.items.map((w) => [w.id, w.workerId]),
      (await plain.getWorkersPage({ offset: 100, limit: 100 }, { includeTerminated: true })).items.map((w) => [w.id, w.workerId]),
    );
    assert.equal(page.nextOffset, 200);
  });

  it('given Coupa answers with retyped unread fields, groups, memberships and users read the same, and the group writes work', async () => {
    const tolerant = await startRewritingProxy(coupa.url, retypeUnusedFields(COUPA_READ_KEYS));
    proxies.push(tolerant);
    const plain = coupaAt(coupa.url);
    const changed = coupaAt(tolerant.url);
    const groups = await changed.getUserGroupsPage(0);
    const read = (p: Awaited<ReturnType<CoupaClient['getUserGroupsPage']>>) => p.items.map((g) => [g.id, g.name, g.description, g.active, g['can-approve'], g.owner?.id ?? null]);
    assert.deepEqual(read(groups), read(await plain.getUserGroupsPage(0)));
    const finance = groups.items.find((g) => g.name === 'Finance Approvers')!;
    assert.equal(finance['can-approve'], true);
    const pick = (p: Awaited<ReturnType<CoupaClient['getGroupMembershipsPage']>>) => p.items.map((m) => [m.id, m['user-id'], m.owner]);
    assert.deepEqual(pick(await changed.getGroupMembershipsPage(finance.id, 0)), pick(await plain.getGroupMembershipsPage(finance.id, 0)));
    const view = (p: Awaited<ReturnType<CoupaClient['getUserManagerViewsPage']>>) => p.items.map((u) => [u.id, u['employee-number'], u.active, u.manager?.id ?? null, u.manager?.['employee-number'] ?? null]);
    const users = await changed.getUserManagerViewsPage(0);
    assert.deepEqual(view(users), view(await plain.getUserManagerViewsPage(0)));
    const asked = await plain.getUserManagerViewsPage(0);
    assert.ok(asked.items.every((u) => Object.keys(u).every((k) => ['id', 'employee-number', 'active', 'manager'].includes(k))), 'only the fields asked for');

    const someone = users.items.find((u) => u.active)!;
    const created = await changed.createUserGroup({ name: 'Contract Approvers', description: 'Approvers for Contract (SUP-CONTRACT)', active: true, 'can-approve': true, owner: { id: someone.id } });
    assert.equal(created.owner?.id, someone.id);
    const updated = await changed.updateUserGroup(created.id, { active: false, owner: null });
    assert.equal(updated.active, false);
    assert.equal(updated.owner ?? null, null);
    const membership = await changed.addGroupMembership({ userId: someone.id, userGroupId: created.id, owner: true });
    assert.equal(membership.owner, true);
    assert.equal((await changed.setGroupMembershipOwner(membership.id, false)).owner, false);
    assert.deepEqual((await changed.findGroupMemberships(someone.id, created.id)).map((m) => m.id), [membership.id]);
    assert.equal((await changed.findApprovalGroupByName('Contract Approvers'))?.id, created.id);
  });
});
