// Everything a provisioning test needs: Temporal, both sandboxes, connectors pointed at them, a private mapping file, and workers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Worker } from '@temporalio/worker';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa';
import { CoupaClient } from '../../connectors/coupa';
import { WorkdayClient, WorkdaySoapClient } from '../../connectors/workday';
import { createSyncWorkers, runAll } from '../../workers/sync-workers';
import { paceRequestsAcrossCluster } from '../../workers/request-gate';
import { requestEmployeeProvisioning, type QueueConfig } from '../../clients/employee-provisioning';
import type { EmployeeProvisioningInput } from '../../workflows/employee-provisioning';
import type { ActivityDependencies, RunSettings } from '../../activities';
import { startTemporalTestContext, testDataConverter, TEST_PAYLOAD_ENCRYPTION_KEYS, type TemporalTestContext } from './temporal';

const repoRoot = path.resolve(__dirname, '../..');

export interface ProvisioningHarness {
  temporal: TemporalTestContext;
  workday: WorkdaySandbox;
  coupa: CoupaSandbox;
  coupaClient: CoupaClient;
  workdayClient: WorkdayClient;
  workdaySoapClient: WorkdaySoapClient;
  /** What the workers' activities are built from: tests that start workers of their own reuse it. */
  deps: ActivityDependencies;
  /** A copy of config/mapping.yaml the test may edit; the workers read it on every attempt. */
  mappingFile: string;
  /** What the workers hand to runs at each attempt; tests may shorten the retry window. */
  runSettings: RunSettings;
  queueConfig: QueueConfig;
  provision(employeeId: string, trigger?: NonNullable<EmployeeProvisioningInput['trigger']>): ReturnType<typeof requestEmployeeProvisioning>;
  /** Requests per second per API queue default to 200 (no practical limit); benchmarks pass the real ones. */
  /** `pacing: 'cluster'` paces requests by the API gate runs as a worker process does (workers/request-gate.ts), at the given rates. */
  startWorkers(rates?: { coupa: number; workday: number }, options?: { pacing?: 'cluster'; burst?: { coupa: number; workday: number } }): Promise<void>;
  stopWorkers(): Promise<void>;
  /** Environment for a worker child process (workers/main.ts) pointed at this harness. */
  workerEnv(metricsPort: number): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startProvisioningHarness(): Promise<ProvisioningHarness> {
  const temporal = await startTemporalTestContext();
  const workday = await startWorkdaySandbox();
  const coupa = await startCoupaSandbox();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'provisioning-'));
  const mappingFile = path.join(tmp, 'mapping.yaml');
  fs.copyFileSync(path.join(repoRoot, 'config', 'mapping.yaml'), mappingFile);
  const logger = pino({ level: 'silent' });
  const coupaClient = new CoupaClient({
    baseUrl: coupa.url,
    clientId: coupa.credentials.clientId,
    clientSecret: coupa.credentials.clientSecret,
    scopes: coupa.credentials.scopes,
    logger,
  });
  const workdayClient = new WorkdayClient({
    baseUrl: workday.url,
    tenant: workday.tenant,
    ...workday.credentials,
    logger,
  });
  // Bearer auth and the REST client's request slots, as infra/api-clients.ts wires it.
  const workdaySoapClient = new WorkdaySoapClient({
    baseUrl: workday.url,
    tenant: workday.tenant,
    auth: { type: 'bearer', tokenProvider: workdayClient.tokens },
    requestSlots: workdayClient.http.slots,
    logger,
  });
  const queueConfig: QueueConfig = { TASK_QUEUE_WORKFLOWS: temporal.queues.workflows };
  const runSettings: RunSettings = { queues: { coupa: temporal.queues.coupa, workday: temporal.queues.workday }, apiRetryWindowSeconds: 3600 };
  const deps: ActivityDependencies = { coupa: coupaClient, workday: workdayClient, workdaySoap: workdaySoapClient, mappingFile, runSettings };

  let workers: Worker[] = [];
  let running: Promise<void> | null = null;

  const harness: ProvisioningHarness = {
    temporal,
    workday,
    coupa,
    coupaClient,
    workdayClient,
    workdaySoapClient,
    deps,
    mappingFile,
    runSettings,
    queueConfig,
    provision: (employeeId, trigger = 'hire') => requestEmployeeProvisioning(temporal.env.client, queueConfig, employeeId, trigger),
    async startWorkers(rates = { coupa: 200, workday: 200 }, options = {}) {
      const requestGateQueue = options.pacing === 'cluster' ? `${temporal.queues.workflows}-gate` : undefined;
      if (requestGateQueue) {
        const limits = (perSecond: number, burst?: number) => ({ perSecond, burst: burst ?? perSecond, marginMs: 10 });
        paceRequestsAcrossCluster(temporal.env.client, requestGateQueue, logger, [
          { api: 'coupa', slots: coupaClient.http.slots, tokens: coupaClient.tokens, limits: limits(rates.coupa, options.burst?.coupa) },
          { api: 'workday', slots: workdayClient.http.slots, tokens: workdayClient.tokens, limits: limits(rates.workday, options.burst?.workday) },
        ]);
      }
      workers = await createSyncWorkers({
        ...(requestGateQueue ? { requestGateQueue } : {}),
        connection: temporal.env.nativeConnection,
        namespace: temporal.env.namespace ?? 'default',
        queues: temporal.queues,
        deps,
        ...(requestGateQueue ? {} : { coupaActivitiesPerSecond: rates.coupa, workdayActivitiesPerSecond: rates.workday }),
        workflowBundle: temporal.workflowBundle,
        shutdownGraceTime: '1 second',
        shutdownForceTime: '5 seconds',
        dataConverter: testDataConverter,
      });
      running = runAll(workers);
    },
    async stopWorkers() {
      for (const api of [coupaClient, workdayClient]) {
        api.http.slots.usePacer(null);
        api.tokens.paceFetches(null);
      }
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await running;
      running = null;
      workers = [];
    },
    workerEnv(metricsPort) {
      return {
        ...process.env,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: temporal.namespace,
        TASK_QUEUE_WORKFLOWS: temporal.queues.workflows,
        TASK_QUEUE_COUPA: temporal.queues.coupa,
        TASK_QUEUE_WORKDAY: temporal.queues.workday,
        COUPA_BASE_URL: coupa.url,
        COUPA_CLIENT_ID: coupa.credentials.clientId,
        COUPA_CLIENT_SECRET: coupa.credentials.clientSecret,
        COUPA_SCOPES: coupa.credentials.scopes.join(' '),
        WORKDAY_BASE_URL: workday.url,
        WORKDAY_TENANT: workday.tenant,
        WORKDAY_CLIENT_ID: workday.credentials.clientId,
        WORKDAY_CLIENT_SECRET: workday.credentials.clientSecret,
        WORKDAY_REFRESH_TOKEN: workday.credentials.refreshToken,
        // Each harness its own token file: a rotated token of one test's sandbox must not reach another's.
        WORKDAY_REFRESH_TOKEN_FILE: path.join(tmp, 'workday-refresh-token'),
        MAPPING_FILE: mappingFile,
        WORKER_METRICS_PORT: String(metricsPort),
        WORKER_SHUTDOWN_GRACE_SECONDS: '1',
        LOG_LEVEL: 'warn',
        PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_ENCRYPTION_KEYS,
      };
    },
    async close() {
      await harness.stopWorkers();
      await temporal.teardown();
      await Promise.allSettled([workday.close(), coupa.close()]);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Polls until check() returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
