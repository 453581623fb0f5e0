// A worker process killed in the middle of creating a Coupa user: after a restart the run finishes with exactly one user.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { freePort } from '../../scripts/dev-server';

const repoRoot = path.resolve(__dirname, '../..');
let h: ProvisioningHarness;

/** Starts workers/main.ts, the production entry point, as its own process. */
async function startWorkerProcess(): Promise<ChildProcess> {
  // node itself with tsx's loader (not the tsx wrapper, which would survive as an orphan of a SIGKILL).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'workers', 'main.ts')], {
    cwd: repoRoot,
    env: h.workerEnv(await freePort()),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

before(async () => {
  h = await startProvisioningHarness();
});

after(async () => {
  await h?.close();
});

test('a worker killed mid-run and restarted finishes with exactly one Coupa user', { timeout: 120_000 }, async () => {
  const hired = h.workday.store.hire({ firstName: 'Siobhán', lastName: 'Ó Briain', supervisoryOrgCode: 'SUP-LEGAL', jobProfileCode: 'JP-ANALYST' });
  const employeeId = hired.employeeId;

  // Slow Coupa down so the create is still in flight when the worker dies; the sandbox still applies it.
  h.coupa.controls.setFaults({ latencyMs: 1500 });
  let first = await startWorkerProcess();
  const createArrived = new Promise<void>((resolve) => {
    const onRequest = (call: { method: string; path: string }) => {
      if (call.method === 'POST' && call.path === '/api/users') {
        h.coupa.controls.events.off('request', onRequest);
        first.kill('SIGKILL');
        resolve();
      }
    };
    h.coupa.controls.events.on('request', onRequest);
  });

  const handle = await h.provision(employeeId);
  await createArrived;
  await exited(first);
  // The killed worker's create lands in Coupa anyway: the retry must find it, not make a second user.
  await eventually(async () => ((await h.coupaClient.listUsers({ 'employee-number': employeeId })).length ? true : undefined), 'the in-flight create to land');

  h.coupa.controls.setFaults({});
  const second = await startWorkerProcess();
  try {
    const result = await handle.result();
    assert.notEqual(result.outcome, 'skipped');
    const users = await h.coupaClient.listUsers({ 'employee-number': employeeId });
    assert.equal(users.length, 1, 'exactly one Coupa user');
    assert.equal(result.coupaUserId, users[0]!.id);
  } finally {
    second.kill('SIGTERM');
    await exited(second);
    first = second;
  }
});
