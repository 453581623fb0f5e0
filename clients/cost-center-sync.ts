// Starting costCenterSync on demand, and installing (or removing) the Temporal Schedule that runs it on an interval.
import { randomUUID } from 'node:crypto';
import {
  WorkflowIdConflictPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { costCenterSync, costCenterSyncWorkflowId, COST_CENTER_SYNC, type CostCenterSyncInput } from '../workflows/cost-center-sync';
import { BusinessProcessKey, SyncStateKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';
import { installIntervalSchedule, removeSchedule } from './interval-schedules';

export const COST_CENTER_SYNC_SCHEDULE_ID = 'cost-center-sync-schedule';
export const DEFAULT_COST_CENTER_SYNC_INTERVAL = '1h';
const ALL = 'all';

const searchAttributes = [
  { key: BusinessProcessKey, value: COST_CENTER_SYNC },
  { key: SyncStateKey, value: 'running' },
];

/**
 * Starts a cost center sync. A second request while one runs lands on the running one (same workflow
 * ID). A dry run gets its own ID, so a preview never waits on, or stands in for, a real sync.
 */
export async function requestCostCenterSync(
  client: Client,
  queues: QueueConfig,
  options: { dryRun?: boolean; trigger?: NonNullable<CostCenterSyncInput['trigger']> } = {},
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof costCenterSync>> {
  const dryRun = options.dryRun === true;
  const trigger = options.trigger ?? 'manual';
  return client.workflow.start(costCenterSync, {
    workflowId: dryRun ? `${costCenterSyncWorkflowId(ALL)}/dry-run-${randomUUID().slice(0, 8)}` : costCenterSyncWorkflowId(ALL),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ scope: ALL, dryRun, trigger }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    staticSummary: `Cost center sync${dryRun ? ' (dry run)' : ''}: Workday companies, business units, cost centers → Coupa lookup values and accounts (${trigger})`,
    typedSearchAttributes: searchAttributes,
  });
}

function scheduleAction(queues: QueueConfig): ScheduleOptionsStartWorkflowAction<typeof costCenterSync> {
  return {
    type: 'startWorkflow',
    workflowType: costCenterSync,
    // Temporal appends the scheduled time to this ID, so each run is cost-center-sync/all-<time>.
    workflowId: costCenterSyncWorkflowId(ALL),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ scope: ALL, trigger: 'schedule' }],
    staticSummary: 'Cost center sync (scheduled): Workday companies, business units, cost centers → Coupa lookup values and accounts',
    typedSearchAttributes: searchAttributes,
  };
}

/**
 * Installs the schedule, or updates it when it exists. Overlap SKIP: while a sync runs, or waits
 * parked for a person, the next one is skipped, never stacked.
 */
export async function installCostCenterSyncSchedule(client: Client, queues: QueueConfig, options: { every?: Duration } = {}): Promise<'created' | 'updated'> {
  const every = options.every ?? DEFAULT_COST_CENTER_SYNC_INTERVAL;
  return installIntervalSchedule(client, { scheduleId: COST_CENTER_SYNC_SCHEDULE_ID, every, action: scheduleAction(queues), note: `cost center sync every ${String(every)}` });
}

/** Deletes the schedule; runs it already started finish. */
export async function removeCostCenterSyncSchedule(client: Client): Promise<'removed' | 'absent'> {
  return removeSchedule(client, COST_CENTER_SYNC_SCHEDULE_ID);
}
