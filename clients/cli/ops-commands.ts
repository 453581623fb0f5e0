// Ops commands for any process: start one by business key, list the runs that need a person, send any signal or update by name (approve, …), backfill.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { workflowUiLink } from '../../infra/temporal-connection';
import { EVENT_ROUTES, routeForProcess } from '../events/route-table';
import { businessEventSchema } from '../events/events';
import { followBackfill, startWorkdayHiresBackfill, assertBackfillDate } from '../backfill';
import { UsageError, exitWith, toWorkflowId, withTemporal } from './context';

function parseArgs(values: string[]): unknown[] {
  return values.map((v) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v; // a bare word is a string argument
    }
  });
}

/** An update by name with any arguments (the CLI does not know each process's update types). */
function runUpdate(handle: WorkflowHandle, name: string, args: unknown[]): Promise<unknown> {
  return args.length === 0 ? handle.executeUpdate(name) : handle.executeUpdate(name, { args: args as [unknown, ...unknown[]] });
}

export function registerOpsCommands(program: Command): void {
  program
    .command('start')
    .description(`start (or signal) any process for one record, as its event would: ${EVENT_ROUTES.map((r) => r.process).join(', ')}`)
    .argument('<process>', EVENT_ROUTES.map((r) => `${r.process} (key: ${r.keyHelp})`).join('; '))
    .argument('<key>', 'the business key')
    .action(
      exitWith(async (process: string, key: string) => {
        const route = routeForProcess(process);
        if (!route) throw new UsageError(`unknown process "${process}" (one of ${EVENT_ROUTES.map((r) => r.process).join(', ')})`);
        const event = businessEventSchema.safeParse(route.eventForKey(key));
        if (!event.success) throw new UsageError(`"${key}" is not a ${route.keyHelp}: ${event.error.issues.map((i) => i.message).join('; ')}`);
        return withTemporal(async ({ client, config }) => {
          const outcome = await route.start(client, config, { ...event.data, eventId: `manual:${Date.now()}`, source: 'manual' });
          console.log(`${outcome.duplicate ? 'already there' : 'started'}: ${outcome.workflowId}\n${workflowUiLink(config, outcome.workflowId, outcome.runId ?? undefined)}`);
          return 0;
        });
      }),
    );

  program
    .command('attention')
    .description('the runs that need a person (SyncState = needs-attention), newest first, with their process and key')
    .option('--process <name>', 'only this business process, e.g. employee-provisioning')
    .option('--limit <n>', 'at most this many', '50')
    .action(
      exitWith(async (opts: { process?: string; limit: string }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit takes a positive whole number');
        if (opts.process && !/^[a-z0-9-]+$/.test(opts.process)) throw new UsageError('--process takes a process name such as employee-provisioning');
        return withTemporal(async ({ client, config }) => {
          const query = `SyncState = 'needs-attention' AND ExecutionStatus = 'Running'${opts.process ? ` AND BusinessProcess = '${opts.process}'` : ''}`;
          const rows: Array<Record<string, string>> = [];
          for await (const run of client.workflow.list({ query })) {
            const process = run.searchAttributes?.BusinessProcess?.[0];
            rows.push({ workflowId: run.workflowId, process: typeof process === 'string' ? process : '', since: run.startTime.toISOString(), link: workflowUiLink(config, run.workflowId, run.runId) });
            if (rows.length >= limit) break;
          }
          if (rows.length === 0) console.log('nothing needs attention');
          else console.table(rows);
          console.log('read why: npm run cli -- status <workflowId>; then retry or skip');
          return 0;
        });
      }),
    );

  program
    .command('send')
    .description('send a signal, or an update (answered by the run), by name to any run: e.g. approve, retryParked, purchaseOrderChanged')
    .argument('<target>', 'an employee ID (their provisioning run) or a full workflow ID')
    .argument('<name>', 'the signal or update name')
    .argument('[args...]', 'arguments as JSON (a bare word is a string)')
    .option('--update', 'send it as an update and print the answer (refusals exit 1)')
    .action(
      exitWith(async (target: string, name: string, args: string[], opts: { update?: boolean }) => {
        const workflowId = toWorkflowId(target);
        return withTemporal(async ({ client }) => {
          const handle = client.workflow.getHandle(workflowId);
          if (!opts.update) {
            await handle.signal(name, ...parseArgs(args));
            console.log(`signal ${name} sent to ${workflowId}`);
            return 0;
          }
          try {
            console.log(JSON.stringify(await runUpdate(handle, name, parseArgs(args)), null, 2));
            return 0;
          } catch (err) {
            if (err instanceof WorkflowUpdateFailedError) {
              console.error(`refused: ${err.cause instanceof Error ? err.cause.message : err.message}`);
              return 1;
            }
            throw err;
          }
        });
      }),
    );

  program
    .command('approve-run')
    .description('approve a run that waits for an approval: sends the update (default "approve"), or the signal with --signal (pending actions of the MCP gateway: `approve`)')
    .argument('<workflowId>', 'the waiting run, e.g. supplier-sync/4711')
    .option('--name <name>', 'the update or signal the process defines', 'approve')
    .option('--signal', 'send a signal (no answer) instead of an update')
    .option('--by <who>', 'who approves, passed as the argument')
    .action(
      exitWith(async (workflowId: string, opts: { name: string; signal?: boolean; by?: string }) =>
        withTemporal(async ({ client }) => {
          const handle = client.workflow.getHandle(toWorkflowId(workflowId));
          const args = opts.by ? [opts.by] : [];
          if (opts.signal) {
            await handle.signal(opts.name, ...args);
            console.log(`signal ${opts.name} sent to ${handle.workflowId}`);
            return 0;
          }
          try {
            console.log(JSON.stringify(await runUpdate(handle, opts.name, args), null, 2));
            return 0;
          } catch (err) {
            if (err instanceof WorkflowUpdateFailedError) {
              console.error(`refused: ${err.cause instanceof Error ? err.cause.message : err.message}`);
              return 1;
            }
            throw err;
          }
        }),
      ),
    );

  const backfill = program.command('backfill').description('hand past changes to their processes, from a date, at the rates the APIs allow');
  backfill
    .command('hires')
    .description('every Workday hire effective since a date (e.g. all hires since 1 October) → employee provisioning, with a progress bar')
    .requiredOption('--since <date>', 'YYYY-MM-DD: hires effective on or after it')
    .option('--no-wait', 'start it and return (follow it in the Web UI)')
    .action(
      exitWith(async (opts: { since: string; wait: boolean }) => {
        try {
          assertBackfillDate(opts.since);
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        return withTemporal(async ({ client, config }) => {
          const handle = await startWorkdayHiresBackfill(client, config, opts.since);
          console.log(`backfill ${handle.workflowId}\n${workflowUiLink(config, handle.workflowId)}`);
          if (!opts.wait) return 0;
          const bar = new SingleBar({ format: 'Workday pages {bar} {value}/{total} | hires found {found} | runs started {delivered}', hideCursor: true }, Presets.shades_classic);
          bar.start(1, 0, { found: 0, delivered: 0 });
          const final = await followBackfill(handle, (p) => {
            bar.setTotal(Math.max(1, p.totalPages));
            bar.update(p.pagesRead, { found: p.hiresFound, delivered: p.delivered });
          });
          bar.stop();
          console.log(`${final.delivered} hires since ${final.since} handed to employee provisioning`);
          return 0;
        });
      }),
    );
}
