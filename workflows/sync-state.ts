// What every business-process workflow shares: search attributes, the status query, current details, and parking with retry/skip.
import {
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  metricMeter,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  TimeoutFailure,
  TerminatedFailure,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, RetryState, SearchAttributeType } from '@temporalio/common';
import { PARKING_ACTION, PARKING_CATEGORY_BY_FAILURE_TYPE, type ParkingCategory } from '../connectors/http/error-types';

export type { ParkingCategory } from '../connectors/http/error-types';

export const BusinessProcessKey = defineSearchAttributeKey('BusinessProcess', SearchAttributeType.KEYWORD);
export const EmployeeIdKey = defineSearchAttributeKey('EmployeeId', SearchAttributeType.KEYWORD);
export const SupplierIdKey = defineSearchAttributeKey('SupplierId', SearchAttributeType.KEYWORD);
export const CoupaDocumentIdKey = defineSearchAttributeKey('CoupaDocumentId', SearchAttributeType.KEYWORD);
export const SyncStateKey = defineSearchAttributeKey('SyncState', SearchAttributeType.KEYWORD);
/** The category of the run's last parking (data/auth/config/outage/contract): the parked-runs gauge counts by it. */
export const ParkingCategoryKey = defineSearchAttributeKey('ParkingCategory', SearchAttributeType.KEYWORD);

export type SyncState = 'running' | 'waiting' | 'needs-attention' | 'done' | 'skipped';

/** Signals stay for bulk action (`temporal workflow signal --query …`); a signal to a run that is not parked is noted and ignored. */
export const retrySignal = defineSignal('retry');
export const skipSignal = defineSignal<[reason?: string]>('skip');
/** The same as updates, for one run: the caller gets an answer, and a run that is not parked refuses them. */
export const retryUpdate = defineUpdate<string>('retryParked');
export const skipUpdate = defineUpdate<string, [reason: string]>('skipParked');

/** A change made in one of the systems, for the status query and the audit trail. */
export interface ChangeRecord {
  system: 'coupa' | 'workday';
  action: string;
  detail: string;
}

/** Why a run waits for a person, and what that person does. */
export interface Parking {
  category: ParkingCategory;
  reason: string;
  whatToDo: string;
  /** The failure type behind it (`AuthFailed`, `MappingMissing`, …), for filters and tickets. */
  failureType: string | null;
  /** The step the run was on. */
  step: string;
}

export interface ProcessStatus {
  businessProcess: string;
  businessKey: string;
  syncState: SyncState;
  step: string;
  changes: ChangeRecord[];
  warnings: string[];
  /** `category: reason` of the last parking; null once the run got past it. */
  lastError: string | null;
  /** Set while the run is parked. */
  parking: Parking | null;
  /** How many times a person has sent `retry` to this run. */
  retries: number;
  outcome: string | null;
}

export const statusQuery = defineQuery<ProcessStatus>('status');

/**
 * Tracks a run's status, mirrors its SyncState into the search attribute and the Web UI's current
 * details, and implements the park-until-retry-or-skip convention. Create it first thing in the workflow.
 */
export class SyncTracker {
  readonly status: ProcessStatus;
  private decision: 'retry' | 'skip' | null = null;
  private parked = false;

  constructor(businessProcess: string, businessKey: string) {
    this.status = {
      businessProcess,
      businessKey,
      syncState: 'running',
      step: 'starting',
      changes: [],
      warnings: [],
      lastError: null,
      parking: null,
      retries: 0,
      outcome: null,
    };
    // Business metrics on the worker's Prometheus endpoint; the SDK does not emit them on replay.
    metricMeter.createCounter('sync_runs_started_total', 'runs', 'Runs started, by business process').add(1, { process: businessProcess });
    setHandler(statusQuery, () => this.status);
    setHandler(retrySignal, () => {
      if (this.parked) this.decision = 'retry';
      else this.ignored('retry');
    });
    setHandler(skipSignal, (reason?: string) => {
      if (!this.parked) return this.ignored('skip');
      this.decide('skip', reason);
    });
    setHandler(
      retryUpdate,
      () => {
        this.decide('retry');
        return `retrying ${this.describeRun()} from step "${this.status.parking?.step ?? this.status.step}"`;
      },
      { validator: () => this.assertParked('retry') },
    );
    setHandler(
      skipUpdate,
      (reason: string) => {
        this.decide('skip', reason);
        return `skipped ${this.describeRun()}: ${reason}`;
      },
      {
        validator: (reason: string) => {
          this.assertParked('skip');
          // The audit trail needs to say why a record was never synced.
          if (typeof reason !== 'string' || reason.trim() === '') throw new Error('skip needs a reason (why this record is not synced)');
        },
      },
    );
    this.showDetails();
  }

  step(name: string): void {
    this.status.step = name;
    this.showDetails();
  }

  setState(state: SyncState, parkingCategory?: ParkingCategory): void {
    if (this.status.syncState === state) return;
    this.status.syncState = state;
    // One upsert either way: the category rides along with needs-attention, so parking adds no command.
    upsertSearchAttributes([{ key: SyncStateKey, value: state }, ...(parkingCategory ? [{ key: ParkingCategoryKey, value: parkingCategory }] : [])]);
    this.showDetails();
  }

  recordChange(change: ChangeRecord): void {
    this.status.changes.push(change);
  }

  warn(message: string): void {
    if (!this.status.warnings.includes(message)) this.status.warnings.push(message);
  }

  /**
   * Parks the run as needs-attention until support fixes the cause and sends `retry`, or sends `skip`.
   * `newEventArrived` lets a fresh business event (the source data changed) retry without support.
   */
  async park(parking: Omit<Parking, 'whatToDo' | 'step'>, newEventArrived: () => boolean = () => false): Promise<'retry' | 'skip'> {
    this.status.parking = { ...parking, whatToDo: PARKING_ACTION[parking.category], step: this.status.step };
    this.status.lastError = `${parking.category}: ${parking.reason}`;
    this.parked = true;
    this.decision = null;
    log.warn('run parked for a person', { category: parking.category, failureType: parking.failureType, step: this.status.step });
    metricMeter.createCounter('sync_run_parkings_total', 'runs', 'Times a run parked, by process and category').add(1, { process: this.status.businessProcess, category: parking.category });
    this.setState('needs-attention', parking.category);
    await condition(() => this.decision !== null || newEventArrived());
    // No decision means a new business event woke the run: that is a retry nobody had to send.
    const decision = this.decision ?? 'retry';
    if (this.decision === 'retry') this.status.retries += 1;
    this.parked = false;
    this.decision = null;
    this.status.parking = null;
    if (decision === 'retry') this.setState('running');
    return decision;
  }

  /** The run's last state: `done` or `skipped` (or `waiting` runs finish later). */
  finish(outcome: string, state: Extract<SyncState, 'done' | 'skipped'> = 'done'): void {
    this.status.outcome = outcome;
    this.status.step = 'finished';
    this.status.parking = null;
    this.setState(state);
    this.showDetails();
    metricMeter.createCounter('sync_runs_finished_total', 'runs', 'Runs finished, by process and outcome (done, skipped)').add(1, { process: this.status.businessProcess, outcome: state });
  }

  private decide(decision: 'retry' | 'skip', reason?: string): void {
    this.decision = decision;
    if (decision === 'skip' && reason) this.status.warnings.push(`skipped by support: ${reason}`);
  }

  private assertParked(what: 'retry' | 'skip'): void {
    if (this.parked && this.decision === null) return;
    const why = this.parked ? `a ${this.decision} is already on its way` : `it is ${this.status.syncState}, at step "${this.status.step}"`;
    throw new Error(`${this.describeRun()} is not parked, so there is nothing to ${what}: ${why}`);
  }

  private ignored(what: 'retry' | 'skip'): void {
    const note = `a ${what} signal arrived while the run was ${this.status.syncState} (step "${this.status.step}") and was ignored: only a parked run takes it`;
    this.warn(note);
    log.info(note);
  }

  private describeRun(): string {
    return `${this.status.businessProcess} ${this.status.businessKey}`;
  }

  /** The Web UI's "current details": the step, or the parking reason and what to do, readable without a query. */
  private showDetails(): void {
    const s = this.status;
    const lines = [`**${s.businessProcess} ${s.businessKey}**: ${s.syncState}`];
    if (s.parking) {
      lines.push(
        `**Needs attention (${s.parking.category})** at step "${s.parking.step}": ${s.parking.reason}`,
        `**What to do:** ${s.parking.whatToDo}`,
        'Send the `retry` signal after the fix, or `skip` with a reason.',
      );
    } else {
      lines.push(`Step: ${s.step}`);
    }
    if (s.outcome) lines.push(`Outcome: ${s.outcome}`);
    if (s.retries > 0) lines.push(`Retried ${s.retries} time(s) after parking.`);
    setCurrentDetails(lines.join('\n\n'));
  }
}

/** What to park on, from a failure that reached the workflow; null when the failure must fail or cancel the run. */
export function parkingFor(err: unknown): Omit<Parking, 'whatToDo' | 'step'> | null {
  if (err instanceof CancelledFailure || err instanceof TerminatedFailure) return null;
  const failure = err instanceof ActivityFailure ? err.cause : err;
  if (failure instanceof TimeoutFailure) {
    // The retry window (schedule-to-close) is spent: the cause holds the last attempt's failure.
    const last = failure.cause;
    const lastWords = last instanceof ApplicationFailure || last instanceof TimeoutFailure ? ` Last attempt: ${last.message}` : '';
    return {
      category: 'outage',
      failureType: `Timeout:${failure.timeoutType ?? 'unknown'}`,
      reason: `${activityName(err)} did not succeed within its retry window (${failure.message}).${lastWords}`,
    };
  }
  if (failure instanceof ApplicationFailure) {
    const type = failure.type ?? null;
    const category = (type && PARKING_CATEGORY_BY_FAILURE_TYPE[type]) || null;
    // Temporal gave up on a retryable failure because the window (or the attempts) ran out.
    const retriesSpent = err instanceof ActivityFailure && (err.retryState === RetryState.TIMEOUT || err.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED);
    if (retriesSpent && (category === 'outage' || category === null)) {
      return { category: 'outage', failureType: type, reason: `${activityName(err)} did not succeed within its retry window. Last attempt: ${failure.message}` };
    }
    if (category) return { category, failureType: type, reason: failure.message };
    // A type nobody classified (a bug in an activity, most likely): park rather than lose the run.
    return { category: 'contract', failureType: type, reason: `unexpected failure in ${activityName(err)} (${type ?? 'no type'}): ${failure.message}. See the worker logs.` };
  }
  return null;
}

function activityName(err: unknown): string {
  return err instanceof ActivityFailure ? `activity ${err.activityType}` : 'the step';
}
