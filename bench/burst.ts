// Benchmarks of provisioning against the APIs' real limits: burst (N hires at once, sandboxes at Coupa 25 req/s and Workday 10 req/s) and single-event latency (one hire at a time). Prints tables, writes JSON under .data/bench/.
// Run: `make bench` (BENCH_HIRES=N, BENCH_LATENCY_HIRES=M). Figures, not assertions: this machine is shared.
import { startProvisioningHarness } from '../test/helpers/provisioning-harness';
import { apiCallsOf as apiCalls, machine, managersFirst, mapLimited, quantile, runMain, save, startWorkerProcesses, table } from './common';

const COUPA_RATE = 25;
const WORKDAY_RATE = 10;
const COUPA_BURST = 20;
const WORKER_PROCESSES = Number(process.env.BENCH_WORKER_PROCESSES ?? 1);
const START_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 10);

async function burst(hires: number): Promise<void> {
  const h = await startProvisioningHarness();
  let workers: { stop(): Promise<void> } | null = null;
  try {
    h.coupa.controls.setFaults({ rateLimitPerSecond: COUPA_RATE, rateLimitBurst: COUPA_BURST });
    h.workday.controls.setFaults({ rateLimitPerSecond: WORKDAY_RATE, rateLimitBurst: WORKDAY_RATE });
    // Worker processes as deployed, paced by the request gates (API_REQUEST_PACING=cluster, the default).
    workers = await startWorkerProcesses(h, WORKER_PROCESSES, {
      API_REQUEST_PACING: 'cluster',
      COUPA_REQUESTS_PER_SECOND: String(COUPA_RATE),
      COUPA_REQUESTS_BURST: String(COUPA_BURST),
      WORKDAY_REQUESTS_PER_SECOND: String(WORKDAY_RATE),
      // Enough requests waiting for their turn that the rate, not the worker's own caps, is the bound.
      COUPA_MAX_CONCURRENT_ACTIVITIES: String(COUPA_RATE * 4),
      COUPA_MAX_CONCURRENT_REQUESTS: String(COUPA_RATE * 4),
      // Workday reads wait for a batch (one Get_Workers for many hires), not each for a request slot.
      WORKDAY_MAX_CONCURRENT_ACTIVITIES: '50',
      ...(process.env.BENCH_WORKFLOW_THREADS ? { WORKER_WORKFLOW_THREADS: process.env.BENCH_WORKFLOW_THREADS } : {}),
      LOG_LEVEL: 'warn',
    });
    await managersFirst(h);
    const people = Array.from({ length: hires }, (_, i) => h.workday.store.hire({ firstName: `Burst${i}`, lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' }));
    for (const c of [h.coupa.controls, h.workday.controls]) {
      c.resetCalls();
      c.resetRateLog();
    }
    const started = Date.now();
    // Starts START_CONCURRENCY at a time, as an event source hands them over (10 start ~100 runs/s, 8x what the
    // Coupa bound needs; 50 at once left the server too busy with starts to feed the first runs), then every result.
    const handles = await mapLimited(people, START_CONCURRENCY, (p) => h.provision(p.employeeId));
    const startsSeconds = (Date.now() - started) / 1000;
    const outcomes = await mapLimited(handles, 200, async (handle) => (await handle.result()).outcome);
    const wallS = (Date.now() - started) / 1000;
    const coupaCalls = apiCalls(h.coupa.controls.callCounts().byRoute);
    const workdayCalls = apiCalls(h.workday.controls.callCounts().byRoute);
    const limited = [h.coupa.controls, h.workday.controls].flatMap((c) => c.rateLogSeconds()).reduce((n, s) => n + s.limited, 0);
    const boundS = Math.max(coupaCalls / COUPA_RATE, workdayCalls / WORKDAY_RATE);
    const failures = outcomes.filter((o) => o !== 'created').length;
    const result = {
      bench: 'burst',
      machine: machine(),
      hires,
      workerProcesses: WORKER_PROCESSES,
      startConcurrency: START_CONCURRENCY,
      limits: { coupaPerSecond: COUPA_RATE, workdayPerSecond: WORKDAY_RATE },
      wallSeconds: wallS,
      /** How long the burst took to hand over (every run started). */
      startsSeconds,
      boundSeconds: boundS,
      ratio: wallS / boundS,
      calls: { coupa: coupaCalls, workday: workdayCalls, perEmployee: { coupa: coupaCalls / hires, workday: workdayCalls / hires } },
      rateLimited: { count: limited, share: limited / (coupaCalls + workdayCalls) },
      failures,
      // The sandboxes' own per-second logs: [requests, refused] per second, for where 429s happen.
      perSecond: {
        coupa: h.coupa.controls.rateLogSeconds().map((x) => [x.requests, x.limited]),
        workday: h.workday.controls.rateLogSeconds().map((x) => [x.requests, x.limited]),
      },
    };
    table(`burst: ${hires} hires at once, sandboxes at Coupa ${COUPA_RATE} req/s, Workday ${WORKDAY_RATE} req/s (${result.machine.cores} cores, ${result.machine.memoryGiB} GiB)`, [
      ['wall time', `${wallS.toFixed(1)} s (all runs started after ${startsSeconds.toFixed(1)} s)`],
      ['rate-limit bound', `${boundS.toFixed(1)} s (calls ÷ rate of the tighter API)`],
      ['ratio (goal ≤ 1.05)', result.ratio.toFixed(2)],
      ['429s (goal ≤ 0.5 %)', `${limited} (${(result.rateLimited.share * 100).toFixed(2)} %)`],
      ['failures (goal 0)', String(failures)],
      ['Coupa calls/employee', result.calls.perEmployee.coupa.toFixed(2)],
      ['Workday calls/employee', result.calls.perEmployee.workday.toFixed(2)],
    ]);
    console.log(`  saved ${save('burst', result)}`);
  } finally {
    await workers?.stop();
    await h.close();
  }
}

async function latency(hires: number): Promise<void> {
  const h = await startProvisioningHarness();
  try {
    // Paced as in production (each request takes its turn from the gate), at rates one hire never reaches.
    await h.startWorkers({ coupa: COUPA_RATE, workday: WORKDAY_RATE }, { pacing: 'cluster', burst: { coupa: COUPA_BURST, workday: WORKDAY_RATE } });
    await managersFirst(h);
    // Time the sandboxes spend answering (arrival to answer): the API's share of each run; the rest is Temporal and the worker.
    const apiMs = () => h.coupa.controls.requestMs + h.workday.controls.requestMs;
    const latencies: number[] = [];
    let apiTotal = 0;
    for (let i = 0; i < hires; i++) {
      const p = h.workday.store.hire({ firstName: `Single${i}`, lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
      const api0 = apiMs();
      const t0 = Date.now();
      await (await h.provision(p.employeeId)).result();
      latencies.push(Date.now() - t0);
      apiTotal += apiMs() - api0;
    }
    const total = latencies.reduce((a, b) => a + b, 0);
    const result = {
      bench: 'latency',
      machine: machine(),
      hires,
      medianMs: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      apiShare: apiTotal / total,
    };
    table(`single-event latency: ${hires} hires one at a time, requests paced by the gates (start → run done, Coupa user exists)`, [
      ['median', `${result.medianMs} ms`],
      ['p99', `${result.p99Ms} ms`],
      ['share in API calls (sandbox time)', `${(result.apiShare * 100).toFixed(1)} %`],
      ['share in Temporal and the worker', `${((1 - result.apiShare) * 100).toFixed(1)} %`],
    ]);
    console.log(`  saved ${save('latency', result)}`);
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const hires = Number(process.env.BENCH_HIRES ?? process.argv[2] ?? 200);
  const single = Number(process.env.BENCH_LATENCY_HIRES ?? 100);
  await burst(hires);
  await latency(single);
}

runMain(main);
