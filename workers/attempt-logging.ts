// Logs for 3 a.m.: one line per failed activity attempt, no stack for the failures we expect, a warning when the retry window runs low.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import type { ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { NON_RETRYABLE_FAILURE_TYPES, PARKING_CATEGORY_BY_FAILURE_TYPE } from '../connectors/http/error-types';

/** Share of the retry window after which each further attempt warns that the run is about to park. */
export const RETRY_BUDGET_WARNING_SHARE = 0.75;

/**
 * A classified failure (429, 503, a validation error, …) is expected: it gets one line here and is
 * marked BENIGN so the SDK does not log it again with a stack. Anything else keeps the SDK's warning
 * with its stack: that is a bug to look at.
 */
export function attemptLoggingInterceptor(ctx: Context): ActivityInboundCallsInterceptor {
  return {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (err) {
        if (!(err instanceof ApplicationFailure) || !err.type || !(err.type in PARKING_CATEGORY_BY_FAILURE_TYPE)) throw err;
        const { activityType, attempt, scheduleToCloseTimeoutMs, scheduledTimestampMs } = ctx.info;
        const meta = { activityType, attempt, failureType: err.type };
        if (err.nonRetryable || NON_RETRYABLE_FAILURE_TYPES.includes(err.type)) {
          ctx.log.info(`${activityType} failed, no retry can fix it (${err.type}): ${err.message}; the run parks for a person`, meta);
        } else {
          const usedShare = scheduleToCloseTimeoutMs > 0 ? (Date.now() - scheduledTimestampMs) / scheduleToCloseTimeoutMs : 0;
          if (usedShare >= RETRY_BUDGET_WARNING_SHARE) {
            ctx.log.warn(
              `${activityType} attempt ${attempt} failed (${err.type}): ${err.message}; retry budget running low: ${Math.round(usedShare * 100)}% of its ` +
                `${Math.round(scheduleToCloseTimeoutMs / 1000)} s retry window used, the run parks as an outage when it is spent`,
              { ...meta, retryWindowUsedPercent: Math.round(usedShare * 100) },
            );
          } else {
            ctx.log.info(`${activityType} attempt ${attempt} failed (${err.type}): ${err.message}; Temporal retries it`, meta);
          }
        }
        throw ApplicationFailure.create({
          message: err.message,
          type: err.type,
          nonRetryable: err.nonRetryable ?? false,
          details: err.details ?? undefined,
          nextRetryDelay: err.nextRetryDelay ?? undefined,
          ...(err.cause ? { cause: err.cause } : {}),
          category: ApplicationFailureCategory.BENIGN,
        });
      }
    },
  };
}
