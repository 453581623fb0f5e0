// Starting and steering employeeProvisioning runs: used by the CLI, the demo and (later) the event ingress.
import type { Client, WorkflowHandleWithSignaledRunId } from '@temporalio/client';
import {
  employeeProvisioning,
  employeeProvisioningWorkflowId,
  workdayChangedSignal,
  EMPLOYEE_PROVISIONING,
  type EmployeeProvisioningInput,
} from '../workflows/employee-provisioning';
import { BusinessProcessKey, EmployeeIdKey, SyncStateKey } from '../workflows/sync-state';
import type { TemporalConfig } from '../infra/config';

export type QueueConfig = Pick<TemporalConfig, 'TASK_QUEUE_WORKFLOWS'>;

const EMPLOYEE_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function assertEmployeeId(employeeId: string): void {
  if (!EMPLOYEE_ID.test(employeeId)) {
    throw new Error(`"${employeeId}" is not a Workday employee ID (letters, digits, - and _ only, at most 40)`);
  }
}

/**
 * Asks for a provisioning run for one employee. Signal-with-start collapses duplicate events onto
 * the running run; an event that lands mid-run makes the run read Workday once more.
 */
export async function requestEmployeeProvisioning(
  client: Client,
  queues: QueueConfig,
  employeeId: string,
  trigger: NonNullable<EmployeeProvisioningInput['trigger']> = 'manual',
): Promise<WorkflowHandleWithSignaledRunId<typeof employeeProvisioning>> {
  assertEmployeeId(employeeId);
  return client.workflow.signalWithStart(employeeProvisioning, {
    workflowId: employeeProvisioningWorkflowId(employeeId),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    // Queue names of the API workers are not input: runs read them from the worker's config at each attempt.
    args: [{ employeeId, trigger }],
    // Shown in the Web UI's run list and header: process and business key only, no personal data.
    staticSummary: `Employee provisioning: Workday employee ${employeeId} → Coupa user (${trigger})`,
    signal: workdayChangedSignal,
    signalArgs: [trigger],
    typedSearchAttributes: [
      { key: BusinessProcessKey, value: EMPLOYEE_PROVISIONING },
      { key: EmployeeIdKey, value: employeeId },
      { key: SyncStateKey, value: 'running' },
    ],
  });
}
