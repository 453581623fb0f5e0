// OpenTelemetry tracing for workers and clients: Temporal's interceptors plus the connectors' HTTP spans, exported by OTLP only when an endpoint is configured.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Resource } from '@opentelemetry/resources';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { Context as ActivityContext } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { TemporalConfig } from './config';

/**
 * The workflow-side interceptors (spans for the run, its activities and timers), compiled into the
 * workflow bundle: at build time (workers/workflow-bundle.ts) or when a worker bundles at start.
 */
export const otelWorkflowInterceptorsPath = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

export type TracingConfig = Pick<TemporalConfig, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>;

export interface Tracing {
  /** False: spans are created by nobody and exported nowhere (no endpoint configured). */
  enabled: boolean;
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Sends what is still buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

/** OpenTelemetry's context, carried by Node's AsyncLocalStorage, so an activity's span is the parent of its HTTP calls. */
class AsyncLocalStorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(context, () => fn.apply(thisArg, args));
  }
  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = (...args: unknown[]) => this.with(context, () => (target as (...a: unknown[]) => unknown)(...args));
    return run as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

/**
 * Starts tracing for one process. With OTEL_EXPORTER_OTLP_ENDPOINT set, registers a global tracer
 * provider that batches spans to `{endpoint}/v1/traces` (OTLP over HTTP); without it, registers
 * nothing, so every span is a no-op and nothing leaves the process.
 */
export function startTracing(config: TracingConfig, component: string): Tracing {
  const resource = new Resource({ [ATTR_SERVICE_NAME]: config.OTEL_SERVICE_NAME ?? `coupa-workday-sync-${component}` });
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) {
    const spanProcessor = new NoopSpanProcessor();
    return { enabled: false, resource, spanProcessor, shutdown: async () => undefined };
  }
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  // Short delay: a worker that is stopped soon after a run still sends its spans (and shutdown flushes).
  const spanProcessor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Also installs W3C trace-context propagation, which carries the trace in Temporal's headers.
  provider.register({ contextManager: new AsyncLocalStorageContextManager() });
  return { enabled: true, resource, spanProcessor, shutdown: () => provider.shutdown() };
}

/** What a worker adds for tracing: the activity interceptors and the sink that exports workflow spans. */
export function workerTracing(tracing: Tracing): {
  activityInterceptors: Array<(ctx: ActivityContext) => ActivityInterceptors>;
  sinks: { exporter: ReturnType<typeof makeWorkflowExporter> };
} {
  return {
    activityInterceptors: [
      (ctx: ActivityContext) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) }),
    ],
    // Registered even when tracing is off: bundled workflow interceptors always call it (then it drops the spans).
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}

/** The client interceptor that starts a run's trace (StartWorkflow span) and passes it to the run in its headers. */
export function clientTracingInterceptors(): { workflow: WorkflowClientInterceptor[] } {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}
