// Carries out a pending action a person approved (workflows/pending-action.ts): through the Temporal client, on the same workflows everyone else uses.
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { requestEmployeeProvisioning } from '../clients/employee-provisioning';
import { requestEmployeeOffboarding } from '../clients/employee-offboarding';
import { requestOrgHierarchySync } from '../clients/org-hierarchy-sync';
import { cancelTerminationSignal, employeeOffboardingWorkflowId } from '../workflows/employee-offboarding';
import { retryUpdate, skipUpdate } from '../workflows/sync-state';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { deliverEvent, routeForProcess } from '../clients/events/route-table';
import { approveBankChangeUpdate, rejectBankChangeUpdate, supplierSyncWorkflowId } from '../workflows/supplier-sync';

/** What a pending action will do once approved: a kind from PENDING_ACTION_PERFORMERS and its parameters. */
export interface PendingActionRequest {
  kind: string;
  /** The workflow the action starts or steers (for the audit trail and the TargetWorkflowId search attribute). */
  targetWorkflowId: string;
  params: Record<string, string>;
  /** One line a person reads before approving, without personal data. */
  description: string;
}

/** How an approved action ended: `done`, or `refused` by the target run (e.g. a retry of a run no longer parked). */
export interface PendingActionOutcome {
  result: 'done' | 'refused';
  message: string;
  workflowId: string;
}

export interface PerformerContext {
  client: Client;
  /** The workflows' task queue: pending actions run there, and so do the processes they start. */
  workflowTaskQueue: string;
}

type Performer = (ctx: PerformerContext, params: Record<string, string>) => Promise<PendingActionOutcome>;

const param = (params: Record<string, string>, name: string): string => {
  const value = params[name];
  if (value === undefined || value === '') {
    throw ApplicationFailure.create({ type: BusinessFailureTypes.BusinessRuleViolation, nonRetryable: true, message: `the pending action has no "${name}"` });
  }
  return value;
};

/** An update the target run refused (it answers why), or a run that does not exist, is an outcome, not a failure. */
async function steer(client: Client, workflowId: string, what: string, send: () => Promise<string>): Promise<PendingActionOutcome> {
  try {
    return { result: 'done', message: await send(), workflowId };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return { result: 'refused', message: `${what} refused by the run: ${err.cause?.message ?? err.message}`, workflowId };
    if (err instanceof WorkflowNotFoundError) {
      // A finished run takes no update and answers "not found": say that it finished, not that it never existed.
      const closed = await client.workflow
        .getHandle(workflowId)
        .describe()
        .then((d) => d.status.name.toLowerCase())
        .catch(() => null);
      const why = closed ? `${workflowId} is ${closed}, so there is nothing to ${what}` : `no run ${workflowId}`;
      return { result: 'refused', message: `${what} refused: ${why}`, workflowId };
    }
    throw err;
  }
}

/**
 * Every kind of action the MCP gateway can ask for. A new process adds its kinds here (one entry
 * each) and the tools that request them in clients/mcp/tools/<process>.ts.
 */
export const PENDING_ACTION_PERFORMERS: Record<string, Performer> = {
  /** Invoice posting, PO encumbrance, supplier sync: the same route an ingress event takes (clients/events/). */
  async 'start-process-by-key'({ client, workflowTaskQueue }, params) {
    const process = param(params, 'process');
    const route = routeForProcess(process);
    if (!route) throw ApplicationFailure.create({ type: BusinessFailureTypes.BusinessRuleViolation, nonRetryable: true, message: `this worker knows no process "${process}"` });
    const key = param(params, 'key');
    const outcome = await deliverEvent(client, { TASK_QUEUE_WORKFLOWS: workflowTaskQueue }, { ...route.eventForKey(key), eventId: `mcp:${process}:${key}`, source: 'manual' });
    return { result: 'done', message: `${process} requested: ${outcome.workflowId}${outcome.duplicate ? ' (already there: nothing new)' : ''}`, workflowId: outcome.workflowId };
  },
  async 'decide-bank-change'({ client }, params) {
    const key = param(params, 'supplierKey');
    const decision = param(params, 'decision') === 'approve' ? 'approve' : 'reject';
    const workflowId = supplierSyncWorkflowId(key);
    const args = [{ by: param(params, 'by'), ...(params.reason ? { reason: params.reason } : {}) }] as [{ by: string; reason?: string }];
    const handle = client.workflow.getHandle(workflowId);
    // The run's own validator answers a refusal (nothing held any more, no reason for a reject).
    return steer(client, workflowId, `bank change ${decision}`, () =>
      decision === 'approve' ? handle.executeUpdate(approveBankChangeUpdate, { args }) : handle.executeUpdate(rejectBankChangeUpdate, { args }),
    );
  },
  async 'start-employee-provisioning'({ client, workflowTaskQueue }, params) {
    const handle = await requestEmployeeProvisioning(client, { TASK_QUEUE_WORKFLOWS: workflowTaskQueue }, param(params, 'employeeId'), 'manual');
    return { result: 'done', message: `provisioning requested: ${handle.workflowId} (run ${handle.signaledRunId})`, workflowId: handle.workflowId };
  },
  async 'start-employee-offboarding'({ client, workflowTaskQueue }, params) {
    const handle = await requestEmployeeOffboarding(client, { TASK_QUEUE_WORKFLOWS: workflowTaskQueue }, param(params, 'employeeId'), 'manual');
    return { result: 'done', message: `offboarding requested: ${handle.workflowId} (run ${handle.signaledRunId})`, workflowId: handle.workflowId };
  },
  async 'start-org-hierarchy-sync'({ client, workflowTaskQueue }, params) {
    const handle = await requestOrgHierarchySync(client, { TASK_QUEUE_WORKFLOWS: workflowTaskQueue }, { scope: param(params, 'scope'), trigger: 'manual' });
    return { result: 'done', message: `org hierarchy sync requested: ${handle.workflowId}`, workflowId: handle.workflowId };
  },
  async 'retry-parked-run'({ client }, params) {
    const workflowId = param(params, 'workflowId');
    return steer(client, workflowId, 'retry', () => client.workflow.getHandle(workflowId).executeUpdate(retryUpdate));
  },
  async 'skip-parked-run'({ client }, params) {
    const workflowId = param(params, 'workflowId');
    const reason = param(params, 'reason');
    return steer(client, workflowId, 'skip', () => client.workflow.getHandle(workflowId).executeUpdate(skipUpdate, { args: [reason] }));
  },
  async 'cancel-termination'({ client }, params) {
    const workflowId = employeeOffboardingWorkflowId(param(params, 'employeeId'));
    const handle = client.workflow.getHandle(workflowId);
    try {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') {
        return { result: 'refused', message: `${workflowId} is ${status.name.toLowerCase()}: a finished offboarding is not undone by a cancel`, workflowId };
      }
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { result: 'refused', message: `no offboarding run ${workflowId}`, workflowId };
      throw err;
    }
    await handle.signal(cancelTerminationSignal, params.reason || undefined);
    return { result: 'done', message: `cancelTermination sent to ${workflowId}: if the date has not come, nothing is changed in Coupa`, workflowId };
  },
};

export function createPendingActionActivities() {
  return {
    /** Does what a person approved. The target run's own answer (done or refused) is the outcome. */
    async performPendingAction(request: PendingActionRequest): Promise<PendingActionOutcome> {
      const performer = PENDING_ACTION_PERFORMERS[request.kind];
      if (!performer) {
        throw ApplicationFailure.create({ type: BusinessFailureTypes.BusinessRuleViolation, nonRetryable: true, message: `this worker knows no pending action "${request.kind}"` });
      }
      const ctx = Context.current();
      const outcome = await performer({ client: ctx.client, workflowTaskQueue: ctx.info.taskQueue }, request.params);
      log.info('pending action carried out', { kind: request.kind, result: outcome.result, workflowId: outcome.workflowId });
      return outcome;
    },
  };
}
