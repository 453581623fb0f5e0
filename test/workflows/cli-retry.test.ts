// The CLI's retry and skip are answered by the run: a parked run retries, a run that is not parked refuses and says why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { statusQuery } from '../../workflows/sync-state';

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
  h.workday.controls.setFaults({});
  await h?.close();
});

test('retry on a parked run is answered; on a running or finished run it is refused with the reason', { timeout: 120_000 }, async () => {
  const handle = await h.provision('21020', 'manual');
  await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

  // Still no work email: the retry is taken, and the run parks again on the same reason.
  const retried = await cli('retry', '21020');
  assert.match(retried.stdout, /retrying employee-provisioning 21020 from step "planning the Coupa user/);
  await eventually(async () => {
    const s = await handle.query(statusQuery);
    return s.retries === 1 && s.syncState === 'needs-attention' ? true : undefined;
  }, 'the retried run to park again');

  await assert.rejects(cli('skip', '21020'), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 2);
    assert.match(err.stderr ?? '', /skip needs --reason/);
    return true;
  });
  const skipped = await cli('skip', '21020', '--reason', 'contractor, no Coupa access');
  assert.match(skipped.stdout, /skipped employee-provisioning 21020: contractor, no Coupa access/);
  await handle.result();

  await assert.rejects(cli('retry', '21020'), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr ?? '', /employee-provisioning\/21020 is completed, so there is nothing to retry/);
    return true;
  });

  // A run busy reading Workday refuses too, in its own words. (One read since the one-read patch: slow
  // enough that the run is still in it while the CLI starts on a busy machine.)
  h.workday.controls.setFaults({ latencyMs: 10_000 });
  const { employeeId } = h.workday.store.hire({ firstName: 'Busy', lastName: 'Reader', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100' });
  const busy = await h.provision(employeeId);
  await assert.rejects(cli('retry', employeeId), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr ?? '', /refused: employee-provisioning \d+ is not parked, so there is nothing to retry: it is running/);
    return true;
  });
  h.workday.controls.setFaults({});
  await busy.result();
});
