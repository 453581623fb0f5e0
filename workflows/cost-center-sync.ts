// costCenterSync: Workday's companies, business units and cost center hierarchy become Coupa lookup values (with external-ref-num and parent) and accounts, writing only what differs.
import { continueAsNew, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { PageRead, SoapPageRead } from '../activities';
import {
  ALL_COST_CENTERS_SCOPE,
  COST_CENTER_WRITE_KINDS,
  describeCostCenterWrite,
  type CostCenterPlan,
  type CostCenterWrite,
  type CostCenterWriteKind,
  type CoupaAccountState,
  type WorkdayFinanceReadings,
} from '../mapping/cost-center-sync';
import { BusinessProcessKey, SyncTracker, parkingFor, type ProcessStatus } from './sync-state';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';

export const COST_CENTER_SYNC = 'cost-center-sync';
/** One sync per scope: a second request while one runs lands on the running one. */
export const costCenterSyncWorkflowId = (scope: string = ALL_COST_CENTERS_SCOPE): string => `${COST_CENTER_SYNC}/${scope}`;

/** Writes of one kind run this many at a time: each visible in the history, a restructure done in minutes. */
const WRITE_CONCURRENCY = 5;

export interface CostCenterSyncInput {
  /** Only `all` today: the whole tree is one diff (a subtree could not tell a move out of it from a removal). */
  scope?: string;
  /** Plan only: return what would be written, write nothing. */
  dryRun?: boolean;
  /** What asked for this run: only for the audit trail. */
  trigger?: 'schedule' | 'manual' | 'cost-center-change';
  /** Set by continue-as-new: what the earlier runs of this sync wrote. */
  carried?: { runs: number; applied: Record<CostCenterWriteKind, number> };
}

export interface CostCenterSyncResult {
  scope: string;
  outcome: 'synced' | 'unchanged' | 'planned' | 'skipped';
  dryRun: boolean;
  runs: number;
  /** Writes that changed something, by kind. */
  applied: Record<CostCenterWriteKind, number>;
  /** A dry run's plan; null after a real run, whose writes are in the status and history. */
  plan: CostCenterPlan | null;
  /** A dry run's plan as one line per write (what a person reads). */
  changes: string[];
  warnings: string[];
  status: ProcessStatus;
}

const noWrites = (): Record<CostCenterWriteKind, number> => Object.fromEntries(COST_CENTER_WRITE_KINDS.map((k) => [k, 0])) as Record<CostCenterWriteKind, number>;

/** Since this patch the accounts of every account type the sync owns are read as one list (`account-type[name][in]=`), not one list per type. */
export const COST_CENTER_ACCOUNTS_ONE_LIST_PATCH = 'cost-center-accounts-one-list';

async function allOffsets<T>(read: (offset: number) => Promise<PageRead<T>>): Promise<T[]> {
  const items: T[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page: PageRead<T> = await read(offset);
    items.push(...page.items);
    offset = page.nextOffset !== null && page.nextOffset > offset ? page.nextOffset : null;
  }
  return items;
}

async function allSoapPages<T>(read: (page: number) => Promise<SoapPageRead<T>>): Promise<T[]> {
  const items: T[] = [];
  let page: number | null = 1;
  while (page !== null) {
    const read_: SoapPageRead<T> = await read(page);
    items.push(...read_.items);
    page = read_.nextPage !== null && read_.nextPage > page ? read_.nextPage : null;
  }
  return items;
}

const ACTION_OF: Record<CostCenterWriteKind, string> = {
  'create-value': 'lookup value created',
  'update-value': 'lookup value updated',
  'follow-parent': 'lookup value path refreshed',
  'deactivate-value': 'lookup value deactivated',
  'create-account': 'account created',
  'update-account': 'account updated',
  'deactivate-account': 'account deactivated',
};

export async function costCenterSync(input: CostCenterSyncInput = {}): Promise<CostCenterSyncResult> {
  const scope = input.scope?.trim() || ALL_COST_CENTERS_SCOPE;
  const dryRun = input.dryRun === true;
  const tracker = new SyncTracker(COST_CENTER_SYNC, scope);
  upsertSearchAttributes([{ key: BusinessProcessKey, value: COST_CENTER_SYNC }]);
  tracker.setState('running');

  const applied = input.carried ? { ...noWrites(), ...input.carried.applied } : noWrites();
  let plan: CostCenterPlan | null = null;
  let moreToWrite = false;

  const finish = (outcome: CostCenterSyncResult['outcome']): CostCenterSyncResult => {
    tracker.finish(outcome, outcome === 'skipped' ? 'skipped' : 'done');
    return {
      scope,
      outcome,
      dryRun,
      runs: (input.carried?.runs ?? 0) + 1,
      applied,
      plan: dryRun ? plan : null,
      changes: dryRun && plan ? plan.writes.map(describeCostCenterWrite) : [],
      warnings: tracker.status.warnings,
      status: tracker.status,
    };
  };

  for (;;) {
    try {
      const settings = await currentRunSettings();
      const { workday, coupa } = apiActivities(settings);

      tracker.step('reading the mapping file');
      const targets = await planningActivities('which Coupa lookup and charts of accounts').costCenterSyncTargets();

      tracker.step('reading companies, business units and cost centers from Workday');
      const [companies, businessUnits, costCenters] = await Promise.all([
        allSoapPages((page) => workday(`companies, page ${page}`).readWorkdayCompaniesPage({ page })),
        allSoapPages((page) => workday(`business units, page ${page}`).readWorkdayBusinessUnitsPage({ page })),
        allSoapPages((page) => workday(`cost centers, page ${page}`).readWorkdayCostCentersPage({ page })),
      ]);
      const workdayReadings: WorkdayFinanceReadings = { companies, businessUnits, costCenters };

      tracker.step(`reading lookup "${targets.lookup}" and the accounts from Coupa`);
      const lookup = await coupa(`lookup "${targets.lookup}"`).findCoupaLookup({ name: targets.lookup });
      const existingTypes = (
        await Promise.all(targets.accountTypes.map(async (name) => ((await coupa(`account type "${name}"`).coupaAccountTypeExists({ name })) ? [name] : [])))
      ).flat();
      const accountsInOneList = patched(COST_CENTER_ACCOUNTS_ONE_LIST_PATCH);
      const [values, accountLists] = await Promise.all([
        allOffsets((offset) => coupa(`values of "${lookup.name}" from ${offset}`).readCoupaLookupValuesPage({ lookupId: lookup.id, offset })),
        accountsInOneList
          ? existingTypes.length === 0
            ? Promise.resolve([])
            : allOffsets((offset) => coupa(`accounts of ${existingTypes.length} account type(s) from ${offset}`).readCoupaAccountsOfTypesPage({ accountTypeNames: existingTypes, offset })).then((all) => [all])
          : Promise.all(existingTypes.map((accountTypeName) => allOffsets((offset) => coupa(`accounts of "${accountTypeName}" from ${offset}`).readCoupaAccountsPage({ accountTypeName, offset })))),
      ]);
      const accounts: CoupaAccountState[] = accountLists.flat();

      tracker.step('planning the Coupa writes');
      plan = await planningActivities('plan the Coupa writes of the cost center sync').planCostCenterSync({
        workday: workdayReadings,
        coupa: { lookup, values, accounts, accountTypes: existingTypes },
      });
      for (const warning of plan.warnings) tracker.warn(warning);
      if (dryRun) return finish('planned');

      tracker.step(`writing ${plan.writes.length} change(s) to Coupa`);
      // Values created in this run, by ref-num: a child created or moved under them needs their id.
      const createdIds = new Map<string, number>();
      const parentIdOf = (refNum: string | null, known: number | null): number | null => {
        if (refNum === null) return null;
        const id = known ?? createdIds.get(refNum);
        // The plan orders parents before children, so this is a bug, not data.
        if (id === undefined) throw new Error(`lookup value ${refNum} has no Coupa id: the plan did not create it first`);
        return id;
      };
      const write = async (w: CostCenterWrite): Promise<void> => {
        const changed = await applyWrite(w, lookup.id, coupa, parentIdOf, createdIds);
        if (!changed) return;
        applied[w.kind] += 1;
        tracker.recordChange({ system: 'coupa', action: ACTION_OF[w.kind], detail: describeCostCenterWrite(w) });
      };
      for (let i = 0; i < plan.writes.length; ) {
        // A batch holds writes of one kind and one depth: a parent is in Coupa before anything moves under it.
        const first = plan.writes[i] as CostCenterWrite;
        const batch: CostCenterWrite[] = [];
        while (i < plan.writes.length && sameStep(plan.writes[i] as CostCenterWrite, first) && batch.length < WRITE_CONCURRENCY) batch.push(plan.writes[i++] as CostCenterWrite);
        await Promise.all(batch.map(write));
        if (workflowInfo().continueAsNewSuggested && i < plan.writes.length) {
          moreToWrite = true;
          break;
        }
      }
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
    await continueAsNew<typeof costCenterSync>({ ...input, carried: { runs: (input.carried?.runs ?? 0) + 1, applied } });
  }
  const total = Object.values(applied).reduce((a, b) => a + b, 0);
  return finish(total > 0 ? 'synced' : 'unchanged');
}

function sameStep(a: CostCenterWrite, b: CostCenterWrite): boolean {
  if (a.kind !== b.kind) return false;
  if ('depth' in a && 'depth' in b) return a.depth === b.depth;
  return true;
}

/** One write as one activity; true when it changed Coupa (false: Coupa already had it). */
async function applyWrite(
  w: CostCenterWrite,
  lookupId: number,
  coupa: ReturnType<typeof apiActivities>['coupa'],
  parentIdOf: (refNum: string | null, known: number | null) => number | null,
  createdIds: Map<string, number>,
): Promise<boolean> {
  switch (w.kind) {
    case 'create-value': {
      const created = await coupa(`create ${w.refNum} "${w.name}"`).createCoupaLookupValue({ lookupId, refNum: w.refNum, name: w.name, parentId: parentIdOf(w.parentRefNum, w.parentId) });
      createdIds.set(w.refNum, created.valueId);
      return created.changed;
    }
    case 'update-value': {
      const changes: { name?: string; parentId?: number | null; active?: boolean } = {};
      if (w.changes.name !== undefined) changes.name = w.changes.name;
      if (w.changes.parentRefNum !== undefined) changes.parentId = parentIdOf(w.changes.parentRefNum, w.parentId);
      if (w.changes.active !== undefined) changes.active = w.changes.active;
      return (await coupa(`update ${w.refNum} "${w.name}"`).updateCoupaLookupValue({ valueId: w.valueId, refNum: w.refNum, changes })).changed;
    }
    case 'follow-parent':
      return (await coupa(`path of ${w.refNum}`).followCoupaLookupValuePath({ valueId: w.valueId, refNum: w.refNum, expectedRefCode: w.expectedRefCode })).changed;
    case 'deactivate-value':
      return (await coupa(`deactivate ${w.refNum} "${w.name}"`).updateCoupaLookupValue({ valueId: w.valueId, refNum: w.refNum, changes: { active: false } })).changed;
    case 'create-account':
      return (await coupa(`create account ${w.code}`).createCoupaAccount({ accountTypeName: w.accountTypeName, segments: w.segments, name: w.name })).changed;
    case 'update-account':
      return (await coupa(`update account ${w.code}`).updateCoupaAccount({ accountId: w.accountId, code: w.code, changes: w.changes })).changed;
    case 'deactivate-account':
      return (await coupa(`deactivate account ${w.code}`).updateCoupaAccount({ accountId: w.accountId, code: w.code, changes: { active: false } })).changed;
  }
}
