// `make test-ui`: support's path in the real Temporal Web UI, in headless Chromium, against the demo.
// Finds the parked run by SyncState, reads why it waits (current details) and its decoded input,
// applies the fix, sends `retry` from the UI and sees the run complete. Not part of `make test`.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/coupa';

const repoRoot = path.resolve(__dirname, '../..');
// Ports apart from a demo someone may be running; every one can be moved by the demo's own variables.
const ports = {
  TEMPORAL_PORT: process.env.TEMPORAL_PORT ?? '27233',
  TEMPORAL_UI_PORT: process.env.TEMPORAL_UI_PORT ?? '28233',
  WORKDAY_SANDBOX_PORT: process.env.WORKDAY_SANDBOX_PORT ?? '24010',
  COUPA_SANDBOX_PORT: process.env.COUPA_SANDBOX_PORT ?? '24020',
  CODEC_SERVER_PORT: process.env.CODEC_SERVER_PORT ?? '28888',
  WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? '29464',
  MCP_PORT: process.env.MCP_PORT ?? '23100',
  INGRESS_PORT: process.env.INGRESS_PORT ?? '23000',
};
const dataDir = path.join(repoRoot, '.data', 'ui-test');
const screens = path.join(dataDir, 'screens');
const uiUrl = `http://localhost:${ports.TEMPORAL_UI_PORT}`;
const coupaUrl = `http://127.0.0.1:${ports.COUPA_SANDBOX_PORT}`;

function step(message: string): void {
  console.log(`test-ui: ${message}`);
}

/** Debian's chromium, installed when missing (root only, as on CI and the developers' machines). */
function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error('chromium is missing: `sudo apt-get install chromium`, or set CHROMIUM_PATH');
  step("installing Debian's chromium (apt-get)");
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return '/usr/bin/chromium';
}

interface RunningDemo {
  child: ChildProcess;
  parkedWorkflowId: string;
  parkedEmployeeId: string;
}

/** Starts the demo and waits until it runs; the demo prints the run it left parked for support. */
async function startDemo(): Promise<RunningDemo> {
  fs.mkdirSync(dataDir, { recursive: true });
  const log = fs.createWriteStream(path.join(dataDir, 'demo.log'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'demo.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...ports, DEMO_DATA_DIR: dataDir, TEMPORAL_UI_URL: uiUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log);
  const lines = readline.createInterface({ input: child.stdout! });
  return new Promise<RunningDemo>((resolve, reject) => {
    let parked: { workflowId: string; employeeId: string } | null = null;
    const timer = setTimeout(() => reject(new Error(`the demo did not come up in 5 minutes (see ${path.join(dataDir, 'demo.log')})`)), 300_000);
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code} before it was up (see ${path.join(dataDir, 'demo.log')})`)));
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      const match = /support's path: (employee-provisioning\/(\S+)) parked/.exec(line);
      if (match) parked = { workflowId: match[1]!, employeeId: match[2]! };
      if (line.startsWith('demo: running;')) {
        clearTimeout(timer);
        if (!parked) reject(new Error('the demo left no parked run'));
        else resolve({ child, parkedWorkflowId: parked.workflowId, parkedEmployeeId: parked.employeeId });
      }
    });
  });
}

async function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
}

/** The Web UI renders markdown (current details) in a sandboxed iframe: look in every frame. */
async function waitForTextInAnyFrame(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.getByText(text).count().catch(() => 0)) > 0) return;
    }
    if (Date.now() > deadline) throw new Error(`the Web UI never showed ${String(text)}`);
    await page.waitForTimeout(500);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: path.join(screens, `${name}.png`), fullPage: true });
}

/** What support does for this parking: the account in Coupa and the cost center in the demo's mapping file. */
async function fixFieldOperationsCostCenter(): Promise<void> {
  const mappingFile = path.join(dataDir, 'demo', 'mapping.yaml');
  const yaml = fs.readFileSync(mappingFile, 'utf8');
  if (!/^\s+CC2400:/m.test(yaml)) {
    fs.writeFileSync(mappingFile, yaml.replace(/^costCenters:\n/m, 'costCenters:\n  CC2400: { accountType: Acme US, segments: [US01, CC2400], currency: USD }\n'));
  }
  const tokenReply = await fetch(`${coupaUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET, scope: 'core.accounting.write' }),
  });
  const { access_token: token } = (await tokenReply.json()) as { access_token: string };
  const created = await fetch(`${coupaUrl}/api/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name: 'Field Operations', active: true, 'account-type': { name: 'Acme US' }, 'segment-1': 'US01', 'segment-2': 'CC2400' }),
  });
  if (created.status !== 201) throw new Error(`creating the Coupa account answered ${created.status}: ${await created.text()}`);
}

async function main(): Promise<void> {
  const executablePath = chromiumPath();
  step(`starting the demo (Web UI ${uiUrl}, data in ${path.relative(repoRoot, dataDir)})`);
  const demo = await startDemo();
  step(`the demo is up; ${demo.parkedWorkflowId} waits for support`);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  page.setDefaultTimeout(30_000);
  try {
    // 1. Support lists the runs that need attention.
    await page.goto(`${uiUrl}/namespaces/default/workflows?query=${encodeURIComponent('SyncState="needs-attention"')}`);
    const row = page.getByRole('link', { name: demo.parkedWorkflowId, exact: true });
    await row.waitFor();
    await shot(page, '1-needs-attention');
    step('found the parked run by SyncState="needs-attention"');

    // 2. The run: its input is decoded through the codec server, not ciphertext.
    await row.click();
    await page.getByText(`"employeeId": "${demo.parkedEmployeeId}"`).waitFor();
    await shot(page, '2-run-decoded-input');
    step('the input shows decoded');

    // 3. Why it waits, without running a query: current details.
    await page.getByText('User Metadata', { exact: true }).click();
    await waitForTextInAnyFrame(page, 'Needs attention (config)');
    await waitForTextInAnyFrame(page, /has no entry under costCenters in the mapping file/);
    await waitForTextInAnyFrame(page, 'What to do:');
    await waitForTextInAnyFrame(page, /Employee provisioning: Workday employee \d+ → Coupa user/);
    await shot(page, '3-current-details');
    step('current details show the parking reason, what to do, and the summary');

    // 4. The fix, then `retry` from the UI.
    await fixFieldOperationsCostCenter();
    step('fixed: Coupa account US01-CC2400 and the cost center in the mapping file');
    await page.getByRole('button', { name: 'More Actions' }).click();
    await page.getByRole('menu').getByText('Send a Signal').click();
    // The page keeps a hidden copy of each dialog: act on the visible one.
    await page.getByTestId('signal-select-button').filter({ visible: true }).click();
    await page.locator('#signal-select-select').filter({ visible: true }).getByText('retry', { exact: true }).click();
    await shot(page, '4-send-retry');
    await page.getByTestId('confirm-modal-button').filter({ visible: true }).click();
    step('sent the retry signal from the Web UI');

    // 5. The run completes.
    const deadline = Date.now() + 120_000;
    let badge = '';
    for (;;) {
      await page.reload();
      await page.getByRole('heading', { name: demo.parkedWorkflowId }).waitFor();
      // The status badge: its text is capitalised by CSS.
      badge = ((await page.getByText(/^\s*(running|completed|failed|terminated|canceled)\s*$/i).first().textContent().catch(() => null)) ?? '?').trim().toUpperCase();
      if (badge === 'COMPLETED') break;
      if (Date.now() > deadline) throw new Error(`the run did not complete within 2 minutes of the retry (the Web UI shows ${badge})`);
      await page.waitForTimeout(2000);
    }
    await page.getByText('User Metadata', { exact: true }).click();
    await waitForTextInAnyFrame(page, /Outcome: created/);
    await shot(page, '5-completed');
    step(`the run completed (outcome created); screenshots in ${path.relative(repoRoot, screens)}`);
  } catch (err) {
    await shot(page, 'failure').catch(() => undefined);
    throw err;
  } finally {
    await browser.close();
    await stopDemo(demo.child);
  }
}

main().then(
  () => {
    console.log('1 passed, 0 failed');
    process.exit(0);
  },
  (err: unknown) => {
    console.error(`test-ui: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
