// Runs the Coupa simulator as its own process (`tsx sandbox/coupa/main.ts [port]`) until interrupted.
import { DEFAULT_COUPA_PORT, startCoupaSandbox } from './index.js';

async function main(): Promise<void> {
  // The port comes from argv, not the environment: only infra/ reads process.env.
  const port = Number(process.argv[2] ?? DEFAULT_COUPA_PORT);
  const sandbox = await startCoupaSandbox({ port });
  console.log(`Coupa sandbox listening on ${sandbox.url} (client ${sandbox.credentials.clientId})`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
