// employeeProvisioning: a Workday hire or job change becomes a correctly configured Coupa user.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  workflowInfo,
  setHandler,
  defineSignal,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { apiActivities, currentRunSettings, localPlanningActivities, planningActivities } from './activity-options';
import { BusinessProcessKey, EmployeeIdKey, SyncTracker, parkingFor, type ProcessStatus } from './sync-state';
import { employeeProvisioningV1 } from './employee-provisioning-v1';
import type { CoupaUserPlan } from '../mapping/types';
import type { CoupaManagerLookup } from '../activities/coupa-users';

export { API_ACTIVITY_START_TO_CLOSE_SECONDS } from './activity-options';

export const EMPLOYEE_PROVISIONING = 'employee-provisioning';
export const employeeProvisioningWorkflowId = (employeeId: string): string => `${EMPLOYEE_PROVISIONING}/${employeeId}`;

/**
 * Runs started before this patch planned inside workflow code (v1); they replay and finish on that
 * path. Since it, activities read, plan and write in small steps and the plan is in the history.
 */
export const ACTIVITIES_DECIDE_PATCH = 'activities-decide';

/** @deprecated Task queues were part of the input before ACTIVITIES_DECIDE_PATCH; they now come from the worker's config. */
export interface ProvisioningQueues {
  coupa: string;
  workday: string;
}

export interface EmployeeProvisioningInput {
  employeeId: string;
  /** What Workday event asked for this run: only for the audit trail. */
  trigger?: 'hire' | 'job-change' | 'manual';
  /** @deprecated Read only by runs on the v1 path; new runs take queue names from the worker's config. */
  queues?: ProvisioningQueues;
}

export interface EmployeeProvisioningResult {
  employeeId: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped' | 'terminated';
  coupaUserId: number | null;
  status: ProcessStatus;
}

/** Another Workday event for this employee arrived while the run was busy: read Workday again before finishing. */
export const workdayChangedSignal = defineSignal<[trigger?: string]>('workdayChanged');

/**
 * Since this patch a report whose manager has no Coupa user yet asks the manager's run to tell it
 * when the user exists, waits, and sets the manager field then: a team hired in one batch closes its
 * manager chain by itself, in any order.
 */
export const MANAGER_CHAIN_PATCH = 'manager-chain-closes';
/**
 * Since this patch a run reads Workday once (SOAP Get_Workers with the response groups the mapping
 * needs) and Coupa once (the user and the manager together), then writes only what differs, each
 * activity one request: a new hire costs 3 calls plus one per approval group, an unchanged employee 2
 * reads. Runs started before it replay on the old path (six Workday reads, lookups in every write).
 */
export const ONE_READ_PER_SYSTEM_PATCH = 'one-read-per-system';
/**
 * Since this patch the mapping from Workday worker to Coupa user plan runs as a local activity: one task
 * through the server and one workflow task fewer per run (a burst of hires is bound by the API rates,
 * not by Temporal round trips). Runs started before it replay with the plan as a regular activity.
 */
export const PLAN_LOCALLY_PATCH = 'plan-as-local-activity';
/**
 * Since this patch the Coupa user's read and its one write are one activity (`ensureCoupaUserFromPlan`,
 * a lookup and an idempotent write): still 2 Coupa requests for a new hire, one task through the
 * server and one workflow task fewer. Runs started before it replay with find, then create or update.
 */
export const USER_IN_ONE_ACTIVITY_PATCH = 'user-in-one-activity';
/** To a manager's run: this report's run waits for the manager's Coupa user (its workflow ID). */
export const reportWaitingForManagerSignal = defineSignal<[reportWorkflowId: string]>('reportWaitingForManager');
/** To a report's run: the manager's Coupa user exists now. */
export const managerProvisionedSignal = defineSignal<[managerEmployeeId: string]>('managerProvisioned');
/** How long a report waits for its manager's user before finishing with a warning (a parked manager run is support's to fix). */
export const MANAGER_WAIT = '14 days';

export async function employeeProvisioning(input: EmployeeProvisioningInput): Promise<EmployeeProvisioningResult> {
  const { employeeId } = input;
  const tracker = new SyncTracker(EMPLOYEE_PROVISIONING, employeeId);
  let changesRequested = 0;
  setHandler(workdayChangedSignal, () => {
    changesRequested += 1;
  });
  // Reports waiting for this person's Coupa user; told as soon as it exists (also when they ask later).
  const waitingReports = new Set<string>();
  const notifiedReports = new Set<string>();
  let coupaUserReady = false;
  let managerReady = false;
  const notifyWaitingReports = async (): Promise<void> => {
    for (const reportWorkflowId of [...waitingReports]) {
      if (notifiedReports.has(reportWorkflowId)) continue;
      notifiedReports.add(reportWorkflowId);
      // A report that stopped waiting is gone: nothing to tell.
      await getExternalWorkflowHandle(reportWorkflowId).signal(managerProvisionedSignal, employeeId).catch(() => undefined);
    }
  };
  setHandler(reportWaitingForManagerSignal, async (reportWorkflowId: string) => {
    waitingReports.add(reportWorkflowId);
    if (coupaUserReady) await notifyWaitingReports();
  });
  setHandler(managerProvisionedSignal, () => {
    managerReady = true;
  });
  // A parked run retries by itself when Workday reports a change: the fix may be in the new data.
  const workdayChangedSince = (handled: number) => () => changesRequested > handled;
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: EMPLOYEE_PROVISIONING },
    { key: EmployeeIdKey, value: employeeId },
  ]);
  tracker.setState('running');
  if (!patched(ACTIVITIES_DECIDE_PATCH)) return employeeProvisioningV1(input, tracker, () => changesRequested);
  // Asked once, before the first local activity: a patch asked right after a local activity can land in a
  // later workflow task than the one replay asks it in (a slow local activity heartbeats the task), which
  // replays as nondeterministic.
  const oneReadPerSystem = patched(ONE_READ_PER_SYSTEM_PATCH);
  const planLocally = oneReadPerSystem && patched(PLAN_LOCALLY_PATCH);
  const userInOneActivity = planLocally && patched(USER_IN_ONE_ACTIVITY_PATCH);

  const planning = planningActivities;

  let outcome: EmployeeProvisioningResult['outcome'] = 'unchanged';
  let coupaUserId: number | null = null;

  for (;;) {
    const changesHandled = changesRequested;
    try {
      // Read at every attempt, so a queue renamed in config reaches a parked run when it retries.
      const settings = await currentRunSettings();
      const { workday, coupa } = apiActivities(settings);

      let plan: CoupaUserPlan;
      let coupaManager: CoupaManagerLookup;
      let user: { userId: number; changedFields: string[] };
      let userAction: 'created' | 'updated' | 'unchanged';
      let groups: { add: string[]; remove: string[] };
      if (oneReadPerSystem) {
        // One Workday read, one Coupa read, then only the writes that differ.
        tracker.step('reading the worker from Workday');
        const lookup = await workday(`read employee ${employeeId}`).readWorkdayWorkerProfile(employeeId);
        if (lookup.status === 'terminated') {
          tracker.warn(`Employee ${employeeId} is terminated in Workday; no Coupa user was created or changed.`);
          outcome = 'terminated';
          break;
        }
        tracker.step('planning the Coupa user from the mapping file');
        const planSummary = `plan the Coupa user of employee ${employeeId}`;
        plan = await (planLocally ? localPlanningActivities(planSummary) : planning(planSummary)).planCoupaUserFromWorkday(lookup.readings);
        tracker.step('creating or updating the Coupa user');
        if (userInOneActivity) {
          const ensured = await coupa(`create or update the user of employee ${employeeId}`).ensureCoupaUserFromPlan({ plan });
          coupaManager = ensured.manager;
          if (coupaManager.warning) tracker.warn(coupaManager.warning);
          user = { userId: ensured.userId, changedFields: ensured.changedFields };
          userAction = ensured.action;
          groups = ensured.groups;
        } else {
          const found = await coupa(`find the user and manager of employee ${employeeId}`).findCoupaUserForPlan({ plan });
          coupaManager = found.manager;
          if (coupaManager.warning) tracker.warn(coupaManager.warning);
          if (found.userId === null) {
            user = await coupa(`create the user of employee ${employeeId}`).createCoupaUserFromPlan({ plan, manager: coupaManager });
            userAction = 'created';
          } else if (found.changedFields.length > 0) {
            user = await coupa(`update user ${found.userId}`).updateCoupaUserFields({ userId: found.userId, plan, manager: coupaManager, fields: found.changedFields });
            userAction = 'updated';
          } else {
            user = { userId: found.userId, changedFields: [] };
            userAction = 'unchanged';
          }
          groups = found.groups;
        }
        coupaUserId = user.userId;
        if (userAction !== 'unchanged') {
          tracker.recordChange({ system: 'coupa', action: `user ${userAction}`, detail: `user ${user.userId}: ${user.changedFields.join(', ')}` });
        }
        tracker.step('syncing approval group memberships');
        for (const group of groups.add) {
          await coupa(`add user ${user.userId} to ${group}`).addCoupaMembership({ userId: user.userId, group });
          tracker.recordChange({ system: 'coupa', action: 'added to approval group', detail: group });
        }
        for (const group of groups.remove) {
          const membershipIds = await coupa(`memberships of user ${user.userId} in ${group}`).findCoupaMembershipIds({ userId: user.userId, group });
          for (const membershipId of membershipIds) await coupa(`remove membership ${membershipId}`).deleteCoupaMembership(membershipId);
          tracker.recordChange({ system: 'coupa', action: 'removed from approval group', detail: group });
        }
      } else {
        // Runs started before ONE_READ_PER_SYSTEM_PATCH: six Workday reads and a lookup in every Coupa write.
        tracker.step('reading the worker from Workday');
        const lookup = await workday(`find employee ${employeeId}`).findWorkdayWorker(employeeId);
        if (lookup.status === 'terminated') {
          // A late hire or job-change event for someone who has left: never (re)activate a Coupa user.
          tracker.warn(`Employee ${employeeId} is terminated in Workday; no Coupa user was created or changed.`);
          outcome = 'terminated';
          break;
        }
        const { worker } = lookup;
        const [legalName, assignments, jobProfile, supervisoryOrg] = await Promise.all([
          workday(`legal name of employee ${employeeId}`).readWorkdayLegalName(worker.workerWid),
          workday(`cost center and company of employee ${employeeId}`).readWorkdayWorkerAssignments(worker.workerWid),
          worker.jobProfileId ? workday('job profile').readWorkdayJobProfile(worker.jobProfileId) : null,
          worker.supervisoryOrganizationId ? workday('supervisory organization').readWorkdaySupervisoryOrganization(worker.supervisoryOrganizationId) : null,
        ]);
        const manager = supervisoryOrg ? await workday(`manager of employee ${employeeId}`).findWorkdayManager({ workerWid: worker.workerWid, supervisoryOrg }) : null;

        tracker.step('planning the Coupa user from the mapping file');
        plan = await planning(`plan the Coupa user of employee ${employeeId}`).planCoupaUserFromWorkday({
          worker,
          legalName,
          assignments,
          jobProfile,
          supervisoryOrg,
          manager,
        });

        tracker.step('creating or updating the Coupa user');
        coupaManager = await coupa('find the manager').findCoupaManager(plan.managerEmployeeNumber);
        if (coupaManager.warning) tracker.warn(coupaManager.warning);
        const existingUserId = await coupa(`find the user of employee ${employeeId}`).findCoupaUserId(plan.employeeNumber);
        user =
          existingUserId === null
            ? await coupa(`create the user of employee ${employeeId}`).createCoupaUser({ plan, manager: coupaManager })
            : await coupa(`update user ${existingUserId}`).updateCoupaUser({ plan, manager: coupaManager, userId: existingUserId });
        coupaUserId = user.userId;
        userAction = existingUserId === null ? 'created' : user.changedFields.length > 0 ? 'updated' : 'unchanged';
        if (userAction !== 'unchanged') {
          tracker.recordChange({ system: 'coupa', action: `user ${userAction}`, detail: `user ${user.userId}: ${user.changedFields.join(', ')}` });
        }

        tracker.step('syncing approval group memberships');
        groups = await coupa(`approval groups of user ${user.userId}`).planCoupaApprovalGroupChanges({
          userId: user.userId,
          approvalGroups: plan.approvalGroups,
          managedApprovalGroups: plan.managedApprovalGroups,
        });
        for (const group of groups.add) {
          await coupa(`add user ${user.userId} to ${group}`).addCoupaUserToApprovalGroup({ userId: user.userId, group });
          tracker.recordChange({ system: 'coupa', action: 'added to approval group', detail: group });
        }
        for (const group of groups.remove) {
          await coupa(`remove user ${user.userId} from ${group}`).removeCoupaUserFromApprovalGroup({ userId: user.userId, group });
          tracker.recordChange({ system: 'coupa', action: 'removed from approval group', detail: group });
        }
      }
      if (outcome !== 'created') {
        const changed = userAction !== 'unchanged' || groups.add.length + groups.remove.length > 0;
        outcome = userAction === 'created' ? 'created' : changed ? 'updated' : outcome;
      }
      tracker.status.lastError = null;
      if (waitingReports.size > 0) {
        coupaUserReady = true;
        await notifyWaitingReports();
      }

      if (!coupaManager.managerKnown && plan.managerEmployeeNumber && patched(MANAGER_CHAIN_PATCH)) {
        const managerEmployeeId = plan.managerEmployeeNumber;
        if (!managerReady) {
          await planning(`ask the provisioning of manager ${managerEmployeeId} to report back`).requestManagerProvisioning({
            managerEmployeeId,
            reportWorkflowId: workflowInfo().workflowId,
          });
          tracker.step(`waiting for the Coupa user of manager ${managerEmployeeId}`);
          tracker.setState('waiting');
          await condition(() => managerReady || changesRequested > changesHandled, MANAGER_WAIT);
          tracker.setState('running');
        }
        if (managerReady) {
          // Read and write once more: the manager field is set now that Coupa has the manager.
          managerReady = false;
          continue;
        }
        if (changesRequested === changesHandled) tracker.warn(`Gave up waiting ${MANAGER_WAIT} for manager ${managerEmployeeId}'s Coupa user; the manager field is still empty.`);
      }
    } catch (err) {
      const parking = parkingFor(err);
      if (parking === null) throw err;
      if ((await tracker.park(parking, workdayChangedSince(changesHandled))) === 'skip') {
        outcome = 'skipped';
        break;
      }
      continue;
    }
    // A job change that landed mid-run is applied before finishing, so nothing is lost.
    if (changesRequested === changesHandled) break;
  }

  // Reports that asked while this run was finishing are told before it ends.
  if (coupaUserId !== null) coupaUserReady = true;
  if (waitingReports.size > 0 && coupaUserReady) await notifyWaitingReports();
  await condition(allHandlersFinished);
  tracker.finish(outcome, outcome === 'skipped' ? 'skipped' : 'done');
  return { employeeId, outcome, coupaUserId, status: tracker.status };
}
