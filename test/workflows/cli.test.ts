// Support's command line against a parked run: status shows why it waits, skip ends it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { statusQuery } from '../../workflows/sync-state';
import type { employeeProvisioning } from '../../workflows/employee-provisioning';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
let h: ProvisioningHarness;

function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address },
  });
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await h?.close();
});

test('support provisions from the CLI, reads why a run waits, and skips it', { timeout: 120_000 }, async () => {
  // The seeded worker without a work email cannot become a Coupa user.
  const employeeId = '21020';
  const started = await cli('provision', employeeId, '--trigger', 'manual');
  assert.match(started.stdout, /started employee-provisioning\/21020/);
  assert.match(started.stdout, /http:\/\/localhost:8233\/namespaces\/default\/workflows\/employee-provisioning%2F21020/);

  const handle = h.temporal.env.client.workflow.getHandle<typeof employeeProvisioning>(`employee-provisioning/${employeeId}`);
  await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

  const status = await cli('status', employeeId);
  const shown = JSON.parse(status.stdout.slice(0, status.stdout.lastIndexOf('}') + 1)) as { syncState: string; lastError: string; runStatus: string };
  assert.equal(shown.syncState, 'needs-attention');
  assert.equal(shown.runStatus, 'RUNNING');
  assert.match(shown.lastError, /no work email/i);

  await cli('skip', employeeId, '--reason', 'contractor, no Coupa access needed');
  const result = await handle.result();
  assert.equal(result.outcome, 'skipped');
  assert.equal(result.coupaUserId, null);
  assert.ok(result.status.warnings.some((w) => w.includes('contractor, no Coupa access needed')));
});

test('the CLI rejects a malformed employee ID without touching Temporal', async () => {
  await assert.rejects(cli('provision', '21020; rm -rf /'), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr ?? '', /is not a Workday employee ID/);
    return true;
  });
});
