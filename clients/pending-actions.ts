// Pending actions from the client side: ask for one (the MCP gateway), read it, list the open ones, approve or reject it (CLI, approver tools).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  pendingAction,
  pendingActionWorkflowId,
  decidePendingActionUpdate,
  pendingActionStatusQuery,
  McpCallerKey,
  McpToolKey,
  PendingActionStateKey,
  TargetWorkflowIdKey,
  PENDING_ACTION,
  type PendingActionDecision,
  type PendingActionInput,
  type PendingActionState,
  type PendingActionStatus,
} from '../workflows/pending-action';
import { BusinessProcessKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';

const PENDING_ACTION_ID = /^pending-action\/[0-9a-f-]{36}$/;

export function assertPendingActionId(id: string): void {
  if (!PENDING_ACTION_ID.test(id)) throw new Error(`"${id}" is not a pending action ID (pending-action/<uuid>, as the write tool answered)`);
}

/** Starts the pending action's workflow; its search attributes are set at start, so lists and the Web UI find it at once. */
export async function requestPendingAction(client: Client, queues: QueueConfig, input: PendingActionInput): Promise<PendingActionStatus> {
  const workflowId = pendingActionWorkflowId(randomUUID());
  const handle = await client.workflow.start(pendingAction, {
    workflowId,
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [input],
    // Business keys only: the description never carries free text or personal data.
    staticSummary: `Pending action: ${input.request.description} (asked by ${input.requestedBy} with ${input.tool}; approve or reject)`,
    typedSearchAttributes: [
      { key: BusinessProcessKey, value: PENDING_ACTION },
      { key: McpCallerKey, value: input.requestedBy },
      { key: McpToolKey, value: input.tool },
      { key: TargetWorkflowIdKey, value: input.request.targetWorkflowId },
      { key: PendingActionStateKey, value: 'pending' },
    ],
  });
  return readPendingAction(client, handle.workflowId);
}

export async function readPendingAction(client: Client, pendingActionId: string): Promise<PendingActionStatus> {
  assertPendingActionId(pendingActionId);
  return client.workflow.getHandle(pendingActionId).query(pendingActionStatusQuery);
}

/** Approves or rejects; the workflow's validator refuses with a reason a person (or a model) can act on. */
export async function decidePendingAction(client: Client, pendingActionId: string, decision: PendingActionDecision): Promise<PendingActionStatus> {
  assertPendingActionId(pendingActionId);
  const handle = client.workflow.getHandle(pendingActionId);
  try {
    return await handle.executeUpdate(decidePendingActionUpdate, { args: [decision] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new Error(`refused: ${err.cause?.message ?? err.message}`);
    // A decided action's workflow has finished and takes no update: say how it ended, as the validator would.
    const status = await handle.query(pendingActionStatusQuery).catch(() => null);
    if (status && status.state !== 'pending') {
      throw new Error(`refused: ${pendingActionId} is ${status.state}, not pending${status.decidedBy ? ` (decided by ${status.decidedBy})` : ''}: it cannot be decided again`);
    }
    throw err;
  }
}

export interface PendingActionListing {
  pendingActionId: string;
  state: string | null;
  requestedBy: string | null;
  tool: string | null;
  targetWorkflowId: string | null;
  startTime: string;
}

/** Pending actions by state (default: those waiting for a person), newest first, from visibility. */
export async function listPendingActions(client: Client, options: { state?: PendingActionState; limit?: number } = {}): Promise<PendingActionListing[]> {
  const state = options.state ?? 'pending';
  const query = `${BusinessProcessKey.name} = '${PENDING_ACTION}' AND ${PendingActionStateKey.name} = '${state}'`;
  const found: PendingActionListing[] = [];
  for await (const run of client.workflow.list({ query })) {
    found.push({
      pendingActionId: run.workflowId,
      state: run.typedSearchAttributes.get(PendingActionStateKey) ?? null,
      requestedBy: run.typedSearchAttributes.get(McpCallerKey) ?? null,
      tool: run.typedSearchAttributes.get(McpToolKey) ?? null,
      targetWorkflowId: run.typedSearchAttributes.get(TargetWorkflowIdKey) ?? null,
      startTime: run.startTime.toISOString(),
    });
    if (found.length >= (options.limit ?? 50)) break;
  }
  return found;
}

/** The CLI's pending-action commands (`pending-actions`, `approve`, `reject`): the person in the loop, from a terminal. Exit status as the CLI's. */
export async function pendingActionCommand(
  client: Client,
  command: 'pending-actions' | 'approve' | 'reject',
  target: string,
  options: { reason?: string | undefined; by?: string | undefined; state?: string | undefined },
): Promise<number> {
  if (command === 'pending-actions') {
    const state = (options.state ?? target) || 'pending';
    const states: readonly string[] = ['pending', 'approved', 'rejected', 'expired', 'done', 'refused', 'failed'];
    if (!states.includes(state)) {
      console.error(`unknown state ${state}: one of ${states.join(', ')}`);
      return 2;
    }
    const actions = await listPendingActions(client, { state: state as PendingActionState });
    if (actions.length === 0) console.log(`no ${state} pending actions`);
    for (const a of actions) console.log(`${a.pendingActionId}  ${a.startTime}  ${a.requestedBy} via ${a.tool}  → ${a.targetWorkflowId}`);
    return 0;
  }
  const by = options.by?.trim() || userName();
  if (command === 'reject' && !options.reason?.trim()) {
    console.error('reject needs --reason "why" (it goes into the audit trail)');
    return 2;
  }
  try {
    const status = await decidePendingAction(client, target, {
      decision: command === 'approve' ? 'approve' : 'reject',
      by,
      ...(options.reason?.trim() ? { reason: options.reason.trim() } : {}),
    });
    console.log(`${command === 'approve' ? 'approved' : 'rejected'} ${status.pendingActionId} (${status.description}) as ${by}`);
    return 0;
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('refused:')) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

function userName(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}
