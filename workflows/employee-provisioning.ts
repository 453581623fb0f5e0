// employeeProvisioning: a Workday hire or job change becomes a correctly configured Coupa user.
import {
  proxyActivities,
  setHandler,
  defineSignal,
  upsertSearchAttributes,
  type ActivityOptions,
} from '@temporalio/workflow';
import { planCoupaUser } from '../mapping/employee-to-coupa-user';
import type { CoupaActivities, WorkdayActivities, ConfigActivities } from '../activities';
import { BusinessProcessKey, EmployeeIdKey, SyncTracker, businessFailureReason, type ProcessStatus } from './sync-state';

export const EMPLOYEE_PROVISIONING = 'employee-provisioning';
export const employeeProvisioningWorkflowId = (employeeId: string): string => `${EMPLOYEE_PROVISIONING}/${employeeId}`;

/** Task queues of the API activities; the worker registers them under the same names. */
export interface ProvisioningQueues {
  coupa: string;
  workday: string;
}

export interface EmployeeProvisioningInput {
  employeeId: string;
  queues: ProvisioningQueues;
  /** What Workday event asked for this run: only for the audit trail. */
  trigger?: 'hire' | 'job-change' | 'manual';
}

export interface EmployeeProvisioningResult {
  employeeId: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped' | 'terminated';
  coupaUserId: number | null;
  status: ProcessStatus;
}

/** Another Workday event for this employee arrived while the run was busy: read Workday again before finishing. */
export const workdayChangedSignal = defineSignal<[trigger?: string]>('workdayChanged');

// Transport failures (429, 5xx, timeouts) retry with backoff forever within the schedule-to-close
// window; the data's failures (validation, not found, business rules) fail fast and park the run.
const retry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: ['ValidationFailed', 'NotFound', 'BusinessRuleViolation', 'AuthFailed', 'InvalidResponse', 'MappingConfigError'],
};
const apiActivityOptions: ActivityOptions = { startToCloseTimeout: '15 seconds', scheduleToCloseTimeout: '1 hour', retry };

export async function employeeProvisioning(input: EmployeeProvisioningInput): Promise<EmployeeProvisioningResult> {
  const { employeeId } = input;
  const tracker = new SyncTracker(EMPLOYEE_PROVISIONING, employeeId);
  let changesRequested = 0;
  setHandler(workdayChangedSignal, () => {
    changesRequested += 1;
  });
  // A parked run retries by itself when Workday reports a change: the fix may be in the new data.
  const workdayChangedSince = (handled: number) => () => changesRequested > handled;
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: EMPLOYEE_PROVISIONING },
    { key: EmployeeIdKey, value: employeeId },
  ]);
  tracker.setState('running');

  const workday = proxyActivities<WorkdayActivities>({ ...apiActivityOptions, taskQueue: input.queues.workday });
  const coupa = proxyActivities<CoupaActivities>({ ...apiActivityOptions, taskQueue: input.queues.coupa });
  const config = proxyActivities<ConfigActivities>({ startToCloseTimeout: '10 seconds', retry });

  let outcome: EmployeeProvisioningResult['outcome'] = 'unchanged';
  let coupaUserId: number | null = null;

  for (;;) {
    const changesHandled = changesRequested;
    try {
      tracker.step('reading the worker from Workday');
      const reading = await workday.readWorkdayWorker(employeeId);
      if (reading.status === 'terminated') {
        // A late hire or job-change event for someone who has left: never (re)activate a Coupa user.
        tracker.warn(`Employee ${employeeId} is terminated in Workday; no Coupa user was created or changed.`);
        outcome = 'terminated';
        break;
      }
      const worker = reading.profile;

      tracker.step('mapping the worker to a Coupa user');
      const mapping = await config.loadMappingConfig();
      const plan = planCoupaUser(worker, mapping);
      if (!plan.ok) {
        if ((await tracker.park(plan.problems.join('; '), workdayChangedSince(changesHandled))) === 'skip') {
          outcome = 'skipped';
          break;
        }
        continue;
      }

      tracker.step('creating or updating the Coupa user');
      const user = await coupa.upsertCoupaUser(plan.value);
      coupaUserId = user.userId;
      user.warnings.forEach((w) => tracker.warn(w));
      if (user.action !== 'unchanged') {
        tracker.recordChange({ system: 'coupa', action: `user ${user.action}`, detail: `user ${user.userId}: ${user.changedFields.join(', ')}` });
      }

      tracker.step('syncing approval group memberships');
      const groups = await coupa.syncCoupaApprovalGroups({
        userId: user.userId,
        approvalGroups: plan.value.approvalGroups,
        managedApprovalGroups: plan.value.managedApprovalGroups,
      });
      for (const name of groups.added) tracker.recordChange({ system: 'coupa', action: 'added to approval group', detail: name });
      for (const name of groups.removed) tracker.recordChange({ system: 'coupa', action: 'removed from approval group', detail: name });

      if (outcome !== 'created') {
        const changed = user.action !== 'unchanged' || groups.added.length + groups.removed.length > 0;
        outcome = user.action === 'created' ? 'created' : changed ? 'updated' : outcome;
      }
      tracker.status.lastError = null;
    } catch (err) {
      const reason = businessFailureReason(err);
      if (reason === null) throw err;
      if ((await tracker.park(reason, workdayChangedSince(changesHandled))) === 'skip') {
        outcome = 'skipped';
        break;
      }
      continue;
    }
    // A job change that landed mid-run is applied before finishing, so nothing is lost.
    if (changesRequested === changesHandled) break;
  }

  tracker.finish(outcome);
  return { employeeId, outcome, coupaUserId, status: tracker.status };
}

