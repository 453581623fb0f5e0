// The worker process refuses to start on a bad environment or a bad mapping file, and says exactly what is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const env = {
  PATH: process.env.PATH,
  COUPA_BASE_URL: 'https://acme-test.coupahost.com',
  COUPA_CLIENT_ID: 'id',
  COUPA_CLIENT_SECRET: 'secret',
  WORKDAY_BASE_URL: 'https://wd2-impl-services1.workday.com',
  WORKDAY_TENANT: 'acme',
  WORKDAY_CLIENT_ID: 'id',
  WORKDAY_CLIENT_SECRET: 'secret',
  WORKDAY_REFRESH_TOKEN: 'refresh',
  PAYLOAD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  // Nothing listens here: the worker must fail before it tries to connect.
  TEMPORAL_ADDRESS: '127.0.0.1:1',
};

async function startWorker(extraEnv: Record<string, string | undefined>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'workers', 'main.ts')], {
      cwd: repoRoot,
      env: { ...env, ...extraEnv },
      timeout: 60_000,
    });
    return { code: 0, stderr: '' };
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    return { code: e.code ?? -1, stderr: e.stderr ?? '' };
  }
}

test('a mapping file with a bad key stops the worker at start, naming the key', { timeout: 90_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapping-'));
  const file = path.join(dir, 'mapping.yaml');
  const good = fs.readFileSync(path.join(repoRoot, 'config', 'mapping.yaml'), 'utf8');
  fs.writeFileSync(file, good.replace('CC1100: { accountType: Acme US,', 'CC1100: { acountType: Acme US,'));
  const { code, stderr } = await startWorker({ MAPPING_FILE: file });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(code, 1);
  assert.match(stderr, /costCenters\.CC1100/);
  assert.match(stderr, /acountType/);
});

test('a missing variable stops the worker at start, naming it', { timeout: 90_000 }, async () => {
  const { code, stderr } = await startWorker({ WORKDAY_TENANT: undefined, MAPPING_FILE: path.join(repoRoot, 'config', 'mapping.yaml') });
  assert.equal(code, 1);
  assert.match(stderr, /WORKDAY_TENANT: missing/);
});

test('an API timeout that would outlive the activity attempt stops the worker at start', { timeout: 90_000 }, async () => {
  const { code, stderr } = await startWorker({ API_TIMEOUT_SECONDS: '20', MAPPING_FILE: path.join(repoRoot, 'config', 'mapping.yaml') });
  assert.equal(code, 1);
  assert.match(stderr, /API_TIMEOUT_SECONDS: 20 s allows one call to run 80 s/);
  assert.match(stderr, /use at most 14/);
});
