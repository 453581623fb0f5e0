// employeeProvisioningPreview: what provisioning an employee would change in Coupa, read and planned exactly as the real run does, with no Coupa write.
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { CoupaUserPreview } from '../activities/provisioning-preview';
import { BusinessProcessKey, EmployeeIdKey } from './sync-state';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';

export const EMPLOYEE_PROVISIONING_PREVIEW = 'employee-provisioning-preview';
/** Each preview is its own run: it never waits on, or stands in for, a real provisioning. */
export const employeeProvisioningPreviewWorkflowId = (employeeId: string, nonce: string): string => `${EMPLOYEE_PROVISIONING_PREVIEW}/${employeeId}/${nonce}`;

export interface EmployeeProvisioningPreviewInput {
  employeeId: string;
}

export type EmployeeProvisioningPreviewResult =
  | ({ employeeId: string; outcome: 'planned'; managerEmployeeId: string | null; costCenterAccount: string } & CoupaUserPreview)
  | { employeeId: string; outcome: 'terminated'; message: string };

/**
 * Reads Workday and plans like employeeProvisioning, then compares with Coupa through read-only
 * activities. A failure (unmapped cost center, missing data) ends the preview with the same typed
 * failure the real run would park on: a preview has nobody waiting to retry it.
 */
export async function employeeProvisioningPreview(input: EmployeeProvisioningPreviewInput): Promise<EmployeeProvisioningPreviewResult> {
  const { employeeId } = input;
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: EMPLOYEE_PROVISIONING_PREVIEW },
    { key: EmployeeIdKey, value: employeeId },
  ]);
  const settings = await currentRunSettings();
  const { workday, coupa } = apiActivities(settings);
  const lookup = await workday(`find employee ${employeeId}`).findWorkdayWorker(employeeId);
  if (lookup.status === 'terminated') {
    return { employeeId, outcome: 'terminated', message: `Employee ${employeeId} is terminated in Workday: provisioning would change nothing in Coupa.` };
  }
  const { worker } = lookup;
  const [legalName, assignments, jobProfile, supervisoryOrg] = await Promise.all([
    workday(`legal name of employee ${employeeId}`).readWorkdayLegalName(worker.workerWid),
    workday(`cost center and company of employee ${employeeId}`).readWorkdayWorkerAssignments(worker.workerWid),
    worker.jobProfileId ? workday('job profile').readWorkdayJobProfile(worker.jobProfileId) : null,
    worker.supervisoryOrganizationId ? workday('supervisory organization').readWorkdaySupervisoryOrganization(worker.supervisoryOrganizationId) : null,
  ]);
  const manager = supervisoryOrg ? await workday(`manager of employee ${employeeId}`).findWorkdayManager({ workerWid: worker.workerWid, supervisoryOrg }) : null;
  const plan = await planningActivities(`plan the Coupa user of employee ${employeeId}`).planCoupaUserFromWorkday({
    worker,
    legalName,
    assignments,
    jobProfile,
    supervisoryOrg,
    manager,
  });
  const coupaManager = await coupa('find the manager').findCoupaManager(plan.managerEmployeeNumber);
  const userId = await coupa(`find the user of employee ${employeeId}`).findCoupaUserId(plan.employeeNumber);
  const preview = await coupa('compare the plan with Coupa (read only)').previewCoupaUserChanges({ plan, manager: coupaManager, userId });
  return { employeeId, outcome: 'planned', managerEmployeeId: plan.managerEmployeeNumber, costCenterAccount: plan.defaultAccount.code, ...preview };
}
