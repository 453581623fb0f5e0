// Checked at start: one API call, at its worst, must end before Temporal gives up on the activity attempt.
import { API_ACTIVITY_START_TO_CLOSE_SECONDS } from '../workflows/activity-options';
import { ConfigError } from '../infra/config';
import { maxCallDurationMs } from '../connectors/http/timeouts';

/**
 * The longest one activity's request can take: a token fetch, the request, and after a 401 one more
 * token fetch and the request again, each bounded by API_TIMEOUT_SECONDS (the connectors' own figure).
 */
export function worstCaseCallSeconds(apiTimeoutSeconds: number): number {
  return maxCallDurationMs(apiTimeoutSeconds * 1000) / 1000;
}

/** Refuses a configuration in which an attempt would be timed out by Temporal while its call still runs. */
export function assertApiTimeoutFitsActivities(apiTimeoutSeconds: number): void {
  const worst = worstCaseCallSeconds(apiTimeoutSeconds);
  if (worst >= API_ACTIVITY_START_TO_CLOSE_SECONDS) {
    throw new ConfigError(
      `Invalid configuration:\n  API_TIMEOUT_SECONDS: ${apiTimeoutSeconds} s allows one call to run ${worst} s (token fetch, request, ` +
        `one 401 refresh and retry), which does not fit the activities' ${API_ACTIVITY_START_TO_CLOSE_SECONDS} s start-to-close timeout; ` +
        `use at most ${Math.floor((API_ACTIVITY_START_TO_CLOSE_SECONDS - 1) / 4)}`,
    );
  }
}
