// How long one logical API call can take at worst, so the worker can check it fits the activity start-to-close timeout.

/**
 * The worst case of one logical call (one API request with its token handling; a paged read is one
 * such call per page), every step bounded by `apiTimeoutMs`:
 *
 * 1. an access-token fetch (the cached token expired),
 * 2. the request, answered 401 (the token was revoked or expired early),
 * 3. a second token fetch, and
 * 4. the request once more (the one retry after a 401).
 *
 * Not included, because configuration keeps them at zero: waiting for a free request slot
 * (`*_MAX_CONCURRENT_REQUESTS` at least the activities one worker runs at once, each making one
 * request at a time) and, for Workday, waiting for another process's refresh under the shared
 * refresh-token lock (refreshes are rare: once per token lifetime per process).
 */
export function maxCallDurationMs(apiTimeoutMs: number): number {
  if (!(apiTimeoutMs > 0) || !Number.isFinite(apiTimeoutMs)) throw new RangeError(`apiTimeoutMs must be a positive number of milliseconds (got ${apiTimeoutMs})`);
  const tokenFetches = 2;
  const requests = 2;
  return (tokenFetches + requests) * apiTimeoutMs;
}
