// Records one history per path of the change-detection poll and the hires backfill for the replay test: `npx tsx test/histories/record-pollers.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { workdayWorkerChangesPoll, workdayHiresBackfill } from '../../workflows';
import { historyExists, saveRunHistory } from './history-files';

type Scenario = (h: ProvisioningHarness) => Promise<string>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const scenarios: Record<string, Scenario> = {
  async 'workday-worker-changes-poll-hire-and-terminations'(h) {
    const since = new Date(Date.now() - 1000).toISOString();
    const hired = h.workday.store.hire({ firstName: 'History', lastName: 'Poll', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT' }).employeeId;
    h.workday.store.hire({ firstName: 'History', lastName: 'Future', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', hireDate: day(7) });
    h.workday.store.terminate(hired, { terminationDate: day(10) });
    const handle = await h.temporal.env.client.workflow.start(workdayWorkerChangesPoll, { workflowId: 'history/workday-worker-changes-poll', taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS, args: [{ since }] });
    await handle.result();
    return handle.workflowId;
  },
  async 'workday-hires-backfill'(h) {
    h.workday.store.hire({ firstName: 'History', lastName: 'Backfill', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', hireDate: day(-2) });
    const handle = await h.temporal.env.client.workflow.start(workdayHiresBackfill, { workflowId: 'history/workday-hires-backfill', taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS, args: [{ since: day(-3) }] });
    await handle.result();
    return handle.workflowId;
  },
};

async function main(): Promise<void> {
  const missing = Object.keys(scenarios).filter((name) => !historyExists(name));
  if (missing.length === 0) return console.log('every poller history is recorded');
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    for (const name of missing) console.log(`recorded ${saveRunHistory(h.temporal, await scenarios[name]!(h), name)}`);
  } finally {
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
