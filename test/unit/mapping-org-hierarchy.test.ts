// Business checks of the org hierarchy plan: Workday supervisory orgs → Coupa approval groups, owners, members and managers, diff only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadMappingFile } from '../../infra/mapping-file';
import {
  planApprovalGroupTargets,
  planOrgHierarchyWrites,
  totalWrites,
  type CoupaGroupState,
  type CoupaMembershipView,
  type CoupaUserView,
  type OrgHierarchyReadings,
  type OrgHierarchyTargets,
  type WorkdayOrgReading,
} from '../../mapping/org-hierarchy';
import type { MappingConfig } from '../../mapping';

const mapping = loadMappingFile(path.resolve(__dirname, '../../config/mapping.yaml'));

// A small company: the executive office, Finance under it (listed in the mapping file), and Labs (not listed).
const W = (n: number) => `w${String(n).padStart(31, '0')}`;
const O = (code: string) => `o-${code}`;
const JP = { mgr: 'jp-mgr', dir: 'jp-dir', ic: 'jp-ic', ceo: 'jp-ceo' };
const levels = { [JP.mgr]: '5 Manager', [JP.dir]: '4 Director', [JP.ic]: '7 Individual Contributor', [JP.ceo]: '1 Chief Executive Officer' };

function org(code: string, name: string, superior: string | null, managers: number[], inactive = false): WorkdayOrgReading {
  return { id: O(code), code, name, inactive, superiorId: superior ? O(superior) : null, managerIds: managers.map(W) };
}

/** 1 CEO; 2 leads Finance (3 a director, 4-5 staff); 6 leads Labs (7 staff); 9 terminated (known, no job). */
function readings(overrides: Partial<OrgHierarchyReadings> = {}): OrgHierarchyReadings {
  return {
    orgs: [org('SUP-EXEC', 'Executive Office', null, [1]), org('SUP-FIN', 'Finance', 'SUP-EXEC', [2]), org('SUP-LABS', 'Labs', 'SUP-EXEC', [6])],
    members: {
      [O('SUP-EXEC')]: [[W(1), JP.ceo]],
      [O('SUP-FIN')]: [[W(2), JP.mgr], [W(3), JP.dir], [W(4), JP.ic], [W(5), JP.ic]],
      [O('SUP-LABS')]: [[W(6), JP.ic], [W(7), JP.ic]],
    },
    workers: [1, 2, 3, 4, 5, 6, 7, 9].map((n) => [W(n), `2100${n}`] as [string, string]),
    managementLevels: levels,
    ...overrides,
  };
}

const group = (id: number, name: string, extra: Partial<CoupaGroupState> = {}): CoupaGroupState => ({
  id,
  name,
  description: null,
  active: true,
  canApprove: true,
  ownerUserId: null,
  ...extra,
});
const user = (n: number, managerOf: number | null, extra: Partial<CoupaUserView> = {}): CoupaUserView => ({
  id: 100 + n,
  employeeNumber: `2100${n}`,
  active: true,
  managerEmployeeNumber: managerOf === null ? null : `2100${managerOf}`,
  ...extra,
});

function targetsOf(r: OrgHierarchyReadings, groups: CoupaGroupState[], config: MappingConfig = mapping, scope = 'all'): OrgHierarchyTargets {
  const outcome = planApprovalGroupTargets(r, config, groups, scope);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.value;
}

/** Coupa exactly as the sync would leave it for `readings()`. */
function inSync(): { groups: CoupaGroupState[]; memberships: Record<string, CoupaMembershipView[]>; users: CoupaUserView[] } {
  return {
    groups: [
      group(1, 'Executive Office Approvers', { description: 'Approvers for Executive Office (SUP-EXEC)', ownerUserId: 101 }),
      group(2, 'Finance Approvers', { description: 'Approvers for Finance (SUP-FIN)', ownerUserId: 102 }),
      group(3, 'Labs Approvers', { description: 'Approvers for Labs (SUP-LABS)', ownerUserId: 106 }),
      group(4, 'All Employees', { canApprove: false }),
    ],
    memberships: { '1': [[1, 101, true]], '2': [[2, 102, true], [3, 103, false]], '3': [[4, 106, true]] },
    users: [user(1, null), user(2, 1), user(3, 2), user(4, 2), user(5, 2), user(6, 1), user(7, 6)],
  };
}

function plan(r: OrgHierarchyReadings, coupa = inSync(), maxWrites = 1000) {
  return planOrgHierarchyWrites({ targets: targetsOf(r, coupa.groups), memberships: coupa.memberships, coupaUsers: coupa.users, maxWrites });
}

describe('org hierarchy targets', () => {
  it('one group per org: the mapping file names listed orgs, "<org name> Approvers" the others; members are the managers and the approver levels', () => {
    const t = targetsOf(readings(), []);
    assert.deepEqual(
      t.groups.map((g) => [g.orgCode, g.groupName, g.ownerEmployeeId, g.memberEmployeeIds]),
      [
        ['SUP-EXEC', 'Executive Office Approvers', '21001', ['21001']],
        ['SUP-FIN', 'Finance Approvers', '21002', ['21002', '21003']],
        ['SUP-LABS', 'Labs Approvers', '21006', ['21006']],
      ],
    );
    assert.equal(t.groups[1]?.description, 'Approvers for Finance (SUP-FIN)');
  });

  it("every worker's manager: their org's manager, the superior's for the manager, nobody above the top", () => {
    const t = targetsOf(readings(), []);
    assert.deepEqual(t.managers, [
      ['21001', null],
      ['21002', '21001'],
      ['21003', '21002'],
      ['21004', '21002'],
      ['21005', '21002'],
      ['21006', '21001'],
      ['21007', '21006'],
    ]);
  });

  it('a vacant manager role passes the reports up to the superior org and leaves the group without owner', () => {
    const r = readings({ orgs: [org('SUP-EXEC', 'Executive Office', null, [1]), org('SUP-FIN', 'Finance', 'SUP-EXEC', []), org('SUP-LABS', 'Labs', 'SUP-EXEC', [6])] });
    const t = targetsOf(r, []);
    assert.equal(t.groups.find((g) => g.orgCode === 'SUP-FIN')?.ownerEmployeeId, null);
    assert.deepEqual(t.managers.find(([e]) => e === '21004'), ['21004', '21001']);
  });

  it('managersOnly: false puts everyone of the org in its group', () => {
    const everyone: MappingConfig = { ...mapping, approvalGroups: { ...mapping.approvalGroups, managersOnly: false } };
    const t = targetsOf(readings(), [], everyone);
    assert.deepEqual(t.groups.find((g) => g.orgCode === 'SUP-FIN')?.memberEmployeeIds, ['21002', '21003', '21004', '21005']);
  });

  it('matches existing groups by name (ignoring case) or, for a renamed org, by the code in the description; never a hand-made group', () => {
    const groups = [group(7, 'finance approvers'), group(8, 'Research Approvers', { description: 'Approvers for Research (SUP-LABS)' }), group(9, 'Labs Approvers old', { canApprove: false })];
    const t = targetsOf(readings(), groups);
    assert.equal(t.groups.find((g) => g.orgCode === 'SUP-FIN')?.existing?.id, 7);
    assert.equal(t.groups.find((g) => g.orgCode === 'SUP-LABS')?.existing?.id, 8);
    assert.equal(t.groups.find((g) => g.orgCode === 'SUP-EXEC')?.existing, null);
  });

  it('a name two orgs would claim is left alone with a warning', () => {
    const r = readings({ orgs: [...readings().orgs, org('SUP-LABS2', 'Labs', 'SUP-FIN', [])] });
    const t = targetsOf(r, []);
    assert.ok(!t.groups.some((g) => g.groupName === 'Labs Approvers'));
    assert.ok(t.warnings.some((w) => w.includes('"Labs Approvers"') && w.includes('SUP-LABS, SUP-LABS2')));
  });

  it('a scope is an org and everything below it; an unknown scope is refused', () => {
    const t = targetsOf(readings(), [], mapping, 'SUP-FIN');
    assert.deepEqual(t.groups.map((g) => g.orgCode), ['SUP-FIN']);
    assert.deepEqual(t.managers.map(([e]) => e), ['21002', '21003', '21004', '21005']);
    const refused = planApprovalGroupTargets(readings(), mapping, [], 'SUP-NOPE');
    assert.equal(refused.ok, false);
  });

  it('an inactive org without a Coupa group is left out; with one, it is targeted inactive with no members', () => {
    const r = readings({ orgs: [...readings().orgs, org('SUP-OLD', 'Old Team', 'SUP-EXEC', [2], true)] });
    assert.ok(!targetsOf(r, []).groups.some((g) => g.orgCode === 'SUP-OLD'));
    const t = targetsOf(r, [group(5, 'Old Team Approvers')]);
    assert.deepEqual(
      t.groups.filter((g) => g.orgCode === 'SUP-OLD').map((g) => [g.active, g.ownerEmployeeId, g.memberEmployeeIds]),
      [[false, null, []]],
    );
  });
});

describe('org hierarchy writes', () => {
  it('Coupa already matching Workday: no write at all', () => {
    const p = plan(readings());
    assert.deepEqual(p.writes, []);
    assert.equal(totalWrites(p), 0);
    assert.equal(p.truncated, false);
  });

  it('from nothing: groups created with owners, members added (owner flagged), managers set', () => {
    const coupa = { groups: [], memberships: {}, users: [user(1, null), user(2, null), user(3, null), user(4, null), user(5, null), user(6, null), user(7, null)] };
    const p = plan(readings(), coupa);
    assert.deepEqual(
      p.writes.filter((w) => w.kind === 'create-group').map((w) => w.kind === 'create-group' && [w.groupName, w.ownerUserId]),
      [
        ['Executive Office Approvers', 101],
        ['Finance Approvers', 102],
        ['Labs Approvers', 106],
      ],
    );
    assert.deepEqual(
      p.writes.filter((w) => w.kind === 'add-member').map((w) => w.kind === 'add-member' && [w.groupName, w.userId, w.owner, w.groupId]),
      [
        ['Executive Office Approvers', 101, true, null],
        ['Finance Approvers', 102, true, null],
        ['Finance Approvers', 103, false, null],
        ['Labs Approvers', 106, true, null],
      ],
    );
    assert.equal(p.totals['set-manager'], 6);
    // Groups first, then members, then managers.
    assert.deepEqual([...new Set(p.writes.map((w) => w.kind))], ['create-group', 'add-member', 'set-manager']);
  });

  it('a new manager: the owner changes, the new one joins flagged, the old one stays as a plain approver, and the reports move', () => {
    // 4 takes Finance over from 2; 2 stays in Finance as a plain member (a manager-level job, so still an approver).
    const r = readings({ orgs: [org('SUP-EXEC', 'Executive Office', null, [1]), org('SUP-FIN', 'Finance', 'SUP-EXEC', [4]), org('SUP-LABS', 'Labs', 'SUP-EXEC', [6])] });
    const p = plan(r);
    assert.deepEqual(p.writes, [
      { kind: 'update-group', orgCode: 'SUP-FIN', groupId: 2, groupName: 'Finance Approvers', changes: { ownerUserId: 104 } },
      { kind: 'add-member', orgCode: 'SUP-FIN', groupId: 2, groupName: 'Finance Approvers', userId: 104, employeeId: '21004', owner: true },
      { kind: 'set-member-owner', orgCode: 'SUP-FIN', groupId: 2, groupName: 'Finance Approvers', userId: 102, employeeId: '21002', owner: false, membershipIds: [2] },
      { kind: 'set-manager', userId: 102, employeeId: '21002', fromManagerEmployeeId: '21001', toManagerEmployeeId: '21004', toManagerUserId: 104 },
      { kind: 'set-manager', userId: 103, employeeId: '21003', fromManagerEmployeeId: '21002', toManagerEmployeeId: '21004', toManagerUserId: 104 },
      { kind: 'set-manager', userId: 104, employeeId: '21004', fromManagerEmployeeId: '21002', toManagerEmployeeId: '21001', toManagerUserId: 101 },
      { kind: 'set-manager', userId: 105, employeeId: '21005', fromManagerEmployeeId: '21002', toManagerEmployeeId: '21004', toManagerUserId: 104 },
    ]);
  });

  it('a merge: the merged org’s group is deactivated (not deleted), its owner cleared and its Workday members removed; the people join the surviving group', () => {
    // Labs merged into Finance: 6 and 7 now sit in Finance; Labs is inactive.
    const base = readings();
    const r = readings({
      orgs: [org('SUP-EXEC', 'Executive Office', null, [1]), org('SUP-FIN', 'Finance', 'SUP-EXEC', [2]), org('SUP-LABS', 'Labs', 'SUP-EXEC', [6], true)],
      members: { ...base.members, [O('SUP-FIN')]: [...(base.members[O('SUP-FIN')] ?? []), [W(6), JP.mgr], [W(7), JP.ic]], [O('SUP-LABS')]: [] },
    });
    const coupa = inSync();
    coupa.memberships['3'] = [[4, 106, true], [5, 555, false]]; // 555: an external approver added by hand in Coupa
    const p = plan(r, coupa);
    assert.deepEqual(p.writes, [
      { kind: 'add-member', orgCode: 'SUP-FIN', groupId: 2, groupName: 'Finance Approvers', userId: 106, employeeId: '21006', owner: false },
      { kind: 'remove-member', orgCode: 'SUP-LABS', groupId: 3, groupName: 'Labs Approvers', userId: 106, employeeId: '21006', membershipIds: [4] },
      { kind: 'set-manager', userId: 106, employeeId: '21006', fromManagerEmployeeId: '21001', toManagerEmployeeId: '21002', toManagerUserId: 102 },
      { kind: 'set-manager', userId: 107, employeeId: '21007', fromManagerEmployeeId: '21006', toManagerEmployeeId: '21002', toManagerUserId: 102 },
      { kind: 'deactivate-group', orgCode: 'SUP-LABS', groupId: 3, groupName: 'Labs Approvers', changes: { active: false, ownerUserId: null } },
    ]);
  });

  it('people Workday does not know (added by hand in Coupa) keep their memberships; a terminated worker is removed', () => {
    const coupa = inSync();
    coupa.users.push({ id: 900, employeeNumber: 'C-0001', active: true, managerEmployeeNumber: null }, user(9, 2, { active: false }));
    coupa.memberships['2'] = [...(coupa.memberships['2'] ?? []), [10, 900, true], [11, 109, false]];
    const p = plan(readings(), coupa);
    assert.deepEqual(p.writes, [{ kind: 'remove-member', orgCode: 'SUP-FIN', groupId: 2, groupName: 'Finance Approvers', userId: 109, employeeId: '21009', membershipIds: [11] }]);
  });

  it('a manager without a Coupa user yet: the owner and the reports’ manager field are left as they are, with a warning', () => {
    const coupa = inSync();
    coupa.users = coupa.users.filter((u) => u.id !== 106);
    coupa.groups = coupa.groups.map((g) => (g.id === 3 ? { ...g, ownerUserId: 555 } : g));
    const p = plan(readings(), coupa);
    assert.deepEqual(p.writes, []);
    assert.ok(p.warnings.some((w) => w.includes('employee 21006') && w.includes('left as it is')));
    assert.ok(p.warnings.some((w) => w.includes('no active Coupa user (21006)')));
  });

  it('an inactive group of an active org is reactivated and made an approval group again', () => {
    const coupa = inSync();
    coupa.groups = coupa.groups.map((g) => (g.id === 3 ? { ...g, active: false, canApprove: false } : g));
    assert.deepEqual(plan(readings(), coupa).writes, [
      { kind: 'update-group', orgCode: 'SUP-LABS', groupId: 3, groupName: 'Labs Approvers', changes: { active: true, canApprove: true } },
    ]);
  });

  it('a renamed org renames its group (found by the code in its description)', () => {
    const r = readings({ orgs: [org('SUP-EXEC', 'Executive Office', null, [1]), org('SUP-FIN', 'Finance', 'SUP-EXEC', [2]), org('SUP-LABS', 'Research', 'SUP-EXEC', [6])] });
    assert.deepEqual(plan(r).writes, [
      { kind: 'update-group', orgCode: 'SUP-LABS', groupId: 3, groupName: 'Research Approvers', changes: { name: 'Research Approvers', description: 'Approvers for Research (SUP-LABS)' } },
    ]);
  });

  it('a large plan is paged: at most maxWrites writes, with the totals of the whole diff', () => {
    const coupa = { groups: [], memberships: {}, users: inSync().users.map((u) => ({ ...u, managerEmployeeNumber: null })) };
    const p = plan(readings(), coupa, 4);
    assert.equal(p.writes.length, 4);
    assert.equal(p.truncated, true);
    assert.equal(totalWrites(p), 3 + 4 + 6);
  });
});
