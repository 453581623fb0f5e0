// `make demo`: Temporal + both sandboxes + the codec server + the worker, then a batch of Workday hires provisioned into Coupa, with Web UI links.
//
// Every start is fresh: Temporal's database (.data/demo/temporal.sqlite) is deleted and the sandboxes
// seed again, so no run ever points at a record that no longer exists. Only the payload key
// (.data/temporal/demo-payload-key) is kept, where the project CLI finds it.
// Every child runs in a process group of its own and is stopped on every way out of this process
// (see child-processes.ts); a Ctrl-C, SIGTERM or SIGHUP stops them in order, worker first.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client, Connection, WorkflowNotFoundError, type WorkflowHandleWithSignaledRunId } from '@temporalio/client';
import { loadConfig, demoConfigSchema, temporalConfigSchema, ConfigError } from '../infra/config';
import { workflowUiLink } from '../infra/temporal-connection';
import { createDataConverter, ensureDemoPayloadKey, demoPayloadKeyFile } from '../infra/data-converter';
import { requestEmployeeProvisioning } from '../clients/employee-provisioning';
import {
  costCenterScenario,
  financeScenario,
  futureTerminationScenario,
  invoicePaymentScenario,
  offboardingScenario,
  parkedHireScenario,
  reorgScenario,
  supplierSyncScenario,
  type DemoSystems,
} from './demo-scenarios';
import type { EmployeeProvisioningResult, employeeProvisioning } from '../workflows/employee-provisioning';
import { startDevServer, resolveTemporalCli } from './dev-server';
import { startDemoMcpGateway } from './demo-mcp';
import {
  startChild,
  stopAllChildren,
  signalAllChildrenNow,
  waitForReadyLine,
  onStopRequest,
  exitCodeFor,
  watchdogPid,
  type Child,
  type StopRequest,
} from './child-processes';

const repoRoot = path.resolve(__dirname, '..');
const once = process.argv.includes('--once');

/** The demo's exit status, as the README lists it; a signal n exits with 128 + n (129 SIGHUP, 130 SIGINT, 143 SIGTERM). */
const DEMO_EXIT = {
  /** Every scenario done (with --once), or stopped by request after they were. */
  ok: 0,
  /** A scenario failed: a hire without its Coupa user, or runs that search attributes do not find. */
  scenarioFailed: 1,
  /** Nothing was started: a port in use, another demo on the same data directory, invalid config, no Temporal CLI. */
  cannotStart: 2,
  /** A component (Temporal, sandbox, codec server, worker) failed to start or died; its log is named. */
  componentFailed: 3,
} as const;

class DemoExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface SandboxReady {
  workday: { url: string; tenant: string; clientId: string; clientSecret: string; refreshToken: string };
  coupa: { url: string; clientId: string; clientSecret: string; scopes: string[] };
}

/** The people hired in the demo: varied orgs, job profiles and names Coupa must keep intact. */
const demoHires = [
  { firstName: 'Amélie', lastName: 'Dubois', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-SR-ACCT' },
  { firstName: 'Ngozi', lastName: 'Okonkwo', supervisoryOrgCode: 'SUP-PROC', jobProfileCode: 'JP-BUYER' },
  { firstName: 'Björn', lastName: 'Löfgren', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' },
  { firstName: 'María José', lastName: 'Peña', supervisoryOrgCode: 'SUP-SALES', jobProfileCode: 'JP-SALES-REP' },
  { firstName: 'Aoife', lastName: 'Ní Bhriain', supervisoryOrgCode: 'SUP-AP', jobProfileCode: 'JP-AP-SPEC' },
  { firstName: 'Dmitri', lastName: 'Volkov', supervisoryOrgCode: 'SUP-IT', jobProfileCode: 'JP-MGR' },
  { firstName: 'Priya', lastName: 'Raghunathan', supervisoryOrgCode: 'SUP-HR', jobProfileCode: 'JP-HR-GEN' },
  { firstName: '健二', lastName: '渡辺', supervisoryOrgCode: 'SUP-RD-DE', jobProfileCode: 'JP-SR-SWE' },
];

type DemoConfig = ReturnType<typeof loadDemoConfig>;

function loadDemoConfig() {
  try {
    return loadConfig(demoConfigSchema);
  } catch (err) {
    if (err instanceof ConfigError) throw new DemoExit(DEMO_EXIT.cannotStart, err.message);
    throw err;
  }
}

interface DemoPort {
  variable: keyof DemoConfig;
  what: string;
  host: string;
  port: number;
}

/** Every port the demo's processes listen on, with the variable that moves it. */
function demoPorts(demo: DemoConfig): DemoPort[] {
  return [
    { variable: 'TEMPORAL_PORT', what: 'Temporal gRPC', host: '127.0.0.1', port: demo.TEMPORAL_PORT },
    { variable: 'TEMPORAL_UI_PORT', what: 'Temporal Web UI', host: '127.0.0.1', port: demo.TEMPORAL_UI_PORT },
    { variable: 'WORKDAY_SANDBOX_PORT', what: 'Workday sandbox', host: demo.SANDBOX_HOST, port: demo.WORKDAY_SANDBOX_PORT },
    { variable: 'COUPA_SANDBOX_PORT', what: 'Coupa sandbox', host: demo.SANDBOX_HOST, port: demo.COUPA_SANDBOX_PORT },
    { variable: 'CODEC_SERVER_PORT', what: 'codec server', host: '127.0.0.1', port: demo.CODEC_SERVER_PORT },
    { variable: 'WORKER_METRICS_PORT', what: 'worker metrics', host: '127.0.0.1', port: demo.WORKER_METRICS_PORT },
    { variable: 'MCP_PORT', what: 'MCP gateway', host: '127.0.0.1', port: demo.MCP_PORT },
    { variable: 'INGRESS_PORT', what: 'event ingress', host: '127.0.0.1', port: demo.INGRESS_PORT },
  ];
}

/** Refuses to start when a port is taken (or two variables name the same one), naming each and its variable. */
async function checkPorts(ports: DemoPort[]): Promise<void> {
  const problems: string[] = [];
  for (const p of ports) {
    const twin = ports.find((other) => other !== p && other.port === p.port);
    if (twin && ports.indexOf(twin) < ports.indexOf(p)) problems.push(`port ${p.port} is set for both ${twin.variable} and ${p.variable}`);
  }
  for (const p of ports) {
    const error = await tryListen(p.host, p.port);
    if (error) {
      const held = error === 'EADDRINUSE' ? 'is in use' : `cannot be opened (${error})`;
      problems.push(`port ${p.port} (${p.what}) ${held}: stop what holds it, or choose another with ${p.variable}=<port>`);
    }
  }
  if (problems.length > 0) {
    throw new DemoExit(DEMO_EXIT.cannotStart, `cannot start, nothing was started:\n  ${problems.join('\n  ')}`);
  }
}

function tryListen(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** One demo per data directory: a second would delete the first one's Temporal database under it. */
function claimDataDir(pidFile: string): () => void {
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(pidFile, `${process.pid}\n`, { flag: 'wx' });
      return () => fs.rmSync(pidFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const other = Number(fs.readFileSync(pidFile, 'utf8').trim());
      if (Number.isInteger(other) && other > 0 && isAlive(other)) {
        throw new DemoExit(
          DEMO_EXIT.cannotStart,
          `cannot start: another demo (pid ${other}) is running on ${path.dirname(path.dirname(pidFile))}; stop it, or give this one its own DEMO_DATA_DIR`,
        );
      }
      fs.rmSync(pidFile, { force: true }); // left by a demo that was killed
    }
  }
  throw new DemoExit(DEMO_EXIT.cannotStart, `cannot claim ${pidFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

interface Outcome {
  code: number;
  message?: string;
}

async function main(): Promise<number> {
  // From the first line on, a stop request ends the demo cleanly, whatever it is doing.
  let requestStop!: (request: StopRequest) => void;
  const stopRequested = new Promise<StopRequest>((resolve) => (requestStop = resolve));
  onStopRequest(
    (request) => requestStop(request),
    (request) => {
      console.error(`demo: ${request.reason} again: killing every child now`);
      signalAllChildrenNow('SIGKILL');
      process.exit(exitCodeFor(request.signal));
    },
  );
  // A reader that went away (make killed, a closed terminal) must not turn the shutdown into a crash.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  let componentDied!: (outcome: Outcome) => void;
  const componentFailure = new Promise<Outcome>((resolve) => (componentDied = resolve));
  const supervise = (child: Child): Child => {
    const log = child.logFile ? rel(child.logFile) : 'no log';
    console.log(`demo: ${child.name} started as pid ${child.pid} (log ${log})`);
    void child.exited.then(({ code, signal }) => {
      if (child.stopping) return;
      componentDied({ code: DEMO_EXIT.componentFailed, message: `${child.name} exited (${signal ?? `code ${code}`}) while the demo ran${lastLines(child.logFile)}` });
    });
    return child;
  };

  let release = (): void => undefined;
  const work = (async (): Promise<Outcome> => {
    const demo = loadDemoConfig();
    try {
      resolveTemporalCli();
    } catch (err) {
      throw new DemoExit(DEMO_EXIT.cannotStart, `cannot start: ${(err as Error).message}`);
    }
    await checkPorts(demoPorts(demo));
    const dataRoot = path.resolve(repoRoot, demo.DEMO_DATA_DIR);
    release = claimDataDir(path.join(dataRoot, 'demo', 'demo.pid'));
    return runDemo(demo, dataRoot, supervise);
  })().catch((err: unknown): Outcome => {
    if (err instanceof DemoExit) return { code: err.code, message: err.message };
    return { code: DEMO_EXIT.scenarioFailed, message: err instanceof Error ? err.message : String(err) };
  });

  const outcome = await Promise.race([
    work,
    componentFailure,
    stopRequested.then((request): Outcome => ({ code: exitCodeFor(request.signal), message: `stopping on ${request.reason}` })),
  ]);
  if (outcome.message) (outcome.code === 0 || outcome.code > 128 ? console.log : console.error)(`demo: ${outcome.message}`);
  console.log('demo: stopping every child process');
  await stopAllChildren();
  release();
  const watchdog = watchdogPid();
  console.log(`demo: stopped (exit ${outcome.code}${watchdog ? `; watchdog pid ${watchdog} exits with this process` : ''})`);
  return outcome.code;
}

async function runDemo(demo: DemoConfig, dataRoot: string, supervise: (child: Child) => Child): Promise<Outcome> {
  // <data>/demo is this run's: Temporal's database, logs, the codec token. <data>/temporal keeps the key.
  const logDir = path.join(dataRoot, 'demo');
  const demoMappingFile = path.join(logDir, 'mapping.yaml');
  fs.mkdirSync(logDir, { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'config', 'mapping.yaml'), demoMappingFile);
  fs.rmSync(path.join(logDir, 'workday-refresh-token'), { force: true });

  // Fresh every start: the sandboxes seed again in memory, so Temporal must not remember runs about their old records.
  const dbFile = path.join(logDir, 'temporal.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  // The key stays: the project CLI reads it from here without being told (infra/data-converter.ts).
  const keyFile = path.join(dataRoot, 'temporal', 'demo-payload-key');
  const payloadKeys = ensureDemoPayloadKey(keyFile);
  // Codec server tokens, new each start: one for people (temporal CLI), one the Web UI sends in its codec URL.
  const supportToken = newToken();
  const webUiToken = newToken();
  const supportTokenFile = path.join(logDir, 'codec-server-token');
  fs.rmSync(supportTokenFile, { force: true });
  fs.writeFileSync(supportTokenFile, `${supportToken}\n`, { mode: 0o600 });

  const codecUrl = `http://localhost:${demo.CODEC_SERVER_PORT}`;
  const uiUrl = `http://localhost:${demo.TEMPORAL_UI_PORT}`;
  // node with tsx's loader rather than the tsx wrapper, so signals reach the real process.
  const node = process.execPath;
  const tsx = ['--import', 'tsx'];

  console.log(`demo: starting Temporal (gRPC ${demo.TEMPORAL_PORT}, Web UI ${demo.TEMPORAL_UI_PORT}) and the Workday (${demo.WORKDAY_SANDBOX_PORT}) and Coupa (${demo.COUPA_SANDBOX_PORT}) sandboxes`);
  const sandbox = supervise(
    startChild('sandbox', node, [...tsx, path.join(repoRoot, 'sandbox', 'main.ts')], {
      env: { ...process.env, SANDBOX_HOST: demo.SANDBOX_HOST, WORKDAY_SANDBOX_PORT: String(demo.WORKDAY_SANDBOX_PORT), COUPA_SANDBOX_PORT: String(demo.COUPA_SANDBOX_PORT) },
      logFile: path.join(logDir, 'sandbox.log'),
      readStdout: true,
    }),
  );
  const sandboxReady = waitForReadyLine<SandboxReady>(sandbox);
  const temporal = await startDevServer({
    port: demo.TEMPORAL_PORT,
    uiPort: demo.TEMPORAL_UI_PORT,
    dbFile,
    logFile: path.join(logDir, 'temporal.log'),
    uiCodecEndpoint: `${codecUrl}/token/${webUiToken}`,
  }).catch((err: Error) => {
    throw new DemoExit(DEMO_EXIT.componentFailed, err.message);
  });
  console.log(`demo: temporal started as pid ${temporal.pid} (log ${rel(path.join(logDir, 'temporal.log'))})`);
  const ready = await sandboxReady.catch((err: Error) => {
    throw new DemoExit(DEMO_EXIT.componentFailed, err.message);
  });

  const temporalEnv = {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_UI_URL: uiUrl,
    PAYLOAD_ENCRYPTION_KEYS: payloadKeys,
    PAYLOAD_ENCRYPTION: 'on',
  };
  console.log('demo: starting the codec server (the Web UI decodes the encrypted payloads through it)');
  const codecServer = supervise(
    startChild('codec-server', node, [...tsx, path.join(repoRoot, 'clients', 'codec-server-main.ts')], {
      env: {
        ...process.env,
        ...temporalEnv,
        CODEC_SERVER_PORT: String(demo.CODEC_SERVER_PORT),
        CODEC_SERVER_HOST: '127.0.0.1',
        CODEC_CORS_ORIGINS: uiUrl,
        CODEC_SERVER_TOKENS: `support:${supportToken},web-ui:${webUiToken}`,
        CODEC_SERVER_AUTH: 'on',
        CODEC_SERVER_PATH_TOKENS: 'on',
      },
      logFile: path.join(logDir, 'codec-server.log'),
      readStdout: true,
    }),
  );
  await waitForReadyLine(codecServer).catch((err: Error) => {
    throw new DemoExit(DEMO_EXIT.componentFailed, err.message);
  });

  console.log('demo: starting the worker');
  const shutdownGrace = demo.WORKER_SHUTDOWN_GRACE_SECONDS;
  supervise(
    startChild('worker', node, [...tsx, path.join(repoRoot, 'workers', 'main.ts')], {
      env: {
        ...process.env,
        ...temporalEnv,
        LOG_LEVEL: demo.LOG_LEVEL,
        COUPA_BASE_URL: ready.coupa.url,
        COUPA_CLIENT_ID: ready.coupa.clientId,
        COUPA_CLIENT_SECRET: ready.coupa.clientSecret,
        COUPA_SCOPES: ready.coupa.scopes.join(' '),
        WORKDAY_BASE_URL: ready.workday.url,
        WORKDAY_TENANT: ready.workday.tenant,
        WORKDAY_CLIENT_ID: ready.workday.clientId,
        WORKDAY_CLIENT_SECRET: ready.workday.clientSecret,
        WORKDAY_REFRESH_TOKEN: ready.workday.refreshToken,
        // The demo's own copy: support's fix for the parked run is an edit of it (test-ui makes it).
        MAPPING_FILE: demoMappingFile,
        // Fresh with the sandbox it belongs to: a rotated token of an earlier demo means nothing to a new sandbox.
        WORKDAY_REFRESH_TOKEN_FILE: path.join(logDir, 'workday-refresh-token'),
        WORKER_METRICS_PORT: String(demo.WORKER_METRICS_PORT),
        WORKER_SHUTDOWN_GRACE_SECONDS: String(shutdownGrace),
      },
      logFile: path.join(logDir, 'worker.log'),
      graceMs: (shutdownGrace + 10) * 1000,
    }),
  );
  console.log('demo: starting the MCP agent gateway');
  const mcpGateway = await startDemoMcpGateway({ supervise, logDir, port: demo.MCP_PORT, env: { ...process.env, ...temporalEnv, LOG_LEVEL: demo.LOG_LEVEL } }).catch((err: Error) => {
    throw new DemoExit(DEMO_EXIT.componentFailed, err.message);
  });
  // The sandboxes deliver their business events (hires, terminations, approved invoices) to the ingress by themselves.
  await startIngress(demo, logDir, temporalEnv, ready, supervise);
  console.log('demo: every component started');

  const temporalConfig = loadConfig(temporalConfigSchema, { ...process.env, ...temporalEnv });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporalConfig.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(temporalConfig) });

  // Managers first, top of the hierarchy down, so every hire's manager already has a Coupa user.
  const store = await getJson<{ supervisoryOrganizations: Array<{ code: string; superiorCode: string | null; managerEmployeeId: string | null }> }>(
    `${ready.workday.url}/_sandbox/store`,
  );
  const managers = managersTopDown(store.supervisoryOrganizations);
  // A parked run waits for support forever: past the deadline the scenario counts as failed instead.
  const deadline = Date.now() + demo.DEMO_SCENARIO_TIMEOUT_SECONDS * 1000;
  const withinDeadline = <T>(what: string, promise: Promise<T>): Promise<T> =>
    Promise.race([
      promise,
      new Promise<T>((_, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${what}: not finished after DEMO_SCENARIO_TIMEOUT_SECONDS=${demo.DEMO_SCENARIO_TIMEOUT_SECONDS} (parked? look for SyncState="needs-attention" in the Web UI)`)),
          Math.max(0, deadline - Date.now()),
        );
        void promise.finally(() => clearTimeout(timer)).catch(() => undefined);
      }),
    ]);
  console.log(`demo: provisioning the ${managers.length} supervisory-org managers (top down)`);
  for (const employeeId of managers) {
    const handle = await requestEmployeeProvisioning(client, temporalConfig, employeeId, 'manual');
    await withinDeadline(`provisioning manager ${employeeId}`, handle.result());
  }

  console.log(`demo: hiring ${Math.min(demo.DEMO_HIRES, demoHires.length)} people in Workday and provisioning them in Coupa`);
  const hires = demoHires.slice(0, demo.DEMO_HIRES);
  const hired = await Promise.all(hires.map((h) => postJson<{ employeeId: string; workerWid: string }>(`${ready.workday.url}/_sandbox/hire`, h)));
  // No start from here: Workday's outbound subscription told the ingress, which started each run.
  const handles = await Promise.all(hired.map((h) => withinDeadline(`the hire notification of ${h.employeeId}`, startedByNotification(client, `employee-provisioning/${h.employeeId}`))));
  const results = await Promise.all(
    handles.map((h) =>
      withinDeadline(`provisioning hire ${h.workflowId}`, h.result()).then(
        (r): EmployeeProvisioningResult | Error => r,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      ),
    ),
  );

  const coupaStore = await getJson<{ users: Array<{ id: number; login: string; 'employee-number': string | null }> }>(`${ready.coupa.url}/_sandbox/store`);
  const rows = hired.map((h, i) => {
    const result = results[i];
    const user = coupaStore.users.find((u) => u['employee-number'] === h.employeeId);
    const hire = hires[i]!;
    return {
      employee: h.employeeId,
      name: `${hire.firstName} ${hire.lastName}`,
      outcome: result instanceof Error ? `FAILED: ${result.message}` : result?.outcome ?? '?',
      coupaUser: user ? `${user.id} ${user.login}` : 'MISSING',
      webUi: workflowUiLink(temporalConfig, handles[i]!.workflowId, handles[i]!.signaledRunId),
    };
  });
  console.table(rows);
  const everyHireProvisioned = rows.every((r) => r.coupaUser !== 'MISSING' && !r.outcome.startsWith('FAILED'));
  console.log(everyHireProvisioned ? 'demo: every hire has a Coupa user' : 'demo: SOME HIRES HAVE NO COUPA USER');
  // What support will search for in the Web UI: the runs by their search attributes.
  const visible = await visibleRuns(client, hired.map((h) => h.employeeId));
  console.log(`demo: ${visible} of ${hired.length} hire runs found by BusinessProcess/EmployeeId/SyncState="done" search attributes`);
  const systems: DemoSystems = { client, config: temporalConfig, workdayUrl: ready.workday.url, coupaUrl: ready.coupa.url, withinDeadline };
  const scenarios: Record<string, boolean> = {};
  const scenario = async (name: string, run: () => Promise<boolean>) => {
    scenarios[name] = await run().catch((err: unknown) => {
      console.log(`demo: ${name} FAILED: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    });
  };
  await scenario('parked hire', async () => (await parkedHireScenario(systems)).ok);
  const leaverRow = rows.find((r) => r.coupaUser !== 'MISSING' && r.employee !== rows[0]?.employee);
  if (leaverRow) await scenario('offboarding today', () => offboardingScenario(systems, { employeeId: leaverRow.employee, coupaUserId: Number(leaverRow.coupaUser.split(' ')[0]) }));
  if (rows[0]) await scenario('termination in 14 days', () => futureTerminationScenario(systems, rows[0]!.employee));
  await scenario('reorg mirrored into Coupa', () => reorgScenario(systems, hired.map((h) => h.employeeId)));
  await scenario('cost center restructure mirrored into Coupa', () => costCenterScenario(systems));
  await scenario('invoice to payment', () => invoicePaymentScenario(systems));
  await scenario('supplier sync with a held bank change', () => supplierSyncScenario(systems));
  await scenario('invoices posted and a PO encumbered', () => financeScenario(systems));
  const ok = everyHireProvisioned && visible === hired.length && Object.values(scenarios).every(Boolean) && 'offboarding today' in scenarios && 'termination in 14 days' in scenarios;
  await connection.close();
  printSupportHints(demo, temporal.address, uiUrl, codecUrl, supportTokenFile, keyFile);
  mcpGateway.printHints();

  if (once) return ok ? { code: DEMO_EXIT.ok } : { code: DEMO_EXIT.scenarioFailed, message: 'a scenario failed (see above)' };
  if (!ok) console.log('demo: a scenario failed (see above); everything stays up so you can look');
  console.log('demo: running; Ctrl-C stops Temporal, the sandboxes, the codec server and the worker');
  // Stays up until a stop request or a component failure wins the race in main().
  return new Promise<Outcome>(() => undefined);
}

function printSupportHints(demo: DemoConfig, address: string, uiUrl: string, codecUrl: string, tokenFile: string, keyFile: string): void {
  const addressFlag = demo.TEMPORAL_PORT === 7233 ? '' : ` --address ${address}`;
  // The project CLI looks for the key in the default data directory only.
  const cliEnv = [
    ...(addressFlag ? [`TEMPORAL_ADDRESS=${address}`] : []),
    ...(path.resolve(keyFile) === demoPayloadKeyFile ? [] : [`PAYLOAD_ENCRYPTION_KEYS="$(cat ${rel(keyFile)})"`]),
  ];
  console.log(`demo: Web UI ${uiUrl} — filter with BusinessProcess="employee-provisioning"; parked runs: SyncState="needs-attention"`);
  console.log(`demo: payload key ${rel(keyFile)} (kept across restarts); project CLI: ${[...cliEnv, 'npm run cli -- status <employeeId>'].join(' ')}`);
  console.log(
    `demo: temporal CLI: .tools/venv/bin/temporal workflow show${addressFlag} -w employee-provisioning/<employeeId>` +
      ` --codec-endpoint ${codecUrl} --codec-auth "Bearer $(cat ${rel(tokenFile)})"`,
  );
}

/** Starts the ingress and points both sandboxes' outbound deliveries at it, with credentials made for this demo. */
async function startIngress(
  demo: DemoConfig,
  logDir: string,
  temporalEnv: Record<string, string>,
  ready: SandboxReady,
  supervise: (child: Child) => Child,
): Promise<void> {
  const workday = { username: 'ISU_Notifications@acme', password: newToken() };
  const coupa = { clientId: 'coupa-callouts', clientSecret: newToken() };
  const ingressUrl = `http://127.0.0.1:${demo.INGRESS_PORT}`;
  console.log(`demo: starting the event ingress on ${demo.INGRESS_PORT} (Workday notifications, Coupa Call Outs, signed events)`);
  const ingress = supervise(
    startChild('ingress', process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'ingress', 'main.ts')], {
      env: {
        ...process.env,
        ...temporalEnv,
        LOG_LEVEL: demo.LOG_LEVEL,
        INGRESS_PORT: String(demo.INGRESS_PORT),
        INGRESS_HOST: '127.0.0.1',
        INGRESS_WORKDAY_USERNAME: workday.username,
        INGRESS_WORKDAY_PASSWORD: workday.password,
        INGRESS_COUPA_CLIENT_ID: coupa.clientId,
        INGRESS_COUPA_CLIENT_SECRET: coupa.clientSecret,
        INGRESS_HMAC_SECRETS: `demo:${newToken()}`,
      },
      logFile: path.join(logDir, 'ingress.log'),
      readStdout: true,
    }),
  );
  await waitForReadyLine(ingress).catch((err: Error) => {
    throw new DemoExit(DEMO_EXIT.componentFailed, err.message);
  });
  await putJson(`${ready.workday.url}/_sandbox/subscriptions`, { url: `${ingressUrl}/events/workday`, auth: { type: 'basic', ...workday } });
  await putJson(`${ready.coupa.url}/_sandbox/subscriptions`, {
    url: `${ingressUrl}/events/coupa`,
    auth: { type: 'oauth', tokenUrl: `${ingressUrl}/oauth/token`, clientId: coupa.clientId, clientSecret: coupa.clientSecret },
  });
}

async function putJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
}

/** The run an event started, once it is there: a handle like signal-with-start's. */
async function startedByNotification(client: Client, workflowId: string): Promise<WorkflowHandleWithSignaledRunId<typeof employeeProvisioning>> {
  for (;;) {
    try {
      const handle = client.workflow.getHandle<typeof employeeProvisioning>(workflowId);
      const { runId } = await handle.describe();
      return Object.assign(handle, { signaledRunId: runId });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A path as short as it can be said from here: relative inside the working directory, absolute outside. */
function rel(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/** The last lines of a component's log, so a failure is readable without opening it. */
function lastLines(logFile: string | null, count = 15): string {
  if (!logFile) return '';
  try {
    const lines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-count);
    return `; last lines of ${rel(logFile)}:\n    ${lines.join('\n    ')}`;
  } catch {
    return '';
  }
}

/** Counts the hires' runs that a search-attribute query finds (visibility lags a little behind completion). */
async function visibleRuns(client: Client, employeeIds: string[]): Promise<number> {
  const ids = employeeIds.map((id) => `'${id}'`).join(', ');
  const query = `BusinessProcess = 'employee-provisioning' AND SyncState = 'done' AND EmployeeId IN (${ids})`;
  let found = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    const seen = new Set<string>();
    for await (const run of client.workflow.list({ query })) seen.add(run.workflowId);
    found = seen.size;
    if (found === employeeIds.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return found;
}

/** Orders org managers so that a superior org's manager comes before its subordinates'. */
function managersTopDown(orgs: Array<{ code: string; superiorCode: string | null; managerEmployeeId: string | null }>): string[] {
  const depth = (code: string | null, seen = 0): number => {
    const org = orgs.find((o) => o.code === code);
    return !org || !org.superiorCode || seen > orgs.length ? 0 : 1 + depth(org.superiorCode, seen + 1);
  };
  const ordered = [...orgs].sort((a, b) => depth(a.code) - depth(b.code));
  return [...new Set(ordered.map((o) => o.managerEmployeeId).filter((id): id is string => Boolean(id)))];
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // main() catches what it expects; this is a bug, and process.exit still stops the children (child-processes.ts).
    console.error('demo failed:', err);
    process.exit(DEMO_EXIT.scenarioFailed);
  },
);
