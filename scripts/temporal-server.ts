// `make temporal`: the local Temporal dev server alone (SQLite under .data/, Web UI on 8233) until Ctrl-C, SIGTERM or SIGHUP.
import path from 'node:path';
import { loadConfig, demoConfigSchema } from '../infra/config';
import { startDevServer } from './dev-server';
import { onStopRequest, exitCodeFor, signalAllChildrenNow } from './child-processes';

async function main(): Promise<number> {
  const config = loadConfig(demoConfigSchema);
  const dataDir = path.resolve(__dirname, '..', config.DEMO_DATA_DIR, 'temporal');
  let stop!: (code: number) => void;
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  onStopRequest(
    (request) => stop(exitCodeFor(request.signal)),
    (request) => {
      signalAllChildrenNow('SIGKILL');
      process.exit(exitCodeFor(request.signal));
    },
  );
  // Unlike the demo's, this database is kept across restarts (`make demo` deletes it when it starts).
  const server = await startDevServer({
    port: config.TEMPORAL_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    dbFile: path.join(dataDir, 'temporal.sqlite'),
    logFile: path.join(dataDir, 'server.log'),
  });
  console.log(`Temporal dev server at ${server.address}, Web UI ${server.uiUrl}; Ctrl-C stops it`);
  const code = await Promise.race([stopped, server.exited.then(() => 1)]);
  await server.stop();
  console.log('Temporal dev server stopped');
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
