// `make replay` against a live namespace: open runs that today's code replays pass, a run it cannot reproduce fails the check.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { TEST_PAYLOAD_ENCRYPTION_KEYS, testDataConverter } from '../helpers/temporal';
import { bundleWithChanges } from '../helpers/changed-bundle';
import { createSyncWorkers, runAll } from '../../workers/sync-workers';
import { statusQuery } from '../../workflows/sync-state';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await h?.close();
});

/** The harness's own namespace holds only this file's runs. */
function replay(query: string) {
  return run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'replay.ts'), '--query', query], {
    cwd: repoRoot,
    env: { ...process.env, TEMPORAL_ADDRESS: h.temporal.address, TEMPORAL_NAMESPACE: h.temporal.namespace, PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_ENCRYPTION_KEYS, LOG_LEVEL: 'error' },
  });
}

test('make replay passes a parked run and fails on a run this code cannot reproduce', { timeout: 120_000 }, async () => {
  const handle = await h.provision('21020', 'manual');
  await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

  const ok = await replay(`WorkflowId = '${handle.workflowId}' AND ExecutionStatus = 'Running'`);
  assert.match(ok.stdout, /✔ employee-provisioning\/21020/);
  assert.match(ok.stdout, /replayed 1 run\(s\).*0 would break/);

  // A run started by code that changed its commands without patched(): today's code cannot reproduce it.
  await h.stopWorkers();
  const unpatched = await bundleWithChanges([
    { file: 'workflows/employee-provisioning.ts', from: 'const settings = await currentRunSettings();', to: 'await currentRunSettings();\n      const settings = await currentRunSettings();' },
  ]);
  const workers = await createSyncWorkers({
    connection: h.temporal.env.nativeConnection,
    namespace: h.temporal.env.namespace ?? 'default',
    queues: h.temporal.queues,
    deps: h.deps,
    coupaActivitiesPerSecond: 200,
    workdayActivitiesPerSecond: 200,
    workflowBundle: { code: unpatched },
    shutdownGraceTime: '1 second',
    dataConverter: testDataConverter,
  });
  const running = runAll(workers);
  const { employeeId } = h.workday.store.hire({ firstName: 'Un', lastName: 'Patched', supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST', costCenterCode: 'CC2400' });
  const changed = await h.provision(employeeId);
  try {
    await eventually(async () => ((await changed.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the changed run to park');
  } finally {
    for (const w of workers) w.shutdown();
    await running;
  }
  await assert.rejects(replay(`WorkflowId = '${changed.workflowId}' OR WorkflowId = '${handle.workflowId}'`), (err: { code?: number; stdout?: string; stderr?: string }) => {
    assert.equal(err.code, 1, err.stderr);
    assert.match(err.stderr ?? '', new RegExp(`✖ ${changed.workflowId}: would not replay`));
    assert.match(err.stdout ?? '', new RegExp(`✔ ${handle.workflowId}`));
    assert.match(err.stdout ?? '', /replayed 2 run\(s\).*1 would break/);
    return true;
  });
  await changed.terminate('test over');
});
