// employeeOffboarding waits for the termination date on Temporal's time-skipping test server: weeks pass in seconds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { startTimeSkippingEnvironment } from '../helpers/time-skipping';
import { testDataConverter } from '../helpers/temporal';
import { createSyncWorkers, runAll } from '../../workers/sync-workers';
import { requestEmployeeOffboarding } from '../../clients/employee-offboarding';
import { requestEmployeeProvisioning } from '../../clients/employee-provisioning';
import { cancelTerminationSignal, terminationChangedSignal } from '../../workflows/employee-offboarding';
import { statusQuery } from '../../workflows/sync-state';

let h: ProvisioningHarness;
let env: TestWorkflowEnvironment;
let workers: Worker[] = [];
let running: Promise<void>;
const DAY = 24 * 3600 * 1000;

/** YYYY-MM-DD `days` after the test server's today (UTC): earlier tests have moved its clock ahead. */
async function inDays(days: number): Promise<string> {
  return new Date((await env.currentTimeMs()) + days * DAY).toISOString().slice(0, 10);
}

before(async () => {
  h = await startProvisioningHarness();
  env = await startTimeSkippingEnvironment();
  workers = await createSyncWorkers({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    queues: h.temporal.queues,
    deps: h.deps,
    coupaActivitiesPerSecond: 200,
    workdayActivitiesPerSecond: 200,
    ...(h.temporal.workflowBundle ? { workflowBundle: h.temporal.workflowBundle } : {}),
    shutdownGraceTime: '1 second',
    dataConverter: testDataConverter,
  });
  running = runAll(workers);
});

after(async () => {
  for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  await running;
  await env?.teardown();
  await h?.close();
});

/** A new hire with a Coupa user, as provisioning leaves them. */
async function employeeWithCoupaUser(lastName: string): Promise<{ employeeId: string; coupaUserId: number }> {
  const { employeeId } = h.workday.store.hire({ firstName: 'Leaving', lastName, supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100' });
  const result = await (await requestEmployeeProvisioning(env.client, h.queueConfig, employeeId, 'hire')).result();
  assert.equal(result.outcome, 'created');
  return { employeeId, coupaUserId: result.coupaUserId! };
}

async function terminate(employeeId: string, terminationDate: string): Promise<void> {
  const res = await fetch(`${h.workday.url}/_sandbox/workers/${employeeId}/terminate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminationDate, reason: 'Resignation' }),
  });
  assert.equal(res.status, 200, await res.text());
}

async function coupaUserActive(coupaUserId: number): Promise<boolean> {
  return (await h.coupaClient.getUser(coupaUserId)).active !== false;
}

test('a termination 14 days ahead deactivates the Coupa user on day 14 and not before', { timeout: 120_000 }, async () => {
  const { employeeId, coupaUserId } = await employeeWithCoupaUser('Fortnight');
  const terminationDate = await inDays(14);
  await terminate(employeeId, terminationDate);
  const handle = await requestEmployeeOffboarding(env.client, h.queueConfig, employeeId);

  await env.sleep('13 days');
  assert.equal(await coupaUserActive(coupaUserId), true, 'still active on day 13');
  const waiting = await handle.query(statusQuery);
  assert.equal(waiting.syncState, 'waiting');
  assert.match(waiting.step, new RegExp(`waiting until the termination date ${terminationDate}`));

  const result = await handle.result();
  assert.equal(result.outcome, 'offboarded');
  assert.equal(result.terminationDate, terminationDate);
  assert.equal(await coupaUserActive(coupaUserId), false, 'inactive after the date');
  const deactivation = result.audit.find((e) => e.action === 'user deactivated');
  assert.ok(deactivation, 'the audit trail records the deactivation');
  assert.ok(Date.parse(deactivation.at) >= Date.parse(`${terminationDate}T00:00:00Z`), `deactivated at ${deactivation.at}, not before ${terminationDate}`);
  assert.ok(Date.parse(deactivation.at) < Date.parse(`${terminationDate}T00:00:00Z`) + DAY, 'on the date itself');
});

test('a rescinded termination ends the run with nothing changed in Coupa', { timeout: 120_000 }, async () => {
  const { employeeId, coupaUserId } = await employeeWithCoupaUser('Rescinded');
  await terminate(employeeId, await inDays(14));
  const handle = await requestEmployeeOffboarding(env.client, h.queueConfig, employeeId);
  await env.sleep('3 days');
  const rescind = await fetch(`${h.workday.url}/_sandbox/workers/${employeeId}/rescind-termination`, { method: 'POST' });
  assert.equal(rescind.status, 200, await rescind.text());
  h.coupa.controls.resetCalls();
  await handle.signal(cancelTerminationSignal, 'rescinded in Workday');

  const result = await handle.result();
  assert.equal(result.outcome, 'cancelled');
  assert.deepEqual(result.audit, []);
  assert.equal(await coupaUserActive(coupaUserId), true);
  const writes = Object.keys(h.coupa.controls.callCounts().byRoute).filter((r) => /^(PUT|POST|DELETE) /.test(r));
  assert.deepEqual(writes, [], 'no write to Coupa');
});

test('a corrected termination date moves the deactivation', { timeout: 120_000 }, async () => {
  const { employeeId, coupaUserId } = await employeeWithCoupaUser('Corrected');
  const original = await inDays(14);
  const corrected = await inDays(5);
  await terminate(employeeId, original);
  const handle = await requestEmployeeOffboarding(env.client, h.queueConfig, employeeId);
  await env.sleep('1 day');
  const res = await fetch(`${h.workday.url}/_sandbox/workers/${employeeId}/correct-termination`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminationDate: corrected }),
  });
  assert.equal(res.status, 200, await res.text());
  // The correction event reaches the waiting run (as the ingress would send it).
  await handle.signal(terminationChangedSignal, 'termination corrected');
  await env.sleep('2 days');
  assert.equal(await coupaUserActive(coupaUserId), true, 'still active before the corrected date');

  const result = await handle.result();
  assert.equal(result.outcome, 'offboarded');
  assert.equal(result.terminationDate, corrected);
  const deactivation = result.audit.find((e) => e.action === 'user deactivated')!;
  assert.ok(Date.parse(deactivation.at) >= Date.parse(`${corrected}T00:00:00Z`));
  assert.ok(Date.parse(deactivation.at) < Date.parse(`${original}T00:00:00Z`), 'well before the original date');
  assert.equal(await coupaUserActive(coupaUserId), false);
});
