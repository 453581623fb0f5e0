// Workday activities of employee provisioning: read one worker as the mapping needs it.
import { ApplicationFailure } from '@temporalio/common';
import type { WorkdayClient } from '../connectors/workday';
import type { WorkdayWorkerProfile } from '../mapping/types';

/** An active worker's profile, or the fact that Workday has the worker only as terminated. */
export type WorkdayWorkerReading = { status: 'active'; profile: WorkdayWorkerProfile } | { status: 'terminated' };

export function createWorkdayWorkerActivities(workday: WorkdayClient) {
  return {
    async readWorkdayWorker(employeeId: string): Promise<WorkdayWorkerReading> {
      // Workday's REST lists hide terminated workers; a second look tells "terminated" from "unknown".
      const profile = await workday.getWorkerProfile(employeeId, { includeTerminated: false });
      if (profile) return { status: 'active', profile };
      if (await workday.findWorkerByEmployeeId(employeeId, { includeTerminated: true })) return { status: 'terminated' };
      throw ApplicationFailure.create({
        type: 'NotFound',
        nonRetryable: true,
        message: `Employee ${employeeId} was not found in Workday (active or terminated). Check the employee ID, then retry.`,
      });
    },
  };
}
