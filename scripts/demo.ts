// `make demo`: Temporal + both sandboxes + the worker, then a batch of Workday hires provisioned into Coupa, with Web UI links.
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, demoConfigSchema, temporalConfigSchema } from '../infra/config';
import { workflowUiLink } from '../infra/temporal-connection';
import { createDataConverter } from '../infra/data-converter';
import crypto from 'node:crypto';
import { requestEmployeeProvisioning } from '../clients/employee-provisioning';
import type { EmployeeProvisioningResult } from '../workflows/employee-provisioning';
import { startDevServer } from './dev-server';
import { startChild, stopAllChildren, waitForReadyLine } from './child-processes';

const repoRoot = path.resolve(__dirname, '..');
const once = process.argv.includes('--once');

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

async function main(): Promise<number> {
  const demo = loadConfig(demoConfigSchema);
  const dataDir = path.join(repoRoot, '.data', 'demo');
  fs.mkdirSync(dataDir, { recursive: true });

  // The demo's own payload key, kept beside its database so earlier runs stay readable.
  const keyFile = path.join(repoRoot, '.data', 'temporal', 'demo-payload-key');
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, `demo-1:${crypto.randomBytes(32).toString('base64')}`, { mode: 0o600 });
  const payloadKeys = fs.readFileSync(keyFile, 'utf8').trim();
  const codecUrl = `http://localhost:${demo.CODEC_SERVER_PORT}`;

  console.log(`demo: starting Temporal (gRPC ${demo.TEMPORAL_PORT}, Web UI ${demo.TEMPORAL_UI_PORT}, decoding through ${codecUrl})`);
  const temporal = await startDevServer({
    port: demo.TEMPORAL_PORT,
    uiPort: demo.TEMPORAL_UI_PORT,
    dbFile: path.join(repoRoot, '.data', 'temporal', 'temporal.sqlite'),
    logFile: path.join(dataDir, 'temporal.log'),
    uiCodecEndpoint: codecUrl,
  });
  // node with tsx's loader rather than the tsx wrapper, so signals reach the real process.
  const node = process.execPath;
  const tsxLoader = ['--import', 'tsx'];
  try {
    console.log(`demo: starting the Workday (${demo.WORKDAY_SANDBOX_PORT}) and Coupa (${demo.COUPA_SANDBOX_PORT}) sandboxes`);
    const sandbox = startChild('sandbox', node, [...tsxLoader, path.join(repoRoot, 'sandbox', 'main.ts')], process.env, path.join(dataDir, 'sandbox.log'));
    const ready = await waitForReadyLine<SandboxReady>(sandbox);

    const temporalEnv = {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_UI_URL: `http://localhost:${demo.TEMPORAL_UI_PORT}`,
      PAYLOAD_ENCRYPTION_KEYS: payloadKeys,
    };
    console.log('demo: starting the codec server (the Web UI decodes the encrypted payloads through it)');
    const codecServer = startChild(
      'codec-server',
      node,
      [...tsxLoader, path.join(repoRoot, 'clients', 'codec-server-main.ts')],
      { ...process.env, ...temporalEnv, CODEC_SERVER_PORT: String(demo.CODEC_SERVER_PORT), CODEC_CORS_ORIGINS: temporalEnv.TEMPORAL_UI_URL },
      path.join(dataDir, 'codec-server.log'),
    );
    await waitForReadyLine(codecServer);
    console.log('demo: starting the worker');
    const worker = startChild(
      'worker',
      node,
      [...tsxLoader, path.join(repoRoot, 'workers', 'main.ts')],
      {
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
        MAPPING_FILE: path.join(repoRoot, 'config', 'mapping.yaml'),
      },
      path.join(dataDir, 'worker.log'),
    );

    const temporalConfig = loadConfig(temporalConfigSchema, { ...process.env, ...temporalEnv });
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: temporalConfig.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(temporalConfig) });

    // Managers first, top of the hierarchy down, so every hire's manager already has a Coupa user.
    const store = await getJson<{ supervisoryOrganizations: Array<{ code: string; superiorCode: string | null; managerEmployeeId: string | null }> }>(
      `${ready.workday.url}/_sandbox/store`,
    );
    const managers = managersTopDown(store.supervisoryOrganizations);
    console.log(`demo: provisioning the ${managers.length} supervisory-org managers (top down)`);
    for (const employeeId of managers) {
      await (await requestEmployeeProvisioning(client, temporalConfig, employeeId, 'manual')).result();
    }
    if (worker.process.exitCode !== null) throw new Error('the worker exited; see .data/demo/worker.log');

    console.log(`demo: hiring ${Math.min(demo.DEMO_HIRES, demoHires.length)} people in Workday and provisioning them in Coupa`);
    const hires = demoHires.slice(0, demo.DEMO_HIRES);
    const hired = await Promise.all(
      hires.map((h) => postJson<{ employeeId: string; workerWid: string }>(`${ready.workday.url}/_sandbox/hire`, h)),
    );
    const handles = await Promise.all(hired.map((h) => requestEmployeeProvisioning(client, temporalConfig, h.employeeId, 'hire')));
    const results = await Promise.all(
      handles.map((h) =>
        h.result().then(
          (r): EmployeeProvisioningResult | Error => r,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        ),
      ),
    );

    const coupaStore = await getJson<{ users: Array<{ id: number; login: string; 'employee-number': string | null }> }>(
      `${ready.coupa.url}/_sandbox/store`,
    );
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
    const ok = everyHireProvisioned && visible === hired.length;
    console.log(`demo: Web UI ${temporalConfig.TEMPORAL_UI_URL} — filter with BusinessProcess="employee-provisioning"`);
    await connection.close();

    if (once) return ok ? 0 : 1;
    console.log('demo: running; Ctrl-C stops Temporal, the sandboxes and the worker');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    return 0;
  } finally {
    await stopAllChildren();
    await temporal.stop();
  }
}

/** Counts the hires' runs that a search-attribute query finds (visibility lags a little behind completion). */
async function visibleRuns(client: Client, employeeIds: string[]): Promise<number> {
  const ids = employeeIds.map((id) => `'${id}'`).join(', ');
  const query = `BusinessProcess = 'employee-provisioning' AND SyncState = 'done' AND EmployeeId IN (${ids})`;
  let found = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    found = 0;
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
  async (err: unknown) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
    await stopAllChildren();
    process.exit(1);
  },
);
