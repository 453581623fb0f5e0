// The ops CLI against a dev server: a hires backfill from a date provisions exactly the people hired since then; schedules install, pause and resume; start by key; runs needing attention.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { pollerNamed } from '../../clients/pollers';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
let h: ProvisioningHarness;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const out = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address },
    });
    return { code: 0, ...out };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function provisioningRunsStarted(): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const r of h.temporal.env.client.workflow.list({ query: `WorkflowType = 'employeeProvisioning'` })) ids.add(r.workflowId.replace('employee-provisioning/', ''));
  return ids;
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await h?.close();
});

test('a backfill from a date provisions exactly the people hired since then', { timeout: 300_000 }, async () => {
  const since = daysAgo(5);
  const hire = (days: number, i: number) =>
    h.workday.store.hire({ firstName: 'Back', lastName: `Fill ${i}`, supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-SR-ACCT', hireDate: daysAgo(days) }).employeeId;
  const before = [hire(30, 1), hire(6, 2), hire(9, 3)];
  const after = [hire(5, 4), hire(3, 5), hire(1, 6), hire(0, 7)];
  // Everyone Workday shows hired on or after the date, seeded people included.
  const expected = new Set(h.workday.store.transactionLog().filter((e) => e.type === 'Hire Employee' && !e.rescinded && e.effectiveDate >= since && e.effectiveDate <= daysAgo(0)).map((e) => e.employeeId));
  for (const id of after) assert.ok(expected.has(id));

  const res = await cli(['backfill', 'hires', '--since', since]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, new RegExp(`${expected.size} hires since ${since} handed to employee provisioning`));
  const started = await eventually(async () => {
    const ids = await provisioningRunsStarted();
    return ids.size >= expected.size ? ids : undefined;
  }, 'the provisioning runs in visibility');
  assert.deepEqual([...started].sort(), [...expected].sort());
  for (const id of before) assert.ok(!started.has(id), `${id} was hired before ${since}`);

  // Asked again: every start lands on the same workflow IDs, nobody gets a second user.
  assert.equal((await cli(['backfill', 'hires', '--since', since])).code, 0);
  for (const id of after) {
    await h.temporal.env.client.workflow.getHandle(`employee-provisioning/${id}`).result();
    assert.ok((await h.coupaClient.listUsers({ 'employee-number': id })).length <= 1);
  }
  assert.equal((await cli(['backfill', 'hires', '--since', '1 October'])).code, 2, 'a date that is not YYYY-MM-DD is a usage mistake');
});

test('schedules: install the pollers paused, list, resume and pause any schedule by ID', { timeout: 120_000 }, async () => {
  const scheduleId = pollerNamed('workday-worker-changes').scheduleId;
  const installed = await cli(['pollers', 'install', 'all', '--paused', '--every', '1h']);
  assert.equal(installed.code, 0, installed.stderr);
  const listed = await cli(['schedules', 'list', '--json']);
  const schedules = JSON.parse(listed.stdout.slice(listed.stdout.indexOf('['))) as Array<{ scheduleId: string; paused: boolean }>;
  assert.equal(schedules.find((s) => s.scheduleId === scheduleId)?.paused, true);
  assert.equal((await cli(['schedules', 'resume', scheduleId])).code, 0);
  assert.equal((await h.temporal.env.client.schedule.getHandle(scheduleId).describe()).state.paused, false);
  assert.equal((await cli(['schedules', 'pause', scheduleId, '--note', 'maintenance'])).code, 0);
  const described = await h.temporal.env.client.schedule.getHandle(scheduleId).describe();
  assert.equal(described.state.paused, true);
  assert.equal(described.state.note, 'maintenance');
  assert.equal((await cli(['schedules', 'pause', 'no-such-schedule'])).code, 1);
});

test('start any process by business key; list the runs needing attention; updates by name are answered or refused', { timeout: 120_000 }, async () => {
  // 21020 has no work email: its provisioning run parks.
  const started = await cli(['start', 'employee-provisioning', '21020']);
  assert.equal(started.code, 0, started.stderr);
  assert.match(started.stdout, /employee-provisioning\/21020/);
  await eventually(async () => {
    const attention = await cli(['attention', '--process', 'employee-provisioning']);
    return attention.stdout.includes('employee-provisioning/21020') ? true : undefined;
  }, 'the parked run in the attention list', 60_000);
  assert.equal((await cli(['start', 'no-such-process', '1'])).code, 2);
  assert.equal((await cli(['start', 'invoice-posting', 'not-a-number'])).code, 2);
  const skipped = await cli(['send', 'employee-provisioning/21020', 'skipParked', 'no work email yet', '--update']);
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.match(skipped.stdout, /skipped/);
  const refused = await cli(['send', 'employee-provisioning/21020', 'retryParked', '--update']);
  assert.notEqual(refused.code, 0);
});
