// The image's entry point: `worker`, `codec-server`, `ingress`, `mcp`, `cli …`, `replay` or `sandbox` picks the process, run from the build (dist/).
import fs from 'node:fs';
import path from 'node:path';

/** Each command and the compiled module that runs it (paths inside dist/). */
export const COMMANDS: Record<string, { module: string; what: string }> = {
  worker: { module: 'workers/main.js', what: 'the Temporal worker (workflows, Coupa and Workday activities), metrics on WORKER_METRICS_PORT' },
  'codec-server': { module: 'clients/codec-server-main.js', what: 'the codec server that decrypts payloads for the Web UI and the temporal CLI' },
  ingress: { module: 'clients/ingress/main.js', what: 'the event ingress (webhooks in, workflows started)' },
  cli: { module: 'clients/cli.js', what: 'the project CLI (status, retry, skip, provision …); arguments follow' },
  mcp: { module: 'clients/mcp/main.js', what: 'the MCP agent gateway: governed tools for AI assistants (MCP_TOKENS)' },
  replay: { module: 'clients/replay.js', what: 'replays the open runs of the namespace against this build, before a deploy' },
  sandbox: { module: 'sandbox/main.js', what: 'the Coupa and Workday sandboxes (demo and tests only)' },
};

function usage(): string {
  return ['usage: <command> [arguments]', ...Object.entries(COMMANDS).map(([name, { what }]) => `  ${name.padEnd(13)} ${what}`)].join('\n');
}

function main(): void {
  const [command, ...rest] = process.argv.slice(2);
  const entry = command ? COMMANDS[command] : undefined;
  if (!entry) {
    console.error(command ? `unknown command "${command}"\n${usage()}` : usage());
    process.exit(2);
  }
  const file = path.resolve(__dirname, '..', entry.module);
  if (!fs.existsSync(file)) {
    console.error(`${command}: this build has no ${entry.module} (not part of this version)`);
    process.exit(2);
  }
  // The module runs as if started directly (`node dist/workers/main.js …`): same process, so signals reach it.
  process.argv = [process.argv[0]!, file, ...rest];
  require(file);
}

main();
