// Benchmark: the integration's own overhead. The same batch of hires with no API limits, beside a trivial workflow of the same shape (one local activity, then as many no-op activities in sequence) on the same server in the same run: the ratio of throughputs.
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { startProvisioningHarness } from '../test/helpers/provisioning-harness';
import { testDataConverter } from '../test/helpers/temporal';
import { machine, managersFirst, mapLimited, runMain, save, table } from './common';
import { benchNoopWorkflow } from './noop-workflow';

/** Activities of one provisioning run of a new hire: readWorkdayWorkerProfile, ensureCoupaUserFromPlan; local: run settings, planCoupaUserFromWorkday. */
const ACTIVITIES_PER_HIRE = 2;
const LOCAL_ACTIVITIES_PER_HIRE = 2;

async function main(): Promise<void> {
  const hires = Number(process.env.BENCH_HIRES ?? process.argv[2] ?? 200);
  const h = await startProvisioningHarness();
  try {
    await h.startWorkers({ coupa: 100_000, workday: 100_000 });
    await managersFirst(h);
    const people = Array.from({ length: hires }, (_, i) => h.workday.store.hire({ firstName: `Overhead${i}`, lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' }));
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const handles = await mapLimited(people, 50, (p) => h.provision(p.employeeId));
    const outcomes = await mapLimited(handles, 200, async (handle) => (await handle.result()).outcome);
    const hireSeconds = (Date.now() - t0) / 1000;
    const hireCpu = process.cpuUsage(cpu0);
    await h.stopWorkers();

    // The yardstick on its own queue of the same server, with the same payload codec.
    const taskQueue = `bench-noop-${randomUUID().slice(0, 8)}`;
    const worker = await Worker.create({
      connection: h.temporal.env.nativeConnection,
      namespace: h.temporal.namespace,
      taskQueue,
      workflowsPath: require.resolve('./noop-workflow'),
      activities: { noop: async (step: number) => step },
      dataConverter: testDataConverter,
    });
    let noopCpu = process.cpuUsage();
    const noopSeconds = await worker.runUntil(async () => {
      const started = Date.now();
      const noopCpu0 = process.cpuUsage();
      // Started and awaited the same way as the hires, so the comparison is fair.
      const noopHandles = await mapLimited(
        Array.from({ length: hires }, (_, i) => i),
        50,
        (i) => h.temporal.env.client.workflow.start(benchNoopWorkflow, { taskQueue, workflowId: `bench-noop-${taskQueue}-${i}`, args: [ACTIVITIES_PER_HIRE, LOCAL_ACTIVITIES_PER_HIRE] }),
      );
      await mapLimited(noopHandles, 200, (handle) => handle.result());
      noopCpu = process.cpuUsage(noopCpu0);
      return (Date.now() - started) / 1000;
    });

    const result = {
      bench: 'overhead',
      machine: machine(),
      hires,
      activitiesPerRun: ACTIVITIES_PER_HIRE,
      localActivitiesPerRun: LOCAL_ACTIVITIES_PER_HIRE,
      provisioning: { seconds: hireSeconds, perSecond: hires / hireSeconds, failures: outcomes.filter((o) => o !== 'created').length },
      trivialWorkflow: { seconds: noopSeconds, perSecond: hires / noopSeconds },
      ratio: hires / hireSeconds / (hires / noopSeconds),
      // CPU of this process (workers, sandboxes, client; all threads) per run: where the difference goes.
      cpuMsPerRun: { provisioning: (hireCpu.user + hireCpu.system) / 1000 / hires, trivialWorkflow: (noopCpu.user + noopCpu.system) / 1000 / hires },
    };
    table(`overhead: ${hires} hires with no API limits vs a trivial workflow with ${ACTIVITIES_PER_HIRE} no-op activities and ${LOCAL_ACTIVITIES_PER_HIRE} local ones (${result.machine.cores} cores, ${result.machine.memoryGiB} GiB)`, [
      ['provisioning', `${result.provisioning.perSecond.toFixed(1)} runs/s (${hireSeconds.toFixed(1)} s, ${result.provisioning.failures} failures)`],
      ['trivial workflow', `${result.trivialWorkflow.perSecond.toFixed(1)} runs/s (${noopSeconds.toFixed(1)} s)`],
      ['throughput ratio (goal ≥ 0.8)', result.ratio.toFixed(2)],
      ['CPU of workers + sandboxes per run', `provisioning ${result.cpuMsPerRun.provisioning.toFixed(1)} ms, trivial ${result.cpuMsPerRun.trivialWorkflow.toFixed(1)} ms`],
    ]);
    console.log(`  saved ${save('overhead', result)}`);
  } finally {
    await h.close();
  }
}

runMain(main);
