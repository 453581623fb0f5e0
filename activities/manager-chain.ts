// Closing the manager chain: a report's run asks the manager's provisioning run to tell it when the manager's Coupa user exists.
import { Context } from '@temporalio/activity';
import { BusinessProcessKey, EmployeeIdKey, SyncStateKey } from '../workflows/sync-state';
import {
  EMPLOYEE_PROVISIONING,
  employeeProvisioning,
  employeeProvisioningWorkflowId,
  reportWaitingForManagerSignal,
} from '../workflows/employee-provisioning';

export function createManagerChainActivities() {
  return {
    /**
     * Signal-with-start on the manager's provisioning run: a running one is told who waits; a finished
     * or never-started one is started, finds or creates the manager's user, and tells the report.
     */
    async requestManagerProvisioning(input: { managerEmployeeId: string; reportWorkflowId: string }): Promise<void> {
      const { client, info } = Context.current();
      await client.workflow.signalWithStart(employeeProvisioning, {
        workflowId: employeeProvisioningWorkflowId(input.managerEmployeeId),
        // The workflow queue this activity polls is the one the workflows run on.
        taskQueue: info.taskQueue,
        args: [{ employeeId: input.managerEmployeeId, trigger: 'manual' }],
        staticSummary: `Employee provisioning: Workday employee ${input.managerEmployeeId} → Coupa user (asked by a report's run)`,
        signal: reportWaitingForManagerSignal,
        signalArgs: [input.reportWorkflowId],
        typedSearchAttributes: [
          { key: BusinessProcessKey, value: EMPLOYEE_PROVISIONING },
          { key: EmployeeIdKey, value: input.managerEmployeeId },
          { key: SyncStateKey, value: 'running' },
        ],
      });
    },
  };
}
