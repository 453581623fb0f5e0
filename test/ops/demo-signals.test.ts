// `make demo` leaves nothing behind: whatever stops it (SIGTERM to make, SIGHUP to make, Ctrl-C, the demo killed outright), no child survives and every port is free again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const portVariables = ['TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'WORKDAY_SANDBOX_PORT', 'COUPA_SANDBOX_PORT', 'CODEC_SERVER_PORT', 'WORKER_METRICS_PORT', 'MCP_PORT', 'INGRESS_PORT'] as const;
type Ports = Record<(typeof portVariables)[number], number>;

/**
 * A free port below Linux's ephemeral range (32768+), where every `listen(0)` of the other tests and
 * the dev servers lands: a port picked there could be taken again before the demo checks it.
 */
async function quietPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && (await portIsFree(port))) return port;
  }
}

/** Ports nobody else uses (never the defaults: someone may be running the real demo), and a data directory of its own. */
async function demoEnvironment(): Promise<{ ports: Ports; dataDir: string; env: NodeJS.ProcessEnv }> {
  const ports = {} as Ports;
  const taken = new Set<number>();
  for (const variable of portVariables) {
    ports[variable] = await quietPort(taken);
    taken.add(ports[variable]);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-signals-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DATA_DIR: dataDir, DEMO_HIRES: '1', LOG_LEVEL: 'warn' };
  for (const variable of portVariables) env[variable] = String(ports[variable]);
  return { ports, dataDir, env };
}

interface Running {
  top: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a command as the leader of a process group of its own, as a terminal starts a foreground job. */
function startTop(command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const top = spawn(command, args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  top.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  top.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => top.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    top,
    output: () => text,
    exited,
    async waitForOutput(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      void exited.then(() => (done = true));
      while (!pattern.test(text)) {
        if (done) throw new Error(`exited before printing ${pattern}:\n${text}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${text}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}

interface ProcessRow {
  pid: number;
  ppid: number;
  zombie: boolean;
  args: string;
}

function processTable(): ProcessRow[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), zombie: m[3]!.startsWith('Z'), args: m[4]! }));
}

/** The process and everything below it, by parent pid (children in sessions of their own included). */
function processTree(rootPid: number): ProcessRow[] {
  const table = processTable();
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of table) {
      if (!inTree.has(row.pid) && inTree.has(row.ppid)) {
        inTree.add(row.pid);
        grew = true;
      }
    }
  }
  return table.filter((row) => inTree.has(row.pid));
}

/** Still running: alive and not a zombie (a zombie holds no port and no CPU; its parent is gone too). */
function stillRunning(pids: number[]): ProcessRow[] {
  const wanted = new Set(pids);
  return processTable().filter((row) => wanted.has(row.pid) && !row.zombie);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, detail: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s: ${detail()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts the demo, waits until every component runs, lets `stop` end it, then checks that the demo's
 * whole process tree is gone and every port it used is free.
 */
async function demoStopsCleanly(options: {
  viaMake: boolean;
  /** Printed line after which to stop the demo. */
  stopAfter: RegExp;
  /** Pieces of command lines that must be running at that point. */
  running?: string[];
  stop(top: number, demo: number): void;
  before?(dataDir: string): void;
  after?(run: Running, dataDir: string): void | Promise<void>;
}): Promise<void> {
  const { ports, dataDir, env } = await demoEnvironment();
  options.before?.(dataDir);
  const run = options.viaMake
    ? startTop('make', ['--no-print-directory', 'demo'], env)
    : startTop(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], env);
  let tree: ProcessRow[] = [];
  try {
    await run.waitForOutput(options.stopAfter, 180_000);
    tree = processTree(run.top.pid!);
    const names = tree.map((row) => row.args).join('\n');
    for (const piece of options.running ?? everyComponent) {
      assert.ok(names.includes(piece), `${piece} is running before the stop:\n${names}`);
    }
    const demo = tree.find((row) => row.args.includes('scripts/demo.ts'));
    assert.ok(demo, `the demo process is in the tree:\n${names}`);

    options.stop(run.top.pid!, demo.pid);
    const exit = await Promise.race([run.exited, new Promise<null>((r) => setTimeout(() => r(null), 90_000))]);
    assert.ok(exit, `the top process exited after the stop:\n${run.output()}`);

    const pids = tree.map((row) => row.pid);
    await waitUntil('every process of the demo ends', () => stillRunning(pids).length === 0, 30_000, () =>
      stillRunning(pids)
        .map((row) => `${row.pid} ${row.args}`)
        .join('\n'),
    );
    for (const [variable, port] of Object.entries(ports)) {
      await waitUntil(`${variable} ${port} is free again`, () => portIsFree(port), 10_000, () => run.output());
    }
    await options.after?.(run, dataDir);
  } finally {
    // Whatever failed above, nothing this test started outlives it.
    for (const row of stillRunning(tree.map((r) => r.pid))) {
      try {
        process.kill(row.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    if (run.top.exitCode === null && run.top.signalCode === null) run.top.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const everyComponentStarted = /demo: every component started/;
const everyComponent = ['temporal server start-dev', 'sandbox/main.ts', 'codec-server-main.ts', 'workers/main.ts', 'clients/mcp/main.ts', '--watchdog'];

test('SIGTERM to make stops every child and frees every port; the restarted demo starts from a fresh Temporal database and keeps its key', async () => {
  const oldKey = `demo-1:${Buffer.alloc(32, 9).toString('base64')}`;
  await demoStopsCleanly({
    viaMake: true,
    stopAfter: everyComponentStarted,
    // A database from an earlier demo (here: not even SQLite) must not survive into this one.
    before(dataDir) {
      fs.mkdirSync(path.join(dataDir, 'demo'), { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'demo', 'temporal.sqlite'), 'runs about records the sandboxes no longer have');
      fs.mkdirSync(path.join(dataDir, 'temporal'), { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'temporal', 'demo-payload-key'), `${oldKey}\n`, { mode: 0o600 });
    },
    stop: (make) => process.kill(make, 'SIGTERM'),
    after(run, dataDir) {
      assert.match(run.output(), /demo: stopping on SIGTERM/);
      assert.match(run.output(), /demo: stopped \(exit 143/);
      assert.match(run.output(), /demo: MCP gateway http:\/\/127\.0\.0\.1:\d+\/mcp started \(tokens in /);
      assert.match(fs.readFileSync(path.join(dataDir, 'demo', 'mcp-tokens'), 'utf8'), /^assistant:reader:[A-Za-z0-9_-]{43}\nsupport-bot:operator:/);
      const db = fs.readFileSync(path.join(dataDir, 'demo', 'temporal.sqlite'));
      assert.equal(db.subarray(0, 15).toString(), 'SQLite format 3', 'Temporal wrote a new database');
      assert.equal(fs.readFileSync(path.join(dataDir, 'temporal', 'demo-payload-key'), 'utf8').trim(), oldKey, 'the payload key is kept');
      assert.ok(!fs.existsSync(path.join(dataDir, 'demo', 'demo.pid')), 'the data directory is released');
    },
  });
});

test('SIGHUP to make alone (make does not pass it on) stops every child too', async () => {
  await demoStopsCleanly({
    viaMake: true,
    stopAfter: everyComponentStarted,
    stop: (make) => process.kill(make, 'SIGHUP'),
    after: (run) => assert.match(run.output(), /demo: stopping on make received SIGHUP/),
  });
});

test("Ctrl-C (SIGINT to make's whole process group) while Temporal is still starting stops every child", async () => {
  await demoStopsCleanly({
    viaMake: true,
    stopAfter: /demo: sandbox started as pid/,
    running: ['sandbox/main.ts', '--watchdog'],
    stop: (make) => process.kill(-make, 'SIGINT'),
    after: (run) => assert.match(run.output(), /demo: stopped \(exit 130/),
  });
});

test('the demo killed outright (SIGKILL, no cleanup of its own) still takes every child with it', async () => {
  await demoStopsCleanly({
    viaMake: false,
    stopAfter: everyComponentStarted,
    stop: (_top, demo) => process.kill(demo, 'SIGKILL'),
  });
});

test('a port in use stops the demo before it starts anything, naming the port and the variable that moves it (exit 2)', async () => {
  const { ports, dataDir, env } = await demoEnvironment();
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(ports.CODEC_SERVER_PORT, '127.0.0.1', resolve));
  try {
    const run = startTop(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--once'], env);
    const exit = await run.exited;
    assert.equal(exit.code, 2, run.output());
    assert.match(run.output(), new RegExp(`port ${ports.CODEC_SERVER_PORT} \\(codec server\\) is in use: .*CODEC_SERVER_PORT=<port>`));
    assert.doesNotMatch(run.output(), /starting Temporal/);
  } finally {
    squatter.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a second demo on the same data directory refuses to start (exit 2) instead of deleting the first one\'s database', async () => {
  const { dataDir, env } = await demoEnvironment();
  try {
    fs.mkdirSync(path.join(dataDir, 'demo'), { recursive: true });
    // This test's own process stands in for the running demo.
    fs.writeFileSync(path.join(dataDir, 'demo', 'demo.pid'), `${process.pid}\n`);
    const run = startTop(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--once'], env);
    const exit = await run.exited;
    assert.equal(exit.code, 2, run.output());
    assert.match(run.output(), new RegExp(`another demo \\(pid ${process.pid}\\) is running`));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
