// Runs long-lived child processes (Temporal, sandboxes, codec server, worker) so that none outlives its parent, whatever ends it.
//
// Each child leads a process group of its own, so stopping it stops whatever it started too, and a
// Ctrl-C reaches only the parent, which stops the children in order (the worker before the servers
// it talks to). If the parent dies without cleaning up (SIGKILL, a crash in native code), a watchdog
// process notices that the pipe from its parent closed and stops every group the parent had running.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const repoRoot = path.resolve(__dirname, '..');

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  name: string;
  /** Also the id of the child's process group. */
  pid: number;
  process: ChildProcess;
  logFile: string | null;
  /** Settles (never rejects) once the child has exited. */
  exited: Promise<ChildExit>;
  /** True once stop() was called: an exit after that is expected. */
  readonly stopping: boolean;
  /** SIGTERM to the child's whole group, SIGKILL after the grace period; resolves when the child is gone. */
  stop(): Promise<void>;
}

export interface StartChildOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout and stderr go here (truncated at start); without it they are dropped. */
  logFile?: string;
  /** Keep stdout readable for ready lines (copied to the log too); default: straight to the log. */
  readStdout?: boolean;
  /** How long SIGTERM may take before SIGKILL. */
  graceMs?: number;
}

const running = new Set<Child>();
/** Set by stopAllChildren: a start still in flight must not add a child that nobody will stop. */
let closed = false;

export function startChild(name: string, command: string, args: string[], options: StartChildOptions): Child {
  if (closed) throw new Error(`not starting ${name}: shutting down`);
  const logFd = options.logFile ? fs.openSync(options.logFile, 'w') : null;
  const sink = logFd ?? 'ignore';
  // The watchdog first: from the moment the child exists, some process is responsible for it.
  const guard = watchdog();
  // detached: a session and process group of its own (see the top of this file).
  const proc = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: options.env,
    detached: true,
    stdio: ['ignore', options.readStdout ? 'pipe' : sink, sink],
  });
  if (proc.pid === undefined) {
    if (logFd !== null) fs.closeSync(logFd);
    throw new Error(`${name}: cannot start ${command}`);
  }
  const pid = proc.pid;
  guard?.stdin?.write(`watch ${pid}\n`);
  if (options.readStdout && logFd !== null) proc.stdout?.on('data', (chunk: Buffer) => fs.writeSync(logFd, chunk));

  let stopping = false;
  let hasExited = false;
  const exited = new Promise<ChildExit>((resolve) => {
    proc.once('exit', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
    // A spawn error (e.g. ENOENT) comes without an exit event.
    proc.once('error', () => {
      hasExited = true;
      resolve({ code: null, signal: null });
    });
  });
  void exited.then(() => {
    // Leftover members of the group (a grandchild that outlived its parent) go with it.
    signalGroup(pid, 'SIGKILL');
    running.delete(child);
    guard?.stdin?.write(`forget ${pid}\n`);
    if (logFd !== null) setTimeout(() => fs.closeSync(logFd), 100).unref();
  });

  const graceMs = options.graceMs ?? 15_000;
  const child: Child = {
    name,
    pid,
    process: proc,
    logFile: options.logFile ?? null,
    exited,
    get stopping() {
      return stopping;
    },
    async stop() {
      stopping = true;
      if (hasExited) return;
      signalGroup(pid, 'SIGTERM');
      const force = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(force);
    },
  };
  running.add(child);
  return child;
}

/** Resolves with the first stdout line that parses as JSON with `ready: true`; rejects if the child exits first. */
export function waitForReadyLine<T>(child: Child, timeoutMs = 60_000): Promise<T> {
  const stdout = child.process.stdout;
  if (!stdout) return Promise.reject(new Error(`${child.name} was started without readStdout`));
  return new Promise((resolve, reject) => {
    const where = child.logFile ? ` (see ${child.logFile})` : '';
    const timer = setTimeout(() => reject(new Error(`${child.name} did not report ready within ${timeoutMs / 1000} s${where}`)), timeoutMs);
    void child.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited (${signal ?? `code ${code}`}) before it was ready${where}`));
    });
    const lines = readline.createInterface({ input: stdout });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: boolean };
        if (parsed.ready) {
          clearTimeout(timer);
          resolve(parsed as T);
        }
      } catch {
        // not the ready line
      }
    });
  });
}

/** Stops every running child, newest first (the worker before the servers it talks to). */
export async function stopAllChildren(): Promise<void> {
  closed = true;
  while (running.size > 0) {
    for (const child of [...running].reverse()) await child.stop();
  }
}

/** Last resort on the way out (an exception, process.exit): SIGTERM to every group still running; the watchdog follows up with SIGKILL. */
export function signalAllChildrenNow(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of running) signalGroup(child.pid, signal);
}
process.on('exit', () => signalAllChildrenNow());

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

// ---- the watchdog: one per parent, outlives it just long enough to stop its children ----

let watchdogProcess: ChildProcess | null | undefined;

/** The parent's watchdog, started on first use; null where it cannot run (the parent then relies on its own exit paths). */
function watchdog(): ChildProcess | null {
  if (watchdogProcess !== undefined) return watchdogProcess;
  try {
    const proc = spawn(process.execPath, ['--import', 'tsx', __filename, '--watchdog'], {
      cwd: repoRoot,
      detached: true, // not in the parent's group: a Ctrl-C or a group kill must leave it to do its job
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // Neither the process nor its pipe keeps the parent's event loop alive.
    proc.unref();
    (proc.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    proc.stdin?.on('error', () => undefined);
    proc.once('error', () => undefined);
    watchdogProcess = proc;
  } catch {
    watchdogProcess = null;
  }
  return watchdogProcess;
}

/** The watchdog's pid, for tests that check nothing is left behind. */
export function watchdogPid(): number | undefined {
  return watchdogProcess?.pid;
}

/** Watchdog main: reads `watch <pgid>` / `forget <pgid>` lines; when stdin closes (the parent is gone), stops every watched group. */
function runWatchdog(graceMs = 10_000): void {
  const groups = new Set<number>();
  // Its own session: stray terminal signals are not meant for it.
  for (const signal of ['SIGINT', 'SIGHUP'] as const) process.on(signal, () => undefined);
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [verb, id] = line.trim().split(/\s+/);
    const pgid = Number(id);
    if (!Number.isInteger(pgid) || pgid <= 1) return;
    if (verb === 'watch') groups.add(pgid);
    if (verb === 'forget') groups.delete(pgid);
  });
  lines.once('close', async () => {
    const alive = () => [...groups].filter((pgid) => signalGroup(pgid, 0));
    for (const pgid of alive()) signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (alive().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    for (const pgid of alive()) signalGroup(pgid, 'SIGKILL');
    process.exit(0);
  });
}

// ---- stop requests: signals, and a parent that goes away ----

export interface StopRequest {
  signal: StopSignal;
  /** Why, for the log line: "SIGTERM", "make received SIGHUP", "the parent process exited". */
  reason: string;
}

const signalNumbers: Record<StopSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The conventional exit status of a process stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function exitCodeFor(signal: StopSignal): number {
  return 128 + signalNumbers[signal];
}

/**
 * Calls `onStop` (once) on SIGINT, SIGTERM or SIGHUP, or when the parent process goes away; a second
 * signal calls `onForce`. Children are detached from the terminal, so this process must pass stops on.
 *
 * GNU make forwards only SIGTERM to a recipe: on a SIGINT or SIGHUP sent to make alone (a terminal
 * sends them to the whole group, a `kill` does not) make blocks that signal and waits for the recipe,
 * forever. So while the parent is make, a fatal signal that stays blocked in make counts as one sent here.
 */
export function onStopRequest(onStop: (request: StopRequest) => void, onForce: (request: StopRequest) => void): () => void {
  let requested = false;
  const request = (req: StopRequest) => {
    if (requested) return onForce(req);
    requested = true;
    onStop(req);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = () => request({ signal, reason: signal });
    process.on(signal, handler);
    return [signal, handler] as const;
  });

  const parentPid = process.ppid;
  const parentIsMake = /^g?make$/.test(readProc(parentPid, 'comm')?.trim() ?? '');
  let blockedBefore: StopSignal | null = null;
  const poll = setInterval(() => {
    if (process.ppid !== parentPid) {
      clearInterval(poll);
      return request({ signal: 'SIGHUP', reason: 'the parent process exited' });
    }
    if (!parentIsMake || requested) return;
    const blocked = blockedFatalSignal(parentPid);
    // Twice in a row: make blocks signals for a moment when it starts a job, too.
    if (blocked && blocked === blockedBefore) request({ signal: blocked, reason: `make received ${blocked}` });
    blockedBefore = blocked;
  }, 500);
  poll.unref();

  return () => {
    clearInterval(poll);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null; // not Linux, or gone
  }
}

function blockedFatalSignal(pid: number): StopSignal | null {
  const mask = /^SigBlk:\s*([0-9a-f]+)/m.exec(readProc(pid, 'status') ?? '')?.[1];
  if (!mask) return null;
  const bits = BigInt(`0x${mask}`);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    if (bits & (1n << BigInt(signalNumbers[signal] - 1))) return signal;
  }
  return null;
}

if (require.main === module && process.argv.includes('--watchdog')) runWatchdog();
