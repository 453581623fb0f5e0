// The connectors' one hook for observing HTTP calls: a span per call (method, route template, status) and listeners for metrics.
import { context, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';

/** One finished HTTP call, as metrics see it: never a query, a body or a natural key. */
export interface HttpCallRecord {
  /** "coupa" or "workday". */
  api: string;
  method: string;
  /** The path with ids, WIDs and natural keys replaced by placeholders (`/api/users/:id`). */
  route: string;
  /** HTTP status; null when no answer came (timeout, connection refused, cancelled). */
  status: number | null;
  durationMs: number;
}

/** A token endpoint call: `ok`, `refused` (credentials need a person) or `unavailable` (429, 5xx, network). */
export interface TokenRefreshRecord {
  api: string;
  outcome: 'ok' | 'refused' | 'unavailable';
}

export interface HttpCallListener {
  onHttpCall?(call: HttpCallRecord): void;
  onTokenRefresh?(refresh: TokenRefreshRecord): void;
}

const listeners = new Set<HttpCallListener>();

/** Registers a listener for every call of every connector in this process; returns its removal. */
export function addHttpCallListener(listener: HttpCallListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The global tracer: a no-op until the process registers a provider (infra/tracing.ts). */
const tracer = () => trace.getTracer('coupa-workday-sync/connectors');

const WID = /^[0-9a-f]{32}$/i;

/**
 * The route template of a path: numeric ids → `:id`, Workday WIDs → `:wid`, `Type=Value` references
 * → `Type=:key`, and anything that could be an e-mail or login → `:value`. Bounded label values for
 * metrics and no personal data in spans.
 */
export function routeTemplate(path: string): string {
  const bare = path.split(/[?#]/)[0] ?? path;
  return bare
    .split('/')
    .map((segment) => {
      if (segment === '') return segment;
      if (/^\d+$/.test(segment)) return ':id';
      if (WID.test(segment)) return ':wid';
      const ref = /^([A-Za-z][\w.-]*)(=|%3D)/i.exec(segment);
      if (ref) return `${ref[1]}=:key`;
      if (/@|%40|\s|%20/.test(segment)) return ':value';
      return segment;
    })
    .join('/');
}

/** A call in flight: end it once with the status (or null when no answer came). */
export interface HttpCallHandle {
  end(status: number | null, errorCode?: string): void;
}

/** Starts observing one HTTP call: a client span under the active context (the activity's), ended by `end`. */
export function startHttpCall(api: string, method: string, route: string): HttpCallHandle {
  const startedAt = performance.now();
  const span: Span = tracer().startSpan(
    `${method} ${route}`,
    { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'http.route': route, 'sync.api': api } },
    context.active(),
  );
  let ended = false;
  return {
    end(status, errorCode) {
      if (ended) return;
      ended = true;
      if (status !== null) span.setAttribute('http.response.status_code', status);
      if (errorCode) span.setAttribute('error.type', errorCode);
      if (status === null || status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, ...(errorCode ? { message: errorCode } : {}) });
      span.end();
      const record: HttpCallRecord = { api, method, route, status, durationMs: performance.now() - startedAt };
      for (const listener of listeners) listener.onHttpCall?.(record);
    },
  };
}

/** Reports the outcome of one token endpoint call to the listeners. */
export function recordTokenRefresh(refresh: TokenRefreshRecord): void {
  for (const listener of listeners) listener.onTokenRefresh?.(refresh);
}
