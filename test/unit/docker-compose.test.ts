// docker-compose.yml cannot be run here (no Docker engine), so its wiring is checked against the code instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadConfig, workerConfigSchema, sandboxConfigSchema } from '../../infra/config';
import { startWorkdaySandbox } from '../../sandbox/workday';
import { startCoupaSandbox } from '../../sandbox/coupa';

const repoRoot = path.resolve(__dirname, '../..');
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: string[] | Record<string, unknown>;
}
const compose = YAML.parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };

test('every service dependency names a service that exists', () => {
  for (const [name, service] of Object.entries(compose.services)) {
    const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    for (const dep of deps) assert.ok(compose.services[dep], `${name} depends on unknown service ${dep}`);
    assert.ok(service.image || service.build, `${name} has an image or a build`);
  }
});

test("the worker's environment passes the worker's own config check and reaches the sandbox with its credentials", async () => {
  const worker = compose.services.worker;
  assert.ok(worker?.environment);
  const config = loadConfig(workerConfigSchema, worker.environment);
  const sandbox = compose.services.sandbox!;
  const sandboxConfig = loadConfig(sandboxConfigSchema, sandbox.environment ?? {});
  assert.equal(config.WORKDAY_BASE_URL, `http://sandbox:${sandboxConfig.WORKDAY_SANDBOX_PORT}`);
  assert.equal(config.COUPA_BASE_URL, `http://sandbox:${sandboxConfig.COUPA_SANDBOX_PORT}`);
  assert.equal(sandboxConfig.SANDBOX_HOST, '0.0.0.0', 'the sandbox listens beyond its own container');
  assert.ok(sandbox.ports?.includes(`${sandboxConfig.WORKDAY_SANDBOX_PORT}:${sandboxConfig.WORKDAY_SANDBOX_PORT}`));

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
});

test('the image carries every folder the worker and sandbox import, and the mapping file', () => {
  const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
  const copied = [...dockerfile.matchAll(/^COPY (\S+) /gm)].map((m) => m[1]);
  for (const folder of ['workflows', 'activities', 'connectors', 'mapping', 'clients', 'workers', 'infra', 'sandbox', 'config']) {
    assert.ok(copied.includes(folder), `Dockerfile copies ${folder}/`);
  }
  assert.ok(fs.existsSync(path.join(repoRoot, compose.services.worker!.environment!.MAPPING_FILE!)));
});
