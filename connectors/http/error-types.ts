// Connector failure type names as plain constants: no imports, so workflow code can list them in a retry policy.

/**
 * The `type` of every failure a connector throws. Workflows list the non-retryable ones in their
 * retry policy (`nonRetryableErrorTypes: NON_RETRYABLE_CONNECTOR_ERROR_TYPES`); the failures also
 * carry `nonRetryable`, so either mechanism stops retries.
 */
export const ConnectorErrorTypes = {
  /** 4xx other than 401/403/404/409/429: the request itself is wrong; the API's message is kept. */
  ValidationFailed: 'ValidationFailed',
  /** 401 after one token refresh, 403, or the token endpoint refusing the client or grant. */
  AuthFailed: 'AuthFailed',
  /** 404. */
  NotFound: 'NotFound',
  /**
   * 409: a concurrent change or create. Retryable: activities look up before they write, so the
   * retry sees the record the other writer made.
   */
  Conflict: 'Conflict',
  /** 429: retryable; honours Retry-After through `nextRetryDelay`. */
  RateLimited: 'RateLimited',
  /** 5xx, network errors, timeouts: retryable; a 503's Retry-After is honoured. */
  Unavailable: 'Unavailable',
  /** The response did not match the zod schema: retrying reads the same payload. */
  InvalidResponse: 'InvalidResponse',
} as const;
export type ConnectorErrorType = (typeof ConnectorErrorTypes)[keyof typeof ConnectorErrorTypes];

export const NON_RETRYABLE_CONNECTOR_ERROR_TYPES: readonly ConnectorErrorType[] = [
  ConnectorErrorTypes.ValidationFailed,
  ConnectorErrorTypes.AuthFailed,
  ConnectorErrorTypes.NotFound,
  ConnectorErrorTypes.InvalidResponse,
];

export const RETRYABLE_CONNECTOR_ERROR_TYPES: readonly ConnectorErrorType[] = [
  ConnectorErrorTypes.RateLimited,
  ConnectorErrorTypes.Unavailable,
  ConnectorErrorTypes.Conflict,
];
