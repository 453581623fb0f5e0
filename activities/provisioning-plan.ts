// Plans the Coupa user from what Workday said, with the mapping file as it is now: the decision is recorded in the history.
import { ApplicationFailure } from '@temporalio/activity';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { loadMappingFile } from '../infra/mapping-file';
import { planCoupaUser, type CoupaUserPlan, type WorkdayWorkerProfile } from '../mapping';
import type {
  WorkdayLegalNameReading,
  WorkdayManagerReading,
  WorkdaySupervisoryOrgReading,
  WorkdayWorkerAssignments,
  WorkdayWorkerRecord,
} from './workday-workers';

/** Everything the Workday reads returned, as the workflow collected it. */
export interface WorkdayWorkerReadings {
  worker: WorkdayWorkerRecord;
  legalName: WorkdayLegalNameReading | null;
  assignments: WorkdayWorkerAssignments;
  jobProfile: { id: string; name: string; managementLevel: string | null } | null;
  supervisoryOrg: WorkdaySupervisoryOrgReading | null;
  manager: WorkdayManagerReading;
}

export function workerProfileFrom(readings: WorkdayWorkerReadings): WorkdayWorkerProfile {
  const { worker, legalName, assignments, jobProfile, supervisoryOrg, manager } = readings;
  return {
    workerWid: worker.workerWid,
    employeeId: worker.employeeId,
    firstName: legalName?.firstName ?? '',
    lastName: legalName?.lastName ?? '',
    workEmail: worker.workEmail,
    businessTitle: worker.businessTitle,
    jobProfile: jobProfile ? { id: jobProfile.id, name: jobProfile.name } : null,
    managementLevel: jobProfile?.managementLevel ?? null,
    supervisoryOrganization: supervisoryOrg ? { id: supervisoryOrg.id, code: supervisoryOrg.code, name: supervisoryOrg.name } : null,
    managesSupervisoryOrganization: supervisoryOrg?.managerWids.includes(worker.workerWid) ?? false,
    manager,
    costCenter: assignments.costCenter,
    company: assignments.company,
  };
}

export function createProvisioningPlanActivities(mappingFile: string) {
  return {
    /**
     * Reads the mapping file (an admin's fix applies on the next retry) and plans the Coupa user.
     * Only the plan enters the history, never the whole mapping file.
     */
    async planCoupaUserFromWorkday(readings: WorkdayWorkerReadings): Promise<CoupaUserPlan> {
      let mapping;
      try {
        mapping = loadMappingFile(mappingFile);
      } catch (err) {
        throw ApplicationFailure.create({ type: BusinessFailureTypes.MappingConfigError, nonRetryable: true, message: err instanceof Error ? err.message : String(err) });
      }
      const outcome = planCoupaUser(workerProfileFrom(readings), mapping);
      if (outcome.ok) return outcome.value;
      throw ApplicationFailure.create({
        type: outcome.fixIn === 'mapping-file' ? BusinessFailureTypes.MappingMissing : BusinessFailureTypes.SourceDataIncomplete,
        nonRetryable: true,
        message: outcome.problems.join('; '),
      });
    },
  };
}
