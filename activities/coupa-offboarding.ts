// Coupa steps of employee offboarding: find the leaver's waiting work, move each piece to the successor, deactivate the user.
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { CoupaClient } from '../connectors/coupa';
import { CoupaApprovalsClient, COUPA_APPROVABLE_TYPES, type CoupaApprovableType } from '../connectors/coupa/approvals';
import { ConnectorErrorTypes } from '../connectors/http/error-types';

/** One approval step waiting on the leaver, on one document. */
export interface PendingApproval {
  approvalId: number;
  approvableType: CoupaApprovableType;
  approvableId: number;
}

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

export function createCoupaOffboardingActivities(coupa: CoupaClient) {
  const approvals = new CoupaApprovalsClient(coupa);
  return {
    /** The Coupa user of a manager who can take work over: found by employee number and active. */
    async findActiveCoupaUserId(employeeNumber: string): Promise<number | null> {
      const user = await coupa.findUserByEmployeeNumber(employeeNumber, call());
      return user && user.active !== false ? user.id : null;
    },

    /** Ids of the requisitions the leaver requested that still wait (approval or buyer action). */
    async listPendingRequisitionsOf(userId: number): Promise<number[]> {
      return (await approvals.listPendingRequisitionsRequestedBy(userId, call())).map((r) => r.id);
    },

    /**
     * Makes the successor the requester. The requisition was just listed as the leaver's, so it is written
     * without a read first when the run says whose it was (`fromUserId`); a repeat PUT is harmless.
     */
    async rerouteRequisition(input: { requisitionId: number; toUserId: number; fromUserId?: number }): Promise<{ changed: boolean }> {
      const result = await approvals.reassignRequisitionRequester(input.requisitionId, input.toUserId, call(), input.fromUserId);
      if (result.changed) log.info('rerouted Coupa requisition', { requisitionId: input.requisitionId, fromUserId: result.previousRequesterId, toUserId: input.toUserId });
      return { changed: result.changed };
    },

    /** Every approval step waiting on the leaver: requisitions, invoices and purchase orders. */
    async listPendingApprovalsOf(userId: number): Promise<PendingApproval[]> {
      const steps = await approvals.listPendingApprovalsOf(userId, call());
      const pending: PendingApproval[] = [];
      for (const step of steps) {
        const type = step['approvable-type'];
        const id = step['approvable-id'];
        if (!type || id == null || !(COUPA_APPROVABLE_TYPES as readonly string[]).includes(type)) {
          log.warn('Coupa approval on a document type offboarding cannot reroute; left for a person', { approvalId: step.id, approvableType: type ?? null });
          continue;
        }
        pending.push({ approvalId: step.id, approvableType: type as CoupaApprovableType, approvableId: id });
      }
      return pending;
    },

    /**
     * Adds the successor as approver, then removes the leaver's step, in that order so the document
     * is never left without someone to approve it. Each half checks first, so a retry writes nothing twice.
     */
    async reassignApproval(input: { approval: PendingApproval; fromUserId: number; toUserId: number }): Promise<{ changed: boolean }> {
      const { approval } = input;
      const added = await approvals.addApprover(approval.approvableType, approval.approvableId, input.toUserId, call());
      const removed = await approvals.removeApproval(approval.approvableType, approval.approvableId, approval.approvalId, call());
      if (added.changed || removed.changed) {
        log.info('reassigned Coupa approval', { approvalId: approval.approvalId, approvableType: approval.approvableType, approvableId: approval.approvableId, toUserId: input.toUserId });
      }
      return { changed: added.changed || removed.changed };
    },

    /**
     * The leaver's Coupa user and whether it is active, in the one lookup by employee number: the
     * deactivation then needs no read of its own (since OFFBOARDING_FEWER_READS_PATCH).
     */
    async findCoupaUserState(employeeNumber: string): Promise<{ userId: number; active: boolean } | null> {
      const user = await coupa.findUserByEmployeeNumber(employeeNumber, call());
      return user ? { userId: user.id, active: user.active !== false } : null;
    },

    /** `active=false` without a read first (the run's lookup saw the user active); a repeat PUT changes nothing. */
    async setCoupaUserInactive(userId: number): Promise<{ changed: boolean }> {
      try {
        await coupa.updateUser(userId, { active: false }, call());
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound) {
          throw ApplicationFailure.create({ type: ConnectorErrorTypes.NotFound, nonRetryable: true, message: `Coupa user ${userId} no longer exists; nothing to deactivate. Check Coupa, then retry or skip.` });
        }
        throw err;
      }
      log.info('deactivated Coupa user', { coupaUserId: userId });
      return { changed: true };
    },

    /** `active=false`, never a delete: finance keeps the history. A repeat writes nothing. (Runs started before OFFBOARDING_FEWER_READS_PATCH.) */
    async deactivateCoupaUser(userId: number): Promise<{ changed: boolean }> {
      let user;
      try {
        user = await coupa.getUser(userId, call());
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound) {
          throw ApplicationFailure.create({ type: ConnectorErrorTypes.NotFound, nonRetryable: true, message: `Coupa user ${userId} no longer exists; nothing to deactivate. Check Coupa, then retry or skip.` });
        }
        throw err;
      }
      if (user.active === false) return { changed: false };
      await coupa.updateUser(userId, { active: false }, call());
      log.info('deactivated Coupa user', { coupaUserId: userId });
      return { changed: true };
    },
  };
}
