// The Workday change-detection poller on a Temporal Schedule: hires and terminations (some future-dated) made while it runs reach their workflows exactly once, through a paused schedule and a killed worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { freePort } from '../../scripts/dev-server';
import { installPollerSchedule, pollerNamed, setSchedulePaused } from '../../clients/pollers';

const repoRoot = path.resolve(__dirname, '../..');
const HIRES = Number(process.env.POLLER_TEST_HIRES ?? 100);
const TERMINATIONS = Math.min(HIRES, 20);
const FUTURE_TERMINATIONS = 5;
let h: ProvisioningHarness;
let worker: ChildProcess | null = null;

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'workers', 'main.ts')], {
    cwd: repoRoot,
    env: { ...h.workerEnv(await freePort()), COUPA_ACTIVITIES_PER_SECOND: '500', WORKDAY_ACTIVITIES_PER_SECOND: '500', WORKDAY_MAX_CONCURRENT_REQUESTS: '8', WORKDAY_MAX_CONCURRENT_ACTIVITIES: '8' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function signalsAndRuns(workflowId: string): Promise<{ runs: number; signals: number } | undefined> {
  const client = h.temporal.env.client;
  try {
    await client.workflow.getHandle(workflowId).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
  let runs = 0;
  let signals = 0;
  for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    runs += 1;
    const history = await client.workflow.getHandle(workflowId, run.runId).fetchHistory();
    signals += history.events?.filter((e) => e.workflowExecutionSignaledEventAttributes && ['workdayChanged', 'terminationChanged'].includes(e.workflowExecutionSignaledEventAttributes.signalName ?? '')).length ?? 0;
  }
  return runs > 0 ? { runs, signals } : undefined;
}

before(async () => {
  h = await startProvisioningHarness();
  worker = await startWorkerProcess();
  for (const org of ['SUP-EXEC', 'SUP-FIN']) {
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;
    await (await h.provision(manager, 'manual')).result();
  }
});

after(async () => {
  worker?.kill('SIGKILL');
  if (worker) await exited(worker);
  await h?.close();
});

test(`${HIRES} hires and ${TERMINATIONS} terminations (${FUTURE_TERMINATIONS} future-dated) made while the poller runs reach their workflows exactly once, through a pause and a killed worker`, { timeout: 600_000 }, async () => {
  const client = h.temporal.env.client;
  const scheduleId = pollerNamed('workday-worker-changes').scheduleId;
  await installPollerSchedule(client, h.queueConfig, 'workday-worker-changes', { every: '2 seconds', overlapSeconds: 30, pageSize: 20, since: new Date(Date.now() - 1000) });

  const hired: string[] = [];
  const terminated: string[] = [];
  for (let i = 0; i < HIRES; i++) {
    hired.push(h.workday.store.hire({ firstName: 'Poll', lastName: `Hire ${i}`, supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-SR-ACCT' }).employeeId);
    if (i === Math.floor(HIRES * 0.3)) {
      // Paused for several intervals while hires keep coming: the next poll after resuming covers the gap.
      assert.equal(await setSchedulePaused(client, scheduleId, true, 'test: paused midway'), 'done');
    }
    if (i === Math.floor(HIRES * 0.45)) assert.equal(await setSchedulePaused(client, scheduleId, false), 'done');
    if (i === Math.floor(HIRES * 0.6) && worker) {
      // The worker dies mid-poll (or mid-batch); a new one takes over from the histories.
      worker.kill('SIGKILL');
      await exited(worker);
      worker = await startWorkerProcess();
    }
    // Terminations of earlier hires, interleaved: the last ones dated ahead.
    if (i >= HIRES - TERMINATIONS) {
      const who = hired[i - (HIRES - TERMINATIONS)]!;
      const future = terminated.length >= TERMINATIONS - FUTURE_TERMINATIONS;
      h.workday.store.terminate(who, future ? { terminationDate: daysFromToday(10) } : {});
      terminated.push(who);
    }
    await sleep(40);
  }

  const expected = [
    ...hired.map((id) => `employee-provisioning/${id}`),
    ...terminated.map((id) => `employee-offboarding/${id}`),
  ];
  await eventually(
    async () => {
      const missing: string[] = [];
      for (const id of expected) if (!(await signalsAndRuns(id))) missing.push(id);
      return missing.length === 0 ? true : undefined;
    },
    'every hire and termination to reach its workflow',
    300_000,
  );
  // One more poll after everything: nothing is delivered again.
  await client.schedule.getHandle(scheduleId).trigger();
  await sleep(6000);
  await client.schedule.getHandle(scheduleId).pause('test: done');

  const wrong: string[] = [];
  for (const id of expected) {
    const seen = await eventually(async () => {
      const s = await signalsAndRuns(id);
      return s && s.runs >= 1 ? s : undefined;
    }, `visibility of ${id}`);
    if (seen.runs !== 1 || seen.signals !== 1) wrong.push(`${id}: ${seen.runs} runs, ${seen.signals} signals`);
  }
  assert.deepEqual(wrong, [], 'every record: one run, started once');
  const offboardingWaiting = await h.temporal.env.client.workflow.getHandle(`employee-offboarding/${terminated.at(-1)}`).describe();
  assert.equal(offboardingWaiting.status.name, 'RUNNING', 'a future-dated termination waits for its day');
});
