// `make ingress`: the event ingress on INGRESS_PORT (3000), until SIGINT/SIGTERM, which drain the requests in flight first.
import { Client, Connection } from '@temporalio/client';
import { loadConfig, ingressConfigSchema, ConfigError } from '../../infra/config';
import { temporalConnectionSettings } from '../../infra/temporal-connection';
import { createDataConverter } from '../../infra/data-converter';
import { createLogger } from '../../infra/logger';
import { buildIngress } from './server';
import { clientTracingInterceptors, startTracing } from '../../infra/tracing';

async function main(): Promise<void> {
  const config = loadConfig(ingressConfigSchema);
  const logger = createLogger('ingress', config.LOG_LEVEL);
  // Lazy: the ingress comes up even while Temporal is down, and answers 503 until it is back.
  const connection = Connection.lazy(temporalConnectionSettings(config));
  // A run started here begins its trace here (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
  const tracing = startTracing(config, 'ingress');
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(config), interceptors: clientTracingInterceptors() });
  const app = buildIngress({ config, client, logger });
  const url = await app.listen({ port: config.INGRESS_PORT, host: config.INGRESS_HOST });
  // One JSON line the demo (or a person) reads.
  console.log(JSON.stringify({ ready: true, url }));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'ingress stopping: no new requests, finishing those in flight');
    // close() stops accepting, answers 503 to requests on kept-alive connections, and waits for those in flight.
    await app.close();
    await connection.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
