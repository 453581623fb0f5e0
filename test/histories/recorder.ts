// What every history recorder shares: record only the scenarios whose file is missing (never overwrite), and the script's exit.
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { historyExists, saveRunHistory } from './history-files';

export type HistoryScenario = (h: ProvisioningHarness) => Promise<string>;

/** Runs each scenario whose `<prefix>-<name>` history is missing (all of them, or those named in `only`) and saves its run's history. */
export async function recordMissingHistories(prefix: string, scenarios: Record<string, HistoryScenario>, only: string[] = []): Promise<void> {
  const wanted = Object.entries(scenarios).filter(([name]) => (only.length === 0 || only.includes(name)) && !historyExists(`${prefix}-${name}`));
  if (wanted.length === 0) {
    console.log('every history asked for exists; none is overwritten. Add a scenario with a new name to record more.');
    return;
  }
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    for (const [name, scenario] of wanted) {
      const workflowId = await scenario(h);
      console.log(`saved ${saveRunHistory(h.temporal, workflowId, `${prefix}-${name}`)}`);
    }
  } finally {
    await h.close();
  }
}

/** A recorder script's main: exit 0 when done, 1 with the error printed. */
export function runRecorder(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
