// Benchmark: N Workday hires provisioned at once on a local dev server; prints latency, throughput and API calls per employee.
// Run: `make bench` (BENCH_HIRES=N to change the batch). Figures, not assertions: these machines are shared.
import { startProvisioningHarness } from '../test/helpers/provisioning-harness';

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function sumCalls(byRoute: Record<string, number>, prefix: string): number {
  return Object.entries(byRoute)
    .filter(([route]) => route.split(' ')[1]?.startsWith(prefix))
    .reduce((sum, [, n]) => sum + n, 0);
}

async function main(): Promise<void> {
  const hires = Number(process.argv[2] ?? 40);
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    // Managers first so every hire resolves a manager, as in production.
    for (const code of ['SUP-EXEC', 'SUP-ENG']) {
      const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === code)!.managerEmployeeId!;
      await (await h.provision(manager, 'manual')).result();
    }
    const people = Array.from({ length: hires }, (_, i) =>
      h.workday.store.hire({ firstName: `Bench${i}`, lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' }),
    );
    h.coupa.controls.resetCalls();
    h.workday.controls.resetCalls();

    const started = Date.now();
    const latencies = await Promise.all(
      people.map(async (p) => {
        const t0 = Date.now();
        await (await h.provision(p.employeeId)).result();
        return Date.now() - t0;
      }),
    );
    const wallMs = Date.now() - started;
    const coupaCalls = h.coupa.controls.callCounts().byRoute;
    const workdayCalls = h.workday.controls.callCounts().byRoute;

    console.log(`provisioning benchmark: ${hires} concurrent hires, one in-process worker, in-memory dev server`);
    console.log(`  wall time            ${(wallMs / 1000).toFixed(2)} s`);
    console.log(`  throughput           ${(hires / (wallMs / 1000)).toFixed(2)} employees/s`);
    console.log(`  run latency median   ${median(latencies)} ms`);
    console.log(`  run latency p95      ${quantile(latencies, 0.95)} ms`);
    console.log(`  Coupa calls/employee ${(sumCalls(coupaCalls, '/api') / hires).toFixed(1)} (token calls: ${sumCalls(coupaCalls, '/oauth2')})`);
    console.log(`  Workday calls/employee ${(sumCalls(workdayCalls, '/ccx/api') / hires).toFixed(1)} (token calls: ${sumCalls(workdayCalls, '/ccx/oauth2')})`);
  } finally {
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
