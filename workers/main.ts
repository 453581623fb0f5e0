// Worker process entry point: config check, pino-bridged SDK logs, Prometheus metrics, graceful shutdown on SIGINT/SIGTERM.
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { loadConfig, workerConfigSchema, ConfigError } from '../infra/config';
import { createLogger } from '../infra/logger';
import { temporalConnectionSettings } from '../infra/temporal-connection';
import { createApiClients } from '../infra/api-clients';
import { createDataConverter } from '../infra/data-converter';
import { createSyncWorkers, runAll } from './sync-workers';
import { assertApiTimeoutFitsActivities } from './activity-timeouts';
import { temporalLoggerFromPino } from './logging';
import { loadMappingFile } from '../infra/mapping-file';
import { MappingConfigError } from '../mapping';
import { Client } from '@temporalio/client';
import { startTracing } from '../infra/tracing';
import { histogramBucketOverrides, recordApiCalls, startCredentialChecks, startParkedRunsGauge } from './business-metrics';
import { prebuiltWorkflowBundle } from './workflow-bundle';
import { paceRequestsAcrossCluster } from './request-gate';

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  assertApiTimeoutFitsActivities(config.API_TIMEOUT_SECONDS);
  // A broken mapping file stops the worker at start, naming the bad key, rather than parking every run.
  loadMappingFile(config.MAPPING_FILE);
  const logger = createLogger('worker', config.LOG_LEVEL);
  Runtime.install({
    logger: temporalLoggerFromPino(logger),
    shutdownSignals: ['SIGINT', 'SIGTERM'],
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      // Loopback unless WORKER_METRICS_HOST opens it (a container that Prometheus scrapes).
      // The SDK's metrics and the business metrics (workers/business-metrics.ts) on one endpoint.
      metrics: { prometheus: { bindAddress: metricsBindAddress(config.WORKER_METRICS_HOST, config.WORKER_METRICS_PORT), histogramBucketOverrides } },
    },
  });
  const meter = Runtime.instance().metricMeter;
  recordApiCalls(meter);
  const tracing = startTracing(config, 'worker');
  const workflowBundle = prebuiltWorkflowBundle();
  // The config check refused a missing key already; plaintext is only ever an explicit PAYLOAD_ENCRYPTION=off.
  const dataConverter = createDataConverter(config);
  if (config.PAYLOAD_ENCRYPTION === 'off') logger.warn('PAYLOAD_ENCRYPTION=off: workflow payloads (names, emails) reach Temporal in plaintext');
  const connection = await NativeConnection.connect(temporalConnectionSettings(config));
  try {
    const apiClients = createApiClients(config, logger);
    const visibility = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
    const parkedRuns = startParkedRunsGauge(visibility, meter, config.WORKER_PARKED_RUNS_POLL_SECONDS * 1000, logger);
    const stopCredentialChecks = startCredentialChecks(apiClients, config.WORKER_CREDENTIAL_CHECK_SECONDS * 1000, logger);
    if (config.API_REQUEST_PACING === 'cluster') {
      const limits = (perSecond: number, burst: number | undefined) => ({ perSecond, burst: burst ?? perSecond, marginMs: config.API_REQUEST_PACING_MARGIN_MS });
      paceRequestsAcrossCluster(visibility, config.TASK_QUEUE_REQUEST_GATE, logger, [
        { api: 'coupa', slots: apiClients.coupa.http.slots, tokens: apiClients.coupa.tokens, limits: limits(config.COUPA_REQUESTS_PER_SECOND, config.COUPA_REQUESTS_BURST) },
        { api: 'workday', slots: apiClients.workday.http.slots, tokens: apiClients.workday.tokens, limits: limits(config.WORKDAY_REQUESTS_PER_SECOND, config.WORKDAY_REQUESTS_BURST) },
      ]);
    }
    const workers = await createSyncWorkers({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      queues: { workflows: config.TASK_QUEUE_WORKFLOWS, coupa: config.TASK_QUEUE_COUPA, workday: config.TASK_QUEUE_WORKDAY },
      deps: {
        ...apiClients,
        mappingFile: config.MAPPING_FILE,
        coupaInvoicePaymentsPut: config.COUPA_INVOICE_PAYMENTS_PUT,
        finance: { budgetCheckPath: config.WORKDAY_BUDGET_CHECK_PATH, integrationHistoryPath: config.COUPA_INTEGRATION_HISTORY_PATH },
        runSettings: { queues: { coupa: config.TASK_QUEUE_COUPA, workday: config.TASK_QUEUE_WORKDAY }, apiRetryWindowSeconds: config.API_RETRY_WINDOW_SECONDS },
      },
      // Without the gates, Temporal's task-queue limit is the request rate (an activity makes one request per attempt).
      ...(config.API_REQUEST_PACING === 'task-queue' ? { coupaActivitiesPerSecond: config.COUPA_REQUESTS_PER_SECOND, workdayActivitiesPerSecond: config.WORKDAY_REQUESTS_PER_SECOND } : {}),
      coupaMaxConcurrentActivities: config.COUPA_MAX_CONCURRENT_ACTIVITIES,
      workdayMaxConcurrentActivities: config.WORKDAY_MAX_CONCURRENT_ACTIVITIES,
      shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
      ...(config.WORKER_WORKFLOW_THREADS ? { workflowThreads: config.WORKER_WORKFLOW_THREADS } : {}),
      dataConverter,
      tracing,
      ...(config.API_REQUEST_PACING === 'cluster' ? { requestGateQueue: config.TASK_QUEUE_REQUEST_GATE } : {}),
      ...(workflowBundle ? { workflowBundle } : {}),
    });
    logger.info(
      {
        address: config.TEMPORAL_ADDRESS,
        namespace: config.TEMPORAL_NAMESPACE,
        metrics: metricsBindAddress(config.WORKER_METRICS_HOST, config.WORKER_METRICS_PORT),
        payloadEncryption: config.PAYLOAD_ENCRYPTION,
        workflowBundle: workflowBundle ? workflowBundle.codePath : 'bundled from source at start',
        tracing: tracing.enabled ? config.OTEL_EXPORTER_OTLP_ENDPOINT : 'off',
      },
      'workers running; SIGINT or SIGTERM stops them gracefully',
    );
    await runAll(workers);
    parkedRuns.stop();
    stopCredentialChecks();
    logger.info('workers stopped');
  } finally {
    await tracing.shutdown();
    await connection.close();
  }
}

function metricsBindAddress(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MappingConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
