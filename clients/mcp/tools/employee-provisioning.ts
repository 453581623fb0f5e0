// Employee provisioning's tools: preview what a run would change in Coupa (reads only), and ask to start one.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, ActivityFailure } from '@temporalio/common';
import {
  employeeProvisioningPreview,
  employeeProvisioningPreviewWorkflowId,
  EMPLOYEE_PROVISIONING_PREVIEW,
} from '../../../workflows/employee-provisioning-preview';
import { employeeProvisioningWorkflowId } from '../../../workflows/employee-provisioning';
import { BusinessProcessKey, EmployeeIdKey } from '../../../workflows/sync-state';
import { PARKING_ACTION, PARKING_CATEGORY_BY_FAILURE_TYPE } from '../../../connectors/http/error-types';
import { defineTool, ToolError, type GatewayTool } from '../tool';
import { employeeId } from './common';

const preview = defineTool({
  name: 'preview_employee_provisioning',
  title: 'Preview provisioning an employee (dry run)',
  access: 'read',
  description:
    'Dry run of employee provisioning: reads the worker from Workday and the user from Coupa, plans with the mapping file, and answers what ' +
    'a provisioning run would change in Coupa (create or update, each field from → to, approval groups to add or remove, problems that would ' +
    'park it). Writes nothing anywhere. Names, emails and logins show as masked.',
  input: z.object({ employeeId }),
  async run({ employeeId: id }, { client, settings }) {
    const workflowId = employeeProvisioningPreviewWorkflowId(id, randomUUID().slice(0, 8));
    const handle = await client.workflow.start(employeeProvisioningPreview, {
      workflowId,
      taskQueue: settings.TASK_QUEUE_WORKFLOWS,
      args: [{ employeeId: id }],
      staticSummary: `Provisioning preview (dry run, no writes): Workday employee ${id} → Coupa user`,
      // A preview that cannot finish in time is of no use to the caller waiting for it.
      workflowExecutionTimeout: `${settings.previewTimeoutSeconds} seconds`,
      typedSearchAttributes: [
        { key: BusinessProcessKey, value: EMPLOYEE_PROVISIONING_PREVIEW },
        { key: EmployeeIdKey, value: id },
      ],
    });
    try {
      const result = await handle.result();
      return { data: { ...result, previewWorkflowId: workflowId, writes: 'none: this was a dry run' }, workflowId };
    } catch (err) {
      throw new ToolError(previewFailure(id, err), workflowId);
    }
  },
});

/** The reason the real run would park on, in the words support reads. */
function previewFailure(id: string, err: unknown): string {
  let cause: unknown = err instanceof WorkflowFailedError ? err.cause : err;
  if (cause instanceof ActivityFailure) cause = cause.cause;
  if (cause instanceof ApplicationFailure) {
    const category = (cause.type && PARKING_CATEGORY_BY_FAILURE_TYPE[cause.type]) || null;
    const todo = category ? ` What would fix it: ${PARKING_ACTION[category]}` : '';
    return `A provisioning run for employee ${id} would park (${category ?? 'unclassified'}, ${cause.type ?? 'no type'}): ${cause.message}.${todo} Nothing was written.`;
  }
  return `The preview for employee ${id} did not finish: ${err instanceof Error ? err.message : String(err)}. Nothing was written.`;
}

const start = defineTool({
  name: 'start_employee_provisioning',
  title: 'Ask to provision an employee',
  access: 'request',
  description:
    'Asks for a provisioning run of one Workday employee (create or update their Coupa user; a run already going takes it as a new event). ' +
    'Nothing happens at once: this creates a pending action that a person approves or rejects. Preview it first with preview_employee_provisioning. ' +
    'Returns the pendingActionId; poll it with get_pending_action.',
  input: z.object({ employeeId }),
  async run({ employeeId: id }, ctx) {
    const target = employeeProvisioningWorkflowId(id);
    return ctx.requestPendingAction({ kind: 'start-employee-provisioning', targetWorkflowId: target, params: { employeeId: id }, description: `provision Workday employee ${id} into Coupa (${target})` });
  },
});

export const employeeProvisioningTools: GatewayTool[] = [preview, start];
