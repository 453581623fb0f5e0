// Test access to Temporal: the run's shared dev server (started by scripts/run-tests.ts) or, for a lone file, one of its own.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type WorkflowBundleOption } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { createDataConverter } from '../../infra/data-converter';

/** The tests' payload key (never a real one): every test run encrypts payloads like production does. */
export const TEST_PAYLOAD_ENCRYPTION_KEYS = `test-key-1:${Buffer.alloc(32, 7).toString('base64')}`;
export const testDataConverter = createDataConverter({ PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_ENCRYPTION_KEYS })!;

export interface TemporalTestContext {
  env: TestWorkflowEnvironment;
  address: string;
  /** Fresh task queue names, so tests never pick up each other's tasks. */
  queues: { workflows: string; coupa: string; workday: string };
  workflowBundle: WorkflowBundleOption | undefined;
  teardown(): Promise<void>;
}

let runtimeInstalled = false;

export async function startTemporalTestContext(): Promise<TemporalTestContext> {
  if (!runtimeInstalled) {
    // Worker state changes at INFO drown the test report; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  let ownServer: DevServer | null = null;
  let address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) {
    ownServer = await startDevServer({});
    address = ownServer.address;
  }
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address, client: { dataConverter: testDataConverter } });
  const suffix = randomUUID().slice(0, 8);
  const bundlePath = process.env.TEMPORAL_TEST_WORKFLOW_BUNDLE;
  return {
    env,
    address,
    queues: { workflows: `test-workflows-${suffix}`, coupa: `test-coupa-${suffix}`, workday: `test-workday-${suffix}` },
    workflowBundle: bundlePath ? { codePath: bundlePath } : undefined,
    async teardown() {
      await env.teardown();
      await ownServer?.stop();
    },
  };
}
