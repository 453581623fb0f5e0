// Two worker processes share one Workday request rate: the Workday request gate (workers/request-gate.ts) hands both their send times, so the sandbox, limited to 10 req/s with burst 10, never sees more than 10 in a second and answers no 429; the per-second log is printed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { freePort } from '../../scripts/dev-server';
import { apiRequestGateWorkflowId } from '../../workers/request-gate';
import { requestGateStateQuery } from '../../workflows/api-request-gate';

const repoRoot = path.resolve(__dirname, '../..');
const WORKDAY_LIMIT = 10;
let h: ProvisioningHarness;
const children: ChildProcess[] = [];

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'workers', 'main.ts')], {
    cwd: repoRoot,
    env: { ...h.workerEnv(await freePort()), WORKDAY_REQUESTS_PER_SECOND: String(WORKDAY_LIMIT), COUPA_REQUESTS_PER_SECOND: '200' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

before(async () => {
  h = await startProvisioningHarness();
  // The tenant's own limit, as a real Workday enforces it: 10 req/s, burst 10; token requests count too.
  h.workday.controls.setFaults({ rateLimitPerSecond: WORKDAY_LIMIT, rateLimitBurst: WORKDAY_LIMIT });
  await Promise.all([startWorkerProcess(), startWorkerProcess()]);
});

after(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map(exited));
  await h?.close();
});

test('two worker processes keep Workday within 10 requests in every second and get no 429', { timeout: 300_000 }, async () => {
  // Warm-up: both processes bundled and polling, tokens fetched, managers in Coupa.
  for (const code of ['SUP-EXEC', 'SUP-ENG']) {
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === code)!.managerEmployeeId!;
    await (await h.provision(manager, 'manual')).result();
  }
  const people = Array.from({ length: 60 }, (_, i) =>
    h.workday.store.hire({ firstName: `Rate${i}`, lastName: 'Limit', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' }),
  );
  h.workday.controls.resetRateLog();
  h.workday.controls.resetCalls();
  const results = await Promise.all(people.map(async (p) => (await h.provision(p.employeeId)).result()));
  assert.ok(results.every((r) => r.outcome === 'created'));

  const log = h.workday.controls.rateLogSeconds();
  const requests = log.reduce((n, s) => n + s.requests, 0);
  const counts = log.map((s) => s.requests);
  const limited = log.reduce((n, s) => n + s.limited, 0);
  console.log(`workday: ${requests} requests over ${log.length} s, per second ${counts.join(' ')}, 429s ${limited}`);
  // At most one read per hire (reads arriving together share a request) plus a token refresh or two.
  assert.ok(requests > 0 && requests <= 64, `${requests} requests for 60 hires`);
  assert.ok(Math.max(...counts) <= WORKDAY_LIMIT, `a second with more than ${WORKDAY_LIMIT} requests: ${counts.join(' ')}`);
  // Both processes took their turns from the one gate run.
  const gate = await h.temporal.env.client.workflow.getHandle(apiRequestGateWorkflowId('api-request-gate', 'workday')).query(requestGateStateQuery);
  assert.ok(gate.granted >= requests - 4, `the gate granted ${gate.granted} send times for ${requests} requests`);
  assert.equal(limited, 0, `429s: ${JSON.stringify(log)}`);
});
