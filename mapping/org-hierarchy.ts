// Plans Coupa's approval hierarchy from Workday's supervisory organizations (pure; runs in activities, so each plan is recorded in the history).
//
// Two steps, because which Coupa groups are the sync's to read depends on the first:
// 1. planApprovalGroupTargets: Workday orgs + the mapping file + Coupa's groups → the groups the sync owns
//    and what each should be (name, active, owner, members), and every worker's manager.
// 2. planOrgHierarchyWrites: those targets + the groups' memberships + Coupa's users → the writes, in order.
// Everything crossing the history is compact: WIDs, employee IDs, Coupa ids and names, never whole records.
import type { MappingConfig } from './config';
import { sortedUnique } from './employee-to-coupa-user';

/** The scope that covers every organization. Any other scope is an org code: that org and everything below it. */
export const ALL_ORGS_SCOPE = 'all';

/** Convention for an org the mapping file does not list: the seeded Coupa groups are named this way too. */
export function conventionalApprovalGroupName(orgName: string): string {
  return `${orgName.trim()} Approvers`;
}

/** The group's description carries the org code, so a renamed org still finds its group. */
export function approvalGroupDescription(org: { name: string; code: string }): string {
  return `Approvers for ${org.name.trim()} (${org.code})`;
}

/** One Workday supervisory organization as read (staffing v7 list row + its org chart's superior). */
export interface WorkdayOrgReading {
  /** WID. */
  id: string;
  code: string;
  name: string;
  inactive: boolean;
  /** WID of the superior org; null at the top. */
  superiorId: string | null;
  /** WIDs of the org's managers (usually one; none while the role is vacant). */
  managerIds: string[];
}

/** A member of an org: [worker WID, job profile WID or null]. Tuples keep long member lists small in the history. */
export type WorkdayOrgMember = [workerId: string, jobProfileId: string | null];

export interface OrgHierarchyReadings {
  /** Every org, inactive ones too. */
  orgs: WorkdayOrgReading[];
  /** Members of each active org, by org WID (inactive orgs have none). */
  members: Record<string, WorkdayOrgMember[]>;
  /** Every worker Workday knows, terminated too: [worker WID, employee ID]. */
  workers: Array<[workerId: string, employeeId: string]>;
  /** Job profile WID → management level ("5 Manager"), null when the profile has none. */
  managementLevels: Record<string, string | null>;
}

/** A Coupa user group as the sync compares it. */
export interface CoupaGroupState {
  id: number;
  name: string;
  description: string | null;
  active: boolean;
  canApprove: boolean;
  ownerUserId: number | null;
}

/** A Coupa user as the sync needs it (users without an employee number are never read into a plan). */
export interface CoupaUserView {
  id: number;
  employeeNumber: string;
  active: boolean;
  /** Employee number of the current manager; null when none (or a manager without one). */
  managerEmployeeNumber: string | null;
}

/** A membership of a group: [membership id, user id, owner flag]. */
export type CoupaMembershipView = [membershipId: number, userId: number, owner: boolean];

/** What one owned approval group should look like, from its Workday org. */
export interface ApprovalGroupTarget {
  orgCode: string;
  orgName: string;
  groupName: string;
  description: string;
  /** False for an inactivated org: the group is deactivated, never deleted. */
  active: boolean;
  /** The Coupa group it is (found by name, or by the org code in its description); null when it must be created. */
  existing: CoupaGroupState | null;
  /** The org's manager, the group's owner; null when the role is vacant or the org inactive. */
  ownerEmployeeId: string | null;
  /** Employee IDs of the members: the org's managers and the approver levels the mapping file names. Sorted. */
  memberEmployeeIds: string[];
}

export interface OrgHierarchyTargets {
  scope: string;
  groups: ApprovalGroupTarget[];
  /** Every active worker in scope and their manager's employee ID (null at the top): [employee ID, manager's]. */
  managers: Array<[employeeId: string, managerEmployeeId: string | null]>;
  /** Every employee ID Workday knows, sorted: only these Coupa users' memberships are the sync's to remove. */
  workdayEmployeeIds: string[];
  warnings: string[];
}

export type TargetsOutcome = { ok: true; value: OrgHierarchyTargets } | { ok: false; problems: string[] };

/**
 * The groups the sync owns and what each should be. An org's groups are the ones the mapping file
 * lists for its code, else "<org name> Approvers". A group in Coupa is the sync's only when it is one
 * of these; every other group (set up by hand) is never touched.
 */
export function planApprovalGroupTargets(
  readings: OrgHierarchyReadings,
  config: MappingConfig,
  coupaGroups: readonly CoupaGroupState[],
  scope: string = ALL_ORGS_SCOPE,
): TargetsOutcome {
  const warnings: string[] = [];
  const orgsById = new Map(readings.orgs.map((o) => [o.id, o]));
  const employeeIdOf = new Map(readings.workers);
  const inScope = orgsInScope(readings.orgs, scope);
  if (inScope === null) {
    return { ok: false, problems: [`Scope "${scope}" is neither "${ALL_ORGS_SCOPE}" nor the code of a Workday supervisory organization`] };
  }

  const employee = (workerId: string, why: string): string | null => {
    const id = employeeIdOf.get(workerId);
    if (id === undefined) warnings.push(`Workday worker ${workerId} (${why}) was not in the worker list: left out`);
    return id ?? null;
  };

  // 1. Names: the mapping file's groups for the org, else the convention; a name claimed twice is nobody's.
  const wanted: Array<{ org: WorkdayOrgReading; groupName: string }> = [];
  for (const org of [...inScope].sort(byCode)) {
    const listed = Object.hasOwn(config.approvalGroups.bySupervisoryOrg, org.code) ? config.approvalGroups.bySupervisoryOrg[org.code] : undefined;
    for (const groupName of listed && listed.length > 0 ? sortedUnique(listed) : [conventionalApprovalGroupName(org.name)]) wanted.push({ org, groupName });
  }
  const claims = new Map<string, string[]>();
  for (const w of wanted) claims.set(w.groupName.toLowerCase(), [...(claims.get(w.groupName.toLowerCase()) ?? []), w.org.code]);
  const unclaimed = wanted.filter((w) => {
    const codes = claims.get(w.groupName.toLowerCase()) ?? [];
    if (codes.length === 1) return true;
    if (codes[0] === w.org.code) {
      warnings.push(`Approval group "${w.groupName}" would belong to ${codes.length} organizations (${codes.join(', ')}): left alone until the names (or the mapping file) tell them apart`);
    }
    return false;
  });

  // 2. The Coupa group of each: by name (exact, then ignoring case), then, for an org renamed in
  // Workday, by the org code its description carries (only when that is unambiguous).
  const taken = new Set<number>();
  const matched = new Map<(typeof unclaimed)[number], CoupaGroupState>();
  const free = () => coupaGroups.filter((g) => !taken.has(g.id));
  for (const exact of [true, false]) {
    for (const w of unclaimed) {
      if (matched.has(w)) continue;
      const found = free().find((g) => (exact ? g.name === w.groupName : g.name.toLowerCase() === w.groupName.toLowerCase()));
      if (found) {
        matched.set(w, found);
        taken.add(found.id);
      }
    }
  }
  const wantedNames = new Set(unclaimed.map((w) => w.groupName.toLowerCase()));
  for (const w of unclaimed) {
    if (matched.has(w) || unclaimed.filter((u) => u.org.code === w.org.code).length !== 1) continue;
    const tag = `(${w.org.code})`;
    const tagged = free().filter((g) => g.canApprove && (g.description ?? '').trim().endsWith(tag) && !wantedNames.has(g.name.toLowerCase()));
    if (tagged.length === 1 && tagged[0]) {
      matched.set(w, tagged[0]);
      taken.add(tagged[0].id);
    }
  }

  // 3. Owner and members of each.
  const approverLevels = new Set(config.approvalGroups.approverLevels);
  const groups: ApprovalGroupTarget[] = [];
  for (const w of unclaimed) {
    const { org } = w;
    const existing = matched.get(w) ?? null;
    if (org.inactive && existing === null) continue; // nothing to deactivate, nothing to create
    const managerIds = org.inactive ? [] : org.managerIds;
    const managerEmployeeIds = managerIds.map((id) => employee(id, `manager of ${org.code}`)).filter((id): id is string => id !== null);
    const members = org.inactive ? [] : (readings.members[org.id] ?? []);
    const approvers = members
      .filter(([, jobProfileId]) => {
        if (!config.approvalGroups.managersOnly) return true;
        const level = jobProfileId === null ? null : (readings.managementLevels[jobProfileId] ?? null);
        return level !== null && approverLevels.has(level);
      })
      .map(([workerId]) => employee(workerId, `member of ${org.code}`))
      .filter((id): id is string => id !== null);
    groups.push({
      orgCode: org.code,
      orgName: org.name,
      groupName: w.groupName,
      description: approvalGroupDescription(org),
      active: !org.inactive,
      existing,
      ownerEmployeeId: managerEmployeeIds[0] ?? null,
      memberEmployeeIds: sortedUnique([...managerEmployeeIds, ...approvers]),
    });
  }

  // 4. Every active worker's manager, the way Workday has it: the first manager of their org, unless
  // they lead it (or it has none), then the superior org's, and so on up.
  const managers: Array<[string, string | null]> = [];
  for (const org of [...inScope].sort(byCode)) {
    if (org.inactive) continue;
    for (const [workerId] of readings.members[org.id] ?? []) {
      const employeeId = employee(workerId, `member of ${org.code}`);
      if (employeeId === null) continue;
      const managerWid = managerWorkerOf(workerId, org.id, orgsById);
      managers.push([employeeId, managerWid === null ? null : employee(managerWid, `manager above ${org.code}`)]);
    }
  }
  managers.sort((a, b) => compareText(a[0], b[0]));

  return {
    ok: true,
    value: {
      scope,
      groups,
      managers,
      workdayEmployeeIds: sortedUnique(readings.workers.map(([, id]) => id)),
      warnings: sortedUnique(warnings),
    },
  };
}

/** The worker's manager's WID, walking up past vacant roles and inactive orgs; null at the top. */
export function managerWorkerOf(workerId: string, orgId: string, orgsById: ReadonlyMap<string, WorkdayOrgReading>): string | null {
  const visited = new Set<string>();
  let current: string | null = orgId;
  while (current !== null && !visited.has(current)) {
    visited.add(current);
    const org = orgsById.get(current);
    if (!org) return null;
    const managers = org.inactive ? [] : org.managerIds;
    const candidate = managers.find((m) => m !== workerId);
    // A co-manager of the worker's own org is a peer, not their manager: go up.
    if (candidate !== undefined && !managers.includes(workerId)) return candidate;
    current = org.superiorId;
  }
  return null;
}

/** Orgs in scope: all, or the scope org and everything below it; null for an unknown scope. */
function orgsInScope(orgs: readonly WorkdayOrgReading[], scope: string): WorkdayOrgReading[] | null {
  if (scope === ALL_ORGS_SCOPE) return [...orgs];
  const root = orgs.find((o) => o.code === scope);
  if (!root) return null;
  const below = new Set([root.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of orgs) {
      if (o.superiorId !== null && below.has(o.superiorId) && !below.has(o.id)) {
        below.add(o.id);
        grew = true;
      }
    }
  }
  return orgs.filter((o) => below.has(o.id));
}

// ---- step 2: the writes ----

export interface GroupChanges {
  name?: string;
  description?: string;
  active?: boolean;
  canApprove?: boolean;
  /** The owner's Coupa user id; null clears it. */
  ownerUserId?: number | null;
}

/** One Coupa write: each becomes one small idempotent activity (lookup + write). */
export type OrgSyncWrite =
  | { kind: 'create-group'; orgCode: string; groupName: string; description: string; ownerUserId: number | null }
  | { kind: 'update-group'; orgCode: string; groupId: number; groupName: string; changes: GroupChanges }
  | { kind: 'add-member'; orgCode: string; groupId: number | null; groupName: string; userId: number; employeeId: string; owner: boolean }
  // membershipIds: the memberships the plan read that the write changes, so it needs no lookup of its own.
  | { kind: 'set-member-owner'; orgCode: string; groupId: number; groupName: string; userId: number; employeeId: string; owner: boolean; membershipIds: number[] }
  | { kind: 'remove-member'; orgCode: string; groupId: number; groupName: string; userId: number; employeeId: string; membershipIds: number[] }
  | {
      kind: 'set-manager';
      userId: number;
      employeeId: string;
      fromManagerEmployeeId: string | null;
      toManagerEmployeeId: string | null;
      toManagerUserId: number | null;
    }
  | { kind: 'deactivate-group'; orgCode: string; groupId: number; groupName: string; changes: GroupChanges };

export type OrgSyncWriteKind = OrgSyncWrite['kind'];

/** Writes in the order they run: groups exist before members join; adds before removes, so a group is never left empty; deactivations last. */
export const WRITE_ORDER: readonly OrgSyncWriteKind[] = ['create-group', 'update-group', 'add-member', 'set-member-owner', 'remove-member', 'set-manager', 'deactivate-group'];

export interface OrgHierarchyWriteInput {
  targets: OrgHierarchyTargets;
  /** Memberships of each existing target group, by Coupa group id. */
  memberships: Record<string, CoupaMembershipView[]>;
  /** Coupa users that carry an employee number. */
  coupaUsers: CoupaUserView[];
  /** At most this many writes are returned; the rest wait for the next plan (the run continues as new). */
  maxWrites: number;
}

export interface OrgHierarchyPlan {
  scope: string;
  /** The first `maxWrites` writes, in WRITE_ORDER. */
  writes: OrgSyncWrite[];
  /** Writes the whole diff needs, by kind (more than `writes` holds when truncated). */
  totals: Record<OrgSyncWriteKind, number>;
  truncated: boolean;
  /** The groups the sync owns, by name: what a dry run shows and the audit trail names. */
  groups: Array<{ orgCode: string; groupName: string; groupId: number | null; active: boolean; ownerEmployeeId: string | null; memberEmployeeIds: string[] }>;
  warnings: string[];
}

/** The writes that make Coupa match the targets; none when it already does. */
export function planOrgHierarchyWrites(input: OrgHierarchyWriteInput): OrgHierarchyPlan {
  const { targets, memberships } = input;
  const warnings = [...targets.warnings];
  const usersByEmployee = new Map(input.coupaUsers.map((u) => [u.employeeNumber, u]));
  const employeeOfUser = new Map(input.coupaUsers.map((u) => [u.id, u.employeeNumber]));
  const workdayKnown = new Set(targets.workdayEmployeeIds);
  const noCoupaUser = new Set<string>();
  const inactiveInCoupa = new Set<string>();

  /** The active Coupa user of an employee, or null (noted for the warnings). */
  const activeUser = (employeeId: string): CoupaUserView | null => {
    const user = usersByEmployee.get(employeeId);
    if (!user) noCoupaUser.add(employeeId);
    else if (!user.active) inactiveInCoupa.add(employeeId);
    return user && user.active ? user : null;
  };

  const writes: Record<OrgSyncWriteKind, OrgSyncWrite[]> = {
    'create-group': [],
    'update-group': [],
    'add-member': [],
    'set-member-owner': [],
    'remove-member': [],
    'set-manager': [],
    'deactivate-group': [],
  };

  for (const t of targets.groups) {
    const existing = t.existing;
    // The owner: the org's manager's Coupa user; a manager Coupa does not have yet leaves the owner as it is.
    let ownerUserId: number | null | undefined = null;
    if (t.active && t.ownerEmployeeId !== null) {
      const owner = activeUser(t.ownerEmployeeId);
      ownerUserId = owner ? owner.id : undefined;
      if (!owner) warnings.push(`The manager of ${t.orgCode} (employee ${t.ownerEmployeeId}) has no active Coupa user: the owner of "${t.groupName}" was left as it is`);
    }
    const effectiveOwner = ownerUserId === undefined ? (existing?.ownerUserId ?? null) : ownerUserId;
    const memberUsers = new Map<number, string>();
    for (const employeeId of t.memberEmployeeIds) {
      const user = activeUser(employeeId);
      if (user) memberUsers.set(user.id, employeeId);
    }

    if (existing === null) {
      writes['create-group'].push({ kind: 'create-group', orgCode: t.orgCode, groupName: t.groupName, description: t.description, ownerUserId: ownerUserId ?? null });
    } else {
      const changes: GroupChanges = {};
      if (existing.name !== t.groupName) changes.name = t.groupName;
      if ((existing.description ?? '') !== t.description) changes.description = t.description;
      if (existing.active !== t.active) changes.active = t.active;
      if (t.active && !existing.canApprove) changes.canApprove = true;
      if (ownerUserId !== undefined && existing.ownerUserId !== ownerUserId) changes.ownerUserId = ownerUserId;
      if (Object.keys(changes).length > 0) {
        const kind = changes.active === false ? 'deactivate-group' : 'update-group';
        writes[kind].push({ kind, orgCode: t.orgCode, groupId: existing.id, groupName: t.groupName, changes });
      }
    }

    const current = existing ? (memberships[String(existing.id)] ?? []) : [];
    const currentUsers = new Set(current.map(([, userId]) => userId));
    for (const [userId, employeeId] of [...memberUsers].sort((a, b) => a[0] - b[0])) {
      if (currentUsers.has(userId)) continue;
      writes['add-member'].push({ kind: 'add-member', orgCode: t.orgCode, groupId: existing?.id ?? null, groupName: t.groupName, userId, employeeId, owner: userId === effectiveOwner });
    }
    const seen = new Set<number>();
    const sorted = [...current].sort((a, b) => a[0] - b[0]);
    for (const [, userId, owner] of sorted) {
      const employeeId = employeeOfUser.get(userId);
      // Only people Workday knows are the sync's: members added by hand in Coupa stay as they are.
      if (employeeId === undefined || !workdayKnown.has(employeeId) || !existing) continue;
      const wantOwner = userId === effectiveOwner;
      if (!memberUsers.has(userId)) {
        const membershipIds = sorted.filter(([, u]) => u === userId).map(([id]) => id);
        if (!seen.has(userId)) writes['remove-member'].push({ kind: 'remove-member', orgCode: t.orgCode, groupId: existing.id, groupName: t.groupName, userId, employeeId, membershipIds });
      } else if (owner !== wantOwner && !seen.has(userId)) {
        const membershipIds = sorted.filter(([, u, o]) => u === userId && o !== wantOwner).map(([id]) => id);
        writes['set-member-owner'].push({ kind: 'set-member-owner', orgCode: t.orgCode, groupId: existing.id, groupName: t.groupName, userId, employeeId, owner: wantOwner, membershipIds });
      }
      seen.add(userId);
    }
  }

  const managerless = new Set<string>();
  for (const [employeeId, managerEmployeeId] of targets.managers) {
    const user = usersByEmployee.get(employeeId);
    if (!user) {
      noCoupaUser.add(employeeId);
      continue;
    }
    if (!user.active) continue; // an inactive user approves nothing; offboarding owns them
    let toManagerUserId: number | null = null;
    if (managerEmployeeId !== null) {
      const manager = usersByEmployee.get(managerEmployeeId);
      if (!manager || !manager.active) {
        managerless.add(managerEmployeeId);
        continue;
      }
      toManagerUserId = manager.id;
    }
    if (user.managerEmployeeNumber === managerEmployeeId) continue;
    writes['set-manager'].push({
      kind: 'set-manager',
      userId: user.id,
      employeeId,
      fromManagerEmployeeId: user.managerEmployeeNumber,
      toManagerEmployeeId: managerEmployeeId,
      toManagerUserId,
    });
  }

  if (noCoupaUser.size > 0) {
    warnings.push(`${noCoupaUser.size} Workday worker(s) have no Coupa user yet (${sample(noCoupaUser)}): their memberships and manager are set by the first sync after provisioning`);
  }
  if (inactiveInCoupa.size > 0) warnings.push(`${inactiveInCoupa.size} approver(s) are inactive in Coupa (${sample(inactiveInCoupa)}): not added to approval groups`);
  if (managerless.size > 0) {
    warnings.push(`${managerless.size} manager(s) have no active Coupa user (${sample(managerless)}): their reports' manager field was left as it is`);
  }

  const ordered = WRITE_ORDER.flatMap((kind) => writes[kind]);
  const totals = Object.fromEntries(WRITE_ORDER.map((kind) => [kind, writes[kind].length])) as Record<OrgSyncWriteKind, number>;
  const limit = Math.max(0, Math.floor(input.maxWrites));
  return {
    scope: targets.scope,
    writes: ordered.slice(0, limit),
    totals,
    truncated: ordered.length > limit,
    groups: targets.groups.map((t) => ({
      orgCode: t.orgCode,
      groupName: t.groupName,
      groupId: t.existing?.id ?? null,
      active: t.active,
      ownerEmployeeId: t.ownerEmployeeId,
      memberEmployeeIds: t.memberEmployeeIds,
    })),
    warnings: sortedUnique(warnings),
  };
}

/** How many writes a plan holds in all. */
export function totalWrites(plan: Pick<OrgHierarchyPlan, 'totals'>): number {
  return Object.values(plan.totals).reduce((a, b) => a + b, 0);
}

function sample(ids: ReadonlySet<string>, max = 10): string {
  const sorted = sortedUnique([...ids]);
  return sorted.length > max ? `${sorted.slice(0, max).join(', ')}, …` : sorted.join(', ');
}

function byCode(a: { code: string }, b: { code: string }): number {
  return compareText(a.code, b.code);
}

/** By UTF-16 code units, not locale: the same order on every worker. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
