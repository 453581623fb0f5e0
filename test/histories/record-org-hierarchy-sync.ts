// Records one history per path of orgHierarchySync for the replay test: `npx tsx test/histories/record-org-hierarchy-sync.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { otherMembersOf, provisionEveryoneInCoupa, reorganize } from '../helpers/org-hierarchy';
import { requestOrgHierarchySync } from '../../clients/org-hierarchy-sync';
import { retrySignal, statusQuery } from '../../workflows/sync-state';
import { historyExists, saveRunHistory } from './history-files';
import { runRecorder } from './recorder';

const PREFIX = 'org-hierarchy-sync';

type Scenario = (h: ProvisioningHarness) => Promise<string>;

/** Run in this order on one harness: each starts from what the one before left. */
const scenarios: Record<string, Scenario> = {
  async synced(h) {
    const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig);
    await handle.result();
    return handle.workflowId;
  },
  async unchanged(h) {
    const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig);
    await handle.result();
    return handle.workflowId;
  },
  async 'dry-run'(h) {
    await reorganize(h);
    const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { dryRun: true });
    await handle.result();
    return handle.workflowId;
  },
  async reorg(h) {
    const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'org-change' });
    await handle.result();
    return handle.workflowId;
  },
  async 'parked-then-retried'(h) {
    h.workday.store.assignManager('SUP-OPS', '21021');
    h.coupa.controls.setFaults({ failNext: [{ status: 403, pathContains: '/api/user_groups/' }] });
    try {
      const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig);
      await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the sync to park');
      h.coupa.controls.setFaults({});
      await handle.signal(retrySignal);
      await handle.result();
      return handle.workflowId;
    } finally {
      h.coupa.controls.setFaults({});
    }
  },
  // Recorded with ORG_SYNC_FEWER_READS_PATCH: the workforce in Get_Workers pages, memberships in one list.
  async 'fewer-reads-unchanged'(h) {
    const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig);
    await handle.result();
    return handle.workflowId;
  },
  async 'fewer-reads-manager-changed'(h) {
    h.workday.store.assignManager('SUP-MKT', otherMembersOf(h, 'SUP-MKT')[0]!);
    const handle = await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'org-change' });
    await handle.result();
    return handle.workflowId;
  },
};

/** The paths the saved histories must cover (the org hierarchy sync test checks them). */
export const REQUIRED_ORG_HIERARCHY_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX}-${name}`);

async function main(): Promise<void> {
  if (Object.keys(scenarios).every((name) => historyExists(`${PREFIX}-${name}`))) {
    console.log('every history exists; none is overwritten. Add a scenario with a new name to record more.');
    return;
  }
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    await provisionEveryoneInCoupa(h);
    // Every scenario runs (each builds on the last); only the missing ones are saved.
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
