// Commands for the org hierarchy sync: now, or on a Temporal Schedule.
import type { Command } from 'commander';
import { workflowUiLink } from '../../infra/temporal-connection';
import { installOrgHierarchySyncSchedule, removeOrgHierarchySyncSchedule, requestOrgHierarchySync, ORG_HIERARCHY_SYNC_SCHEDULE_ID } from '../org-hierarchy-sync';
import { exitWith, withTemporal } from './context';

export function registerOrgCommands(program: Command): void {
  program
    .command('org-sync')
    .description('Workday supervisory orgs → Coupa approval groups and managers, now')
    .option('--dry-run', 'print the plan; write nothing')
    .option('--wait', 'wait for the run to finish and print its result')
    .option('--scope <scope>', 'all, or one supervisory org code', 'all')
    .action(
      exitWith(async (opts: { dryRun?: boolean; wait?: boolean; scope: string }) =>
        withTemporal(async ({ client, config }) => {
          const dryRun = opts.dryRun === true;
          const handle = await requestOrgHierarchySync(client, config, { scope: opts.scope, dryRun, trigger: 'manual' });
          console.log(`started ${handle.workflowId}${dryRun ? ' (dry run: nothing is written)' : ''}\n${workflowUiLink(config, handle.workflowId, handle.firstExecutionRunId)}`);
          if (opts.wait || dryRun) console.log(JSON.stringify(await handle.result(), null, 2));
          return 0;
        }),
      ),
    );

  const schedule = program.command('org-sync-schedule').description('the org hierarchy sync on a Temporal Schedule (a run still going, or parked, makes the next one skip)');
  schedule
    .command('install')
    .description(`create or update the schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID}`)
    .option('--every <interval>', 'how often, e.g. 1h or 30m', '1h')
    .option('--scope <scope>', 'all, or one supervisory org code', 'all')
    .action(
      exitWith(async (opts: { every: string; scope: string }) =>
        withTemporal(async ({ client, config }) => {
          const outcome = await installOrgHierarchySyncSchedule(client, config, { every: opts.every, scope: opts.scope });
          console.log(`${outcome} schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID}: org hierarchy sync of ${opts.scope} every ${opts.every} (a run still going, or parked, makes the next one skip)`);
          return 0;
        }),
      ),
    );
  schedule
    .command('remove')
    .description(`delete the schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID}`)
    .action(
      exitWith(async () =>
        withTemporal(async ({ client }) => {
          const outcome = await removeOrgHierarchySyncSchedule(client);
          console.log(outcome === 'removed' ? `removed schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID}` : `no schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID} to remove`);
          return 0;
        }),
      ),
    );
}
