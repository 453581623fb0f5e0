// Employee offboarding's tools: ask to start an offboarding, or to cancel a termination (rescinded in Workday).
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { employeeOffboardingWorkflowId } from '../../../workflows/employee-offboarding';
import { defineTool, ToolError, type GatewayTool } from '../tool';
import { employeeId } from './common';

const start = defineTool({
  name: 'start_employee_offboarding',
  title: 'Ask to offboard an employee',
  access: 'request',
  description:
    "Asks for the offboarding of a Workday employee with a termination: on the termination date their Coupa requisitions and approvals move to " +
    'their manager and their Coupa user is deactivated (never deleted). Nothing happens at once: this creates a pending action that a person ' +
    'approves or rejects. Returns the pendingActionId; poll it with get_pending_action.',
  input: z.object({ employeeId }),
  async run({ employeeId: id }, ctx) {
    const target = employeeOffboardingWorkflowId(id);
    return ctx.requestPendingAction({ kind: 'start-employee-offboarding', targetWorkflowId: target, params: { employeeId: id }, description: `offboard Workday employee ${id} (${target})` });
  },
});

const cancel = defineTool({
  name: 'cancel_termination',
  title: 'Ask to cancel a termination',
  access: 'request',
  freeText: ['reason'],
  description:
    'Asks to cancel an offboarding that is waiting for its termination date (the termination was rescinded in Workday): nothing is then changed ' +
    'in Coupa. Refused at once when there is no running offboarding for the employee. Creates a pending action that a person approves or rejects.',
  input: z.object({ employeeId, reason: z.string().trim().max(500).optional().describe('Why, e.g. "termination rescinded in Workday"') }),
  async run({ employeeId: id, reason }, ctx) {
    const target = employeeOffboardingWorkflowId(id);
    try {
      const { status } = await ctx.client.workflow.getHandle(target).describe();
      if (status.name !== 'RUNNING') throw new ToolError(`${target} is ${status.name.toLowerCase()}: a finished offboarding is not undone by a cancel. Nothing was requested.`, target);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ToolError(`no offboarding run for employee ${id} (${target}). Nothing was requested.`, target);
      throw err;
    }
    return ctx.requestPendingAction({
      kind: 'cancel-termination',
      targetWorkflowId: target,
      params: { employeeId: id, ...(reason ? { reason } : {}) },
      description: `cancel the termination of Workday employee ${id} (${target})`,
    });
  },
});

export const employeeOffboardingTools: GatewayTool[] = [start, cancel];
