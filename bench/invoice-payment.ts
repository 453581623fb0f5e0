// Benchmark: N invoice runs waiting on payment at once; prints the worker process's RSS and the time from the payment signal to the Coupa invoice showing paid (median, p99).
// Run: `make bench-payment [BENCH_INVOICES=10000] [BENCH_PAYMENTS=500] [BENCH_PAY_RATE=20]`. Figures, not assertions: these machines are shared.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startProvisioningHarness } from '../test/helpers/provisioning-harness';
import { createPayableInvoice, payablesOfInvoice } from '../sandbox/coupa/resources/invoices/payments';
import { SUPPLIERS } from '../test/helpers/invoice-payment';
import { confirmInvoicePayment, startInvoiceToPayment } from '../clients/invoice-payment';

const repoRoot = path.resolve(__dirname, '..');
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const invoices = Number(process.argv[2] ?? process.env.BENCH_INVOICES ?? 10_000);
  const paymentsToTime = Math.min(invoices, Number(process.argv[3] ?? process.env.BENCH_PAYMENTS ?? 500));
  const payRate = Number(process.env.BENCH_PAY_RATE ?? 20);
  const h = await startProvisioningHarness();
  let worker: ChildProcess | null = null;
  try {
    // The production entry point as its own process, so its RSS is the worker's alone (sandboxes and this client live here).
    worker = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'workers', 'main.ts')], {
      cwd: repoRoot,
      env: {
        ...h.workerEnv(await freePort()),
        COUPA_REQUESTS_PER_SECOND: '400',
        WORKDAY_REQUESTS_PER_SECOND: '400',
        COUPA_MAX_CONCURRENT_ACTIVITIES: '40',
        WORKDAY_MAX_CONCURRENT_ACTIVITIES: '40',
        COUPA_MAX_CONCURRENT_REQUESTS: '40',
        WORKDAY_MAX_CONCURRENT_REQUESTS: '40',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const pid = worker.pid!;
    const baselineAt = Date.now();
    const client = h.temporal.env.client;

    // Approved invoices straight into the Coupa sandbox's store (no HTTP: the sandbox is not what is measured).
    const ids: number[] = [];
    for (let i = 0; i < invoices; i += 1) {
      const invoice = createPayableInvoice(h.coupa.store, {
        'invoice-number': `BENCH-${i}`,
        supplier: SUPPLIERS[i % SUPPLIERS.length],
        'net-due-date': '2027-12-31',
        lines: [{ description: 'Bench line', amount: '100.00', commodity: 'Office Supplies', 'account-segments': ['US01', 'CC1100'] }],
      });
      ids.push(invoice.id);
    }
    const startedAt = Date.now();
    for (let i = 0; i < ids.length; i += 200) {
      await Promise.all(ids.slice(i, i + 200).map((id) => startInvoiceToPayment(client, h.queueConfig, { coupaInvoiceId: String(id), companyCode: 'US01' })));
    }
    const exported = () => h.coupa.store.invoices.all().filter((inv) => payablesOfInvoice(inv) !== undefined && inv.exported === true).length;
    let peakKb = 0;
    for (let last = -1; ; ) {
      peakKb = Math.max(peakKb, rssKb(pid));
      const done = exported();
      if (done !== last) process.stderr.write(`\r  posted ${done}/${invoices}`);
      last = done;
      if (done >= invoices) break;
      await sleep(500);
    }
    process.stderr.write('\n');
    const postedMs = Date.now() - startedAt;
    // Give the last runs a moment to reach their wait; then the worker holds N waiting runs.
    await sleep(3000);
    const waitingKb = rssKb(pid);

    // Payments, paced: signal → Coupa shows paid.
    const sample = ids.slice(0, paymentsToTime);
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const byId = new Map(h.coupa.store.invoices.all().map((inv) => [inv.id, inv]));
    const watcher = (async () => {
      while (latencies.length < sample.length) {
        const now = Date.now();
        for (const [id, t0] of sentAt) {
          if (payablesOfInvoice(byId.get(id)!)?.paid) {
            latencies.push(now - t0);
            sentAt.delete(id);
          }
        }
        await sleep(5);
      }
    })();
    for (const id of sample) {
      sentAt.set(id, Date.now());
      void confirmInvoicePayment(client, String(id), { amount: '100.00', currency: 'USD', paymentDate: '2026-11-29', reference: `EFT-BENCH-${id}`, source: 'workday-poller' });
      peakKb = Math.max(peakKb, rssKb(pid));
      await sleep(1000 / payRate);
    }
    await watcher;
    const afterKb = rssKb(pid);

    console.log(`invoice-payment benchmark: ${invoices} runs waiting at once, one worker process (workers/main.ts), dev server and sandboxes on the same machine`);
    console.log(`  posting (read, plan, submit, export) of all runs  ${(postedMs / 1000).toFixed(1)} s (${(invoices / (postedMs / 1000)).toFixed(1)} runs/s)`);
    console.log(`  worker RSS with ${invoices} runs waiting           ${mb(waitingKb)} (peak while posting/paying ${mb(peakKb)}, after payments ${mb(afterKb)})`);
    console.log(`  payment signal → Coupa paid, ${latencies.length} payments at ${payRate}/s: median ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms, max ${Math.max(...latencies)} ms`);
    console.log(`  (measured ${((Date.now() - baselineAt) / 1000).toFixed(0)} s after the worker started)`);
  } finally {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker!.once('exit', r));
    }
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
