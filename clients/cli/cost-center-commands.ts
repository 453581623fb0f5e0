// Commands for the cost center sync: now (or as a dry run), or on a Temporal Schedule.
import type { Command } from 'commander';
import { workflowUiLink } from '../../infra/temporal-connection';
import { COST_CENTER_SYNC_SCHEDULE_ID, installCostCenterSyncSchedule, removeCostCenterSyncSchedule, requestCostCenterSync } from '../cost-center-sync';
import { exitWith, withTemporal } from './context';

export function registerCostCenterCommands(program: Command): void {
  program
    .command('cost-center-sync')
    .description('Workday companies, business units and cost centers → Coupa lookup values and accounts, now')
    .option('--dry-run', 'print the plan (creates, updates, deactivations); write nothing')
    .option('--wait', 'wait for the run to finish and print its result')
    .action(
      exitWith(async (opts: { dryRun?: boolean; wait?: boolean }) =>
        withTemporal(async ({ client, config }) => {
          const dryRun = opts.dryRun === true;
          const handle = await requestCostCenterSync(client, config, { dryRun, trigger: 'manual' });
          console.log(`started ${handle.workflowId}${dryRun ? ' (dry run: nothing is written)' : ''}\n${workflowUiLink(config, handle.workflowId, handle.firstExecutionRunId)}`);
          if (dryRun) {
            const result = await handle.result();
            console.log(result.changes.length === 0 ? 'Coupa already matches Workday: nothing to write' : result.changes.join('\n'));
            for (const warning of result.warnings) console.log(`warning: ${warning}`);
          } else if (opts.wait) {
            console.log(JSON.stringify(await handle.result(), null, 2));
          }
          return 0;
        }),
      ),
    );

  const schedule = program.command('cost-center-sync-schedule').description('the cost center sync on a Temporal Schedule (a run still going, or parked, makes the next one skip)');
  schedule
    .command('install')
    .description(`create or update the schedule ${COST_CENTER_SYNC_SCHEDULE_ID}`)
    .option('--every <interval>', 'how often, e.g. 1h or 30m', '1h')
    .action(
      exitWith(async (opts: { every: string }) =>
        withTemporal(async ({ client, config }) => {
          const outcome = await installCostCenterSyncSchedule(client, config, { every: opts.every });
          console.log(`${outcome} schedule ${COST_CENTER_SYNC_SCHEDULE_ID}: cost center sync every ${opts.every} (a run still going, or parked, makes the next one skip)`);
          return 0;
        }),
      ),
    );
  schedule
    .command('remove')
    .description(`delete the schedule ${COST_CENTER_SYNC_SCHEDULE_ID}`)
    .action(
      exitWith(async () =>
        withTemporal(async ({ client }) => {
          const outcome = await removeCostCenterSyncSchedule(client);
          console.log(outcome === 'removed' ? `removed schedule ${COST_CENTER_SYNC_SCHEDULE_ID}` : `no schedule ${COST_CENTER_SYNC_SCHEDULE_ID} to remove`);
          return 0;
        }),
      ),
    );
}
