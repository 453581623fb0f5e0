// orgHierarchySync end to end on the dev server: Workday's supervisory orgs, after a reorg, are Coupa's approval groups and managers, group by group.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { otherMembersOf as otherMembersHelper, provisionEveryoneInCoupa, reorganize, workdayAdmin as workdayAdminHelper } from '../helpers/org-hierarchy';
import {
  installOrgHierarchySyncSchedule,
  removeOrgHierarchySyncSchedule,
  requestOrgHierarchySync,
  ORG_HIERARCHY_SYNC_SCHEDULE_ID,
} from '../../clients/org-hierarchy-sync';
import { loadMappingFile } from '../../infra/mapping-file';
import { membershipUserId, type CoupaApprovalGroup, type CoupaUser } from '../../connectors/coupa';
import { orgHierarchySync, orgHierarchySyncWorkflowId, type OrgHierarchySyncResult } from '../../workflows/org-hierarchy-sync';
import { totalWrites } from '../../mapping/org-hierarchy';
import { retryUpdate, statusQuery } from '../../workflows/sync-state';
import { historiesDir } from '../histories/history-files';
import { REQUIRED_ORG_HIERARCHY_HISTORIES } from '../histories/record-org-hierarchy-sync';
import type { WorkdayStoreSnapshot } from '../../sandbox/workday';

const repoRoot = path.resolve(__dirname, '../..');
let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  await provisionEveryoneInCoupa(h);
});

after(async () => {
  await removeOrgHierarchySyncSchedule(h.temporal.env.client).catch(() => undefined);
  await h?.close();
});

// ---- Workday, as the test sees it (the sandbox's own store, not the sync's reading of it) ----

const snapshot = (): WorkdayStoreSnapshot => h.workday.store.snapshot();
const activeWorkers = () => snapshot().workers.filter((w) => !w.terminated);
const otherMembersOf = (org: string) => otherMembersHelper(h, org);

/** What every approval group should be: the org's manager as owner and member, plus the approver levels the mapping file names. */
function expectedGroups(): Map<string, { orgCode: string; active: boolean; ownerEmployeeId: string | null; members: string[] }> {
  const mapping = loadMappingFile(h.mappingFile);
  const snap = snapshot();
  const levelOf = new Map(snap.jobProfiles.map((p) => [p.code, p.managementLevel]));
  const approverLevels = new Set(mapping.approvalGroups.approverLevels);
  const groups = new Map<string, { orgCode: string; active: boolean; ownerEmployeeId: string | null; members: string[] }>();
  for (const org of snap.supervisoryOrganizations) {
    const name = mapping.approvalGroups.bySupervisoryOrg[org.code]?.[0] ?? `${org.name} Approvers`;
    if (org.inactive) {
      groups.set(name, { orgCode: org.code, active: false, ownerEmployeeId: null, members: [] });
      continue;
    }
    const approvers = snap.workers.filter((w) => !w.terminated && w.supervisoryOrgCode === org.code && approverLevels.has(levelOf.get(w.jobProfileCode) ?? ''));
    const members = new Set(approvers.map((w) => w.employeeId));
    if (org.managerEmployeeId) members.add(org.managerEmployeeId);
    groups.set(name, { orgCode: org.code, active: true, ownerEmployeeId: org.managerEmployeeId, members: [...members].sort() });
  }
  return groups;
}

// ---- Coupa ----

async function coupaUsers(): Promise<CoupaUser[]> {
  return h.coupaClient.listUsers();
}

async function coupaGroup(name: string): Promise<CoupaApprovalGroup> {
  const groups = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const page = await h.coupaClient.getUserGroupsPage(offset);
    groups.push(...page.items.filter((g) => g.name === name));
    offset = page.nextOffset;
  }
  assert.equal(groups.length, 1, `exactly one Coupa group "${name}"`);
  return groups[0]!;
}

async function allGroupCount(): Promise<number> {
  let count = 0;
  for (let offset: number | null = 0; offset !== null; ) {
    const page = await h.coupaClient.getUserGroupsPage(offset);
    count += page.items.length;
    offset = page.nextOffset;
  }
  return count;
}

/** Checks Coupa group by group, and every Workday worker's manager, against Workday as it is now. */
async function assertCoupaMirrorsWorkday(): Promise<void> {
  const users = await coupaUsers();
  const employeeOf = new Map(users.map((u) => [u.id, u['employee-number'] ?? null]));
  const userOf = new Map(users.map((u) => [u['employee-number'] ?? '', u]));
  const workdayIds = new Set(snapshot().workers.map((w) => w.employeeId));

  for (const [name, expected] of expectedGroups()) {
    const group = await coupaGroup(name);
    assert.equal(group.active, expected.active, `"${name}" active`);
    if (expected.active) assert.equal(group['can-approve'], true, `"${name}" is an approval group`);
    const ownerUserId = expected.ownerEmployeeId ? (userOf.get(expected.ownerEmployeeId)?.id ?? null) : null;
    assert.equal(group.owner?.id ?? null, ownerUserId, `"${name}" owner`);

    const memberships = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page = await h.coupaClient.getGroupMembershipsPage(group.id, offset);
      memberships.push(...page.items);
      offset = page.nextOffset;
    }
    // Only people Workday knows are the sync's: anyone added by hand in Coupa stays, and is not counted here.
    const workdayMembers = memberships.filter((m) => workdayIds.has(employeeOf.get(membershipUserId(m) ?? -1) ?? ''));
    assert.deepEqual(workdayMembers.map((m) => employeeOf.get(membershipUserId(m)!)).sort(), expected.members, `"${name}" members`);
    const flagged = workdayMembers.filter((m) => m.owner === true).map((m) => membershipUserId(m));
    assert.deepEqual(flagged, ownerUserId === null ? [] : [ownerUserId], `"${name}" owner flag on the owner's membership only`);
  }

  for (const worker of activeWorkers()) {
    const user = userOf.get(worker.employeeId);
    if (!user) continue;
    assert.equal(user.manager?.['employee-number'] ?? null, worker.managerEmployeeId, `manager of employee ${worker.employeeId}`);
  }
}

function coupaWrites(): Record<string, number> {
  return Object.fromEntries(Object.entries(h.coupa.controls.callCounts().byRoute).filter(([route]) => /^(PUT|POST|DELETE) \/api/.test(route)));
}

async function sync(options: { dryRun?: boolean } = {}): Promise<OrgHierarchySyncResult> {
  const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { ...options, trigger: 'manual' });
  return handle.result();
}

async function workdayAdmin(pathname: string, body: unknown): Promise<void> {
  await workdayAdminHelper(h, pathname, body);
}

// ---- the business process ----

test('a first sync makes the seeded approval groups match Workday (no duplicates, hand-made members kept); a repeat writes nothing', { timeout: 180_000 }, async () => {
  const groupsBefore = await allGroupCount();
  const extApprover = (await h.coupaClient.listUsers({ login: 'ext.approver.1' }))[0]!;
  const extGroups = (await h.coupaClient.getUser(extApprover.id))['approval-groups']?.map((g) => g.name);

  const first = await sync();
  assert.equal(first.outcome, 'synced');
  await assertCoupaMirrorsWorkday();
  assert.equal(await allGroupCount(), groupsBefore, 'existing groups were matched, not duplicated');
  assert.deepEqual((await h.coupaClient.getUser(extApprover.id))['approval-groups']?.map((g) => g.name), extGroups, 'a member added by hand in Coupa stays');

  h.coupa.controls.resetCalls();
  const again = await sync();
  assert.equal(again.outcome, 'unchanged');
  assert.deepEqual(coupaWrites(), {}, 'nothing changed: no write at all');
  assert.deepEqual(again.status.changes, []);
});

test('a reorg (one org split, one merged, five managers changed) is mirrored in Coupa exactly, one manager write per person who moved; a repeat writes nothing', { timeout: 240_000 }, async () => {
  await sync();
  const managerBefore = new Map(activeWorkers().map((w) => [w.employeeId, w.managerEmployeeId]));

  // One org split (six engineers become Platform Engineering), one merged (Accounts Payable into Finance), five managers changed.
  await reorganize(h);
  const moved = activeWorkers().filter((w) => w.workEmail && managerBefore.get(w.employeeId) !== w.managerEmployeeId);
  assert.ok(moved.length > 30, `a real reorg: ${moved.length} people have a new manager`);

  h.coupa.controls.resetCalls();
  const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'org-change' });
  const result = await handle.result();
  assert.equal(result.outcome, 'synced');
  await assertCoupaMirrorsWorkday();

  // The new org has a new approval group; the merged one is deactivated, never deleted.
  const platformGroup = await coupaGroup('Platform Engineering Approvers');
  assert.equal(platformGroup['can-approve'], true);
  const apGroup = await coupaGroup('Accounts Payable Approvers');
  assert.equal(apGroup.active, false);

  // Exactly the people whose manager changed got a manager write, and each write is in the audit trail.
  const writes = coupaWrites();
  assert.equal(writes['PUT /api/users/:id'], moved.length, `one manager write per person moved: ${JSON.stringify(writes)}`);
  assert.equal(result.applied['set-manager'], moved.length);
  assert.equal(writes['POST /api/user_groups'], 1, 'one group created');
  const status = await handle.query(statusQuery);
  assert.equal(status.changes.filter((c) => c.action === 'manager changed').length, moved.length);
  assert.ok(status.changes.some((c) => c.action === 'approval group deactivated' && c.detail.includes('Accounts Payable Approvers')));
  assert.ok(status.changes.some((c) => c.action === 'approval group created' && c.detail.includes('Platform Engineering Approvers')));

  h.coupa.controls.resetCalls();
  assert.equal((await sync()).outcome, 'unchanged');
  assert.deepEqual(coupaWrites(), {}, 'a repeated sync makes no writes');
});

test('a dry run writes nothing and returns the plan', { timeout: 120_000 }, async () => {
  await sync();
  const newManager = otherMembersOf('SUP-OPS')[0]!;
  await workdayAdmin('/_sandbox/supervisoryOrganizations/SUP-OPS/manager', { employeeId: newManager });
  const reports = h.workday.store.membersOf('SUP-OPS').filter((w) => w.employeeId !== newManager && w.workEmail).length;

  h.coupa.controls.resetCalls();
  const preview = await sync({ dryRun: true });
  assert.equal(preview.outcome, 'planned');
  assert.deepEqual(coupaWrites(), {}, 'a dry run writes nothing');
  assert.ok(preview.plan);
  const ops = preview.plan.groups.find((g) => g.orgCode === 'SUP-OPS');
  assert.equal(ops?.ownerEmployeeId, newManager);
  assert.ok(preview.plan.writes.some((w) => w.kind === 'update-group' && w.groupName === 'Operations Approvers' && w.changes.ownerUserId !== undefined));
  assert.ok(preview.plan.writes.some((w) => w.kind === 'add-member' && w.employeeId === newManager && w.owner));
  // The new manager's reports, the old manager among them, and the new manager's own manager.
  assert.equal(preview.plan.totals['set-manager'], reports + 1);
  assert.equal(preview.plan.truncated, false);

  // The plan is what a real run then does.
  const applied = await sync();
  assert.equal(applied.applied['set-manager'], preview.plan.totals['set-manager']);
  await assertCoupaMirrorsWorkday();
});

test('Coupa refusing the integration parks the sync as needs-attention (auth); after the fix a retry re-plans and finishes', { timeout: 120_000 }, async () => {
  await sync();
  const newManager = otherMembersOf('SUP-LEGAL')[0]!;
  await workdayAdmin('/_sandbox/supervisoryOrganizations/SUP-LEGAL/manager', { employeeId: newManager });
  h.coupa.controls.setFaults({ failNext: [{ status: 403, pathContains: '/api/user_groups/' }] });
  try {
    const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig);
    const parked = await eventually(async () => {
      const status = await handle.query(statusQuery);
      return status.syncState === 'needs-attention' ? status : undefined;
    }, 'the sync to park');
    assert.equal(parked.parking?.category, 'auth');
    assert.equal(parked.parking?.failureType, 'AuthFailed');
    assert.match(parked.lastError ?? '', /^auth: /);

    h.coupa.controls.setFaults({});
    assert.match(await handle.executeUpdate(retryUpdate), /retrying org-hierarchy-sync all/);
    const result = await handle.result();
    assert.equal(result.outcome, 'synced');
    assert.equal(result.status.retries, 1);
    await assertCoupaMirrorsWorkday();
  } finally {
    h.coupa.controls.setFaults({});
  }
});

test('a diff larger than one run’s page of writes continues as new; each run plans again and the chain writes it all once', { timeout: 180_000 }, async () => {
  await sync();
  await workdayAdmin('/_sandbox/supervisoryOrganizations/SUP-SUPPORT/manager', { employeeId: otherMembersOf('SUP-SUPPORT')[0] });
  const preview = await sync({ dryRun: true });
  const planned = totalWrites(preview.plan!);
  assert.ok(planned > 20, `a diff of ${planned} writes`);

  h.coupa.controls.resetCalls();
  const handle = await h.temporal.env.client.workflow.start(orgHierarchySync, {
    workflowId: orgHierarchySyncWorkflowId('all'),
    taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS,
    args: [{ scope: 'all', maxWritesPerRun: 10 }],
  });
  const result = await handle.result();
  assert.equal(result.outcome, 'synced');
  assert.equal(result.runs, Math.ceil(planned / 10));
  assert.equal(Object.values(result.applied).reduce((a, b) => a + b, 0), planned, 'every planned write, once, across the runs');
  assert.equal(coupaWrites()['PUT /api/users/:id'], preview.plan!.totals['set-manager']);
  await assertCoupaMirrorsWorkday();
});

test('every path of orgHierarchySync has a saved history that the replay test replays', () => {
  for (const name of REQUIRED_ORG_HIERARCHY_HISTORIES) {
    assert.ok(fs.existsSync(path.join(historiesDir, `${name}.json`)), `test/histories/${name}.json is missing: run npx tsx test/histories/record-org-hierarchy-sync.ts`);
  }
});

test('the schedule is installed once, and a second install updates it (interval) rather than failing; the CLI does the same', { timeout: 120_000 }, async () => {
  const client = h.temporal.env.client;
  await removeOrgHierarchySyncSchedule(client);
  assert.equal(await installOrgHierarchySyncSchedule(client, h.queueConfig, { every: '1h' }), 'created');
  const handle = client.schedule.getHandle(ORG_HIERARCHY_SYNC_SCHEDULE_ID);
  let described = await handle.describe();
  assert.equal(described.spec.intervals?.[0]?.every, 3_600_000);
  assert.equal(described.policies.overlap, ScheduleOverlapPolicy.SKIP);
  assert.equal(described.action.workflowType, 'orgHierarchySync');
  assert.equal(described.action.workflowId, 'org-hierarchy-sync/all');
  assert.equal(described.action.taskQueue, h.queueConfig.TASK_QUEUE_WORKFLOWS);
  assert.deepEqual(described.action.args, [{ scope: 'all', trigger: 'schedule' }]);

  assert.equal(await installOrgHierarchySyncSchedule(client, h.queueConfig, { every: '2 hours' }), 'updated');
  described = await handle.describe();
  assert.equal(described.spec.intervals?.[0]?.every, 7_200_000);
  assert.equal(described.policies.overlap, ScheduleOverlapPolicy.SKIP);

  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address },
    });
  const installed = await cli(['org-sync-schedule', 'install', '--every', '30m']);
  assert.match(installed.stdout, /updated schedule org-hierarchy-sync-schedule/);
  assert.equal((await handle.describe()).spec.intervals?.[0]?.every, 1_800_000);
  const removed = await cli(['org-sync-schedule', 'remove']);
  assert.match(removed.stdout, /removed schedule/);
  assert.equal(await removeOrgHierarchySyncSchedule(client), 'absent');
});
