// Starts `temporal server start-dev` offline (SQLite file or in-memory, search attributes registered, no version check) and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { startChild } from './child-processes';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SEARCH_ATTRIBUTE_NAMES } from '../infra/search-attributes';

const repoRoot = path.resolve(__dirname, '..');

/** An executable file at this path, resolved to its real location (the SDK's `existing-path` does not search PATH). */
function executableAt(file: string): string | null {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile() ? fs.realpathSync(file) : null;
  } catch {
    return null;
  }
}

/**
 * Same lookup order as scripts/temporal-tools.sh (env path, PATH, the project virtualenv), in Node: a
 * shell child would share the demo's process group and die of the Ctrl-C meant for the demo, which
 * then looked like a missing CLI instead of a stop.
 */
export function resolveToolBinary(name: 'temporal' | 'temporal-test-server', envPath: string | undefined): string | null {
  if (envPath && executableAt(envPath)) return envPath;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const found = executableAt(path.join(dir, name));
    if (found) return found;
  }
  return executableAt(path.join(process.env.TOOLS_VENV ?? path.join(repoRoot, '.tools', 'venv'), 'bin', name));
}

export function resolveTemporalCli(): string {
  const found = resolveToolBinary('temporal', process.env.TEMPORAL_CLI_PATH);
  if (!found) throw new Error('Temporal CLI not found: run `make setup` (or set TEMPORAL_CLI_PATH)');
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface DevServerOptions {
  port?: number;
  /** Web UI port; null = headless. */
  uiPort?: number | null;
  /** SQLite file; omitted = in-memory (tests). */
  dbFile?: string;
  namespace?: string;
  logFile?: string;
  /** Codec server the Web UI should use to decode payloads. */
  uiCodecEndpoint?: string;
  /** Extra dynamic config, `key=value` each (e.g. the benchmark's task-queue partitions). */
  dynamicConfig?: string[];
}

export interface DevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  pid: number;
  /** Settles when the server process has exited, for whatever reason. */
  exited: Promise<unknown>;
  stop(): Promise<void>;
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const cli = resolveTemporalCli();
  const port = opts.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  args.push('--namespace', opts.namespace ?? 'default');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  if (opts.uiPort === null || opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-disable-news-fetch');
  if (opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);
  for (const name of SEARCH_ATTRIBUTE_NAMES) args.push('--search-attribute', `${name}=Keyword`);
  args.push('--dynamic-config-value', 'frontend.enableServerVersionCheck=false');
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  for (const value of opts.dynamicConfig ?? []) args.push('--dynamic-config-value', value);

  // Its own process group, stopped with its parent whatever ends the parent (see child-processes.ts).
  const child = startChild('temporal', cli, args, {
    env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
    logFile: opts.logFile,
    graceMs: 10_000,
  });
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`temporal server start-dev exited early (see ${opts.logFile ?? 'its output'})`);
    if (await answers(cli, address)) break;
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`Temporal dev server did not answer on ${address} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  return {
    address,
    uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : null,
    process: child.process,
    pid: child.pid,
    exited: child.exited,
    stop: () => child.stop(),
  };
}

/** True once the frontend serves gRPC and the default namespace is usable. */
async function answers(cli: string, address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = spawn(cli, ['operator', 'namespace', 'describe', '--address', address, '-n', 'default'], {
      stdio: 'ignore',
      env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
    });
    probe.once('exit', (code) => resolve(code === 0));
    probe.once('error', () => resolve(false));
  });
}
