// Records one history per path of costCenterSync for the replay test: `npx tsx test/histories/record-cost-center-sync.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import fs from 'node:fs';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { ACCEPTANCE_RESTRUCTURE, restructureWorkday } from '../helpers/cost-centers';
import { requestCostCenterSync } from '../../clients/cost-center-sync';
import { retrySignal, statusQuery } from '../../workflows/sync-state';
import { historyExists, saveRunHistory } from './history-files';
import { runRecorder } from './recorder';

const PREFIX = 'cost-center-sync';

type Scenario = (h: ProvisioningHarness) => Promise<string>;

const run = async (h: ProvisioningHarness, dryRun = false): Promise<string> => {
  const handle = await requestCostCenterSync(h.temporal.env.client, h.queueConfig, { dryRun });
  await handle.result();
  return handle.workflowId;
};

/** Run in this order on one harness: each starts from what the one before left. */
const scenarios: Record<string, Scenario> = {
  synced: (h) => run(h),
  unchanged: (h) => run(h),
  async 'dry-run'(h) {
    await restructureWorkday(h.workday.url, ACCEPTANCE_RESTRUCTURE);
    return run(h, true);
  },
  restructured: (h) => run(h),
  async 'parked-then-retried'(h) {
    const original = fs.readFileSync(h.mappingFile, 'utf8');
    fs.writeFileSync(h.mappingFile, original.replace('  lookup: Cost Center', '  lookup: Cost Centres'));
    try {
      await restructureWorkday(h.workday.url, [{ action: 'rename', code: 'CC2000', name: 'Facilities & Workplace' }]);
      const handle = await requestCostCenterSync(h.temporal.env.client, h.queueConfig);
      await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the sync to park');
      fs.writeFileSync(h.mappingFile, original);
      await handle.signal(retrySignal);
      await handle.result();
      return handle.workflowId;
    } finally {
      fs.writeFileSync(h.mappingFile, original);
    }
  },
  // Recorded with COST_CENTER_ACCOUNTS_ONE_LIST_PATCH: the accounts of every account type in one list.
  'accounts-one-list-unchanged': (h) => run(h),
  async 'accounts-one-list-new-cost-center'(h) {
    await restructureWorkday(h.workday.url, [{ action: 'create', code: 'CC2930', name: 'Recorded Cost Center', parentCode: 'CC1400' }]);
    return run(h);
  },
};

/** The paths the saved histories must cover (the cost center sync test checks them). */
export const REQUIRED_COST_CENTER_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX}-${name}`);

async function main(): Promise<void> {
  if (Object.keys(scenarios).every((name) => historyExists(`${PREFIX}-${name}`))) {
    console.log('every history exists; none is overwritten. Add a scenario with a new name to record more.');
    return;
  }
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const workflowId = await scenario(h);
      if (historyExists(`${PREFIX}-${name}`)) continue;
      console.log(`saved ${saveRunHistory(h.temporal, workflowId, `${PREFIX}-${name}`)}`);
    }
  } finally {
    await h.close();
  }
}

if (require.main === module) runRecorder(main);
