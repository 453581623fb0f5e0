// A mapping rule changes while a run is parked: the run still replays on the new code and completes after retry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { testDataConverter } from '../helpers/temporal';
import { createSyncWorkers, runAll } from '../../workers/sync-workers';
import { bundleWithChanges } from '../helpers/changed-bundle';
import { statusQuery, retrySignal } from '../../workflows/sync-state';

const repoRoot = path.resolve(__dirname, '../..');
let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await h?.close();
});

/** Today's workflow code, with one mapping rule changed as a developer would: every plan now has a problem. */
async function bundleWithChangedMappingRule(): Promise<string> {
  const code = await bundleWithChanges([
    {
      file: 'mapping/employee-to-coupa-user.ts',
      from: '  if (problems.length > 0 || !account) {',
      to: "  problems.push('a rule added after this run started');\n  if (problems.length > 0 || !account) {",
    },
  ]);
  assert.match(code, /a rule added after this run started/);
  return code;
}

test('a run parked before a mapping-rule change replays on the changed code and completes after retry', { timeout: 180_000 }, async () => {
  const { employeeId } = h.workday.store.hire({ firstName: 'Rule', lastName: 'Change', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100' });
  // Parks after planning: Coupa refuses the first user lookup.
  h.coupa.controls.setFaults({ failNext: [{ status: 403, pathContains: '/api/users' }] });
  const handle = await h.provision(employeeId);
  await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');
  const parkedHistory = await handle.fetchHistory();
  await h.stopWorkers();

  const code = await bundleWithChangedMappingRule();
  // The plan is an activity result in the history, so the changed rule cannot make the replay diverge.
  await Worker.runReplayHistory({ workflowBundle: { code }, dataConverter: testDataConverter }, parkedHistory, handle.workflowId);

  // Before the activities-decide patch the rule ran in workflow code: the same change breaks a v1 history.
  const v1 = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/histories/employee-provisioning-parked-then-retried.json'), 'utf8')) as unknown;
  await assert.rejects(
    Worker.runReplayHistory({ workflowBundle: { code }, dataConverter: testDataConverter }, v1 as Parameters<typeof Worker.runReplayHistory>[1], 'v1'),
    /nondetermin|DeterminismViolation/i,
  );

  // The new code is deployed: a fresh worker (no cached state) replays the parked run and finishes it.
  const workers = await createSyncWorkers({
    connection: h.temporal.env.nativeConnection,
    namespace: h.temporal.env.namespace ?? 'default',
    queues: h.temporal.queues,
    deps: h.deps,
    coupaActivitiesPerSecond: 200,
    workdayActivitiesPerSecond: 200,
    workflowBundle: { code },
    shutdownGraceTime: '1 second',
    dataConverter: testDataConverter,
  });
  const running = runAll(workers);
  try {
    await handle.signal(retrySignal);
    const result = await handle.result();
    assert.equal(result.outcome, 'created');
    assert.equal((await h.coupaClient.listUsers({ 'employee-number': employeeId })).length, 1);
  } finally {
    for (const w of workers) w.shutdown();
    await running;
  }
});
