// Activity options every business-process workflow shares: the retry policy, the API timeouts, and proxies built from the worker's run settings.
import { proxyActivities, proxyLocalActivities, type ActivityOptions } from '@temporalio/workflow';
import type { CoupaActivities, WorkdayActivities, ConfigActivities, RunSettings } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../connectors/http/error-types';

/** One API request per attempt: the worker checks at start that API_TIMEOUT_SECONDS (with a token refresh) fits. */
export const API_ACTIVITY_START_TO_CLOSE_SECONDS = 60;

// Transport failures (429, 5xx, timeouts) retry with backoff within the retry window (from the worker's
// config, default 1 hour), then park as an outage; failures no retry can fix park at once.
export const retryPolicy: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
};

function apiActivityOptions(settings: RunSettings, taskQueue: string, summary: string): ActivityOptions {
  return {
    taskQueue,
    summary,
    startToCloseTimeout: `${API_ACTIVITY_START_TO_CLOSE_SECONDS} seconds`,
    scheduleToCloseTimeout: `${settings.apiRetryWindowSeconds} seconds`,
    retry: retryPolicy,
  };
}

/** Queue names and the retry window as the worker has them now: read at every attempt, so a renamed queue reaches a parked run. */
export function currentRunSettings(): Promise<RunSettings> {
  return proxyLocalActivities<ConfigActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '10 seconds' } }).currentRunSettings();
}

/** Coupa and Workday activities on their API task queues; each call names its summary for the Web UI. */
export function apiActivities(settings: RunSettings) {
  return {
    workday: (summary: string) => proxyActivities<WorkdayActivities>(apiActivityOptions(settings, settings.queues.workday, `Workday: ${summary}`)),
    coupa: (summary: string) => proxyActivities<CoupaActivities>(apiActivityOptions(settings, settings.queues.coupa, `Coupa: ${summary}`)),
  };
}

/** Planning (mapping file + decisions) on the workflow task queue: no API behind it. */
export function planningActivities(summary: string) {
  return proxyActivities<ConfigActivities>({ summary, startToCloseTimeout: '30 seconds', scheduleToCloseTimeout: '10 minutes', retry: retryPolicy });
}

/** Planning as a local activity: the decision is still an activity's (its result is in history), without a task round trip through the server. */
export function localPlanningActivities(summary: string) {
  return proxyLocalActivities<ConfigActivities>({ summary, startToCloseTimeout: '30 seconds', scheduleToCloseTimeout: '10 minutes', retry: retryPolicy });
}
