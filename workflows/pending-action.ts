// pendingAction: a write an agent asked for through the MCP gateway, held until a person approves or rejects it (or it expires), then carried out once.
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  ActivityFailure,
  ApplicationFailure,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ConfigActivities } from '../activities';
import type { PendingActionRequest, PendingActionOutcome } from '../activities/pending-actions';
import { BusinessProcessKey } from './sync-state';
import { retryPolicy } from './activity-options';

export type { PendingActionRequest, PendingActionOutcome } from '../activities/pending-actions';

export const PENDING_ACTION = 'pending-action';
export const pendingActionWorkflowId = (uuid: string): string => `${PENDING_ACTION}/${uuid}`;

export const McpCallerKey = defineSearchAttributeKey('McpCaller', SearchAttributeType.KEYWORD);
export const McpToolKey = defineSearchAttributeKey('McpTool', SearchAttributeType.KEYWORD);
export const TargetWorkflowIdKey = defineSearchAttributeKey('TargetWorkflowId', SearchAttributeType.KEYWORD);
export const PendingActionStateKey = defineSearchAttributeKey('ProcessState', SearchAttributeType.KEYWORD);

/**
 * `pending` until a decision; `rejected` and `expired` changed nothing; `done` carried out; `refused`
 * approved but the target run said no (e.g. it was no longer parked); `failed` could not be carried out.
 */
export type PendingActionState = 'pending' | 'approved' | 'rejected' | 'expired' | 'done' | 'refused' | 'failed';

export interface PendingActionInput {
  request: PendingActionRequest;
  /** The MCP caller's name (from its token), never the model's own claim. */
  requestedBy: string;
  tool: string;
  /** The tool's arguments with free text masked, for the audit trail. */
  maskedArguments: Record<string, unknown>;
  ttlSeconds: number;
}

export interface PendingActionStatus {
  pendingActionId: string;
  state: PendingActionState;
  kind: string;
  description: string;
  targetWorkflowId: string;
  tool: string;
  requestedBy: string;
  maskedArguments: Record<string, unknown>;
  requestedAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** What carrying it out said (the target run's answer), or why it failed. */
  outcome: string | null;
}

export interface PendingActionDecision {
  decision: 'approve' | 'reject';
  /** Who decides: the approver's name (MCP caller, CLI user); must not be the requester. */
  by: string;
  reason?: string;
}

/** For the CLI and approver tools: answers with the status, or refuses (already decided, self-approval, no reason for a rejection). */
export const decidePendingActionUpdate = defineUpdate<PendingActionStatus, [PendingActionDecision]>('decide');
/** For the Web UI (Send a Signal), whose signals cannot be answered: input `{"by": "your name", "reason": "…"}`; a signal that does not count is noted in the status. */
export const approveSignal = defineSignal<[who?: { by?: string; reason?: string }]>('approve');
export const rejectSignal = defineSignal<[who?: { by?: string; reason?: string }]>('reject');
export const pendingActionStatusQuery = defineQuery<PendingActionStatus>('pendingActionStatus');

const { performPendingAction } = proxyActivities<ConfigActivities>({
  summary: 'carry out the approved action',
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: retryPolicy,
});

export async function pendingAction(input: PendingActionInput): Promise<PendingActionStatus> {
  const now = Date.now();
  const status: PendingActionStatus = {
    pendingActionId: workflowInfo().workflowId,
    state: 'pending',
    kind: input.request.kind,
    description: input.request.description,
    targetWorkflowId: input.request.targetWorkflowId,
    tool: input.tool,
    requestedBy: input.requestedBy,
    maskedArguments: input.maskedArguments,
    requestedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + input.ttlSeconds * 1000).toISOString(),
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    outcome: null,
  };
  const notes: string[] = [];
  const setState = (state: PendingActionState): void => {
    status.state = state;
    upsertSearchAttributes([{ key: PendingActionStateKey, value: state }]);
    showDetails();
  };
  const showDetails = (): void => {
    const lines = [
      `**Pending action** (${status.state}): ${status.description}`,
      `Requested by **${status.requestedBy}** with tool \`${status.tool}\` at ${status.requestedAt}; target \`${status.targetWorkflowId}\`.`,
    ];
    if (status.state === 'pending') {
      lines.push(
        `Waits for a decision until ${status.expiresAt}; after that it expires and changes nothing.`,
        'Approve: *Send an Update → decide* `{"decision":"approve","by":"<you>"}`, or *Send a Signal → approve* `{"by":"<you>"}` (reject: a reason).',
      );
    }
    if (status.decidedBy) lines.push(`Decided by **${status.decidedBy}** at ${status.decidedAt}${status.decisionReason ? `: ${status.decisionReason}` : ''}.`);
    if (status.outcome) lines.push(`Outcome: ${status.outcome}`);
    for (const note of notes) lines.push(`Note: ${note}`);
    setCurrentDetails(lines.join('\n\n'));
  };

  const problemWith = (d: PendingActionDecision): string | null => {
    if (status.state !== 'pending') return `${status.pendingActionId} is ${status.state}, not pending: it was ${status.decidedBy ? `decided by ${status.decidedBy}` : 'not decided'} and cannot be decided again`;
    if (d.decision !== 'approve' && d.decision !== 'reject') return 'decision must be "approve" or "reject"';
    if (typeof d.by !== 'string' || d.by.trim() === '') return 'say who decides ("by")';
    // Four eyes: whoever asked for a write does not also approve it.
    if (d.decision === 'approve' && d.by.trim() === status.requestedBy) return `${d.by} asked for this action and cannot approve it too: another person approves`;
    if (d.decision === 'reject' && !d.reason?.trim()) return 'a rejection needs a reason (it goes into the audit trail)';
    return null;
  };
  const decide = (d: PendingActionDecision): void => {
    status.decidedBy = d.by.trim();
    status.decidedAt = new Date(Date.now()).toISOString();
    status.decisionReason = d.reason?.trim() || null;
    setState(d.decision === 'approve' ? 'approved' : 'rejected');
    log.info('pending action decided', { decision: d.decision, by: status.decidedBy, kind: status.kind });
  };

  setHandler(pendingActionStatusQuery, () => status);
  setHandler(
    decidePendingActionUpdate,
    (d) => {
      decide(d);
      return status;
    },
    {
      validator: (d) => {
        const problem = problemWith(d ?? ({} as PendingActionDecision));
        if (problem) throw new Error(problem);
      },
    },
  );
  const bySignal = (decision: PendingActionDecision['decision']) => (who?: { by?: string; reason?: string }) => {
    const d: PendingActionDecision = { decision, by: who?.by?.trim() || 'web-ui', ...(who?.reason ? { reason: who.reason } : {}) };
    const problem = problemWith(d);
    if (problem) {
      notes.push(`a ${decision} signal was ignored: ${problem}`);
      showDetails();
      return;
    }
    decide(d);
  };
  setHandler(approveSignal, bySignal('approve'));
  setHandler(rejectSignal, bySignal('reject'));
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: PENDING_ACTION },
    { key: McpCallerKey, value: input.requestedBy },
    { key: McpToolKey, value: input.tool },
    { key: TargetWorkflowIdKey, value: input.request.targetWorkflowId },
  ]);
  setState('pending');

  // A durable timer: the decision may come days later, across restarts; none in time means nothing happens.
  const decided = await condition(() => status.state !== 'pending', input.ttlSeconds * 1000);
  if (!decided) {
    status.outcome = `expired after ${input.ttlSeconds} s without a decision: nothing was changed`;
    setState('expired');
  } else if (status.state === 'rejected') {
    status.outcome = 'rejected: nothing was changed';
    showDetails();
  } else {
    try {
      const outcome: PendingActionOutcome = await performPendingAction(input.request);
      status.outcome = outcome.message;
      setState(outcome.result);
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : err;
      status.outcome = `could not be carried out: ${cause instanceof ApplicationFailure ? cause.message : String(err)}`;
      setState('failed');
    }
  }
  await condition(allHandlersFinished);
  return status;
}
