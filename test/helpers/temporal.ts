// Test access to Temporal: the run's shared dev server (started by scripts/run-tests.ts) or, for a lone file, one of its own.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type WorkflowBundleOption } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { createDataConverter } from '../../infra/data-converter';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_NAMES } from '../../infra/search-attributes';

/** Registers a namespace with the application's search attributes, as ops would on a cluster. */
export async function registerNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
    const searchAttributes = Object.fromEntries(SEARCH_ATTRIBUTE_NAMES.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]));
    for (let attempt = 0; ; attempt += 1) {
      try {
        await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
        return;
      } catch (err) {
        // A namespace just registered can take a moment to be known everywhere.
        if (attempt >= 40) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await connection.close();
  }
}

/** The tests' payload key (never a real one): every test run encrypts payloads like production does. */
export const TEST_PAYLOAD_ENCRYPTION_KEYS = `test-key-1:${Buffer.alloc(32, 7).toString('base64')}`;
export const testDataConverter = createDataConverter({ PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_ENCRYPTION_KEYS })!;

export interface TemporalTestContext {
  env: TestWorkflowEnvironment;
  address: string;
  namespace: string;
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
  const suffix = randomUUID().slice(0, 8);
  // A namespace per test file: test files run at once and their sandboxes seed the same employee IDs,
  // so runs that start other runs by workflow ID (a report asking for its manager's) must not meet.
  const namespace = `test-${suffix}`;
  await registerNamespace(address, namespace);
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address, namespace, client: { dataConverter: testDataConverter } });
  const bundlePath = process.env.TEMPORAL_TEST_WORKFLOW_BUNDLE;
  return {
    env,
    address,
    namespace,
    queues: { workflows: `test-workflows-${suffix}`, coupa: `test-coupa-${suffix}`, workday: `test-workday-${suffix}` },
    workflowBundle: bundlePath ? { codePath: bundlePath } : undefined,
    async teardown() {
      await env.teardown();
      await ownServer?.stop();
    },
  };
}
