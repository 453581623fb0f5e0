// The worker's business metrics, on the SDK's own Prometheus endpoint: API calls and token refreshes, parked runs counted from visibility, credential checks.
import type { MetricMeter } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { addHttpCallListener } from '../connectors/http/call-telemetry';
import type { ApiClients } from '../infra/api-clients';

/** Buckets (ms) of the API latency histogram, passed to the SDK's Prometheus exporter. */
export const histogramBucketOverrides: Record<string, number[]> = {
  sync_api_request_duration_milliseconds: [25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000],
};

/**
 * Counts every Coupa and Workday HTTP call of this process by API, method, route template and
 * status (`none` when no answer came), with its latency, and every token endpoint call by outcome.
 */
export function recordApiCalls(meter: MetricMeter): () => void {
  const requests = meter.createCounter('sync_api_requests_total', 'requests', 'Coupa and Workday HTTP calls, by api, method, route template and status');
  const latency = meter.createHistogram('sync_api_request_duration_milliseconds', 'float', 'ms', 'Latency of Coupa and Workday HTTP calls');
  const refreshes = meter.createCounter('sync_token_refreshes_total', 'refreshes', 'Token endpoint calls, by api and outcome (ok, refused, unavailable)');
  return addHttpCallListener({
    onHttpCall: (call) => {
      requests.add(1, { api: call.api, method: call.method, route: call.route, status: call.status === null ? 'none' : String(call.status) });
      latency.record(call.durationMs, { api: call.api, method: call.method, route: call.route });
    },
    onTokenRefresh: (refresh) => refreshes.add(1, { api: refresh.api, outcome: refresh.outcome }),
  });
}

/** Open runs waiting for a person: the query the gauge counts (the Web UI and the CLI use the same one). */
export const PARKED_RUNS_QUERY = `SyncState = 'needs-attention' AND ExecutionStatus = 'Running'`;

/** Visibility pages are read up to this many runs; past it the gauge says so with category "more". */
const MAX_PARKED_RUNS_COUNTED = 10_000;

export interface ParkedRunsGauge {
  /** Counts now (tests call it to skip the wait); resolves once the gauge is set. */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * `sync_runs_parked{process, category}`: open runs whose SyncState is needs-attention, counted from
 * Temporal visibility every `intervalMs`. Visibility, not this process's memory, so the value holds
 * across worker restarts and is the same on every worker (dashboards take `max by`). Runs parked by
 * a version without the ParkingCategory attribute count as category "unknown".
 */
export function startParkedRunsGauge(client: Client, meter: MetricMeter, intervalMs: number, logger: Logger): ParkedRunsGauge {
  const gauge = meter.createGauge('sync_runs_parked', 'int', 'runs', 'Open runs parked for a person now, by process and category');
  const shown = new Set<string>();
  let running: Promise<void> | null = null;
  let failures = 0;

  const count = async (): Promise<void> => {
    const counts = new Map<string, number>();
    let seen = 0;
    for await (const run of client.workflow.list({ query: PARKED_RUNS_QUERY })) {
      const process = firstString(run.searchAttributes?.BusinessProcess) ?? run.type;
      const category = seen >= MAX_PARKED_RUNS_COUNTED ? 'more' : firstString(run.searchAttributes?.ParkingCategory) ?? 'unknown';
      const key = JSON.stringify([process, category]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (++seen > MAX_PARKED_RUNS_COUNTED) break;
    }
    // Label sets that had runs before and have none now go to 0, so a fixed parking clears its alert.
    for (const key of new Set([...shown, ...counts.keys()])) {
      const [process, category] = JSON.parse(key) as [string, string];
      gauge.set(counts.get(key) ?? 0, { process, category });
      shown.add(key);
    }
  };

  const refresh = (): Promise<void> => {
    running ??= count()
      .then(() => {
        if (failures > 0) logger.info('parked-runs gauge: visibility answers again');
        failures = 0;
      })
      .catch((err: unknown) => {
        // Once per outage, not once per poll: the gauge keeps its last values meanwhile.
        if (failures++ === 0) logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'parked-runs gauge: cannot read visibility; keeping the last counts');
      })
      .finally(() => (running = null));
    return running;
  };

  void refresh();
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/**
 * Asks both token endpoints for a token every `intervalMs`, so a revoked Coupa secret or an expired
 * Workday refresh token is counted (sync_token_refreshes_total{outcome="refused"}) and alerted on
 * before the next business event needs it. Coupa's client-credentials token is minted anew (no
 * side effect); Workday's is refreshed only when due, as a refresh rotates its refresh token.
 */
export function startCredentialChecks(clients: Pick<ApiClients, 'coupa' | 'workday'>, intervalMs: number, logger: Logger): () => void {
  if (intervalMs <= 0) return () => undefined;
  const check = async (): Promise<void> => {
    clients.coupa.tokens.invalidate();
    for (const [api, tokens] of [['coupa', clients.coupa.tokens], ['workday', clients.workday.tokens]] as const) {
      try {
        await tokens.getToken();
      } catch (err) {
        logger.warn({ api, err: err instanceof Error ? err.message : String(err) }, 'credential check: the token endpoint refused or failed; runs calling this API will park until it is fixed');
      }
    }
  };
  // At start too: a worker deployed with a bad secret says so at once.
  void check();
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
