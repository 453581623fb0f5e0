// Workday activities of employee provisioning: read one worker as the mapping needs it.
import { ApplicationFailure } from '@temporalio/common';
import type { WorkdayClient } from '../connectors/workday';
import type { WorkdayWorkerProfile } from '../mapping/types';

export function createWorkdayWorkerActivities(workday: WorkdayClient) {
  return {
    async readWorkdayWorker(employeeId: string): Promise<WorkdayWorkerProfile> {
      const profile = await workday.getWorkerProfile(employeeId);
      if (!profile) {
        throw ApplicationFailure.create({
          type: 'NotFound',
          nonRetryable: true,
          message: `Employee ${employeeId} was not found in Workday (active or terminated). Check the employee ID, then retry.`,
        });
      }
      return profile;
    },
  };
}
