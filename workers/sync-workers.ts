// Builds the three workers of one process: workflows, Coupa activities and Workday activities, each on its own task queue.
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import { attemptLoggingInterceptor } from './attempt-logging';
import { createCoupaActivities, createWorkdayActivities, createConfigActivities, type ActivityDependencies } from '../activities';
import { otelWorkflowInterceptorsPath, startTracing, workerTracing, type Tracing } from '../infra/tracing';
import { SHARED_WORKFLOW_MODULES } from './workflow-bundle';

export interface SyncWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  queues: { workflows: string; coupa: string; workday: string };
  deps: ActivityDependencies;
  /**
   * Activities per second across ALL workers of a queue (Temporal enforces it server-side), for
   * API_REQUEST_PACING=task-queue; unset when the request gates pace (a batched read serves several
   * activities, and the gates count requests, not activities).
   */
  coupaActivitiesPerSecond?: number;
  workdayActivitiesPerSecond?: number;
  /** Per worker process; unset = the SDK default. */
  workflowThreads?: number;
  coupaMaxConcurrentActivities?: number;
  workdayMaxConcurrentActivities?: number;
  /** A prebuilt bundle (tests bundle once per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  shutdownGraceTime?: string | number;
  shutdownForceTime?: string | number;
  /** The payload codec shared with every client (see infra/data-converter.ts). */
  dataConverter?: DataConverter;
  /** OpenTelemetry (infra/tracing.ts); without it, spans are dropped. */
  tracing?: Tracing;
  /** Task queue of the API request gates (workers/request-gate.ts): set when requests are paced across the cluster. */
  requestGateQueue?: string;
}

export const workflowsPath = require.resolve('../workflows');

export async function createSyncWorkers(opts: SyncWorkerOptions): Promise<Worker[]> {
  // The sink is registered even without tracing: a bundle built with the tracing interceptors calls it.
  const tracingSettings = opts.tracing ?? startTracing({}, 'worker');
  const tracing = workerTracing(tracingSettings);
  const common = {
    interceptors: {
      // Activity spans only when traces go somewhere: without an exporter they would be made and dropped per attempt.
      activity: [(ctx: Context) => ({ inbound: attemptLoggingInterceptor(ctx) }), ...(tracingSettings.enabled ? tracing.activityInterceptors : [])],
      // Used when the worker bundles at start and traces; a prebuilt bundle has them compiled in (workers/workflow-bundle.ts).
      // Without tracing they would only make spans to drop: a workflow run costs about 20 % more CPU with them (bench/overhead.ts).
      ...(opts.workflowBundle || !tracingSettings.enabled ? {} : { workflowModules: [otelWorkflowInterceptorsPath] }),
    },
    // Bundled at start: the same shared libraries as the prebuilt bundle (workers/workflow-bundle.ts).
    ...(opts.workflowBundle ? {} : { bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES } }),
    sinks: tracing.sinks,
    connection: opts.connection,
    namespace: opts.namespace,
    shutdownGraceTime: opts.shutdownGraceTime ?? '20 seconds',
    ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}),
    ...(opts.shutdownForceTime !== undefined ? { shutdownForceTime: opts.shutdownForceTime } : {}),
  };
  const workflowSource = opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath };
  // The gates' own queue: reservations are answered at once, whatever backlog the business workflows have.
  const requestGate = opts.requestGateQueue ? [Worker.create({ ...common, ...workflowSource, taskQueue: opts.requestGateQueue })] : [];
  return Promise.all([
    ...requestGate,
    Worker.create({
      ...common,
      ...workflowSource,
      taskQueue: opts.queues.workflows,
      activities: createConfigActivities(opts.deps),
      ...(opts.workflowThreads ? { workflowThreadPoolSize: opts.workflowThreads } : {}),
    }),
    Worker.create({
      ...common,
      taskQueue: opts.queues.coupa,
      activities: createCoupaActivities(opts.deps),
      ...(opts.coupaActivitiesPerSecond ? { maxTaskQueueActivitiesPerSecond: opts.coupaActivitiesPerSecond } : {}),
      ...(opts.coupaMaxConcurrentActivities ? { maxConcurrentActivityTaskExecutions: opts.coupaMaxConcurrentActivities } : {}),
    }),
    Worker.create({
      ...common,
      taskQueue: opts.queues.workday,
      activities: createWorkdayActivities(opts.deps),
      ...(opts.workdayActivitiesPerSecond ? { maxTaskQueueActivitiesPerSecond: opts.workdayActivitiesPerSecond } : {}),
      ...(opts.workdayMaxConcurrentActivities ? { maxConcurrentActivityTaskExecutions: opts.workdayMaxConcurrentActivities } : {}),
    }),
  ]);
}

/** Runs every worker until shutdown; if one fails, the others are shut down too and the failure is rethrown. */
export async function runAll(workers: Worker[]): Promise<void> {
  const results = await Promise.allSettled(
    workers.map((worker) =>
      worker.run().catch((err: unknown) => {
        for (const other of workers) if (other.getState() === 'RUNNING') other.shutdown();
        throw err;
      }),
    ),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
