// Tools for the processes that start from a business event (invoice posting, PO encumbrance, supplier sync) and for held bank changes.
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { EVENT_ROUTES, routeForProcess } from '../../events/route-table';
import { businessEventSchema } from '../../events/events';
import { describeBankChange, pendingBankChange } from '../../supplier-sync';
import { supplierSyncWorkflowId } from '../../../workflows/supplier-sync';
import { defineTool, ToolError, type GatewayTool } from '../tool';
import { reason } from './common';

/** The people processes have their own tools (with checks of their own); these are started by business key. */
const KEYED_PROCESSES = EVENT_ROUTES.map((r) => r.process).filter((p) => !p.startsWith('employee-')) as [string, ...string[]];

const businessKey = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'a business key: letters, digits, . _ and - only, at most 60').describe('The business key, e.g. a Coupa invoice id "4711"');
const supplierKey = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'a supplier key as supplier-sync/<key> names it').describe('Supplier key: the Workday Supplier ID, e.g. "S-1002" (the run is supplier-sync/<key>)');

const startProcess = defineTool({
  name: 'start_process',
  title: 'Ask to start a process by business key',
  access: 'request',
  description:
    `Asks to start (or nudge) a business process for one record: ${EVENT_ROUTES.filter((r) => KEYED_PROCESSES.includes(r.process))
      .map((r) => `${r.process} (key: ${r.keyHelp})`)
      .join('; ')}. ` +
    'Every process re-reads the record itself and is idempotent, so a repeat changes nothing. Nothing happens at once: this creates a pending ' +
    'action that a person approves or rejects. Returns the pendingActionId; poll it with get_pending_action.',
  input: z.object({ process: z.enum(KEYED_PROCESSES).describe('Which process'), key: businessKey }),
  async run({ process, key }, ctx) {
    const route = routeForProcess(process)!;
    const event = route.eventForKey(key);
    const parsed = businessEventSchema.safeParse(event);
    if (!parsed.success) throw new ToolError(`"${key}" is not a ${route.keyHelp}: ${parsed.error.issues.map((i) => i.message).join('; ')}. Nothing was requested.`);
    const target = route.workflowIdFor(parsed.data);
    return ctx.requestPendingAction({ kind: 'start-process-by-key', targetWorkflowId: target, params: { process, key }, description: `start ${process} for ${key} (${target})` });
  },
});

const heldBankChange = defineTool({
  name: 'get_held_bank_change',
  title: "A supplier's bank change waiting for a person",
  access: 'read',
  description:
    'Shows the bank-detail change a supplier sync run holds for approval: old and new values masked (last 4), which system it came from, ' +
    'who made it and when. Bank changes are never copied unattended (the classic payment-fraud path). Answers held: false when none waits.',
  input: z.object({ supplierKey }),
  async run({ supplierKey: key }, ctx) {
    const workflowId = supplierSyncWorkflowId(key);
    try {
      const held = await pendingBankChange(ctx.client, key);
      return held ? { data: { held: true, supplierKey: key, change: held, summary: describeBankChange(held) }, workflowId } : { data: { held: false, supplierKey: key }, workflowId };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ToolError(`no supplier sync run ${workflowId}`, workflowId);
      throw err;
    }
  },
});

const decideBankChange = defineTool({
  name: 'decide_bank_change',
  title: 'Ask to approve or reject a held bank change',
  access: 'request',
  freeText: ['reason'],
  description:
    'Asks for a decision on the bank change a supplier sync run holds: approve copies the new details to the other system; reject puts the old ' +
    'details back where they were entered. Refused at once when no change is held. Nothing happens at once: this creates a pending action that ' +
    'a person approves or rejects; the supplier run records the decision with who asked.',
  input: z.object({ supplierKey, decision: z.enum(['approve', 'reject']), reason: reason('the bank change is approved or rejected').optional() }),
  async run({ supplierKey: key, decision, reason: why }, ctx) {
    const workflowId = supplierSyncWorkflowId(key);
    if (decision === 'reject' && !why) throw new ToolError('a rejection needs a reason (it goes into the audit trail). Nothing was requested.', workflowId);
    let held;
    try {
      held = await pendingBankChange(ctx.client, key);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ToolError(`no supplier sync run ${workflowId}. Nothing was requested.`, workflowId);
      throw err;
    }
    if (!held) throw new ToolError(`${workflowId} holds no bank change. Nothing was requested.`, workflowId);
    return ctx.requestPendingAction({
      kind: 'decide-bank-change',
      targetWorkflowId: workflowId,
      params: { supplierKey: key, decision, by: `${ctx.caller.name} (MCP pending action)`, ...(why ? { reason: why } : {}) },
      description: `${decision} the held bank change of supplier ${key} (${workflowId})`,
    });
  },
});

export const businessProcessTools: GatewayTool[] = [startProcess, heldBankChange, decideBankChange];
