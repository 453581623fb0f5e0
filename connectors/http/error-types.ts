// Connector failure type names as plain constants: no imports, so workflow code can list them in a retry policy.

/**
 * The `type` of every failure a connector throws. Workflows list the non-retryable ones in their
 * retry policy (`nonRetryableErrorTypes: NON_RETRYABLE_CONNECTOR_ERROR_TYPES`); the failures also
 * carry `nonRetryable`, so either mechanism stops retries.
 */
export const ConnectorErrorTypes = {
  /** 4xx other than 401/403/404/408/409/423/429: the request itself is wrong; the API's message is kept. */
  ValidationFailed: 'ValidationFailed',
  /** 401 after one token refresh, 403, or the token endpoint refusing the client or grant. */
  AuthFailed: 'AuthFailed',
  /** 404. */
  NotFound: 'NotFound',
  /**
   * 409: a concurrent change or create. Retryable: activities look up before they write, so the
   * retry sees the record the other writer made. 423 (Locked) too: the record is held by another
   * edit or an in-progress business process, and is free again once that finishes.
   */
  Conflict: 'Conflict',
  /** 429: retryable; honours Retry-After through `nextRetryDelay`. */
  RateLimited: 'RateLimited',
  /** 408, 5xx other than 501, network errors, timeouts: retryable; a 503's Retry-After is honoured. */
  Unavailable: 'Unavailable',
  /**
   * 501: the tenant does not have this endpoint or API version (a service not enabled, a version
   * retired). A contract problem no retry fixes: someone changes the configuration or the code.
   */
  NotImplemented: 'NotImplemented',
  /** The response did not match the zod schema: retrying reads the same payload. */
  InvalidResponse: 'InvalidResponse',
} as const;
export type ConnectorErrorType = (typeof ConnectorErrorTypes)[keyof typeof ConnectorErrorTypes];

export const NON_RETRYABLE_CONNECTOR_ERROR_TYPES: readonly ConnectorErrorType[] = [
  ConnectorErrorTypes.ValidationFailed,
  ConnectorErrorTypes.AuthFailed,
  ConnectorErrorTypes.NotFound,
  ConnectorErrorTypes.InvalidResponse,
  ConnectorErrorTypes.NotImplemented,
];

export const RETRYABLE_CONNECTOR_ERROR_TYPES: readonly ConnectorErrorType[] = [
  ConnectorErrorTypes.RateLimited,
  ConnectorErrorTypes.Unavailable,
  ConnectorErrorTypes.Conflict,
];

// ---- Every failure type of the application, and what support does about each ----
// Workflows import this module (it imports nothing), so retry policies and parking read the same names.

/** Failures activities raise on business grounds, never from HTTP. */
export const BusinessFailureTypes = {
  /** A Coupa or Workday record breaks a rule the integration relies on (e.g. a login held by someone else). */
  BusinessRuleViolation: 'BusinessRuleViolation',
  /** The Workday record lacks what Coupa needs (no work email, no cost center, …). */
  SourceDataIncomplete: 'SourceDataIncomplete',
  /** The mapping file has no entry for a value the record carries (an unmapped cost center). */
  MappingMissing: 'MappingMissing',
  /** The mapping file does not parse or breaks its schema. */
  MappingConfigError: 'MappingConfigError',
  /** A payment that does not fit its invoice (more than owed, another currency), or a void after payment: a person settles it. */
  PaymentMismatch: 'PaymentMismatch',
  /** A new supplier looks like one the other system already has (same tax ID or normalised name): a person links or creates. */
  LikelyDuplicateSupplier: 'LikelyDuplicateSupplier',
  /** A supplier field was changed in the system that does not own it, and the mapping file says to park. */
  NonOwnerChange: 'NonOwnerChange',
  /** Workday's budget check refused a PO's obligation: finance amends the budget (or the PO changes), then retry. */
  OverBudget: 'OverBudget',
} as const;
export type BusinessFailureType = (typeof BusinessFailureTypes)[keyof typeof BusinessFailureTypes];

/** Why a run waits for a person: who fixes it. */
export type ParkingCategory = 'data' | 'auth' | 'config' | 'outage' | 'contract';

/**
 * The parking category of each failure type. Retryable types appear here too: they park only once
 * Temporal's retry window is spent, as an outage.
 */
export const PARKING_CATEGORY_BY_FAILURE_TYPE: Readonly<Record<string, ParkingCategory>> = {
  [ConnectorErrorTypes.ValidationFailed]: 'data',
  [ConnectorErrorTypes.NotFound]: 'data',
  [ConnectorErrorTypes.AuthFailed]: 'auth',
  [ConnectorErrorTypes.InvalidResponse]: 'contract',
  [ConnectorErrorTypes.NotImplemented]: 'contract',
  [ConnectorErrorTypes.Conflict]: 'outage',
  [ConnectorErrorTypes.RateLimited]: 'outage',
  [ConnectorErrorTypes.Unavailable]: 'outage',
  [BusinessFailureTypes.BusinessRuleViolation]: 'data',
  [BusinessFailureTypes.SourceDataIncomplete]: 'data',
  [BusinessFailureTypes.MappingMissing]: 'config',
  [BusinessFailureTypes.MappingConfigError]: 'config',
  [BusinessFailureTypes.PaymentMismatch]: 'data',
  [BusinessFailureTypes.LikelyDuplicateSupplier]: 'data',
  [BusinessFailureTypes.NonOwnerChange]: 'data',
  [BusinessFailureTypes.OverBudget]: 'data',
};

/** What support does for each category, shown with the parking reason. */
export const PARKING_ACTION: Readonly<Record<ParkingCategory, string>> = {
  data: 'Fix the record in Workday or Coupa as the reason says, then send retry (or skip if the record should not be synced).',
  auth: "Check the integration's credentials: the Coupa OAuth client's scopes, the Workday refresh token and the integration user's security groups; then send retry.",
  config: 'Fix the mapping file or the worker configuration as the reason says (the worker re-reads the mapping on retry), then send retry.',
  outage: 'The system did not answer successfully within the retry window. Check its status page; once it answers again, send retry.',
  contract: "An API answered in a shape or version this integration does not understand. Check the tenant's API version and enabled services, or report it to the integration's developers with the request id; then send retry.",
};

/** Types no retry can fix: Temporal stops retrying and the run parks at once. */
export const NON_RETRYABLE_FAILURE_TYPES: readonly string[] = [
  ...NON_RETRYABLE_CONNECTOR_ERROR_TYPES,
  ...Object.values(BusinessFailureTypes),
];
