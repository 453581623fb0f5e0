// Tools over pending actions: poll one, list those waiting, and (approver role) approve or reject.
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { decidePendingAction, listPendingActions, readPendingAction } from '../../pending-actions';
import type { PendingActionStatus } from '../../../workflows/pending-action';
import { workflowUiLink } from '../../../infra/temporal-connection';
import { defineTool, ToolError, type GatewayTool, type ToolContext } from '../tool';
import { reason } from './common';

const pendingActionId = z
  .string()
  .regex(/^pending-action\/[0-9a-f-]{36}$/, 'a pending action ID as a write tool answered it: "pending-action/<uuid>"')
  .describe('The pendingActionId a write tool answered, "pending-action/<uuid>"');

const STATES = ['pending', 'approved', 'rejected', 'expired', 'done', 'refused', 'failed'] as const;

async function read(ctx: ToolContext, id: string, act: () => Promise<PendingActionStatus>): Promise<PendingActionStatus> {
  try {
    const status = await act();
    ctx.observePendingAction(status);
    return status;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ToolError(`no pending action ${id}`, id);
    throw err;
  }
}

const answer = (ctx: ToolContext, status: PendingActionStatus) => ({
  data: { ...status, webUi: workflowUiLink(ctx.settings, status.pendingActionId), meaning: MEANING[status.state] },
  workflowId: status.targetWorkflowId,
  pendingActionId: status.pendingActionId,
});

const MEANING: Record<PendingActionStatus['state'], string> = {
  pending: 'Waiting for a person to approve or reject it; nothing has happened yet. Poll again later.',
  approved: 'Approved; being carried out now. Poll again in a moment.',
  rejected: 'Rejected by a person: nothing was changed. Do not ask again without new information.',
  expired: 'Nobody decided in time: nothing was changed. Ask again if it is still needed.',
  done: 'Approved and carried out; see outcome, and follow the target run with get_run_status.',
  refused: 'Approved, but the target run refused (see outcome), e.g. it was no longer parked. Nothing was changed.',
  failed: 'Approved, but it could not be carried out (see outcome).',
};

const getPendingAction = defineTool({
  name: 'get_pending_action',
  title: 'Poll a pending action',
  access: 'read',
  description:
    'Reads a pending action a write tool created: its state (pending, approved, rejected, expired, done, refused, failed), who asked and ' +
    'who decided, when it expires, and the outcome once carried out, with what the state means for your next step.',
  input: z.object({ pendingActionId }),
  async run({ pendingActionId: id }, ctx) {
    return answer(ctx, await read(ctx, id, () => readPendingAction(ctx.client, id)));
  },
});

const listPending = defineTool({
  name: 'list_pending_actions',
  title: 'List pending actions',
  access: 'read',
  description: 'Lists pending actions by state (default "pending": waiting for a person), newest first, with who asked, the tool and the target run.',
  input: z.object({
    state: z.enum(STATES).default('pending'),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  async run({ state, limit }, ctx) {
    const actions = await listPendingActions(ctx.client, { state, limit });
    return { data: { state, count: actions.length, pendingActions: actions } };
  },
});

const approve = defineTool({
  name: 'approve_pending_action',
  title: 'Approve a pending action',
  access: 'approve',
  freeText: ['reason'],
  description:
    'Approves a pending action another caller asked for; it is then carried out once. Refused when it is no longer pending, or when you asked ' +
    'for it yourself (another person approves). Read it with get_pending_action first.',
  input: z.object({ pendingActionId, reason: z.string().trim().max(500).optional().describe('Optional note for the audit trail') }),
  async run({ pendingActionId: id, reason: why }, ctx) {
    const status = await read(ctx, id, () =>
      decidePendingAction(ctx.client, id, { decision: 'approve', by: ctx.caller.name, ...(why ? { reason: why } : {}) }).catch((err: unknown) => {
        if (err instanceof Error && err.message.startsWith('refused:')) throw new ToolError(err.message, id);
        throw err;
      }),
    );
    return answer(ctx, status);
  },
});

const reject = defineTool({
  name: 'reject_pending_action',
  title: 'Reject a pending action',
  access: 'approve',
  freeText: ['reason'],
  description: 'Rejects a pending action with a reason: nothing is changed. Refused when it is no longer pending.',
  input: z.object({ pendingActionId, reason: reason('it is rejected') }),
  async run({ pendingActionId: id, reason: why }, ctx) {
    const status = await read(ctx, id, () =>
      decidePendingAction(ctx.client, id, { decision: 'reject', by: ctx.caller.name, reason: why }).catch((err: unknown) => {
        if (err instanceof Error && err.message.startsWith('refused:')) throw new ToolError(err.message, id);
        throw err;
      }),
    );
    return answer(ctx, status);
  },
});

export const pendingActionTools: GatewayTool[] = [getPendingAction, listPending, approve, reject];
