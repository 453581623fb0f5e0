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
import { SEARCH_ATTRIBUTE_NAMES } from '../../infra/search-attributes';

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
  assert.deepEqual(readers.map(([name]) => name).sort(), ['codec-server', 'ingress', 'temporal-ui', 'worker']);
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

test("the image's build stage compiles every folder the processes import, and the runtime stage carries the build and the mapping file", () => {
  const dockerfile = loadDockerfile();
  const [build, runtime] = dockerfile.stages;
  assert.ok(build && runtime && dockerfile.stages.length === 2, 'a build stage and a runtime stage');
  const compiled = build.copies.flatMap((c) => c.sources);
  for (const folder of ['workflows', 'activities', 'connectors', 'mapping', 'clients', 'workers', 'infra', 'sandbox', 'tsconfig.build.json']) {
    assert.ok(compiled.includes(folder), `the build stage copies ${folder}`);
  }
  assert.ok(build.runs.includes('npm run build'), 'the build stage runs npm run build');
  assert.ok(runtime.copies.some((c) => c.from === build.name && c.sources.includes(`${build.workdir}/dist`)), 'the runtime stage takes dist/ from the build stage');
  assert.ok(runtime.copies.flatMap((c) => c.sources).includes('config'));
  assert.ok(runtime.runs.some((run) => /^npm ci .*--omit=dev/.test(run)), 'runtime dependencies only');
  assert.equal(fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8').match(/^USER node$/m)?.[0], 'USER node', 'the image runs as the unprivileged node user');
  assert.ok(fs.existsSync(path.join(repoRoot, compose.services.worker!.environment!.MAPPING_FILE!)));
});

/**
 * Images Temporal has deprecated or stopped updating: auto-setup (no updates since 1.30; Temporal's own
 * compose files set up the schema with admin-tools instead) and the old tctl-era web image.
 */
const DEPRECATED_IMAGES = [/^temporalio\/auto-setup(:|$)/, /^temporalio\/web(:|$)/, /^temporalio\/tctl(:|$)/];

test('the compose file names no deprecated image, and pins every image it pulls', () => {
  for (const [name, service] of Object.entries(compose.services)) {
    if (!service.image) continue;
    for (const deprecated of DEPRECATED_IMAGES) assert.doesNotMatch(service.image, deprecated, `${name} uses a deprecated image: ${service.image}`);
    assert.match(service.image, /:[\w.-]+$/, `${name} pins its image's version`);
    assert.doesNotMatch(service.image, /:latest$/, `${name} pins a real version, not latest`);
  }
  assert.ok(Object.values(compose.services).some((s) => s.image?.startsWith('temporalio/server:')), 'Temporal runs from temporalio/server');
});

test('the Temporal server starts after the one-shot admin-tools service has set up the PostgreSQL schemas; the namespace setup registers every search attribute of infra/search-attributes.ts', () => {
  const schema = compose.services['temporal-admin-tools']!;
  assert.match(schema.image ?? '', /^temporalio\/admin-tools:/);
  const schemaScript = containerArgs(schema).at(-1)!;
  for (const db of ['temporal', 'temporal_visibility']) assert.match(schemaScript, new RegExp(`\\b${db}\\b`), `sets up ${db}`);
  assert.match(schemaScript, /temporal-sql-tool --plugin postgres12 .*update-schema -d "\/etc\/temporal\/schema\/postgresql\/v12\/\$schema\/versioned"/);
  assert.equal(dependencies(schema).postgresql, 'service_healthy');
  const temporal = compose.services.temporal!;
  assert.equal(dependencies(temporal)['temporal-admin-tools'], 'service_completed_successfully');
  assert.equal(temporal.environment?.DB, 'postgres12');
  assert.ok(temporal.healthcheck, 'the server has a healthcheck the others wait for');

  const setup = compose.services['temporal-setup']!;
  assert.match(setup.image ?? '', /^temporalio\/admin-tools:/);
  assert.equal(dependencies(setup).temporal, 'service_healthy');
  const script = containerArgs(setup).at(-1)!;
  const registered = /for name in ([\w ]+); do/.exec(script)?.[1]?.trim().split(/\s+/);
  assert.deepEqual(registered ? [...registered].sort() : registered, [...SEARCH_ATTRIBUTE_NAMES].sort(), 'the same search attributes as the code upserts');
  assert.match(script, /temporal operator search-attribute create --namespace default --name "\$name" --type Keyword/);
  assert.match(script, /temporal operator namespace create --namespace default/);
  assert.equal(compose.services.worker!.environment!.TEMPORAL_NAMESPACE, 'default');
  for (const name of ['worker', 'ingress']) assert.equal(dependencies(compose.services[name]!)['temporal-setup'], 'service_completed_successfully', `${name} waits for the search attributes`);
});

test('long-running services restart on their own and report health; one-shot services do not loop', () => {
  for (const name of ['temporal', 'temporal-ui', 'codec-server', 'sandbox', 'worker', 'ingress']) {
    assert.equal(compose.services[name]!.restart, 'unless-stopped', `${name} restarts`);
  }
  for (const name of ['postgresql', 'temporal', 'codec-server', 'worker']) assert.ok(compose.services[name]!.healthcheck, `${name} has a healthcheck`);
  for (const name of ['temporal-admin-tools', 'temporal-setup']) assert.match(compose.services[name]!.restart ?? '', /^on-failure/, `${name} retries only on failure`);
});

test("the app services run the image's production entry point, not TypeScript sources", () => {
  const dockerfile = loadDockerfile();
  for (const name of ['worker', 'codec-server', 'sandbox', 'ingress']) {
    const args = containerArgs(compose.services[name]!, dockerfile).join(' ');
    assert.match(args, /node dist\/clients\/start\.js [\w-]+$/, `${name}: ${args}`);
    assert.doesNotMatch(args, /tsx|\.ts\b/);
  }
});
