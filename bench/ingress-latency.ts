// Benchmark: Workday hire notification posted to the ingress → the Coupa user exists. Prints median and p99 over N events (default 200) arriving at a steady rate.
// Run: `npx tsx bench/ingress-latency.ts [events] [eventsPerSecond]` (make bench-ingress). Figures, not assertions: these machines are shared.
import { startProvisioningHarness } from '../test/helpers/provisioning-harness';
import { startTestIngress, basicAuth, INGRESS_TEST_CREDENTIALS as C } from '../test/helpers/ingress';
import { receiveNotificationXml } from '../sandbox/workday/notifications';

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 200);
  const perSecond = Number(process.argv[3] ?? 10);
  const h = await startProvisioningHarness();
  await h.startWorkers();
  const ingress = await startTestIngress(h.temporal.env.client, h.queueConfig.TASK_QUEUE_WORKFLOWS);
  try {
    for (const code of ['SUP-EXEC', 'SUP-ENG']) {
      const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === code)!.managerEmployeeId!;
      await (await h.provision(manager, 'manual')).result();
    }
    const people = Array.from({ length: events }, (_, i) => h.workday.store.hire({ firstName: `Latency${i}`, lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' }));
    // The Coupa user exists the moment the sandbox stores it: watched in-process, so the watching costs no API calls.
    const waiting = new Map<string, { sentAt: number; done: (ms: number) => void }>();
    const watcher = setInterval(() => {
      for (const user of h.coupa.store.users.all()) {
        const number = user.employeeNumber ?? null;
        const w = number ? waiting.get(number) : undefined;
        if (w) {
          waiting.delete(number!);
          w.done(Date.now() - w.sentAt);
        }
      }
    }, 5);
    const latencies: number[] = [];
    const accepted: number[] = [];
    const started = Date.now();
    await Promise.all(
      people.map(async (p, i) => {
        await new Promise((r) => setTimeout(r, (i * 1000) / perSecond));
        const xml = receiveNotificationXml({ eventWid: `bench-${p.employeeId}`, eventName: 'Hire Employee', employeeId: p.employeeId, workerWid: p.workerWid, effectiveDate: new Date().toISOString().slice(0, 10), completedAt: Date.now(), tenant: 'acme' });
        const sentAt = Date.now();
        const done = new Promise<number>((resolve) => waiting.set(p.employeeId, { sentAt, done: resolve }));
        const res = await fetch(`${ingress.url}/events/workday`, { method: 'POST', headers: { 'content-type': 'text/xml', authorization: basicAuth(C.workdayUser, C.workdayPassword) }, body: xml });
        if (res.status !== 202) throw new Error(`ingress answered ${res.status}: ${await res.text()}`);
        accepted.push(Date.now() - sentAt);
        latencies.push(await done);
      }),
    );
    clearInterval(watcher);
    const wall = (Date.now() - started) / 1000;
    console.log(`ingress latency benchmark: ${events} Workday hire notifications at ${perSecond}/s, one in-process worker, dev server, both sandboxes in-process`);
    console.log(`  ingress answer (202)  median ${quantile(accepted, 0.5)} ms, p99 ${quantile(accepted, 0.99)} ms`);
    console.log(`  event → Coupa user    median ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms (goal: median ≤ 500 ms, p99 ≤ 2000 ms)`);
    console.log(`  wall time             ${wall.toFixed(1)} s`);
  } finally {
    await ingress.close();
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
