// The worker refuses to start on a bad environment, and says which variables are wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, workerConfigSchema, ConfigError } from '../../infra/config';

const validEnv = {
  COUPA_BASE_URL: 'https://acme-test.coupahost.com',
  COUPA_CLIENT_ID: 'id',
  COUPA_CLIENT_SECRET: 'secret',
  WORKDAY_BASE_URL: 'https://wd2-impl-services1.workday.com',
  WORKDAY_TENANT: 'acme',
  WORKDAY_CLIENT_ID: 'id',
  WORKDAY_CLIENT_SECRET: 'secret',
  WORKDAY_REFRESH_TOKEN: 'refresh',
};

test('a complete environment gives typed settings with defaults', () => {
  const config = loadConfig(workerConfigSchema, { ...validEnv, COUPA_ACTIVITIES_PER_SECOND: '5' });
  assert.equal(config.TEMPORAL_ADDRESS, 'localhost:7233');
  assert.equal(config.COUPA_ACTIVITIES_PER_SECOND, 5);
  assert.deepEqual(config.COUPA_SCOPES.slice(0, 2), ['core.user.read', 'core.user.write']);
  assert.equal(config.TEMPORAL_TLS, false);
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
