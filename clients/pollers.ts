// The change-detection pollers and their Temporal Schedules: install (create or update), and the generic list/pause/resume/trigger that works for every schedule in the namespace.
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Duration, Workflow } from '@temporalio/common';
import {
  workdayWorkerChangesPoll,
  workdayWorkerChangesPollerWorkflowId,
  WORKDAY_WORKER_CHANGES_POLLER,
  type WorkdayWorkerChangesPollInput,
} from '../workflows/workday-worker-changes-poller';
import { coupaApprovedInvoicesPoll, coupaInvoiceApprovalsPollerWorkflowId, COUPA_INVOICE_APPROVALS_POLLER, type CoupaInvoiceApprovalsPollInput } from '../workflows/coupa-invoice-approvals-poller';
import { coupaPurchaseOrderChangesPoll, coupaPurchaseOrderChangesPollerWorkflowId, COUPA_PURCHASE_ORDER_CHANGES_POLLER } from '../workflows/coupa-purchase-order-changes-poller';
import { BusinessProcessKey, SyncStateKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';
import { installIntervalSchedule } from './interval-schedules';

export interface PollerDefinition {
  /** The name people use: `pollers install workday-worker-changes`. */
  name: string;
  scheduleId: string;
  description: string;
  defaultEvery: Duration;
  action(queues: QueueConfig, since: string, options: PollerOptions): ScheduleOptionsStartWorkflowAction<Workflow>;
}

export interface PollerOptions {
  /** How far back each window reaches before the cursor, seconds. */
  overlapSeconds?: number;
  pageSize?: number;
  /** Coupa invoices: `exported-flag` (default) or `watermark` (updated-at). */
  mode?: 'exported-flag' | 'watermark';
}

const workdayWorkerChanges: PollerDefinition = {
  name: 'workday-worker-changes',
  scheduleId: `${WORKDAY_WORKER_CHANGES_POLLER}-schedule`,
  description: 'Workday Get_Workers transaction log (entry and effective windows) → hires, job changes, terminations',
  defaultEvery: '1 minute',
  action(queues, since, options) {
    const input: WorkdayWorkerChangesPollInput = { since, ...options };
    return {
      type: 'startWorkflow',
      workflowType: workdayWorkerChangesPoll,
      // Temporal appends the scheduled time: poller/workday-worker-changes-poller-<time>.
      workflowId: workdayWorkerChangesPollerWorkflowId(),
      taskQueue: queues.TASK_QUEUE_WORKFLOWS,
      args: [input],
      staticSummary: 'Workday change detection: transaction log since the cursor → employee provisioning and offboarding runs',
      typedSearchAttributes: [
        { key: BusinessProcessKey, value: WORKDAY_WORKER_CHANGES_POLLER },
        { key: SyncStateKey, value: 'running' },
      ],
    } satisfies ScheduleOptionsStartWorkflowAction<typeof workdayWorkerChangesPoll> as ScheduleOptionsStartWorkflowAction<Workflow>;
  },
};

const coupaInvoiceApprovals: PollerDefinition = {
  name: 'coupa-invoice-approvals',
  scheduleId: `${COUPA_INVOICE_APPROVALS_POLLER}-schedule`,
  description: 'Coupa approved invoices (exported=false, or updated-at) → invoice posting',
  defaultEvery: '1 minute',
  action(queues, since, options) {
    const input: CoupaInvoiceApprovalsPollInput = { since, ...(options.overlapSeconds !== undefined ? { overlapSeconds: options.overlapSeconds } : {}), ...(options.mode ? { mode: options.mode } : {}) };
    return {
      type: 'startWorkflow',
      workflowType: coupaApprovedInvoicesPoll,
      workflowId: coupaInvoiceApprovalsPollerWorkflowId(),
      taskQueue: queues.TASK_QUEUE_WORKFLOWS,
      args: [input],
      staticSummary: 'Coupa change detection: approved invoices → invoice posting runs',
      typedSearchAttributes: [
        { key: BusinessProcessKey, value: COUPA_INVOICE_APPROVALS_POLLER },
        { key: SyncStateKey, value: 'running' },
      ],
    } satisfies ScheduleOptionsStartWorkflowAction<typeof coupaApprovedInvoicesPoll> as ScheduleOptionsStartWorkflowAction<Workflow>;
  },
};

const coupaPurchaseOrderChanges: PollerDefinition = {
  name: 'coupa-purchase-order-changes',
  scheduleId: `${COUPA_PURCHASE_ORDER_CHANGES_POLLER}-schedule`,
  description: 'Coupa purchase orders issued, closed or cancelled (updated-at) → PO encumbrance',
  defaultEvery: '1 minute',
  action(queues, since, options) {
    return {
      type: 'startWorkflow',
      workflowType: coupaPurchaseOrderChangesPoll,
      workflowId: coupaPurchaseOrderChangesPollerWorkflowId(),
      taskQueue: queues.TASK_QUEUE_WORKFLOWS,
      args: [{ since, ...(options.overlapSeconds !== undefined ? { overlapSeconds: options.overlapSeconds } : {}) }],
      staticSummary: 'Coupa change detection: purchase orders since the cursor → PO encumbrance runs',
      typedSearchAttributes: [
        { key: BusinessProcessKey, value: COUPA_PURCHASE_ORDER_CHANGES_POLLER },
        { key: SyncStateKey, value: 'running' },
      ],
    } satisfies ScheduleOptionsStartWorkflowAction<typeof coupaPurchaseOrderChangesPoll> as ScheduleOptionsStartWorkflowAction<Workflow>;
  },
};

/** Every poller this project installs; the supplier and payment pollers of other areas append theirs. */
export const POLLERS: readonly PollerDefinition[] = [workdayWorkerChanges, coupaInvoiceApprovals, coupaPurchaseOrderChanges];

export function pollerNamed(name: string): PollerDefinition {
  const poller = POLLERS.find((p) => p.name === name);
  if (!poller) throw new Error(`unknown poller "${name}" (known: ${POLLERS.map((p) => p.name).join(', ')})`);
  return poller;
}

/**
 * Creates the poller's schedule, or updates its interval. Overlap SKIP keeps polls one after the
 * other: each starts from the cursor the previous one returned (the schedule's last completion
 * result), so two never poll the same window. `since` is where a first poll starts (default now).
 */
export async function installPollerSchedule(
  client: Client,
  queues: QueueConfig,
  name: string,
  options: PollerOptions & { every?: Duration; since?: Date; paused?: boolean } = {},
): Promise<'created' | 'updated'> {
  const poller = pollerNamed(name);
  const every = options.every ?? poller.defaultEvery;
  const since = (options.since ?? new Date()).toISOString();
  const note = `${poller.description}, every ${String(every)}`;
  const { every: _every, since: _since, paused, ...pollOptions } = options;
  return installIntervalSchedule(client, {
    scheduleId: poller.scheduleId,
    every,
    action: poller.action(queues, since, pollOptions),
    note,
    // A poll that was missed (server down, paused) is not made up one by one: the next poll covers the gap from the cursor.
    catchupWindow: '1 minute',
    paused: paused === true,
    // The action's `since` stays: the cursor lives in the runs' results, and a pause someone set stays too.
    keepAction: true,
  });
}

export interface ScheduleSummary {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  workflowType: string | null;
  nextActionAt: string | null;
  recentActions: number;
}

/** Every schedule in the namespace (pollers, org sync, cost centers, anyone's). */
export async function listSchedules(client: Client): Promise<ScheduleSummary[]> {
  const summaries: ScheduleSummary[] = [];
  for await (const schedule of client.schedule.list()) {
    summaries.push({
      scheduleId: schedule.scheduleId,
      paused: schedule.state.paused,
      note: schedule.state.note ?? null,
      workflowType: schedule.action?.type === 'startWorkflow' ? schedule.action.workflowType : null,
      nextActionAt: schedule.info.nextActionTimes[0]?.toISOString() ?? null,
      recentActions: schedule.info.recentActions.length,
    });
  }
  return summaries.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
}

/** Pause or resume any schedule by ID; a poller resumed goes on from its cursor, so a pause loses nothing. */
export async function setSchedulePaused(client: Client, scheduleId: string, paused: boolean, note?: string): Promise<'done' | 'absent'> {
  try {
    const handle = client.schedule.getHandle(scheduleId);
    if (paused) await handle.pause(note ?? 'paused from the CLI');
    else await handle.unpause(note ?? 'resumed from the CLI');
    return 'done';
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return 'absent';
    throw err;
  }
}

/** Runs a schedule's action now (a poll between intervals); skipped like any other if one is still running. */
export async function triggerSchedule(client: Client, scheduleId: string): Promise<'done' | 'absent'> {
  try {
    await client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.SKIP);
    return 'done';
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return 'absent';
    throw err;
  }
}
