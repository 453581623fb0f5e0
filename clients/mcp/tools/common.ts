// Input pieces every tool module shares: business keys and workflow IDs as the workflows name them, checked before anything is asked of Temporal.
import { z } from 'zod';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { statusQuery, type ProcessStatus } from '../../../workflows/sync-state';
import { workflowUiLink } from '../../../infra/temporal-connection';
import { ToolError, type GatewaySettings } from '../tool';

export const employeeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'a Workday employee ID: letters, digits, - and _ only, at most 40 (e.g. "21001")')
  .describe('Workday employee ID, e.g. "21001"');

export const workflowId = z
  .string()
  .regex(/^[a-z][a-z-]*\/[A-Za-z0-9_./-]{1,160}$/, 'a workflow ID as find_runs returns it: <process>/<business key>, e.g. "employee-provisioning/21001"')
  .describe('Workflow ID as find_runs returns it: <process>/<business key>, e.g. "employee-provisioning/21001"');

export const reason = (what: string) => z.string().trim().min(3, `say why ${what} (at least 3 characters)`).max(500).describe(`Why ${what}; kept in the audit trail`);

/** A run's status as its `status` query tells it (personal data is never in it), with its Temporal state and Web UI link. */
export async function readRunStatus(client: Client, settings: GatewaySettings, id: string): Promise<{ runStatus: string; status: ProcessStatus; webUi: string }> {
  const handle = client.workflow.getHandle(id);
  try {
    const description = await handle.describe();
    const status = await handle.query(statusQuery);
    return { runStatus: description.status.name, status, webUi: workflowUiLink(settings, id, description.runId) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ToolError(`no run with workflow ID ${id}; use find_runs to look it up`, id);
    throw err;
  }
}
