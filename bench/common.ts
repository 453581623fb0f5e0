// What every benchmark shares: the machine's description, tables on stdout, JSON under .data/bench/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { ProvisioningHarness } from '../test/helpers/provisioning-harness';
import { freePort } from '../scripts/dev-server';

export function machine() {
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))), node: process.version };
}

export function save(name: string, result: unknown): string {
  const dir = path.resolve(__dirname, '..', '.data', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(dir, `${name}-latest.json`), JSON.stringify(result, null, 2));
  return file;
}

export function table(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

export const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

/** API calls by route, token requests and admin routes left out. */
export function apiCallsOf(byRoute: Record<string, number>): number {
  return Object.entries(byRoute)
    .filter(([route]) => !route.includes('/oauth2/') && !route.includes('/_sandbox'))
    .reduce((n, [, c]) => n + c, 0);
}

/** The manager chain in Coupa first, as in production, so hires resolve their manager. */
export async function managersFirst(h: ProvisioningHarness): Promise<void> {
  for (const code of ['SUP-EXEC', 'SUP-ENG']) {
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === code)!.managerEmployeeId!;
    await (await h.provision(manager, 'manual')).result();
  }
}

export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/** Runs `fn` over `items` with at most `limit` in flight (starting 2000 runs at once overwhelms a dev server on a small machine). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Worker processes as ops run them (`workers/main.ts`), against the harness's Temporal and sandboxes:
 * the benchmark's own process keeps only the sandboxes and the client, as in production.
 */
export async function startWorkerProcesses(h: ProvisioningHarness, count: number, env: Record<string, string>): Promise<{ stop(): Promise<void> }> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    children.push(
      spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '..', 'workers', 'main.ts')], {
        cwd: path.resolve(__dirname, '..'),
        env: { ...h.workerEnv(await freePort()), ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
  }
  return {
    async stop() {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))));
    },
  };
}
