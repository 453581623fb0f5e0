// orgHierarchySync: Workday's supervisory organizations become Coupa's approval groups (owner, members, active) and users' managers, writing only what differs.
import { continueAsNew, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { PageRead } from '../activities';
import type { WorkforcePage } from '../activities/org-hierarchy-workday';
import { ALL_ORGS_SCOPE, type GroupChanges, type OrgHierarchyPlan, type OrgHierarchyReadings, type OrgSyncWrite, type WorkdayOrgReading, type OrgSyncWriteKind } from '../mapping/org-hierarchy';
import { BusinessProcessKey, SyncTracker, parkingFor, type ProcessStatus } from './sync-state';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';

export const ORG_HIERARCHY_SYNC = 'org-hierarchy-sync';
/** One sync per scope: a second request while one runs lands on the running one. */
export const orgHierarchySyncWorkflowId = (scope: string = ALL_ORGS_SCOPE): string => `${ORG_HIERARCHY_SYNC}/${scope}`;

/**
 * Writes per run. A larger diff (a first sync of a big tenant) is done in several runs: this one
 * writes the first page of the plan, then continues as new, and the next run reads and plans again,
 * so the history of each run stays small and what is already written simply drops out of the diff.
 */
export const MAX_WRITES_PER_RUN = 500;

/**
 * Since this patch a sync reads Workday's workforce in Get_Workers pages (members, job profiles, worker
 * IDs and, from the members' management chains, most orgs' superiors) instead of two reads per org, and
 * Coupa's approval-group memberships in one filtered list instead of one read per group.
 */
export const ORG_SYNC_FEWER_READS_PATCH = 'org-sync-fewer-reads';

/** Groups per membership list request: keeps the `user-group-id[in]=` query short. */
const GROUPS_PER_MEMBERSHIP_READ = 100;

/** Writes of one kind run this many at a time: visible one by one in the history, without a reorg taking all day. */
const WRITE_CONCURRENCY = 5;

export interface OrgHierarchySyncInput {
  /** `all` (the default) or a supervisory org code: that org and everything below it. */
  scope?: string;
  /** Plan only: return what would be written, write nothing. */
  dryRun?: boolean;
  /** What asked for this run: only for the audit trail. */
  trigger?: 'schedule' | 'manual' | 'org-change';
  /** Writes per run (default MAX_WRITES_PER_RUN). */
  maxWritesPerRun?: number;
  /** Set by continue-as-new: what the earlier runs of this sync wrote. */
  carried?: { runs: number; applied: Record<OrgSyncWriteKind, number> };
}

export interface OrgHierarchySyncResult {
  scope: string;
  outcome: 'synced' | 'unchanged' | 'planned' | 'skipped';
  dryRun: boolean;
  /** Runs this sync took: more than one when a large diff continued as new. */
  runs: number;
  /** Writes that changed something, by kind, over this run and the runs it continued from. */
  applied: Record<OrgSyncWriteKind, number>;
  /** A dry run's plan (ids and names only); null after a real run, whose writes are in the status and history. */
  plan: OrgHierarchyPlan | null;
  warnings: string[];
  status: ProcessStatus;
}

const noWrites = (): Record<OrgSyncWriteKind, number> => ({
  'create-group': 0,
  'update-group': 0,
  'add-member': 0,
  'set-member-owner': 0,
  'remove-member': 0,
  'set-manager': 0,
  'deactivate-group': 0,
});

/** Reads page after page until an activity says there is no next one. */
async function allPages<T>(read: (offset: number) => Promise<PageRead<T>>): Promise<T[]> {
  const items: T[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page: PageRead<T> = await read(offset);
    items.push(...page.items);
    offset = page.nextOffset !== null && page.nextOffset > offset ? page.nextOffset : null;
  }
  return items;
}

export async function orgHierarchySync(input: OrgHierarchySyncInput = {}): Promise<OrgHierarchySyncResult> {
  const scope = input.scope?.trim() || ALL_ORGS_SCOPE;
  const dryRun = input.dryRun === true;
  const maxWrites = input.maxWritesPerRun ?? MAX_WRITES_PER_RUN;
  const tracker = new SyncTracker(ORG_HIERARCHY_SYNC, scope);
  upsertSearchAttributes([{ key: BusinessProcessKey, value: ORG_HIERARCHY_SYNC }]);
  tracker.setState('running');

  const planning = planningActivities;

  const applied = input.carried ? { ...noWrites(), ...input.carried.applied } : noWrites();
  let plan: OrgHierarchyPlan | null = null;
  let moreToWrite = false;

  const finish = (outcome: OrgHierarchySyncResult['outcome']): OrgHierarchySyncResult => {
    tracker.finish(outcome, outcome === 'skipped' ? 'skipped' : 'done');
    return { scope, outcome, dryRun, runs: (input.carried?.runs ?? 0) + 1, applied, plan: dryRun ? plan : null, warnings: tracker.status.warnings, status: tracker.status };
  };

  for (;;) {
    try {
      // Read at every attempt, so a queue renamed in config reaches a parked run when it retries.
      const settings = await currentRunSettings();
      const { workday, coupa } = apiActivities(settings);

      const fewerReads = patched(ORG_SYNC_FEWER_READS_PATCH);
      const readings = fewerReads ? await readWorkdayPaged(workday, tracker) : await readWorkdayPerOrg(workday, tracker);

      tracker.step('reading user groups and users from Coupa');
      const [coupaGroups, coupaUsers] = await Promise.all([
        allPages((offset) => coupa(`user groups from ${offset}`).readCoupaUserGroupsPage({ offset })),
        allPages((offset) => coupa(`users from ${offset}`).readCoupaUsersPage({ offset })),
      ]);

      tracker.step('planning the approval groups from the mapping file');
      const targets = await planning(`plan the approval groups of ${scope}`).planOrgApprovalGroupTargets({ readings, coupaGroups, scope });
      tracker.step('reading the memberships of the approval groups from Coupa');
      const memberships: Record<string, Array<[number, number, boolean]>> = {};
      const existingIds = targets.groups.flatMap((g) => (g.existing ? [g.existing.id] : []));
      if (fewerReads) {
        for (const id of existingIds) memberships[String(id)] = [];
        for (let i = 0; i < existingIds.length; i += GROUPS_PER_MEMBERSHIP_READ) {
          const groupIds = existingIds.slice(i, i + GROUPS_PER_MEMBERSHIP_READ);
          const rows = await allPages((offset) => coupa(`members of ${groupIds.length} approval group(s) from ${offset}`).readCoupaMembershipsOfGroupsPage({ groupIds, offset }));
          for (const [groupId, membershipId, userId, owner] of rows) memberships[String(groupId)]?.push([membershipId, userId, owner]);
        }
      } else {
        await Promise.all(
          targets.groups.flatMap((g) =>
            g.existing
              ? [
                  (async (groupId: number) => {
                    memberships[String(groupId)] = await allPages((offset) => coupa(`members of "${g.groupName}" from ${offset}`).readCoupaGroupMembershipsPage({ groupId, offset }));
                  })(g.existing.id),
                ]
              : [],
          ),
        );
      }
      tracker.step('planning the Coupa writes');
      plan = await planning(`plan the Coupa writes of ${scope}`).planOrgHierarchyWrites({ targets, memberships, coupaUsers, maxWrites });
      for (const warning of plan.warnings) tracker.warn(warning);
      if (dryRun) return finish('planned');

      tracker.step(`writing ${plan.writes.length} change(s) to Coupa`);
      const createdGroupIds = new Map<string, number>();
      const groupIdOf = (name: string, id: number | null): number => {
        const found = id ?? createdGroupIds.get(name);
        // The plan creates every group before members join it, so this is a bug, not data.
        if (found === undefined) throw new Error(`approval group "${name}" has no Coupa id: the plan did not create it first`);
        return found;
      };
      const write = async (w: OrgSyncWrite): Promise<void> => {
        const changed = await applyWrite(w, coupa, groupIdOf, createdGroupIds, fewerReads);
        if (!changed) return;
        applied[w.kind] += 1;
        tracker.recordChange({ system: 'coupa', action: ACTION_OF[w.kind], detail: describeWrite(w) });
      };
      for (let i = 0; i < plan.writes.length; ) {
        // A batch is a run of writes of one kind: kinds stay in plan order (groups before members, adds before removes).
        const kind = plan.writes[i]?.kind;
        const batch: OrgSyncWrite[] = [];
        while (i < plan.writes.length && plan.writes[i]?.kind === kind && batch.length < WRITE_CONCURRENCY) batch.push(plan.writes[i++] as OrgSyncWrite);
        await Promise.all(batch.map(write));
        if (workflowInfo().continueAsNewSuggested && i < plan.writes.length) {
          moreToWrite = true;
          break;
        }
      }
      moreToWrite = moreToWrite || plan.truncated;
      tracker.status.lastError = null;
      break;
    } catch (err) {
      const parking = parkingFor(err);
      if (parking === null) throw err;
      // A retry reads and plans again: whatever was written before the failure drops out of the diff.
      if ((await tracker.park(parking)) === 'skip') return finish('skipped');
    }
  }

  if (moreToWrite) {
    tracker.step('continuing as new to write the rest of the plan');
    await continueAsNew<typeof orgHierarchySync>({ ...input, carried: { runs: (input.carried?.runs ?? 0) + 1, applied } });
  }
  const total = Object.values(applied).reduce((a, b) => a + b, 0);
  return finish(total > 0 ? 'synced' : 'unchanged');
}

type WorkdayReads = ReturnType<typeof apiActivities>['workday'];

/** Before ORG_SYNC_FEWER_READS_PATCH: REST pages of orgs, workers and job profiles, then each active org's chart and members (two reads per org). */
async function readWorkdayPerOrg(workday: WorkdayReads, tracker: SyncTracker): Promise<OrgHierarchyReadings> {
  tracker.step('reading supervisory organizations, workers and job profiles from Workday');
  const [orgList, workers, levels] = await Promise.all([
    allPages((offset) => workday(`supervisory organizations from ${offset}`).readWorkdaySupervisoryOrgsPage({ offset })),
    allPages((offset) => workday(`worker IDs from ${offset}`).readWorkdayWorkerIdsPage({ offset })),
    allPages((offset) => workday(`job profiles from ${offset}`).readWorkdayManagementLevelsPage({ offset })),
  ]);
  tracker.step('reading the superior and the members of each supervisory organization from Workday');
  const members: OrgHierarchyReadings['members'] = {};
  // An inactive org has nobody left to manage: neither its place in the chart nor its members matter.
  const orgs = await Promise.all(
    orgList.map(async (o): Promise<WorkdayOrgReading> => {
      if (o.inactive) return { ...o, superiorId: null };
      const [superiorId, people] = await Promise.all([
        workday(`superior of ${o.code}`).readWorkdayOrgSuperior({ orgId: o.id }),
        allPages((offset) => workday(`members of ${o.code} from ${offset}`).readWorkdayOrgMembersPage({ orgId: o.id, offset })),
      ]);
      members[o.id] = people;
      return { ...o, superiorId };
    }),
  );
  return { orgs, members, workers, managementLevels: Object.fromEntries(levels) };
}

/**
 * Since ORG_SYNC_FEWER_READS_PATCH: the orgs (REST pages, with managers) beside the whole workforce in
 * Get_Workers pages, which give members, job profiles' levels, worker IDs and the superior of every org
 * that has an active member. Only an active org nobody belongs to has its chart read on its own.
 */
async function readWorkdayPaged(workday: WorkdayReads, tracker: SyncTracker): Promise<OrgHierarchyReadings> {
  tracker.step('reading supervisory organizations and the workforce from Workday');
  // Every page of one reading sees Workday as of the same moment.
  const asOfEntry = new Date(Date.now()).toISOString();
  const readWorkforce = async (): Promise<WorkforcePage[]> => {
    const pages: WorkforcePage[] = [];
    for (let page: number | null = 1; page !== null; ) {
      const read: WorkforcePage = await workday(`workforce page ${page}`).readWorkdayWorkforcePage({ page, asOfEntry });
      pages.push(read);
      page = read.nextPage !== null && read.nextPage > page ? read.nextPage : null;
    }
    return pages;
  };
  const [orgList, workforce] = await Promise.all([
    allPages((offset) => workday(`supervisory organizations from ${offset}`).readWorkdaySupervisoryOrgsPage({ offset })),
    readWorkforce(),
  ]);
  const workers = workforce.flatMap((p) => p.workers);
  const managementLevels = Object.fromEntries(workforce.flatMap((p) => p.levels));
  const superiors = new Map(workforce.flatMap((p) => p.superiors));
  const byOrg = new Map<string, OrgHierarchyReadings['members'][string]>();
  for (const [orgId, workerId, jobProfileId] of workforce.flatMap((p) => p.members)) {
    const list = byOrg.get(orgId) ?? [];
    list.push([workerId, jobProfileId]);
    byOrg.set(orgId, list);
  }
  const members: OrgHierarchyReadings['members'] = {};
  const orgs = await Promise.all(
    orgList.map(async (o): Promise<WorkdayOrgReading> => {
      if (o.inactive) return { ...o, superiorId: null };
      members[o.id] = byOrg.get(o.id) ?? [];
      const superiorId = superiors.has(o.id) ? (superiors.get(o.id) ?? null) : await workday(`superior of ${o.code}`).readWorkdayOrgSuperior({ orgId: o.id });
      return { ...o, superiorId };
    }),
  );
  return { orgs, members, workers, managementLevels };
}

const ACTION_OF: Record<OrgSyncWriteKind, string> = {
  'create-group': 'approval group created',
  'update-group': 'approval group updated',
  'add-member': 'added to approval group',
  'set-member-owner': 'approval group owner flag set',
  'remove-member': 'removed from approval group',
  'set-manager': 'manager changed',
  'deactivate-group': 'approval group deactivated',
};

/** One line for the audit trail: ids, employee IDs and group names, no personal data. */
export function describeWrite(w: OrgSyncWrite): string {
  switch (w.kind) {
    case 'create-group':
      return `"${w.groupName}" for ${w.orgCode}, owner user ${w.ownerUserId ?? 'none'}`;
    case 'update-group':
    case 'deactivate-group':
      return `"${w.groupName}" (group ${w.groupId}, ${w.orgCode}): ${describeGroupChanges(w.changes)}`;
    case 'add-member':
      return `user ${w.userId} (employee ${w.employeeId}) → "${w.groupName}"${w.owner ? ' as owner' : ''}`;
    case 'set-member-owner':
      return `user ${w.userId} (employee ${w.employeeId}) in "${w.groupName}": owner ${w.owner ? 'on' : 'off'}`;
    case 'remove-member':
      return `user ${w.userId} (employee ${w.employeeId}) ✕ "${w.groupName}"`;
    case 'set-manager':
      return `user ${w.userId} (employee ${w.employeeId}): manager ${w.fromManagerEmployeeId ?? 'none'} → ${w.toManagerEmployeeId ?? 'none'}`;
  }
}

function describeGroupChanges(changes: GroupChanges): string {
  const parts: string[] = [];
  if (changes.name !== undefined) parts.push(`renamed to "${changes.name}"`);
  if (changes.description !== undefined) parts.push('description updated');
  if (changes.active !== undefined) parts.push(changes.active ? 'reactivated' : 'deactivated');
  if (changes.canApprove !== undefined) parts.push(changes.canApprove ? 'can approve' : 'cannot approve');
  if (changes.ownerUserId !== undefined) parts.push(`owner → ${changes.ownerUserId === null ? 'none' : `user ${changes.ownerUserId}`}`);
  return parts.join(', ');
}

/** One write as one activity; true when it changed Coupa (false: Coupa already had it). */
async function applyWrite(
  w: OrgSyncWrite,
  coupa: ReturnType<typeof apiActivities>['coupa'],
  groupIdOf: (name: string, id: number | null) => number,
  createdGroupIds: Map<string, number>,
  /** Since ORG_SYNC_FEWER_READS_PATCH: owner flags and removals name the memberships the plan read, so they need no lookup. */
  withMembershipIds = false,
): Promise<boolean> {
  switch (w.kind) {
    case 'create-group': {
      const created = await coupa(`create approval group "${w.groupName}"`).createCoupaApprovalGroup({ groupName: w.groupName, description: w.description, ownerUserId: w.ownerUserId });
      createdGroupIds.set(w.groupName, created.groupId);
      return created.changed;
    }
    case 'update-group':
      return (await coupa(`update approval group "${w.groupName}"`).updateCoupaApprovalGroup({ groupId: w.groupId, groupName: w.groupName, changes: w.changes })).changed;
    case 'deactivate-group':
      return (await coupa(`deactivate approval group "${w.groupName}"`).updateCoupaApprovalGroup({ groupId: w.groupId, groupName: w.groupName, changes: w.changes })).changed;
    case 'add-member':
      return (
        await coupa(`add user ${w.userId} to "${w.groupName}"`).addCoupaApprovalGroupMember({ groupId: groupIdOf(w.groupName, w.groupId), userId: w.userId, owner: w.owner })
      ).changed;
    case 'set-member-owner':
      return (
        await coupa(`owner flag of user ${w.userId} in "${w.groupName}"`).setCoupaApprovalGroupMemberOwner({
          groupId: w.groupId,
          userId: w.userId,
          owner: w.owner,
          ...(withMembershipIds && w.membershipIds ? { membershipIds: w.membershipIds } : {}),
        })
      ).changed;
    case 'remove-member':
      return (
        await coupa(`remove user ${w.userId} from "${w.groupName}"`).removeCoupaApprovalGroupMember({
          groupId: w.groupId,
          userId: w.userId,
          ...(withMembershipIds && w.membershipIds ? { membershipIds: w.membershipIds } : {}),
        })
      ).changed;
    case 'set-manager':
      return (
        await coupa(`manager of user ${w.userId} → ${w.toManagerUserId === null ? 'none' : `user ${w.toManagerUserId}`}`).setCoupaUserManager({
          userId: w.userId,
          toManagerUserId: w.toManagerUserId,
          toManagerEmployeeId: w.toManagerEmployeeId,
        })
      ).changed;
  }
}
