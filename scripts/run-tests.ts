// `make test`: one Temporal dev server and one workflow bundle for the whole run, then node's test runner over test/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer } from './dev-server';
import { onStopRequest, exitCodeFor, type StopSignal } from './child-processes';
import { failureConverterPath } from '../infra/data-converter';

const repoRoot = path.resolve(__dirname, '..');

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findTests(full);
      return entry.name.endsWith('.test.ts') ? [full] : [];
    })
    .sort();
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  // Filters match the path inside the repository (test/ops/...), not where the checkout happens to live.
  const files = findTests(path.join(repoRoot, 'test')).filter(
    (f) => filters.length === 0 || filters.some((needle) => path.relative(repoRoot, f).includes(needle)),
  );
  if (files.length === 0) {
    console.error(`no test files match ${filters.join(' ')}`);
    return 1;
  }
  const dataDir = path.join(repoRoot, '.data', 'test');
  fs.mkdirSync(dataDir, { recursive: true });

  const server = await startDevServer({ logFile: path.join(dataDir, 'temporal.log') });
  console.log(`test: Temporal dev server at ${server.address}`);
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath, logger: quietLogger });
  fs.writeFileSync(bundlePath, bundle.code);

  try {
    return await new Promise<number>((resolve) => {
      // The spec reporter ends with node:test's summary (tests, pass, fail...), which CI reads.
      const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
        cwd: repoRoot,
        stdio: 'inherit',
        env: { ...process.env, TEMPORAL_TEST_ADDRESS: server.address, TEMPORAL_TEST_WORKFLOW_BUNDLE: bundlePath },
      });
      // A stop request reaches the test runner too (a terminal's Ctrl-C already does); the dev server is stopped below.
      let stoppedBy: StopSignal | null = null;
      const stopRequests = onStopRequest(
        (request) => {
          stoppedBy = request.signal;
          child.kill(request.signal);
        },
        () => child.kill('SIGKILL'),
      );
      child.once('exit', (code, signal) => {
        stopRequests();
        resolve(stoppedBy ? exitCodeFor(stoppedBy) : code ?? (signal ? 1 : 0));
      });
    });
  } finally {
    await server.stop();
  }
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
