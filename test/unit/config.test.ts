// Every process refuses to start on a bad environment, says which variables are wrong, and never runs unencrypted or unauthenticated by default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig, workerConfigSchema, codecServerConfigSchema, temporalConfigSchema, ConfigError } from '../../infra/config';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const payloadKey = `k1:${Buffer.alloc(32, 3).toString('base64')}`;
const codecToken = 'support:0123456789abcdefghijklmnopqrstuvwxyzABCD';

const validEnv = {
  COUPA_BASE_URL: 'https://acme-test.coupahost.com',
  COUPA_CLIENT_ID: 'id',
  COUPA_CLIENT_SECRET: 'secret',
  WORKDAY_BASE_URL: 'https://wd2-impl-services1.workday.com',
  WORKDAY_TENANT: 'acme',
  WORKDAY_CLIENT_ID: 'id',
  WORKDAY_CLIENT_SECRET: 'secret',
  WORKDAY_REFRESH_TOKEN: 'refresh',
  PAYLOAD_ENCRYPTION_KEYS: payloadKey,
};

test('a complete environment gives typed settings with defaults', () => {
  const config = loadConfig(workerConfigSchema, { ...validEnv, COUPA_REQUESTS_PER_SECOND: '5' });
  assert.equal(config.TEMPORAL_ADDRESS, 'localhost:7233');
  assert.equal(config.COUPA_REQUESTS_PER_SECOND, 5);
  assert.deepEqual(config.COUPA_SCOPES.slice(0, 2), ['core.user.read', 'core.user.write']);
  assert.equal(config.TEMPORAL_TLS, false);
  assert.equal(config.PAYLOAD_ENCRYPTION, 'on');
  assert.equal(config.WORKER_METRICS_HOST, '127.0.0.1', 'metrics stay on this machine unless opened on purpose');
});

test('every missing or invalid variable is named at once, without echoing secrets', () => {
  const env = { ...validEnv, COUPA_BASE_URL: 'not a url', WORKER_METRICS_PORT: '99999' } as Record<string, string>;
  delete env.WORKDAY_REFRESH_TOKEN;
  delete env.COUPA_CLIENT_SECRET;
  assert.throws(
    () => loadConfig(workerConfigSchema, env),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      for (const name of ['COUPA_BASE_URL', 'WORKER_METRICS_PORT', 'WORKDAY_REFRESH_TOKEN: missing', 'COUPA_CLIENT_SECRET: missing']) {
        assert.ok(err.message.includes(name), `${name} in:\n${err.message}`);
      }
      assert.ok(!err.message.includes('secret'), 'no secret values in the message');
      return true;
    },
  );
});

function rejects(schema: Parameters<typeof loadConfig>[0], env: Record<string, string | undefined>, ...expected: RegExp[]): string {
  let message = '';
  assert.throws(
    () => loadConfig(schema, env),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      message = err.message;
      for (const re of expected) assert.match(err.message, re);
      return true;
    },
  );
  return message;
}

test('without PAYLOAD_ENCRYPTION_KEYS a worker or client refuses to start, says how to make a key, and still names every other problem', () => {
  const env: Record<string, string | undefined> = { ...validEnv, PAYLOAD_ENCRYPTION_KEYS: undefined, WORKDAY_TENANT: undefined };
  const message = rejects(workerConfigSchema, env, /PAYLOAD_ENCRYPTION_KEYS: missing/, /WORKDAY_TENANT: missing/);
  assert.match(message, /node -e "console\.log\('key-1:' \+ require\('crypto'\)\.randomBytes\(32\)\.toString\('base64'\)\)"/);
  assert.match(message, /PAYLOAD_ENCRYPTION=off/);
  rejects(temporalConfigSchema, {}, /PAYLOAD_ENCRYPTION_KEYS: missing/);
});

test('plaintext is an explicit choice: PAYLOAD_ENCRYPTION=off starts, off with keys is a contradiction', () => {
  const plaintext = loadConfig(workerConfigSchema, { ...validEnv, PAYLOAD_ENCRYPTION_KEYS: undefined, PAYLOAD_ENCRYPTION: 'off' });
  assert.equal(plaintext.PAYLOAD_ENCRYPTION, 'off');
  assert.equal(plaintext.PAYLOAD_ENCRYPTION_KEYS, undefined);
  rejects(temporalConfigSchema, { PAYLOAD_ENCRYPTION: 'off', PAYLOAD_ENCRYPTION_KEYS: payloadKey }, /PAYLOAD_ENCRYPTION: is off but PAYLOAD_ENCRYPTION_KEYS is set/);
  rejects(temporalConfigSchema, { PAYLOAD_ENCRYPTION: 'no' }, /PAYLOAD_ENCRYPTION: /, /PAYLOAD_ENCRYPTION_KEYS: missing/);
});

test('the codec server needs a token unless CODEC_SERVER_AUTH=off, binds to loopback, and never echoes a token', () => {
  const message = rejects(codecServerConfigSchema, { PAYLOAD_ENCRYPTION_KEYS: payloadKey }, /CODEC_SERVER_TOKENS: missing/, /CODEC_SERVER_AUTH=off/);
  assert.match(message, /randomBytes\(32\)\.toString\('base64url'\)/);

  const config = loadConfig(codecServerConfigSchema, { PAYLOAD_ENCRYPTION_KEYS: payloadKey, CODEC_SERVER_TOKENS: `${codecToken}, web-ui:${'u'.repeat(43)}` });
  assert.equal(config.CODEC_SERVER_HOST, '127.0.0.1');
  assert.equal(config.CODEC_SERVER_PATH_TOKENS, 'off');
  assert.deepEqual(config.CODEC_SERVER_TOKENS.map((t) => t.name), ['support', 'web-ui']);

  const open = loadConfig(codecServerConfigSchema, { PAYLOAD_ENCRYPTION_KEYS: payloadKey, CODEC_SERVER_AUTH: 'off' });
  assert.deepEqual(open.CODEC_SERVER_TOKENS, []);
  rejects(codecServerConfigSchema, { PAYLOAD_ENCRYPTION_KEYS: payloadKey, CODEC_SERVER_AUTH: 'off', CODEC_SERVER_TOKENS: codecToken }, /CODEC_SERVER_AUTH: is off/);

  for (const bad of ['support:short-token', '0123456789abcdefghijklmnopqrstuvwxyzABCD', `${codecToken},${codecToken}`, 'support:0123456789abcdefghijklmnopqrstuvwxyz/+ABCD']) {
    const refused = rejects(codecServerConfigSchema, { PAYLOAD_ENCRYPTION_KEYS: payloadKey, CODEC_SERVER_TOKENS: bad }, /CODEC_SERVER_TOKENS: /);
    assert.ok(!refused.includes('0123456789abcdef'), `no token in:\n${refused}`);
  }
});

async function startProcess(script: string, env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, script)], {
      cwd: repoRoot,
      // Nothing listens on TEMPORAL_ADDRESS: each process must refuse before it connects.
      env: { PATH: process.env.PATH, TEMPORAL_ADDRESS: '127.0.0.1:1', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

test('the worker and the codec server processes refuse to start without their key or token', { timeout: 120_000 }, async () => {
  const [worker, codecWithoutKey, codecWithoutToken] = await Promise.all([
    startProcess('workers/main.ts', { ...validEnv, PAYLOAD_ENCRYPTION_KEYS: undefined, MAPPING_FILE: path.join(repoRoot, 'config', 'mapping.yaml') }),
    startProcess('clients/codec-server-main.ts', { CODEC_SERVER_TOKENS: codecToken }),
    startProcess('clients/codec-server-main.ts', { PAYLOAD_ENCRYPTION_KEYS: payloadKey, CODEC_SERVER_PORT: '1' }),
  ]);
  assert.equal(worker.code, 1);
  assert.match(worker.stderr, /PAYLOAD_ENCRYPTION_KEYS: missing: payloads are encrypted by default/);
  assert.equal(codecWithoutKey.code, 1);
  assert.match(codecWithoutKey.stderr, /PAYLOAD_ENCRYPTION_KEYS: missing/);
  assert.equal(codecWithoutToken.code, 1);
  assert.match(codecWithoutToken.stderr, /CODEC_SERVER_TOKENS: missing/);
  assert.doesNotMatch(codecWithoutToken.stdout, /ready/);
});
