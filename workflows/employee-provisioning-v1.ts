// employeeProvisioning before the `activities-decide` patch: planning in workflow code, big activities.
// Frozen: only runs started before the patch take this path. Delete it (and activities/provisioning-v1.ts)
// once `make replay` finds no open run without the patch marker; never change its commands.
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { planCoupaUser } from '../mapping/employee-to-coupa-user';
import type { CoupaActivities, WorkdayActivities, ConfigActivities } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../connectors/http/error-types';
import { SyncTracker, parkingFor } from './sync-state';
import type { EmployeeProvisioningInput, EmployeeProvisioningResult } from './employee-provisioning';

const retry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
};
const apiActivityOptions: ActivityOptions = { startToCloseTimeout: '15 seconds', scheduleToCloseTimeout: '1 hour', retry };

export async function employeeProvisioningV1(
  input: EmployeeProvisioningInput,
  tracker: SyncTracker,
  changesRequested: () => number,
): Promise<EmployeeProvisioningResult> {
  const { employeeId } = input;
  const workdayChangedSince = (handled: number) => () => changesRequested() > handled;
  // v1 runs carried their queue names; the defaults are the application's default queue names.
  const workday = proxyActivities<WorkdayActivities>({ ...apiActivityOptions, taskQueue: input.queues?.workday ?? 'workday-api' });
  const coupa = proxyActivities<CoupaActivities>({ ...apiActivityOptions, taskQueue: input.queues?.coupa ?? 'coupa-api' });
  const config = proxyActivities<ConfigActivities>({ startToCloseTimeout: '10 seconds', retry });

  let outcome: EmployeeProvisioningResult['outcome'] = 'unchanged';
  let coupaUserId: number | null = null;
  // v1 set SyncState back to running after a skip, then to done: the same commands must be replayed.
  const parkV1 = async (parking: NonNullable<ReturnType<typeof parkingFor>>, handled: number): Promise<'retry' | 'skip'> => {
    const decision = await tracker.park(parking, workdayChangedSince(handled));
    if (decision === 'skip') tracker.setState('running');
    return decision;
  };

  for (;;) {
    const changesHandled = changesRequested();
    try {
      tracker.step('reading the worker from Workday');
      const reading = await workday.readWorkdayWorker(employeeId);
      if (reading.status === 'terminated') {
        tracker.warn(`Employee ${employeeId} is terminated in Workday; no Coupa user was created or changed.`);
        outcome = 'terminated';
        break;
      }
      tracker.step('mapping the worker to a Coupa user');
      const mapping = await config.loadMappingConfig();
      const plan = planCoupaUser(reading.profile, mapping);
      if (!plan.ok) {
        const parking = { category: plan.fixIn === 'mapping-file' ? 'config' : 'data', failureType: null, reason: plan.problems.join('; ') } as const;
        if ((await parkV1(parking, changesHandled)) === 'skip') {
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
      const parking = parkingFor(err);
      if (parking === null) throw err;
      if ((await parkV1(parking, changesHandled)) === 'skip') {
        outcome = 'skipped';
        break;
      }
      continue;
    }
    if (changesRequested() === changesHandled) break;
  }
  tracker.finish(outcome, 'done');
  return { employeeId, outcome, coupaUserId, status: tracker.status };
}
