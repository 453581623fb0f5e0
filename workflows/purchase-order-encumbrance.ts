// purchaseOrderEncumbrance: one run per Coupa PO while it is open; each issued version is budget-checked and recorded as an obligation journal in Workday, a new version reverses and reposts, close or cancel releases it.
import { condition, continueAsNew, defineQuery, defineSignal, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { BudgetCheckLine, JournalPlan } from '../mapping/finance';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { BusinessProcessKey, CoupaDocumentIdKey, SyncTracker, parkingFor, type ProcessStatus } from './sync-state';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';

export const PURCHASE_ORDER_ENCUMBRANCE = 'po-encumbrance';
export const purchaseOrderEncumbranceWorkflowId = (coupaPoId: string): string => `${PURCHASE_ORDER_ENCUMBRANCE}/${coupaPoId}`;

/** `within-budget`, `over-budget` (held or flagged), `released` (closed or cancelled), `not-checked`. */
export const BudgetStatusKey = defineSearchAttributeKey('ProcessState', SearchAttributeType.KEYWORD);
export type BudgetStatus = 'not-checked' | 'within-budget' | 'over-budget' | 'released';

/** A PO event: a nudge to re-read the PO (Coupa is the truth), so duplicates and reordering are harmless. */
export interface PurchaseOrderChange {
  coupaPoId: string;
  version: number;
  /** Coupa's status: issued, closed, cancelled, … */
  status: string;
  /** ISO time the event was seen. */
  observedAt: string;
}
export const purchaseOrderChangedSignal = defineSignal<[PurchaseOrderChange]>('purchaseOrderChanged');

/** What the run carries across continue-as-new: the obligation on Workday's ledger now. */
export interface EncumbranceState {
  posted: { version: number; journal: JournalPlan; journalNumber: string | null } | null;
  budgetStatus: BudgetStatus;
  /** The last budget check that refused (for the status query). */
  overBudgetLines: (BudgetCheckLine & { available: string | null })[];
  eventsHandled: number;
  runs: number;
}

export interface EncumbranceView {
  coupaPoId: string;
  postedVersion: number | null;
  obligated: string | null;
  budgetStatus: BudgetStatus;
  overBudgetLines: EncumbranceState['overBudgetLines'];
  eventsHandled: number;
  runs: number;
}
export const encumbranceQuery = defineQuery<EncumbranceView>('encumbrance');

export interface PurchaseOrderEncumbranceInput {
  coupaPoId: string;
  /** Events handled per run before continuing as new (default EVENTS_PER_RUN). */
  eventsPerRun?: number;
  /** Set by continue-as-new. */
  carried?: EncumbranceState;
}

export interface PurchaseOrderEncumbranceResult {
  coupaPoId: string;
  outcome: 'released' | 'closed-without-obligation' | 'skipped';
  state: EncumbranceState;
  status: ProcessStatus;
}

/** Events per run before continuing as new: each event is a dozen events in the history; the PO may live for months. */
export const EVENTS_PER_RUN = 50;
const OPEN_STATUSES = ['issued', 'soft_closed'];
const ENDED_STATUSES = ['closed', 'cancelled', 'canceled'];

export async function purchaseOrderEncumbrance(input: PurchaseOrderEncumbranceInput): Promise<PurchaseOrderEncumbranceResult> {
  const poKey = input.coupaPoId.trim();
  const poId = Number(poKey);
  const tracker = new SyncTracker(PURCHASE_ORDER_ENCUMBRANCE, poKey);
  const state: EncumbranceState = input.carried ?? { posted: null, budgetStatus: 'not-checked', overBudgetLines: [], eventsHandled: 0, runs: 0 };
  state.runs += 1;
  // A fresh run reads the PO at once (a plain start works too); a continued one waits for the next event.
  let pending = input.carried === undefined ? 1 : 0;
  let eventsThisRun = 0;
  setHandler(purchaseOrderChangedSignal, () => {
    pending += 1;
  });
  setHandler(encumbranceQuery, () => ({
    coupaPoId: poKey,
    postedVersion: state.posted?.version ?? null,
    obligated: state.posted?.journal.controlTotal ?? null,
    budgetStatus: state.budgetStatus,
    overBudgetLines: state.overBudgetLines,
    eventsHandled: state.eventsHandled,
    runs: state.runs,
  }));
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: PURCHASE_ORDER_ENCUMBRANCE },
    { key: CoupaDocumentIdKey, value: poKey },
    { key: BudgetStatusKey, value: state.budgetStatus },
  ]);
  const setBudgetStatus = (status: BudgetStatus) => {
    state.budgetStatus = status;
    upsertSearchAttributes([{ key: BudgetStatusKey, value: status }]);
  };
  const finish = (outcome: PurchaseOrderEncumbranceResult['outcome']): PurchaseOrderEncumbranceResult => {
    tracker.finish(outcome, outcome === 'skipped' ? 'skipped' : 'done');
    return { coupaPoId: poKey, outcome, state, status: tracker.status };
  };

  if (!Number.isInteger(poId) || poId <= 0) {
    tracker.warn(`"${poKey}" is not a Coupa purchase order id: nothing was encumbered.`);
    return finish('skipped');
  }

  for (;;) {
    if (pending === 0) {
      if (eventsThisRun >= (input.eventsPerRun ?? EVENTS_PER_RUN) || workflowInfo().continueAsNewSuggested) {
        // Bounded history: the next run starts from the carried obligation; signals in flight reach it.
        return await continueAsNew<typeof purchaseOrderEncumbrance>({ coupaPoId: poKey, carried: state, ...(input.eventsPerRun !== undefined ? { eventsPerRun: input.eventsPerRun } : {}) });
      }
      tracker.step(state.posted ? `waiting for the next PO event (version ${state.posted.version} obligated)` : 'waiting for the next PO event');
      tracker.setState('waiting');
      await condition(() => pending > 0);
      tracker.setState('running');
    }
    pending = 0;
    eventsThisRun += 1;
    state.eventsHandled += 1;

    const outcome = await reconcile();
    if (outcome !== null) return finish(outcome);
  }

  /** Brings Workday's obligation in line with the PO as Coupa shows it now; a non-null outcome ends the run. */
  async function reconcile(): Promise<PurchaseOrderEncumbranceResult['outcome'] | null> {
    for (;;) {
      try {
        const settings = await currentRunSettings();
        const { coupa, workday } = apiActivities(settings);
        tracker.step('reading the purchase order from Coupa');
        const po = await coupa(`purchase order ${poKey}`).readCoupaPurchaseOrderForEncumbrance(poId);

        if (ENDED_STATUSES.includes(po.status)) {
          if (!state.posted) {
            tracker.warn(`PO ${po.poNumber} is ${po.status} with no obligation recorded: nothing to release.`);
            return 'closed-without-obligation';
          }
          tracker.step(`releasing the obligation of version ${state.posted.version}`);
          const release = await planningActivities(`plan release of PO ${po.poNumber}`).planObligationRelease({ po, posted: state.posted.journal, postedVersion: state.posted.version });
          const posted = await workday(`release obligation of PO ${po.poNumber}`).postJournalOnce(release);
          tracker.recordChange({ system: 'workday', action: 'obligation released', detail: `PO ${po.poNumber} v${state.posted.version}: ${release.controlTotal} (${posted.journalNumber ?? posted.journalId}, ${po.status})` });
          state.posted = null;
          setBudgetStatus('released');
          return 'released';
        }
        if (!OPEN_STATUSES.includes(po.status)) {
          tracker.warn(`PO ${po.poNumber} is ${po.status}: only issued versions are encumbered; waiting for the next event.`);
          return null;
        }
        if (state.posted?.version === po.version) return null; // this version is on the ledger already (a repeated event)

        tracker.step(`planning the obligation of version ${po.version}`);
        const plan = await planningActivities(`plan obligation of PO ${po.poNumber} v${po.version}`).planObligationFromCoupa({
          po,
          posted: state.posted?.journal ?? null,
          postedVersion: state.posted?.version ?? null,
        });
        if (plan.budgetCheck.length > 0) {
          tracker.step(`checking the budget for version ${po.version}`);
          const check = await workday(`budget check of PO ${po.poNumber} v${po.version}`).checkWorkdayBudget({
            company: plan.company,
            accountingDate: plan.journal.accountingDate,
            lines: plan.budgetCheck,
          });
          if (!check.passed) {
            setBudgetStatus('over-budget');
            state.overBudgetLines = check.lines.filter((l) => !l.passed).map((l) => ({ ledgerAccount: l.ledgerAccount, costCenter: l.costCenter, amount: l.requested, available: l.available }));
            const detail = state.overBudgetLines.map((l) => `${l.costCenter}/${l.ledgerAccount} needs ${l.amount}, available ${l.available ?? '?'}`).join('; ');
            const reason = `PO ${po.poNumber} version ${po.version} is over budget (Workday budget check: ${check.status}): ${detail}.`;
            if (plan.overBudget === 'hold') {
              // Not silently posted: held until finance amends the budget (retry), the PO changes (a new event), or skip.
              const decision = await tracker.park({ category: 'data', failureType: BusinessFailureTypes.OverBudget, reason: `${reason} Amend the budget in Workday or revise the PO, then retry; skip leaves this version unencumbered.` }, () => pending > 0);
              if (decision === 'skip') {
                tracker.warn(`Version ${po.version} left unencumbered by support's skip.`);
                return null;
              }
              continue;
            }
            tracker.warn(`${reason} Posted anyway (obligations.overBudget: post-and-flag).`);
          } else {
            setBudgetStatus('within-budget');
            state.overBudgetLines = [];
          }
        } else if (state.budgetStatus !== 'over-budget') {
          setBudgetStatus('within-budget');
        }

        if (plan.reversal && state.posted) {
          tracker.step(`reversing the obligation of version ${state.posted.version}`);
          const reversed = await workday(`reverse obligation of PO ${po.poNumber} v${state.posted.version}`).postJournalOnce(plan.reversal);
          tracker.recordChange({ system: 'workday', action: 'obligation reversed', detail: `PO ${po.poNumber} v${state.posted.version}: ${plan.reversal.controlTotal} (${reversed.journalNumber ?? reversed.journalId})` });
          state.posted = null;
        }
        tracker.step(`recording the obligation of version ${po.version}`);
        const posted = await workday(`obligation of PO ${po.poNumber} v${po.version}`).postJournalOnce(plan.journal);
        state.posted = { version: po.version, journal: plan.journal, journalNumber: posted.journalNumber };
        tracker.recordChange({ system: 'workday', action: 'obligation recorded', detail: `PO ${po.poNumber} v${po.version}: ${plan.journal.controlTotal} ${plan.journal.currency} (${posted.journalNumber ?? posted.journalId})` });
        await coupa(`mark PO ${poKey} exported`).markCoupaPurchaseOrderExported(poId);
        return null;
      } catch (err) {
        const parking = parkingFor(err);
        if (parking === null) throw err;
        if ((await tracker.park(parking, () => pending > 0)) === 'skip') return null;
      }
    }
  }
}
