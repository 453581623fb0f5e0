// The image works from its production build: the Dockerfile's two stages repeated outside Docker (no engine here), then its commands run,
// a hire provisioned end to end by the built worker, its metrics scraped and its traces received.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { repoRoot, loadDockerfile, loadCompose, containerArgs, runKeysService, dockerIgnored, type DockerStage } from './compose';
import { freePort, startDevServer, type DevServer } from '../../scripts/dev-server';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { statusQuery } from '../../workflows/sync-state';
import { EMPLOYEE_PROVISIONING } from '../../workflows/employee-provisioning';

const dockerfile = loadDockerfile();
const compose = loadCompose();
const stageDirs = new Map<string, string>(); // stage name → where this test rebuilt it
let app = ''; // the runtime stage's WORKDIR, rebuilt in a temp dir
let keys = ''; // the app-keys volume
let ownTemporal: DevServer | null = null;

/** What a container starts with: the image's ENV, a PATH, nothing of this test's environment. */
function imageEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: os.tmpdir(), ...dockerfile.env, ...extra };
}

/** Repeats one stage: its COPY lines (from the build context or an earlier stage), then its RUN lines. */
function rebuildStage(stage: DockerStage, dir: string, final: boolean): void {
  const ignored = new Set(dockerIgnored());
  for (const { sources, destination, from } of stage.copies) {
    const target = path.resolve(dir, path.relative(stage.workdir, path.resolve(stage.workdir, destination)) || '.');
    for (const source of sources) {
      let origin: string;
      if (from) {
        const fromStage = dockerfile.stages.find((s) => s.name === from);
        assert.ok(fromStage && stageDirs.has(from), `COPY --from=${from} names an earlier stage`);
        origin = path.join(stageDirs.get(from)!, path.relative(fromStage.workdir, source));
      } else {
        assert.ok(!ignored.has(source), `.dockerignore keeps ${source} out of the build context that COPY reads`);
        origin = path.join(repoRoot, source);
      }
      assert.ok(fs.existsSync(origin), `COPY source ${source} exists`);
      const into = sources.length > 1 || destination.endsWith('/') ? path.join(target, path.basename(source)) : target;
      fs.cpSync(origin, into, { recursive: true });
    }
  }
  for (const run of stage.runs) {
    const mkdir = /^mkdir -p (\S+) && chown node:node \1$/.exec(run);
    if (mkdir) {
      fs.mkdirSync(path.join(dir, mkdir[1]!), { recursive: true });
      continue;
    }
    // Only npm steps are repeated here; anything else would need to be taught to this test first.
    assert.match(run, /^npm /, `this test repeats npm steps only, not: RUN ${run}`);
    if (!final && /^npm ci\b/.test(run) && !run.includes('--omit=dev')) {
      // The build stage's full install: the same lockfile this checkout installed, so link it (a second copy is minutes).
      fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      continue;
    }
    const result = spawnSync('sh', ['-c', run], {
      cwd: dir,
      // The registry answers here, but the local cache is faster and what CI has.
      env: { ...imageEnv({}), ...(final ? {} : { NODE_ENV: '' }), npm_config_prefer_offline: 'true', npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), '.npm') },
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(result.status, 0, `RUN ${run} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

before(async () => {
  assert.equal(dockerfile.stages.length, 2, 'a build stage and a runtime stage');
  for (const [index, stage] of dockerfile.stages.entries()) {
    const final = index === dockerfile.stages.length - 1;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), final ? 'image-app-' : 'image-build-'));
    rebuildStage(stage, dir, final);
    if (stage.name) stageDirs.set(stage.name, dir);
    if (final) app = dir;
  }
  assert.ok(!fs.existsSync(path.join(app, 'node_modules', 'typescript')), 'the install left dev dependencies out, as in the image');
  assert.ok(fs.existsSync(path.join(app, 'dist', 'workflow-bundle.js')), 'the image carries the prebuilt workflow bundle');
  for (const source of ['workflows', 'workers', 'connectors']) assert.ok(!fs.existsSync(path.join(app, source)), `no TypeScript sources (${source}/) in the runtime stage`);
  keys = fs.mkdtempSync(path.join(os.tmpdir(), 'image-keys-'));
  runKeysService(compose, keys);
});

after(async () => {
  await ownTemporal?.stop();
  for (const dir of [app, keys, ...stageDirs.values()]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
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

/** A compose service's command as the container would run it, with the keys volume where this test keeps it. */
function composeCommand(service: string): string[] {
  const args = containerArgs(compose.services[service]!, dockerfile);
  return args.map((arg) => arg.replaceAll('/keys/', `${keys}/`));
}

/** The image run with these arguments (its ENTRYPOINT, then the arguments instead of CMD). */
function imageCommand(...args: string[]): string[] {
  return [...dockerfile.entrypoint, ...(args.length ? args : dockerfile.cmd)];
}

const moduleTrouble = /ERR_MODULE_NOT_FOUND|Cannot find (package|module)|ERR_UNKNOWN_FILE_EXTENSION/;

test("the image's default command (the worker) gets past loading every module and stops at the config check, naming what is missing", async () => {
  assert.deepEqual(dockerfile.cmd, ['worker']);
  const started = run(imageCommand(), imageEnv({ PAYLOAD_ENCRYPTION: 'off', TEMPORAL_ADDRESS: '127.0.0.1:1' }));
  const code = await started.exited;
  assert.equal(code, 1, started.output());
  assert.doesNotMatch(started.output(), moduleTrouble);
  assert.match(started.output(), /COUPA_BASE_URL: missing/);
});

test('the image names its commands, and refuses an unknown one', async () => {
  const started = run(imageCommand('no-such-command'), imageEnv({}));
  assert.equal(await started.exited, 2);
  for (const command of ['worker', 'codec-server', 'ingress', 'cli', 'replay', 'sandbox']) assert.match(started.output(), new RegExp(`^  ${command} `, 'm'));
  const cli = run(imageCommand('cli', '--help'), imageEnv({}));
  await cli.exited;
  assert.doesNotMatch(cli.output(), moduleTrouble, 'the CLI loads from the build');
});

test("compose's worker command starts the built worker with the prebuilt workflow bundle: nothing is bundled at start, and it polls Temporal", async () => {
  const command = composeCommand('worker');
  assert.ok(command.at(-1)!.endsWith(`exec ${imageCommand('worker').join(' ')}`), `compose's worker ends by running the image's worker command: ${command.at(-1)}`);
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
      WORKER_CREDENTIAL_CHECK_SECONDS: '0',
    }),
  );
  try {
    await waitForOutput(started, /workers running/, 60_000);
    assert.doesNotMatch(started.output(), moduleTrouble);
    assert.match(started.output(), /"payloadEncryption":"on"/);
    const bundle = /"workflowBundle":"([^"]+)"/.exec(started.output())?.[1];
    assert.equal(bundle, path.join(app, 'dist', 'workflow-bundle.js'), 'the worker loads the bundle the build made');
    assert.doesNotMatch(started.output(), /webpack|Workflow bundle created/i, 'no bundling at start');
  } finally {
    assert.equal(await stop(started), 0, `the worker stops cleanly on SIGTERM:\n${started.output()}`);
  }
});

test("compose's sandbox and codec server commands start from the production build", async () => {
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

// ---- the built worker end to end: a hire, a parked run, /metrics, and traces over OTLP ----

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
}

/** A minimal OTLP/HTTP (JSON) trace receiver: what a collector at OTEL_EXPORTER_OTLP_ENDPOINT would get. */
async function startOtlpReceiver(): Promise<{ url: string; spans: OtlpSpan[]; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        const parsed = JSON.parse(body) as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> };
        for (const rs of parsed.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value ? Object.values(value)[0] : undefined;
}

test('the built worker provisions a hire end to end, shows a parked run in /metrics with its category, and sends one trace per run with its HTTP calls', { timeout: 240_000 }, async () => {
  const h: ProvisioningHarness = await startProvisioningHarness();
  const receiver = await startOtlpReceiver();
  const metricsPort = await freePort();
  const worker = run(
    imageCommand('worker'),
    imageEnv({
      ...(h.workerEnv(metricsPort) as Record<string, string>),
      WORKER_METRICS_HOST: '127.0.0.1',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      WORKER_PARKED_RUNS_POLL_SECONDS: '1',
      LOG_LEVEL: 'info',
    }),
  );
  try {
    await waitForOutput(worker, /workers running/, 60_000);
    assert.match(worker.output(), new RegExp(`"workflowBundle":"${path.join(app, 'dist', 'workflow-bundle.js')}"`));

    // A hire, provisioned by the built worker: the run completes and Coupa has the user.
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === 'SUP-EXEC')!.managerEmployeeId!;
    const hired = await h.provision(manager, 'manual');
    const result = (await hired.result()) as { outcome: string };
    assert.equal(result.outcome, 'created');
    assert.equal((await h.coupaClient.listUsers({ 'employee-number': manager })).length, 1);

    // A run that parks on auth (Coupa refuses the scope).
    const parkedEmployee = h.workday.store.hire({ firstName: 'Metric', lastName: 'Parked', supervisoryOrgCode: 'SUP-EXEC', jobProfileCode: 'JP-ANALYST' }).employeeId;
    h.coupa.controls.setFaults({ failNext: [{ status: 403, pathContains: '/api/users' }] });
    const parked = await h.provision(parkedEmployee, 'hire');
    await eventually(async () => ((await parked.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

    // /metrics: the SDK's metrics and the business metrics on one endpoint; the gauge counts the parked run by category.
    const metrics = await eventually(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        return /^sync_runs_parked\{[^}]*category="auth"[^}]*\} 1$/m.test(text) ? text : undefined;
      },
      'sync_runs_parked{category="auth"} 1 on /metrics',
      30_000,
    );
    /** The one sample of `name` whose labels include every `labels` pair; fails listing that metric's samples only. */
    const sample = (name: string, labels: Record<string, string>): number => {
      const lines = metrics.split('\n').filter((line) => line.startsWith(`${name}{`));
      const found = lines.filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)));
      assert.equal(found.length, 1, `one ${name} sample with ${JSON.stringify(labels)}; samples:\n${lines.join('\n')}`);
      return Number(found[0]!.split(' ').at(-1));
    };
    assert.equal(sample('sync_runs_parked', { process: EMPLOYEE_PROVISIONING, category: 'auth' }), 1);
    assert.match(metrics, /^temporal_num_pollers\{/m, "the SDK's own metrics are on the same endpoint");
    assert.equal(sample('sync_runs_started_total', { process: EMPLOYEE_PROVISIONING }), 2);
    assert.equal(sample('sync_runs_finished_total', { process: EMPLOYEE_PROVISIONING, outcome: 'done' }), 1);
    assert.equal(sample('sync_run_parkings_total', { process: EMPLOYEE_PROVISIONING, category: 'auth' }), 1);
    assert.equal(sample('sync_api_requests_total', { api: 'coupa', status: '403' }), 1, 'the refused call is counted');
    assert.equal(sample('sync_api_requests_total', { api: 'coupa', method: 'POST', route: '/api/users', status: '201' }), 1);
    // Provisioning reads Workday through SOAP now: the route names the operation, and the tenant is templated out.
    assert.match(metrics, /^sync_api_request_duration_milliseconds_count\{api="workday",[^}]*route="\/ccx\/service\/:tenant\/Human_Resources\/Get_Workers"/m, 'SOAP calls are labelled by service and operation');
    assert.doesNotMatch(metrics, /route="[^"]*[0-9a-f]{32}[^"]*"/, 'no Workday WID in any route label');
    assert.ok(sample('sync_token_refreshes_total', { api: 'coupa', outcome: 'ok' }) >= 1);
    assert.doesNotMatch(metrics, new RegExp(`${manager}|${parkedEmployee}`), 'no employee id in any label');
    // The dashboard and the alerts query metrics the worker really exports.
    for (const file of ['deploy/grafana/coupa-workday-sync.json', 'deploy/prometheus/alerts.yml']) {
      const names = new Set(fs.readFileSync(path.join(repoRoot, file), 'utf8').match(/\b(?:sync|temporal)_[a-z_]+\b/g) ?? []);
      for (const name of names) assert.match(metrics, new RegExp(`^${name}\\{`, 'm'), `${file} queries ${name}, which /metrics has`);
    }

    // Traces: every span of the hire's run (workflow, activities, HTTP calls) in one trace.
    const runSpans = await eventually(
      async () => {
        const runSpan = receiver.spans.find((s) => s.name === 'RunWorkflow:employeeProvisioning' && JSON.stringify(s.attributes ?? []).includes(hired.workflowId));
        if (!runSpan) return undefined;
        const inTrace = receiver.spans.filter((s) => s.traceId === runSpan.traceId);
        return inTrace.some((s) => s.name.startsWith('POST /api/users')) ? inTrace : undefined;
      },
      "the hire's trace with its HTTP spans at the OTLP receiver",
      30_000,
    );
    const httpSpans = runSpans.filter((s) => attribute(s, 'http.route') !== undefined);
    assert.ok(httpSpans.some((s) => attribute(s, 'sync.api') === 'workday'), 'Workday calls are in the trace');
    assert.ok(httpSpans.some((s) => attribute(s, 'sync.api') === 'coupa' && attribute(s, 'http.response.status_code') === 201));
    assert.ok(runSpans.some((s) => s.name.startsWith('RunActivity:')), 'activity spans are in the trace');
    for (const span of httpSpans) {
      assert.ok(attribute(span, 'http.request.method'), 'each HTTP span has its method');
      assert.doesNotMatch(JSON.stringify(span), new RegExp(`${manager}|@`), `no employee id or e-mail in ${span.name}`);
    }
    const otherRunTraces = new Set(receiver.spans.filter((s) => JSON.stringify(s.attributes ?? []).includes(hired.workflowId)).map((s) => s.traceId));
    assert.deepEqual([...otherRunTraces], [runSpans[0]!.traceId], 'one trace for the run');
  } finally {
    h.coupa.controls.setFaults({});
    const code = await stop(worker);
    await receiver.close();
    await h.close();
    assert.equal(code, 0, worker.output());
  }
});
