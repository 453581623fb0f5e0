// Starting orgHierarchySync on demand, and installing (or removing) the Temporal Schedule that runs it on an interval.
import { randomUUID } from 'node:crypto';
import {
  WorkflowIdConflictPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { orgHierarchySync, orgHierarchySyncWorkflowId, ORG_HIERARCHY_SYNC, type OrgHierarchySyncInput } from '../workflows/org-hierarchy-sync';
import { BusinessProcessKey, SyncStateKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';
import { installIntervalSchedule, removeSchedule } from './interval-schedules';

export const ORG_HIERARCHY_SYNC_SCHEDULE_ID = 'org-hierarchy-sync-schedule';
export const DEFAULT_ORG_SYNC_INTERVAL = '1h';
const ALL = 'all';

const SCOPE = /^[A-Za-z0-9_-]{1,40}$/;

export function assertOrgSyncScope(scope: string): void {
  if (!SCOPE.test(scope)) throw new Error(`"${scope}" is not an org sync scope: "all" or a supervisory organization code (letters, digits, - and _)`);
}

const searchAttributes = [
  { key: BusinessProcessKey, value: ORG_HIERARCHY_SYNC },
  { key: SyncStateKey, value: 'running' },
];

/**
 * Starts a sync of `scope` (default all). A second request while one runs lands on the running one
 * (same workflow ID). A dry run gets its own ID, so a preview never waits on, or stands in for, a real sync.
 */
export async function requestOrgHierarchySync(
  client: Client,
  queues: QueueConfig,
  options: { scope?: string; dryRun?: boolean; trigger?: NonNullable<OrgHierarchySyncInput['trigger']> } = {},
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof orgHierarchySync>> {
  const scope = options.scope ?? ALL;
  assertOrgSyncScope(scope);
  const dryRun = options.dryRun === true;
  const trigger = options.trigger ?? 'manual';
  return client.workflow.start(orgHierarchySync, {
    workflowId: dryRun ? `${orgHierarchySyncWorkflowId(scope)}/dry-run-${randomUUID().slice(0, 8)}` : orgHierarchySyncWorkflowId(scope),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ scope, dryRun, trigger }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    staticSummary: `Org hierarchy sync${dryRun ? ' (dry run)' : ''}: Workday supervisory orgs (${scope}) → Coupa approval groups and managers (${trigger})`,
    typedSearchAttributes: searchAttributes,
  });
}

export interface OrgSyncScheduleOptions {
  /** How often, e.g. "1h", "15 minutes" (default 1h). */
  every?: Duration;
  scope?: string;
}

function scheduleAction(queues: QueueConfig, scope: string): ScheduleOptionsStartWorkflowAction<typeof orgHierarchySync> {
  return {
    type: 'startWorkflow',
    workflowType: orgHierarchySync,
    // Temporal appends the scheduled time to this ID, so each run is org-hierarchy-sync/all-<time>.
    workflowId: orgHierarchySyncWorkflowId(scope),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ scope, trigger: 'schedule' }],
    staticSummary: `Org hierarchy sync (scheduled): Workday supervisory orgs (${scope}) → Coupa approval groups and managers`,
    typedSearchAttributes: searchAttributes,
  };
}

/**
 * Installs the schedule, or updates it when it exists (a second install with another interval moves
 * it rather than failing). Overlap SKIP: while a sync runs, or waits parked for a person, the next
 * one is skipped, never stacked.
 */
export async function installOrgHierarchySyncSchedule(client: Client, queues: QueueConfig, options: OrgSyncScheduleOptions = {}): Promise<'created' | 'updated'> {
  const scope = options.scope ?? ALL;
  assertOrgSyncScope(scope);
  const every = options.every ?? DEFAULT_ORG_SYNC_INTERVAL;
  return installIntervalSchedule(client, { scheduleId: ORG_HIERARCHY_SYNC_SCHEDULE_ID, every, action: scheduleAction(queues, scope), note: `org hierarchy sync of ${scope} every ${String(every)}` });
}

/** Deletes the schedule; runs it already started finish. */
export async function removeOrgHierarchySyncSchedule(client: Client): Promise<'removed' | 'absent'> {
  return removeSchedule(client, ORG_HIERARCHY_SYNC_SCHEDULE_ID);
}
