// Plans the cost center sync: what Coupa's lookup tree and accounts must become for Workday's companies, business units and cost centers, as an ordered list of writes (none when Coupa already matches).
//
// Pure: no I/O, no clock. The activities read both systems into these shapes and apply the writes.
import type { CostCenterSyncConfig, AccountSegmentSource } from './cost-center-config';

export const ALL_COST_CENTERS_SCOPE = 'all';

// ---- readings ----

export interface WorkdayCostCenterReading {
  code: string;
  name: string;
  companyCode: string | null;
  businessUnitId: string | null;
  parentCode: string | null;
  inactive: boolean;
}

export interface WorkdayCompanyReading {
  code: string;
  name: string;
  inactive: boolean;
}

export interface WorkdayBusinessUnitReading {
  id: string;
  name: string;
  companyCode: string | null;
  inactive: boolean;
}

export interface WorkdayFinanceReadings {
  companies: WorkdayCompanyReading[];
  businessUnits: WorkdayBusinessUnitReading[];
  costCenters: WorkdayCostCenterReading[];
}

/** A Coupa lookup value as the plan compares it. */
export interface CoupaValueState {
  id: number;
  name: string;
  active: boolean;
  /** external-ref-num; null for values the sync does not own. */
  refNum: string | null;
  parentId: number | null;
  /** external-ref-code as Coupa has it (the ref-num path from the root), or null when the instance omits it. */
  refCode: string | null;
}

export interface CoupaAccountState {
  id: number;
  name: string;
  active: boolean;
  accountTypeName: string;
  /** segment-1 … segment-N, nulls for unused ones. */
  segments: Array<string | null>;
}

export interface CoupaFinanceReadings {
  lookup: { id: number; name: string };
  values: CoupaValueState[];
  /** Accounts of the account types the mapping names (only those are read). */
  accounts: CoupaAccountState[];
  /** Account types the mapping names that exist in Coupa. */
  accountTypes: string[];
}

// ---- the plan ----

export type OrgLevel = 'company' | 'businessUnit' | 'costCenter';

export interface ValueChanges {
  name?: string;
  /** The new parent by ref-num (null: the root). */
  parentRefNum?: string | null;
  active?: boolean;
}

export type CostCenterWrite =
  | { kind: 'create-value'; level: OrgLevel; refNum: string; name: string; parentRefNum: string | null; parentId: number | null; depth: number }
  | {
      kind: 'update-value';
      level: OrgLevel;
      valueId: number;
      refNum: string;
      name: string;
      changes: ValueChanges;
      /** When re-parented: where it moves, by id when the parent exists already. */
      parentId: number | null;
      fromParentRefNum: string | null;
      /** Ref-nums of everything below it whose path follows the move. */
      cascade: string[];
      depth: number;
    }
  | { kind: 'follow-parent'; valueId: number; refNum: string; name: string; movedRefNum: string; expectedRefCode: string }
  | { kind: 'deactivate-value'; level: OrgLevel | 'removed'; valueId: number; refNum: string; name: string; depth: number }
  | { kind: 'create-account'; costCenter: string; accountTypeName: string; segments: string[]; code: string; name: string }
  | { kind: 'update-account'; costCenter: string; accountId: number; accountTypeName: string; code: string; changes: { name?: string; active?: boolean } }
  | { kind: 'deactivate-account'; costCenter: string; accountId: number; accountTypeName: string; code: string };

export type CostCenterWriteKind = CostCenterWrite['kind'];

export const COST_CENTER_WRITE_KINDS: readonly CostCenterWriteKind[] = [
  'create-value',
  'update-value',
  'follow-parent',
  'deactivate-value',
  'create-account',
  'update-account',
  'deactivate-account',
];

export interface CostCenterPlan {
  lookup: { id: number; name: string };
  writes: CostCenterWrite[];
  warnings: string[];
}

export type PlanOutcome<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The path separator of Coupa's external-ref-code. */
export const REF_CODE_SEPARATOR = '-';

interface DesiredNode {
  level: OrgLevel;
  refNum: string;
  name: string;
  active: boolean;
  parentRefNum: string | null;
}

/** The tree Coupa's lookup should hold, by ref-num; problems when Workday's IDs collide or its hierarchy loops. */
export function desiredTree(workday: WorkdayFinanceReadings, config: CostCenterSyncConfig): PlanOutcome<Map<string, DesiredNode>> {
  const nodes = new Map<string, DesiredNode>();
  const problems: string[] = [];
  const add = (node: DesiredNode): void => {
    const clash = nodes.get(node.refNum);
    if (clash) problems.push(`Workday ${node.level} ${node.refNum} has the same ID as ${clash.level} ${clash.refNum}: Coupa's lookup needs one external-ref-num per value`);
    else nodes.set(node.refNum, node);
  };
  const withCompanies = config.levels.includes('company');
  const withUnits = config.levels.includes('businessUnit');
  const companies = new Map(workday.companies.map((c) => [c.code, c]));
  const units = new Map(workday.businessUnits.map((u) => [u.id, u]));
  const centers = new Map(workday.costCenters.map((c) => [c.code, c]));

  if (withCompanies) for (const c of workday.companies) add({ level: 'company', refNum: c.code, name: c.name, active: !c.inactive, parentRefNum: null });
  if (withUnits) {
    for (const u of workday.businessUnits) {
      const parent = withCompanies && u.companyCode && companies.has(u.companyCode) ? u.companyCode : null;
      add({ level: 'businessUnit', refNum: u.id, name: u.name, active: !u.inactive, parentRefNum: parent });
    }
  }
  for (const c of workday.costCenters) {
    let parent: string | null = null;
    if (c.parentCode && centers.has(c.parentCode)) parent = c.parentCode;
    else if (withUnits && c.businessUnitId && units.has(c.businessUnitId)) parent = c.businessUnitId;
    else if (withCompanies && c.companyCode && companies.has(c.companyCode)) parent = c.companyCode;
    add({ level: 'costCenter', refNum: c.code, name: c.name, active: !c.inactive, parentRefNum: parent });
  }
  // A loop in Workday's hierarchy would never reach a root: refuse it rather than write it.
  for (const node of nodes.values()) {
    const seen = new Set<string>();
    for (let at: DesiredNode | undefined = node; at; at = at.parentRefNum ? nodes.get(at.parentRefNum) : undefined) {
      if (seen.has(at.refNum)) {
        problems.push(`Workday's cost center hierarchy loops at ${at.refNum}`);
        break;
      }
      seen.add(at.refNum);
    }
  }
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, value: nodes };
}

function pathOf(nodes: ReadonlyMap<string, DesiredNode>, refNum: string): string[] {
  const path: string[] = [];
  for (let at = nodes.get(refNum); at; at = at.parentRefNum ? nodes.get(at.parentRefNum) : undefined) path.unshift(at.refNum);
  return path;
}

function segmentValue(source: AccountSegmentSource, cc: WorkdayCostCenterReading): string | null {
  switch (source) {
    case 'company':
      return cc.companyCode;
    case 'businessUnit':
      return cc.businessUnitId;
    case 'costCenter':
      return cc.code;
  }
}

export function accountCodeOf(segments: ReadonlyArray<string | null>): string {
  let last = segments.length;
  while (last > 0 && !segments[last - 1]) last -= 1;
  return segments.slice(0, last).map((s) => s ?? '').join('-');
}

/**
 * The writes that make Coupa match Workday, in the order they must run: values top down (a parent
 * exists before its children move under it), paths that follow a move, deactivations bottom up, then
 * accounts. Nothing differs → no writes.
 */
export function planCostCenterSync(workday: WorkdayFinanceReadings, coupa: CoupaFinanceReadings, config: CostCenterSyncConfig): PlanOutcome<CostCenterPlan> {
  const tree = desiredTree(workday, config);
  if (!tree.ok) return tree;
  const nodes = tree.value;
  const warnings: string[] = [];

  // Coupa's values by ref-num; a ref-num held twice keeps the active one with the lowest id (the other is reported).
  const owned = coupa.values.filter((v): v is CoupaValueState & { refNum: string } => v.refNum !== null && v.refNum.trim() !== '');
  const byId = new Map(coupa.values.map((v) => [v.id, v]));
  const byRefNum = new Map<string, CoupaValueState & { refNum: string }>();
  for (const v of [...owned].sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id)) {
    if (byRefNum.has(v.refNum)) warnings.push(`Coupa lookup "${coupa.lookup.name}" holds external-ref-num ${v.refNum} twice (value ${v.id} is left alone)`);
    else byRefNum.set(v.refNum, v);
  }
  const refNumOfId = (id: number | null): string | null => (id === null ? null : (byId.get(id)?.refNum ?? null));

  const valueWrites: CostCenterWrite[] = [];
  const moved: string[] = [];
  for (const node of nodes.values()) {
    const depth = pathOf(nodes, node.refNum).length;
    const existing = byRefNum.get(node.refNum);
    const parentExisting = node.parentRefNum ? byRefNum.get(node.parentRefNum) : undefined;
    if (!existing) {
      // Created and inactivated before it ever reached Coupa: nothing to deactivate.
      if (!node.active) continue;
      valueWrites.push({ kind: 'create-value', level: node.level, refNum: node.refNum, name: node.name, parentRefNum: node.parentRefNum, parentId: parentExisting?.id ?? null, depth });
      continue;
    }
    const changes: ValueChanges = {};
    if (existing.name !== node.name) changes.name = node.name;
    const currentParent = refNumOfId(existing.parentId);
    if (currentParent !== node.parentRefNum) changes.parentRefNum = node.parentRefNum;
    if (existing.active !== node.active && node.active) changes.active = true;
    if (Object.keys(changes).length > 0) {
      const cascade = changes.parentRefNum !== undefined ? descendantsOf(nodes, node.refNum) : [];
      if (changes.parentRefNum !== undefined) moved.push(node.refNum);
      valueWrites.push({
        kind: 'update-value',
        level: node.level,
        valueId: existing.id,
        refNum: node.refNum,
        name: node.name,
        changes,
        parentId: changes.parentRefNum === undefined || changes.parentRefNum === null ? null : (parentExisting?.id ?? null),
        fromParentRefNum: currentParent,
        cascade,
        depth,
      });
    }
    if (existing.active && !node.active) valueWrites.push({ kind: 'deactivate-value', level: node.level, valueId: existing.id, refNum: node.refNum, name: node.name, depth });
  }
  // Values Workday no longer has at all: deactivated (Coupa keeps them for old documents), deepest first.
  const removedDepth = (v: CoupaValueState): number => {
    let depth = 0;
    for (let at: CoupaValueState | undefined = v; at && depth < 50; at = at.parentId === null ? undefined : byId.get(at.parentId)) depth += 1;
    return depth;
  };
  for (const v of byRefNum.values()) {
    if (nodes.has(v.refNum) || !v.active) continue;
    valueWrites.push({ kind: 'deactivate-value', level: 'removed', valueId: v.id, refNum: v.refNum, name: v.name, depth: removedDepth(v) });
  }

  // Descendants of a moved value whose own parent stays: their path must follow (Coupa finds nodes by it).
  const follow: CostCenterWrite[] = [];
  const explicitlyMoved = new Set(moved);
  for (const refNum of moved) {
    for (const child of descendantsOf(nodes, refNum)) {
      const existing = byRefNum.get(child);
      if (!existing || explicitlyMoved.has(child) || follow.some((w) => w.kind === 'follow-parent' && w.refNum === child)) continue;
      follow.push({ kind: 'follow-parent', valueId: existing.id, refNum: child, name: existing.name, movedRefNum: refNum, expectedRefCode: pathOf(nodes, child).join(REF_CODE_SEPARATOR) });
    }
  }

  const order = (w: CostCenterWrite): [number, number] => {
    switch (w.kind) {
      case 'create-value':
      case 'update-value':
        return [0, w.depth];
      case 'follow-parent':
        return [1, 0];
      case 'deactivate-value':
        return [2, -w.depth];
      default:
        return [3, 0];
    }
  };
  const sortedValues = [...valueWrites, ...follow]
    .map((w, i) => ({ w, i }))
    .sort((a, b) => {
      const [ga, da] = order(a.w);
      const [gb, db] = order(b.w);
      return ga - gb || da - db || a.i - b.i;
    })
    .map((x) => x.w);

  const accountWrites = config.accounts.enabled ? planAccounts(workday, coupa, config, byRefNum, nodes, warnings) : [];
  return { ok: true, value: { lookup: coupa.lookup, writes: [...sortedValues, ...accountWrites], warnings } };
}

function descendantsOf(nodes: ReadonlyMap<string, DesiredNode>, refNum: string): string[] {
  const out: string[] = [];
  const queue = [refNum];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    for (const n of nodes.values()) {
      if (n.parentRefNum === at && !out.includes(n.refNum)) {
        out.push(n.refNum);
        queue.push(n.refNum);
      }
    }
  }
  return out;
}

function planAccounts(
  workday: WorkdayFinanceReadings,
  coupa: CoupaFinanceReadings,
  config: CostCenterSyncConfig,
  byRefNum: ReadonlyMap<string, CoupaValueState & { refNum: string }>,
  nodes: ReadonlyMap<string, DesiredNode>,
  warnings: string[],
): CostCenterWrite[] {
  const writes: CostCenterWrite[] = [];
  const ccIndex = config.accounts.segments.indexOf('costCenter');
  const knownTypes = new Set(coupa.accountTypes);
  const companyInactive = new Set(workday.companies.filter((c) => c.inactive).map((c) => c.code));
  const codeOf = (a: CoupaAccountState): string => accountCodeOf(a.segments);
  const missingTypes = new Set<string>();
  const noType = new Set<string>();
  const wanted = new Set<number>();

  for (const cc of workday.costCenters) {
    const typeName = cc.companyCode ? config.accounts.accountTypeByCompany[cc.companyCode] : undefined;
    if (!typeName) {
      noType.add(cc.companyCode ?? '(no company)');
      continue;
    }
    if (!knownTypes.has(typeName)) {
      missingTypes.add(typeName);
      continue;
    }
    const values = config.accounts.segments.map((s) => segmentValue(s, cc));
    const missing = config.accounts.segments.filter((_, i) => !values[i]);
    if (missing.length > 0) {
      warnings.push(`cost center ${cc.code} has no ${missing.join(', ')} in Workday: no Coupa account`);
      continue;
    }
    const segments = values as string[];
    const code = segments.join('-');
    const active = !cc.inactive && !(cc.companyCode !== null && companyInactive.has(cc.companyCode));
    const existing = coupa.accounts.find((a) => a.accountTypeName === typeName && codeOf(a) === code);
    if (!existing) {
      if (active) writes.push({ kind: 'create-account', costCenter: cc.code, accountTypeName: typeName, segments, code, name: cc.name });
    } else {
      wanted.add(existing.id);
      const changes: { name?: string; active?: boolean } = {};
      if (existing.name !== cc.name) changes.name = cc.name;
      if (existing.active !== active && active) changes.active = true;
      if (Object.keys(changes).length > 0) writes.push({ kind: 'update-account', costCenter: cc.code, accountId: existing.id, accountTypeName: typeName, code, changes });
      if (existing.active && !active) writes.push({ kind: 'deactivate-account', costCenter: cc.code, accountId: existing.id, accountTypeName: typeName, code });
    }
  }
  // An active account whose cost center segment names a sync-owned cost center that Workday no longer has,
  // or that now has an account under another code (moved company or business unit): deactivated.
  const workdayCodes = new Set(workday.costCenters.map((c) => c.code));
  for (const a of coupa.accounts) {
    if (!a.active || wanted.has(a.id)) continue;
    const ccCode = a.segments[ccIndex];
    if (!ccCode) continue;
    const ownedGone = !workdayCodes.has(ccCode) && byRefNum.has(ccCode) && !nodes.has(ccCode);
    // The cost center's account now has another code (its company or business unit changed): the old one goes.
    const superseded = workdayCodes.has(ccCode) && (writes.some((w) => w.kind === 'create-account' && w.costCenter === ccCode) || coupa.accounts.some((b) => b.id !== a.id && wanted.has(b.id) && b.segments[ccIndex] === ccCode));
    if (ownedGone || superseded) writes.push({ kind: 'deactivate-account', costCenter: ccCode, accountId: a.id, accountTypeName: a.accountTypeName, code: codeOf(a) });
  }
  for (const t of missingTypes) warnings.push(`Coupa has no account type "${t}" (costCenterSync.accounts.accountTypeByCompany): its cost centers get no accounts`);
  for (const c of noType) warnings.push(`company ${c} has no Coupa account type in costCenterSync.accounts.accountTypeByCompany: its cost centers get no accounts`);
  // Grouped by kind (creates, updates, deactivations), so writes of one kind run side by side.
  const rank: Partial<Record<CostCenterWriteKind, number>> = { 'create-account': 0, 'update-account': 1, 'deactivate-account': 2 };
  return writes.map((w, i) => ({ w, i })).sort((a, b) => (rank[a.w.kind] ?? 0) - (rank[b.w.kind] ?? 0) || a.i - b.i).map((x) => x.w);
}

/** Writes by kind: what a dry run reports, and the test compares. */
export function countWrites(writes: readonly CostCenterWrite[]): Record<CostCenterWriteKind, number> {
  const counts = Object.fromEntries(COST_CENTER_WRITE_KINDS.map((k) => [k, 0])) as Record<CostCenterWriteKind, number>;
  for (const w of writes) counts[w.kind] += 1;
  return counts;
}

/** One line per write for the audit trail and the dry run: codes and names of organizations, no personal data. */
export function describeCostCenterWrite(w: CostCenterWrite): string {
  switch (w.kind) {
    case 'create-value':
      return `create ${w.level} ${w.refNum} "${w.name}" under ${w.parentRefNum ?? 'the root'}`;
    case 'update-value': {
      const parts: string[] = [];
      if (w.changes.name !== undefined) parts.push(`rename to "${w.changes.name}"`);
      if (w.changes.parentRefNum !== undefined) parts.push(`move from ${w.fromParentRefNum ?? 'the root'} to ${w.changes.parentRefNum ?? 'the root'}${w.cascade.length ? ` (with ${w.cascade.length} below it: ${w.cascade.join(', ')})` : ''}`);
      if (w.changes.active === true) parts.push('reactivate');
      return `update ${w.level} ${w.refNum}: ${parts.join(', ')}`;
    }
    case 'follow-parent':
      return `path of ${w.refNum} follows ${w.movedRefNum}: ${w.expectedRefCode}`;
    case 'deactivate-value':
      return `deactivate ${w.level === 'removed' ? 'value' : w.level} ${w.refNum} "${w.name}"${w.level === 'removed' ? ' (no longer in Workday)' : ''}`;
    case 'create-account':
      return `create account ${w.code} "${w.name}" in ${w.accountTypeName}`;
    case 'update-account':
      return `update account ${w.code} in ${w.accountTypeName}: ${[w.changes.name !== undefined ? `rename to "${w.changes.name}"` : '', w.changes.active ? 'reactivate' : ''].filter(Boolean).join(', ')}`;
    case 'deactivate-account':
      return `deactivate account ${w.code} in ${w.accountTypeName}`;
  }
}
