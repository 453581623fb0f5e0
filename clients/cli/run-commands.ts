// Support's commands for any run: its status, and retry or skip when it is parked.
import type { Command } from 'commander';
import { workflowUiLink } from '../../infra/temporal-connection';
import { statusQuery, retryUpdate, skipUpdate } from '../../workflows/sync-state';
import { UsageError, answered, exitWith, toWorkflowId, withTemporal } from './context';

const TARGET = '<employeeId|workflowId>';
const TARGET_HELP = 'an employee ID (their provisioning run) or a full workflow ID, e.g. invoice-posting/4711';

export function registerRunCommands(program: Command): void {
  program
    .command('status')
    .description("a run's status: current step, what changed in each system, why it is parked")
    .argument(TARGET, TARGET_HELP)
    .action(
      exitWith(async (target: string) => {
        const workflowId = toWorkflowId(target);
        return withTemporal(async ({ client, config }) => {
          const handle = client.workflow.getHandle(workflowId);
          const description = await handle.describe();
          const status = await handle.query(statusQuery);
          console.log(JSON.stringify({ workflowId: handle.workflowId, runStatus: description.status.name, ...status }, null, 2));
          console.log(workflowUiLink(config, handle.workflowId, description.runId));
          return 0;
        });
      }),
    );

  program
    .command('retry')
    .description('retry a parked run after the fix (answered by the run; refused when it is not parked)')
    .argument(TARGET, TARGET_HELP)
    .action(
      exitWith(async (target: string) => {
        const workflowId = toWorkflowId(target);
        // An update, not a signal: the run answers, and refuses when it is not parked.
        return withTemporal(({ client }) => answered(client, workflowId, 'retry', (h) => h.executeUpdate(retryUpdate)));
      }),
    );

  program
    .command('skip')
    .description('give up on a parked run: the record is not synced, the reason goes into the audit trail')
    .argument(TARGET, TARGET_HELP)
    .option('--reason <text>', 'why this record is not synced (required)')
    .action(
      exitWith(async (target: string, opts: { reason?: string }) => {
        const reason = opts.reason?.trim();
        if (!reason) throw new UsageError('skip needs --reason "why this record is not synced" (it goes into the audit trail)');
        const workflowId = toWorkflowId(target);
        return withTemporal(({ client }) => answered(client, workflowId, 'skip', (h) => h.executeUpdate(skipUpdate, { args: [reason] })));
      }),
    );
}
