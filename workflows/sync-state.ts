// What every business-process workflow shares: search attributes, the status query, and parking on business errors.
import {
  condition,
  defineQuery,
  defineSignal,
  setHandler,
  upsertSearchAttributes,
  ActivityFailure,
  ApplicationFailure,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const BusinessProcessKey = defineSearchAttributeKey('BusinessProcess', SearchAttributeType.KEYWORD);
export const EmployeeIdKey = defineSearchAttributeKey('EmployeeId', SearchAttributeType.KEYWORD);
export const SupplierIdKey = defineSearchAttributeKey('SupplierId', SearchAttributeType.KEYWORD);
export const CoupaDocumentIdKey = defineSearchAttributeKey('CoupaDocumentId', SearchAttributeType.KEYWORD);
export const SyncStateKey = defineSearchAttributeKey('SyncState', SearchAttributeType.KEYWORD);

export type SyncState = 'running' | 'waiting' | 'needs-attention' | 'done';

export const retrySignal = defineSignal('retry');
export const skipSignal = defineSignal<[reason?: string]>('skip');

/** Types of activity failures that are the data's fault, not the network's: they park the run. */
export const BUSINESS_FAILURE_TYPES = ['ValidationFailed', 'NotFound', 'BusinessRuleViolation'] as const;

/** A change made in one of the systems, for the status query and the audit trail. */
export interface ChangeRecord {
  system: 'coupa' | 'workday';
  action: string;
  detail: string;
}

export interface ProcessStatus {
  businessProcess: string;
  businessKey: string;
  syncState: SyncState;
  step: string;
  changes: ChangeRecord[];
  warnings: string[];
  lastError: string | null;
  /** How many times a person has sent `retry` to this run. */
  retries: number;
  outcome: string | null;
}

export const statusQuery = defineQuery<ProcessStatus>('status');

/**
 * Tracks a run's status, mirrors its SyncState into the search attribute, and implements the
 * park-until-retry-or-skip convention. Create it first thing in the workflow.
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
      retries: 0,
      outcome: null,
    };
    setHandler(statusQuery, () => this.status);
    setHandler(retrySignal, () => {
      if (this.parked) this.decision = 'retry';
    });
    setHandler(skipSignal, (reason?: string) => {
      if (!this.parked) return;
      this.decision = 'skip';
      if (reason) this.status.warnings.push(`skipped by support: ${reason}`);
    });
  }

  step(name: string): void {
    this.status.step = name;
  }

  setState(state: SyncState): void {
    if (this.status.syncState === state) return;
    this.status.syncState = state;
    upsertSearchAttributes([{ key: SyncStateKey, value: state }]);
  }

  recordChange(change: ChangeRecord): void {
    this.status.changes.push(change);
  }

  warn(message: string): void {
    if (!this.status.warnings.includes(message)) this.status.warnings.push(message);
  }

  /**
   * Parks the run as needs-attention until support fixes the data and sends `retry`, or sends `skip`.
   * `newEventArrived` lets a fresh business event (the source data changed) retry without support.
   */
  async park(reason: string, newEventArrived: () => boolean = () => false): Promise<'retry' | 'skip'> {
    this.status.lastError = reason;
    this.parked = true;
    this.decision = null;
    this.setState('needs-attention');
    await condition(() => this.decision !== null || newEventArrived());
    const decision = this.decision ?? 'retry';
    if (this.decision === 'retry') this.status.retries += 1;
    this.parked = false;
    this.decision = null;
    this.setState('running');
    return decision;
  }

  finish(outcome: string): void {
    this.status.outcome = outcome;
    this.status.step = 'finished';
    this.setState('done');
  }
}

/** The readable reason of a business failure, or null when the failure is not the data's fault. */
export function businessFailureReason(err: unknown): string | null {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  if (failure instanceof ApplicationFailure && (BUSINESS_FAILURE_TYPES as readonly string[]).includes(failure.type ?? '')) {
    return failure.message;
  }
  return null;
}
