// docker-compose.yml cannot be run here (no Docker engine), so its wiring is checked against the code instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, workerConfigSchema, sandboxConfigSchema, codecServerConfigSchema, parseCodecServerTokens } from '../../infra/config';
import { parseEncryptionKeys } from '../../infra/payload-codec';
import { startWorkdaySandbox } from '../../sandbox/workday';
import { startCoupaSandbox } from '../../sandbox/coupa';
import { repoRoot, loadCompose, dependencies, containerArgs, runKeysService, secretsFor, loadDockerfile } from '../ops/compose';

const compose = loadCompose();

/** The keys volume as the `keys` service leaves it, in a temp dir. */
function keysVolume(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-keys-'));
  runKeysService(compose, dir);
  return dir;
}

test('every service dependency names a service that exists', () => {
  for (const [name, service] of Object.entries(compose.services)) {
    for (const dep of Object.keys(dependencies(service))) assert.ok(compose.services[dep], `${name} depends on unknown service ${dep}`);
    assert.ok(service.image || service.build, `${name} has an image or a build`);
  }
});

test("the worker's environment, with the key the keys service made, passes the worker's own config check and reaches the sandbox with its credentials", async () => {
  const worker = compose.services.worker;
  assert.ok(worker?.environment);
  const keys = keysVolume();
  try {
    const config = loadConfig(workerConfigSchema, { ...worker.environment, ...secretsFor(worker, keys) });
    assert.equal(config.PAYLOAD_ENCRYPTION, 'on');
    const sandbox = compose.services.sandbox!;
    const sandboxConfig = loadConfig(sandboxConfigSchema, sandbox.environment ?? {});
    assert.equal(config.WORKDAY_BASE_URL, `http://sandbox:${sandboxConfig.WORKDAY_SANDBOX_PORT}`);
    assert.equal(config.COUPA_BASE_URL, `http://sandbox:${sandboxConfig.COUPA_SANDBOX_PORT}`);
    assert.equal(sandboxConfig.SANDBOX_HOST, '0.0.0.0', 'the sandbox listens beyond its own container');
    assert.ok(sandbox.ports?.includes(`${sandboxConfig.WORKDAY_SANDBOX_PORT}:${sandboxConfig.WORKDAY_SANDBOX_PORT}`));
    // Metrics reach beyond the container (for a scraper) but the host publishes them on its loopback only.
    assert.equal(config.WORKER_METRICS_HOST, '0.0.0.0');
    assert.ok(worker.ports?.includes(`127.0.0.1:${config.WORKER_METRICS_PORT}:${config.WORKER_METRICS_PORT}`), String(worker.ports));

    const workday = await startWorkdaySandbox();
    const coupa = await startCoupaSandbox();
    try {
      assert.equal(config.WORKDAY_TENANT, workday.tenant);
      assert.equal(config.WORKDAY_CLIENT_ID, workday.credentials.clientId);
      assert.equal(config.WORKDAY_CLIENT_SECRET, workday.credentials.clientSecret);
      assert.equal(config.WORKDAY_REFRESH_TOKEN, workday.credentials.refreshToken);
      assert.equal(config.COUPA_CLIENT_ID, coupa.credentials.clientId);
      assert.equal(config.COUPA_CLIENT_SECRET, coupa.credentials.clientSecret);
    } finally {
      await Promise.all([workday.close(), coupa.close()]);
    }
  } finally {
    fs.rmSync(keys, { recursive: true, force: true });
  }
});

test('the keys service makes a payload key and codec tokens once, private to the app user, and never replaces them', () => {
  const keys = keysVolume();
  try {
    const read = (name: string) => fs.readFileSync(path.join(keys, name), 'utf8').trim();
    const payloadKeys = read('payload-encryption-keys');
    assert.equal(parseEncryptionKeys(payloadKeys).length, 1);
    const tokens = parseCodecServerTokens(read('codec-server-tokens'));
    assert.deepEqual(tokens.map((t) => t.name).sort(), ['support', 'web-ui']);
    assert.equal(read('web-ui-codec-token'), tokens.find((t) => t.name === 'web-ui')!.token);
    for (const secret of ['payload-encryption-keys', 'codec-server-tokens']) {
      assert.equal(fs.statSync(path.join(keys, secret)).mode & 0o777, 0o600, `${secret} is readable by its owner only`);
    }

    // A second `docker compose up` must not change them: stored runs stay readable, callers keep their tokens.
    runKeysService(compose, keys);
    assert.equal(read('payload-encryption-keys'), payloadKeys);
    assert.equal(read('codec-server-tokens'), tokens.map((t) => `${t.name}:${t.token}`).join(','));
  } finally {
    fs.rmSync(keys, { recursive: true, force: true });
  }
});

test('every service that reads the keys volume mounts it and waits for the keys service to finish', () => {
  assert.ok(compose.volumes && 'app-keys' in compose.volumes, 'the app-keys volume is declared');
  const readers = Object.entries(compose.services).filter(([, service]) => containerArgs(service).some((arg) => arg.includes('/keys/')));
  assert.deepEqual(readers.map(([name]) => name).sort(), ['codec-server', 'temporal-ui', 'worker']);
  for (const [name, service] of readers) {
    assert.ok(service.volumes?.includes('app-keys:/keys:ro'), `${name} mounts the keys read-only`);
    assert.equal(dependencies(service).keys, 'service_completed_successfully', `${name} starts after the keys exist`);
  }
});

test("the codec server starts with the keys service's key and tokens, answers the Web UI's origin, and the Web UI calls it with its own token", () => {
  const codec = compose.services['codec-server'];
  const ui = compose.services['temporal-ui'];
  assert.ok(codec?.environment && ui?.ports);
  const keys = keysVolume();
  try {
    const config = loadConfig(codecServerConfigSchema, { ...codec.environment, ...secretsFor(codec, keys) });
    assert.deepEqual(config.CODEC_SERVER_TOKENS.map((t) => t.name).sort(), ['support', 'web-ui']);
    assert.equal(config.CODEC_SERVER_PATH_TOKENS, 'on', 'the Web UI sends its token in the path');
    assert.equal(config.CODEC_SERVER_HOST, '0.0.0.0');
    assert.ok(codec.ports?.includes(`127.0.0.1:${config.CODEC_SERVER_PORT}:${config.CODEC_SERVER_PORT}`), 'published on the host loopback only');

    const uiHostPort = ui.ports[0]!.split(':')[0];
    assert.deepEqual(config.CODEC_CORS_ORIGINS, [`http://localhost:${uiHostPort}`]);
    const uiScript = containerArgs(ui).at(-1)!;
    assert.match(uiScript, new RegExp(`TEMPORAL_CODEC_ENDPOINT="http://localhost:${config.CODEC_SERVER_PORT}/token/\\$\\(cat /keys/web-ui-codec-token\\)"`));
    assert.match(uiScript, /exec \.\/start-ui-server\.sh$/, "the UI image's own entrypoint runs in the end");
  } finally {
    fs.rmSync(keys, { recursive: true, force: true });
  }
});

test('the image carries every folder the worker and sandbox import, and the mapping file', () => {
  const copied = loadDockerfile().copies.flatMap((c) => c.sources);
  for (const folder of ['workflows', 'activities', 'connectors', 'mapping', 'clients', 'workers', 'infra', 'sandbox', 'config']) {
    assert.ok(copied.includes(folder), `Dockerfile copies ${folder}/`);
  }
  assert.ok(fs.existsSync(path.join(repoRoot, compose.services.worker!.environment!.MAPPING_FILE!)));
});
