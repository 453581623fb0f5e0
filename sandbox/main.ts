// Runs both simulators as one process (the demo's default target) until SIGINT/SIGTERM.
import { loadConfig, sandboxConfigSchema, ConfigError } from '../infra/config';
import { startWorkdaySandbox } from './workday';
import { startCoupaSandbox } from './coupa';

async function main(): Promise<void> {
  const config = loadConfig(sandboxConfigSchema);
  const workday = await startWorkdaySandbox({
    port: config.WORKDAY_SANDBOX_PORT,
    host: config.SANDBOX_HOST,
    rateLimit: { rateLimitPerSecond: config.WORKDAY_SANDBOX_RATE_LIMIT, rateLimitBurst: config.WORKDAY_SANDBOX_RATE_BURST },
    subscription: config.SANDBOX_WORKDAY_SUBSCRIPTION ?? null,
  });
  const coupa = await startCoupaSandbox({
    port: config.COUPA_SANDBOX_PORT,
    host: config.SANDBOX_HOST,
    rateLimit: { rateLimitPerSecond: config.COUPA_SANDBOX_RATE_LIMIT, rateLimitBurst: config.COUPA_SANDBOX_RATE_BURST },
    callout: config.SANDBOX_COUPA_CALLOUT ?? null,
  });
  // One JSON line that the demo (or a person) reads to configure the worker.
  console.log(
    JSON.stringify({
      ready: true,
      workday: { url: workday.url, tenant: workday.tenant, ...workday.credentials },
      coupa: { url: coupa.url, ...coupa.credentials },
    }),
  );
  const stop = async () => {
    await Promise.allSettled([workday.close(), coupa.close()]);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
