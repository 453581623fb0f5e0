// The image's start commands work after a production install: the Dockerfile's steps repeated outside Docker (no engine here), then its CMD and compose's commands run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { repoRoot, loadDockerfile, loadCompose, containerArgs, runKeysService, dockerIgnored } from './compose';
import { freePort, startDevServer, type DevServer } from '../../scripts/dev-server';

const dockerfile = loadDockerfile();
const compose = loadCompose();
let app = ''; // the image's WORKDIR, rebuilt in a temp dir
let keys = ''; // the app-keys volume
let ownTemporal: DevServer | null = null;

/** What a container starts with: the image's ENV, a PATH, nothing of this test's environment. */
function imageEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: os.tmpdir(), ...dockerfile.env, ...extra };
}

before(async () => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), 'image-app-'));
  const ignored = new Set(dockerIgnored());
  for (const { sources, destination } of dockerfile.copies) {
    const target = path.resolve(app, destination.replace(/^\/app\/?/, '') || '.');
    for (const source of sources) {
      assert.ok(!ignored.has(source), `.dockerignore keeps ${source} out of the build context that COPY reads`);
      const into = sources.length > 1 || destination.endsWith('/') ? path.join(target, path.basename(source)) : target;
      fs.cpSync(path.join(repoRoot, source), into, { recursive: true });
    }
  }
  for (const run of dockerfile.runs) {
    // Only npm steps are repeated here; anything else would need to be taught to this test first.
    assert.match(run, /^npm /, `this test repeats npm steps only, not: RUN ${run}`);
    const result = spawnSync('sh', ['-c', run], {
      cwd: app,
      // The registry answers here, but the local cache is faster and what CI has.
      env: { ...imageEnv({}), npm_config_prefer_offline: 'true', npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), '.npm') },
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(result.status, 0, `RUN ${run} failed:\n${result.stdout}\n${result.stderr}`);
  }
  assert.ok(!fs.existsSync(path.join(app, 'node_modules', 'typescript')), 'the install left dev dependencies out, as in the image');
  keys = fs.mkdtempSync(path.join(os.tmpdir(), 'image-keys-'));
  runKeysService(compose, keys);
});

after(async () => {
  await ownTemporal?.stop();
  if (app) fs.rmSync(app, { recursive: true, force: true });
  if (keys) fs.rmSync(keys, { recursive: true, force: true });
});

interface Started {
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function run(argv: string[], env: NodeJS.ProcessEnv): Started {
  const [command, ...args] = argv;
  const proc = spawn(command!, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  proc.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { proc, output: () => text, exited: new Promise((resolve) => proc.once('exit', (code) => resolve(code))) };
}

async function waitForOutput(started: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void started.exited.then(() => (ended = true));
  while (!pattern.test(started.output())) {
    if (ended) throw new Error(`exited before ${pattern}:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(started: Started): Promise<number | null> {
  started.proc.kill('SIGTERM');
  const code = await Promise.race([started.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
  if (code === 'timeout') {
    started.proc.kill('SIGKILL');
    throw new Error(`did not stop on SIGTERM:\n${started.output()}`);
  }
  return code;
}

/** A compose `sh -c` command as the container would run it, with the keys volume where this test keeps it. */
function composeCommand(service: string): string[] {
  const args = containerArgs(compose.services[service]!);
  return args.map((arg) => arg.replaceAll('/keys/', `${keys}/`));
}

const moduleTrouble = /ERR_MODULE_NOT_FOUND|Cannot find (package|module)|ERR_UNKNOWN_FILE_EXTENSION/;

test("the image's CMD gets past loading every module and stops at the config check, naming what is missing", async () => {
  const started = run(dockerfile.cmd, imageEnv({ PAYLOAD_ENCRYPTION: 'off', TEMPORAL_ADDRESS: '127.0.0.1:1' }));
  const code = await started.exited;
  assert.equal(code, 1, started.output());
  assert.doesNotMatch(started.output(), moduleTrouble);
  assert.match(started.output(), /COUPA_BASE_URL: missing/);
});

test("compose's worker command (the image's CMD with the key from the keys volume) starts the worker: workflow code bundles and it polls Temporal", async () => {
  const command = composeCommand('worker');
  assert.ok(command.at(-1)!.endsWith(`exec ${dockerfile.cmd.join(' ')}`), `compose's worker ends by running the image's CMD: ${command.at(-1)}`);
  let address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) {
    ownTemporal = await startDevServer({});
    address = ownTemporal.address;
  }
  const suffix = randomUUID().slice(0, 8);
  const started = run(
    command,
    imageEnv({
      ...compose.services.worker!.environment,
      TEMPORAL_ADDRESS: address,
      // Queues of its own: it must not take other tests' tasks. The APIs are never called.
      TASK_QUEUE_WORKFLOWS: `image-test-workflows-${suffix}`,
      TASK_QUEUE_COUPA: `image-test-coupa-${suffix}`,
      TASK_QUEUE_WORKDAY: `image-test-workday-${suffix}`,
      COUPA_BASE_URL: 'http://127.0.0.1:9',
      WORKDAY_BASE_URL: 'http://127.0.0.1:9',
      WORKER_METRICS_HOST: '127.0.0.1',
      WORKER_METRICS_PORT: String(await freePort()),
    }),
  );
  try {
    await waitForOutput(started, /workers running/, 180_000);
    assert.doesNotMatch(started.output(), moduleTrouble);
    assert.match(started.output(), /"payloadEncryption":"on"/);
  } finally {
    assert.equal(await stop(started), 0, `the worker stops cleanly on SIGTERM:\n${started.output()}`);
  }
});

test("compose's sandbox and codec server commands start from the production install", async () => {
  const workdayPort = await freePort();
  const coupaPort = await freePort();
  const sandbox = run(
    composeCommand('sandbox'),
    imageEnv({ ...compose.services.sandbox!.environment, SANDBOX_HOST: '127.0.0.1', WORKDAY_SANDBOX_PORT: String(workdayPort), COUPA_SANDBOX_PORT: String(coupaPort) }),
  );
  const codecPort = await freePort();
  const codec = run(
    composeCommand('codec-server'),
    imageEnv({ ...compose.services['codec-server']!.environment, CODEC_SERVER_HOST: '127.0.0.1', CODEC_SERVER_PORT: String(codecPort) }),
  );
  try {
    await waitForOutput(sandbox, /"ready":true/, 60_000);
    await waitForOutput(codec, /"ready":true/, 60_000);
    const support = fs.readFileSync(path.join(keys, 'codec-server-tokens'), 'utf8').trim().split(',')[0]!.split(':')[1]!;
    const decode = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${codecPort}/decode`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    assert.equal((await decode({})).status, 401, 'no token, no plaintext');
    assert.equal((await decode({ authorization: `Bearer ${support}` })).status, 200, "the keys service's support token decodes");
  } finally {
    await stop(sandbox);
    await stop(codec);
  }
});
