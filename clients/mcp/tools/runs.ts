// Tools over every business process's runs: find them, read their status, understand why one is parked, and ask for a retry or a skip.
import { z } from 'zod';
import { PARKING_ACTION } from '../../../connectors/http/error-types';
import { workflowUiLink } from '../../../infra/temporal-connection';
import { BusinessProcessKey, EmployeeIdKey, SupplierIdKey, CoupaDocumentIdKey, SyncStateKey } from '../../../workflows/sync-state';
import { defineTool, ToolError, type GatewayTool } from '../tool';
import { readRunStatus, reason, workflowId } from './common';

const SYNC_STATES = ['running', 'waiting', 'needs-attention', 'done', 'skipped'] as const;
const keyword = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'letters, digits, . - and _ only');

const findRuns = defineTool({
  name: 'find_runs',
  title: 'Find runs',
  access: 'read',
  description:
    'Lists business-process runs (newest first) from Temporal visibility. Filter by process (e.g. "employee-provisioning", ' +
    '"employee-offboarding", "org-hierarchy-sync"), by business key (a Workday employee ID, supplier ID or Coupa document ID), ' +
    'by syncState ("needs-attention" = parked, waiting for a person; "waiting" = waiting on a date or another run; "running"; ' +
    '"done"; "skipped"), and by start time. Returns workflow IDs to pass to get_run_status, explain_parked_run, retry_parked_run or skip_parked_run.',
  input: z.object({
    process: keyword.optional().describe('Business process, e.g. "employee-provisioning"'),
    businessKey: keyword.optional().describe('Workday employee ID, supplier ID or Coupa document ID'),
    syncState: z.enum(SYNC_STATES).optional().describe('"needs-attention" finds parked runs'),
    startedAfter: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 time, e.g. "2026-11-01T00:00:00Z"'),
    startedBefore: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 time'),
    limit: z.number().int().min(1).max(100).default(20).describe('At most this many runs (default 20)'),
  }),
  async run(args, { client, settings }) {
    // Every value went through a pattern without quotes, so the query cannot be broken out of.
    const clauses: string[] = [];
    if (args.process) clauses.push(`${BusinessProcessKey.name} = '${args.process}'`);
    if (args.businessKey) {
      const k = args.businessKey;
      const byKey = [`${EmployeeIdKey.name} = '${k}'`, `${SupplierIdKey.name} = '${k}'`, `${CoupaDocumentIdKey.name} = '${k}'`];
      if (args.process) byKey.push(`WorkflowId = '${args.process}/${k}'`);
      clauses.push(`(${byKey.join(' OR ')})`);
    }
    if (args.syncState) clauses.push(`${SyncStateKey.name} = '${args.syncState}'`);
    if (args.startedAfter) clauses.push(`StartTime >= '${new Date(args.startedAfter).toISOString()}'`);
    if (args.startedBefore) clauses.push(`StartTime <= '${new Date(args.startedBefore).toISOString()}'`);
    const query = clauses.join(' AND ');
    const runs: Record<string, unknown>[] = [];
    for await (const run of client.workflow.list(query ? { query } : {})) {
      const sa = run.typedSearchAttributes;
      runs.push({
        workflowId: run.workflowId,
        process: sa.get(BusinessProcessKey) ?? null,
        businessKey: sa.get(EmployeeIdKey) ?? sa.get(SupplierIdKey) ?? sa.get(CoupaDocumentIdKey) ?? run.workflowId.split('/').slice(1).join('/'),
        syncState: sa.get(SyncStateKey) ?? null,
        runStatus: run.status.name,
        startTime: run.startTime.toISOString(),
        closeTime: run.closeTime?.toISOString() ?? null,
        webUi: workflowUiLink(settings, run.workflowId, run.runId),
      });
      if (runs.length >= args.limit) break;
    }
    return { data: { query: query || '(all runs)', count: runs.length, runs } };
  },
});

const getRunStatus = defineTool({
  name: 'get_run_status',
  title: 'Read a run\'s status',
  access: 'read',
  description:
    "Reads one run's status: its SyncState, current step, changes made in Coupa and Workday, warnings, the parking reason if it is " +
    'parked, and the outcome once finished. Personal data (names, emails, bank details) is never in it.',
  input: z.object({ workflowId }),
  async run({ workflowId: id }, { client, settings }) {
    const { runStatus, status, webUi } = await readRunStatus(client, settings, id);
    return { data: { workflowId: id, runStatus, ...status, webUi }, workflowId: id };
  },
});

const explainParkedRun = defineTool({
  name: 'explain_parked_run',
  title: 'Why is a run parked, and what fixes it',
  access: 'read',
  description:
    'For a run with syncState "needs-attention": why it is parked (category data/auth/config/outage/contract, the reason, the failure type, ' +
    'the step), what a person must fix before a retry, and the next tool calls. Says so when the run is not parked.',
  input: z.object({ workflowId }),
  async run({ workflowId: id }, { client, settings }) {
    const { runStatus, status, webUi } = await readRunStatus(client, settings, id);
    if (!status.parking) {
      return {
        data: { workflowId: id, parked: false, syncState: status.syncState, step: status.step, runStatus, lastError: status.lastError, webUi },
        workflowId: id,
      };
    }
    const p = status.parking;
    return {
      data: {
        workflowId: id,
        parked: true,
        category: p.category,
        reason: p.reason,
        failureType: p.failureType,
        step: p.step,
        whatToDo: p.whatToDo ?? PARKING_ACTION[p.category],
        retriesSoFar: status.retries,
        next:
          'Once the cause is fixed, call retry_parked_run (an operator asks, a person approves). If the record should not be synced, ' +
          'call skip_parked_run with a reason. A retry before the fix parks the run again.',
        webUi,
      },
      workflowId: id,
    };
  },
});

/** The target must be parked now: asking a person to approve a retry that would be refused wastes their time. */
async function assertParked(ctx: Parameters<GatewayTool['run']>[1], id: string, what: string): Promise<void> {
  const { status } = await readRunStatus(ctx.client, ctx.settings, id);
  if (!status.parking) {
    throw new ToolError(`${id} is not parked (syncState ${status.syncState}, step "${status.step}"): there is nothing to ${what}. Nothing was requested.`, id);
  }
}

const retryParkedRun = defineTool({
  name: 'retry_parked_run',
  title: 'Ask to retry a parked run',
  access: 'request',
  description:
    'Asks for a parked run (syncState "needs-attention") to retry from the step it parked on, after the cause was fixed. ' +
    'Nothing happens at once: this creates a pending action that a person approves or rejects; it expires if nobody decides. ' +
    'Returns the pendingActionId; poll it with get_pending_action.',
  input: z.object({ workflowId }),
  async run({ workflowId: id }, ctx) {
    await assertParked(ctx, id, 'retry');
    return ctx.requestPendingAction({ kind: 'retry-parked-run', targetWorkflowId: id, params: { workflowId: id }, description: `retry the parked run ${id}` });
  },
});

const skipParkedRun = defineTool({
  name: 'skip_parked_run',
  title: 'Ask to skip a parked run',
  access: 'request',
  freeText: ['reason'],
  description:
    'Asks for a parked run to end as "skipped" (the record is deliberately not synced), with a reason for the audit trail. ' +
    'Nothing happens at once: this creates a pending action that a person approves or rejects. Returns the pendingActionId.',
  input: z.object({ workflowId, reason: reason('this record is not synced') }),
  async run({ workflowId: id, reason: why }, ctx) {
    await assertParked(ctx, id, 'skip');
    return ctx.requestPendingAction({ kind: 'skip-parked-run', targetWorkflowId: id, params: { workflowId: id, reason: why }, description: `skip the parked run ${id}` });
  },
});

export const runTools: GatewayTool[] = [findRuns, getRunStatus, explainParkedRun, retryParkedRun, skipParkedRun];
