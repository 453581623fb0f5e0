// Starting and steering employeeOffboarding runs: used by the CLI, the demo and (later) the event ingress.
import type { Client, WorkflowHandleWithSignaledRunId } from '@temporalio/client';
import {
  employeeOffboarding,
  employeeOffboardingWorkflowId,
  terminationChangedSignal,
  EMPLOYEE_OFFBOARDING,
  type EmployeeOffboardingInput,
} from '../workflows/employee-offboarding';
import { BusinessProcessKey, EmployeeIdKey, SyncStateKey } from '../workflows/sync-state';
import { assertEmployeeId, type QueueConfig } from './employee-provisioning';

/**
 * Asks for the offboarding of one employee after a Workday termination (or its correction).
 * Signal-with-start: a second event for the same person reaches the waiting run, which reads
 * Workday again and moves its wake-up if the date changed.
 */
export async function requestEmployeeOffboarding(
  client: Client,
  queues: QueueConfig,
  employeeId: string,
  trigger: NonNullable<EmployeeOffboardingInput['trigger']> = 'termination',
): Promise<WorkflowHandleWithSignaledRunId<typeof employeeOffboarding>> {
  assertEmployeeId(employeeId);
  return client.workflow.signalWithStart(employeeOffboarding, {
    workflowId: employeeOffboardingWorkflowId(employeeId),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ employeeId, trigger }],
    staticSummary: `Employee offboarding: Workday employee ${employeeId} → Coupa work rerouted, user deactivated (${trigger})`,
    signal: terminationChangedSignal,
    signalArgs: [trigger],
    typedSearchAttributes: [
      { key: BusinessProcessKey, value: EMPLOYEE_OFFBOARDING },
      { key: EmployeeIdKey, value: employeeId },
      { key: SyncStateKey, value: 'running' },
    ],
  });
}
