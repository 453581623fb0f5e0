// employeeOffboarding: on a Workday termination's effective date, the person's Coupa work moves to their manager and their Coupa user is deactivated.
import {
  condition,
  defineSignal,
  setHandler,
  upsertSearchAttributes,
  ApplicationFailure,
  patched,
} from '@temporalio/workflow';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { BusinessProcessKey, EmployeeIdKey, SyncTracker, parkingFor, type ProcessStatus } from './sync-state';
import { apiActivities, currentRunSettings } from './activity-options';

export const EMPLOYEE_OFFBOARDING = 'employee-offboarding';
export const employeeOffboardingWorkflowId = (employeeId: string): string => `${EMPLOYEE_OFFBOARDING}/${employeeId}`;

/** Since this patch the manager chain is one Workday request (SOAP management chain data), not a REST walk of 2–3 requests per level. */
export const MANAGER_CHAIN_ONE_READ_PATCH = 'manager-chain-one-read';

/**
 * Since this patch the leaver's lookup also tells whether their user is active, so the deactivation is
 * one write (none when already inactive) instead of a read and a write, and each requisition is rerouted
 * without reading it again.
 */
export const OFFBOARDING_FEWER_READS_PATCH = 'offboarding-fewer-reads';

export interface EmployeeOffboardingInput {
  employeeId: string;
  /** What asked for this run: only for the audit trail. */
  trigger?: 'termination' | 'manual';
}

/** One move of work or access, for the audit trail (status query and result, hence the history). */
export interface OffboardingAuditEntry {
  /** ISO time the change was made (workflow time). */
  at: string;
  action: 'requisition rerouted' | 'approval reassigned' | 'user deactivated';
  document: string;
  fromCoupaUserId: number;
  toCoupaUserId: number | null;
  /** The employee number of the person who took the work over. */
  toEmployeeId: string | null;
}

export interface EmployeeOffboardingResult {
  employeeId: string;
  outcome: 'offboarded' | 'cancelled' | 'not-terminated' | 'no-coupa-user' | 'skipped';
  terminationDate: string | null;
  coupaUserId: number | null;
  audit: OffboardingAuditEntry[];
  status: ProcessStatus;
}

/** Workday rescinded the termination: end the run, change nothing (if the date has not come yet). */
export const cancelTerminationSignal = defineSignal<[reason?: string]>('cancelTermination');
/** Workday changed the termination (a corrected date): read it again and move the wake-up. */
export const terminationChangedSignal = defineSignal<[trigger?: string]>('terminationChanged');

/** Work and access end at the start of the termination date (UTC), the person's last day in Workday's sense. */
export function offboardingMoment(terminationDate: string): number {
  return Date.parse(`${terminationDate}T00:00:00Z`);
}

export async function employeeOffboarding(input: EmployeeOffboardingInput): Promise<EmployeeOffboardingResult> {
  const { employeeId } = input;
  const tracker = new SyncTracker(EMPLOYEE_OFFBOARDING, employeeId);
  let cancelled: string | null = null;
  let changes = 0;
  setHandler(cancelTerminationSignal, (reason?: string) => {
    cancelled = reason?.trim() || 'the termination was rescinded in Workday';
  });
  setHandler(terminationChangedSignal, () => {
    changes += 1;
  });
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: EMPLOYEE_OFFBOARDING },
    { key: EmployeeIdKey, value: employeeId },
  ]);

  const audit: OffboardingAuditEntry[] = [];
  let terminationDate: string | null = null;
  let coupaUserId: number | null = null;

  const finish = (outcome: EmployeeOffboardingResult['outcome']): EmployeeOffboardingResult => {
    tracker.finish(outcome, outcome === 'skipped' ? 'skipped' : 'done');
    return { employeeId, outcome, terminationDate, coupaUserId, audit, status: tracker.status };
  };

  /** Runs `step` and parks on a fixable failure until retry (then runs it again) or skip (null). */
  async function parkable<T>(step: () => Promise<T>): Promise<T | null> {
    for (;;) {
      try {
        return await step();
      } catch (err) {
        const parking = parkingFor(err);
        if (parking === null) throw err;
        if ((await tracker.park(parking)) === 'skip') return null;
      }
    }
  }

  // 1. Read the termination, and sleep until its date; a correction re-reads, a rescind ends the run.
  for (;;) {
    const handled = changes;
    const reading = await parkable(async () => {
      const settings = await currentRunSettings();
      tracker.step('reading the termination from Workday');
      return apiActivities(settings).workday(`termination of employee ${employeeId}`).readWorkdayTermination(employeeId);
    });
    if (reading === null) return finish('skipped');
    if (cancelled !== null) {
      tracker.warn(`Termination cancelled before its date: ${cancelled}. Nothing was changed in Coupa.`);
      return finish('cancelled');
    }
    if (reading.terminationDate === null) {
      tracker.warn(`Workday shows no termination for employee ${employeeId} (never entered, or rescinded). Nothing was changed in Coupa.`);
      return finish('not-terminated');
    }
    terminationDate = reading.terminationDate;
    const wakeAt = offboardingMoment(terminationDate);
    if (Date.now() >= wakeAt) break;
    tracker.step(`waiting until the termination date ${terminationDate}`);
    tracker.setState('waiting');
    // A durable timer: it survives worker and server restarts; a signal wakes it early.
    await condition(() => cancelled !== null || changes > handled, wakeAt - Date.now());
    tracker.setState('running');
    if (cancelled !== null) {
      tracker.warn(`Termination cancelled before its date: ${cancelled}. Nothing was changed in Coupa.`);
      return finish('cancelled');
    }
    // Woken by the date (read once more: it may have been rescinded without a signal) or by a correction.
  }

  // 2. On the date: requisitions, then approvals, then the user, so nothing waits on an inactive person.
  const outcome = await parkable(async (): Promise<EmployeeOffboardingResult['outcome']> => {
    const settings = await currentRunSettings();
    const { workday, coupa } = apiActivities(settings);

    tracker.step('finding the Coupa user');
    const fewerReads = patched(OFFBOARDING_FEWER_READS_PATCH);
    let leaverActive: boolean | null = null;
    if (fewerReads) {
      const leaver = await coupa(`find the user of employee ${employeeId}`).findCoupaUserState(employeeId);
      coupaUserId = leaver?.userId ?? null;
      leaverActive = leaver?.active ?? null;
    } else {
      coupaUserId = await coupa(`find the user of employee ${employeeId}`).findCoupaUserId(employeeId);
    }
    if (coupaUserId === null) {
      tracker.warn(`Employee ${employeeId} has no Coupa user: nothing to reroute or deactivate.`);
      return 'no-coupa-user';
    }
    const leaverId = coupaUserId;

    tracker.step('finding who takes the work over');
    // Since MANAGER_CHAIN_ONE_READ_PATCH one SOAP request gives the whole chain; before it, REST walked it level by level.
    const chain = patched(MANAGER_CHAIN_ONE_READ_PATCH)
      ? await workday(`manager chain of employee ${employeeId}`).readWorkdayManagerChain(employeeId)
      : await workday(`manager chain of employee ${employeeId}`).listWorkdayManagerChain(employeeId);
    let successor: { employeeId: string; coupaUserId: number } | null = null;
    for (const manager of chain) {
      if (!manager.active) continue;
      const id = await coupa(`find the active user of manager ${manager.employeeId}`).findActiveCoupaUserId(manager.employeeId);
      if (id !== null && id !== leaverId) {
        successor = { employeeId: manager.employeeId, coupaUserId: id };
        break;
      }
    }

    tracker.step('rerouting pending requisitions and approvals');
    const requisitions = await coupa(`pending requisitions of user ${leaverId}`).listPendingRequisitionsOf(leaverId);
    const approvals = await coupa(`pending approvals of user ${leaverId}`).listPendingApprovalsOf(leaverId);
    if ((requisitions.length > 0 || approvals.length > 0) && successor === null) {
      throw missingSuccessor(employeeId, requisitions.length, approvals.length);
    }
    for (const requisitionId of requisitions) {
      await coupa(`reroute requisition ${requisitionId} to user ${successor!.coupaUserId}`).rerouteRequisition(
        fewerReads ? { requisitionId, toUserId: successor!.coupaUserId, fromUserId: leaverId } : { requisitionId, toUserId: successor!.coupaUserId },
      );
      note('requisition rerouted', `requisition ${requisitionId}`, leaverId, successor);
    }
    for (const approval of approvals) {
      await coupa(`reassign approval ${approval.approvalId} to user ${successor!.coupaUserId}`).reassignApproval({ approval, fromUserId: leaverId, toUserId: successor!.coupaUserId });
      note('approval reassigned', `${approval.approvableType} ${approval.approvableId} (approval ${approval.approvalId})`, leaverId, successor);
    }

    tracker.step('deactivating the Coupa user');
    const deactivated = !fewerReads
      ? await coupa(`deactivate user ${leaverId}`).deactivateCoupaUser(leaverId)
      : leaverActive
        ? await coupa(`deactivate user ${leaverId}`).setCoupaUserInactive(leaverId)
        : { changed: false };
    if (deactivated.changed) note('user deactivated', `user ${leaverId}`, leaverId, null);
    return 'offboarded';
  });
  return finish(outcome ?? 'skipped');

  function note(action: OffboardingAuditEntry['action'], document: string, from: number, to: { employeeId: string; coupaUserId: number } | null): void {
    const entry: OffboardingAuditEntry = {
      at: new Date(Date.now()).toISOString(),
      action,
      document,
      fromCoupaUserId: from,
      toCoupaUserId: to?.coupaUserId ?? null,
      toEmployeeId: to?.employeeId ?? null,
    };
    audit.push(entry);
    tracker.recordChange({ system: 'coupa', action, detail: `${document}: user ${from}${to ? ` → user ${to.coupaUserId} (employee ${to.employeeId})` : ''} at ${entry.at}` });
  }
}

/** No active manager up the chain has a Coupa user: a person decides who takes the work (parks as data). */
function missingSuccessor(employeeId: string, requisitions: number, approvals: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: BusinessFailureTypes.BusinessRuleViolation,
    nonRetryable: true,
    message:
      `No active manager above employee ${employeeId} has an active Coupa user to take over ${requisitions} requisition(s) and ${approvals} approval(s). ` +
      'Provision the manager in Coupa (or fix the supervisory organization in Workday), then retry.',
  });
}
