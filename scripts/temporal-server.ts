// `make temporal`: the local Temporal dev server alone (SQLite under .data/, Web UI on 8233) until Ctrl-C.
import path from 'node:path';
import { loadConfig, demoConfigSchema, ConfigError } from '../infra/config';
import { startDevServer } from './dev-server';

async function main(): Promise<void> {
  const config = loadConfig(demoConfigSchema);
  const repoRoot = path.resolve(__dirname, '..');
  const server = await startDevServer({
    port: config.TEMPORAL_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    dbFile: path.join(repoRoot, '.data', 'temporal', 'temporal.sqlite'),
    logFile: path.join(repoRoot, '.data', 'temporal', 'server.log'),
  });
  console.log(`Temporal dev server at ${server.address}, Web UI ${server.uiUrl}; Ctrl-C stops it`);
  const stop = async () => {
    await server.stop();
    console.log('Temporal dev server stopped');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
