// Schedules of every area (pollers, org sync, anyone's): list, pause, resume, run now; and installing this project's pollers.
import type { Command } from 'commander';
import { installPollerSchedule, listSchedules, pollerNamed, POLLERS, setSchedulePaused, triggerSchedule } from '../pollers';
import { installOrgHierarchySyncSchedule, ORG_HIERARCHY_SYNC_SCHEDULE_ID } from '../org-hierarchy-sync';
import { UsageError, exitWith, withTemporal } from './context';

export function registerScheduleCommands(program: Command): void {
  const schedules = program.command('schedules').description("every Temporal Schedule in the namespace, whoever installed it: list, pause, resume, run now");
  schedules
    .command('list')
    .description('each schedule: paused or not, what it starts, its next run, its note')
    .option('--json', 'print JSON')
    .action(
      exitWith(async (opts: { json?: boolean }) =>
        withTemporal(async ({ client }) => {
          const all = await listSchedules(client);
          if (opts.json) console.log(JSON.stringify(all, null, 2));
          else if (all.length === 0) console.log('no schedules installed (npm run cli -- schedules install-all)');
          else console.table(all.map((s) => ({ schedule: s.scheduleId, paused: s.paused, starts: s.workflowType, next: s.nextActionAt, note: s.note })));
          return 0;
        }),
      ),
    );

  for (const [verb, paused] of [['pause', true], ['resume', false]] as const) {
    schedules
      .command(verb)
      .description(paused ? 'stop a schedule from starting runs (a poller keeps its cursor: nothing is lost)' : 'let a paused schedule start runs again (a poller goes on from its cursor)')
      .argument('<scheduleId>', 'as `schedules list` shows it, e.g. workday-worker-changes-poller-schedule')
      .option('--note <text>', 'why, shown in the schedule')
      .action(
        exitWith(async (scheduleId: string, opts: { note?: string }) =>
          withTemporal(async ({ client }) => {
            const outcome = await setSchedulePaused(client, scheduleId, paused, opts.note);
            if (outcome === 'absent') {
              console.error(`no schedule ${scheduleId} (see schedules list)`);
              return 1;
            }
            console.log(`${paused ? 'paused' : 'resumed'} ${scheduleId}`);
            return 0;
          }),
        ),
      );
  }

  schedules
    .command('trigger')
    .description("run a schedule's action now (skipped if its last run is still going)")
    .argument('<scheduleId>', 'as `schedules list` shows it')
    .action(
      exitWith(async (scheduleId: string) =>
        withTemporal(async ({ client }) => {
          if ((await triggerSchedule(client, scheduleId)) === 'absent') {
            console.error(`no schedule ${scheduleId} (see schedules list)`);
            return 1;
          }
          console.log(`triggered ${scheduleId}`);
          return 0;
        }),
      ),
    );

  schedules
    .command('install-all')
    .description(`install or update every schedule this project runs: the pollers (${POLLERS.map((p) => p.name).join(', ')}) and the org sync (${ORG_HIERARCHY_SYNC_SCHEDULE_ID})`)
    .option('--poll-every <interval>', 'how often the pollers run, e.g. 1m')
    .option('--org-sync-every <interval>', 'how often the org sync runs', '1h')
    .action(
      exitWith(async (opts: { pollEvery?: string; orgSyncEvery: string }) =>
        withTemporal(async ({ client, config }) => {
          for (const poller of POLLERS) {
            const outcome = await installPollerSchedule(client, config, poller.name, opts.pollEvery ? { every: opts.pollEvery } : {});
            console.log(`${outcome} ${poller.scheduleId}: ${poller.description}`);
          }
          const org = await installOrgHierarchySyncSchedule(client, config, { every: opts.orgSyncEvery });
          console.log(`${org} ${ORG_HIERARCHY_SYNC_SCHEDULE_ID}: org hierarchy sync every ${opts.orgSyncEvery}`);
          return 0;
        }),
      ),
    );

  const pollers = program.command('pollers').description('the change-detection pollers (each a workflow on a Temporal Schedule with a durable cursor)');
  pollers
    .command('install')
    .description('create or update a poller\'s schedule; a first poll starts from now (older changes: backfill)')
    .argument('<poller>', `one of: ${POLLERS.map((p) => p.name).join(', ')}, or all`)
    .option('--every <interval>', 'how often it polls, e.g. 30s or 1m')
    .option('--overlap-seconds <n>', 'how far each window reaches back before the cursor (default 120)')
    .option('--paused', 'install it paused')
    .action(
      exitWith(async (name: string, opts: { every?: string; overlapSeconds?: string; paused?: boolean }) => {
        const names = name === 'all' ? POLLERS.map((p) => p.name) : [name];
        try {
          names.forEach(pollerNamed);
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        const overlap = opts.overlapSeconds === undefined ? undefined : Number(opts.overlapSeconds);
        if (overlap !== undefined && !(Number.isInteger(overlap) && overlap >= 0)) throw new UsageError('--overlap-seconds takes a whole number of seconds');
        return withTemporal(async ({ client, config }) => {
          for (const n of names) {
            const outcome = await installPollerSchedule(client, config, n, {
              ...(opts.every ? { every: opts.every } : {}),
              ...(overlap !== undefined ? { overlapSeconds: overlap } : {}),
              paused: opts.paused === true,
            });
            console.log(`${outcome} ${pollerNamed(n).scheduleId}${opts.paused ? ' (paused)' : ''}`);
          }
          return 0;
        });
      }),
    );
}
