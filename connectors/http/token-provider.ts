// Per-process OAuth access-token cache: refreshes ahead of expiry and lets concurrent callers share one refresh.
import type { Logger } from '../../infra/logger';
import { abortReason, raceAbort } from './cancellation';

/** What a token endpoint handed out. */
export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds; absent when the server does not say (Workday may omit it). */
  expiresInSeconds?: number | undefined;
}

export interface TokenProviderOptions {
  /** Which system, for logs ("coupa", "workday"). */
  system: string;
  /**
   * Mints a new token (one HTTP call to the token endpoint). Throws a typed failure on rejection.
   * Its signal aborts only once every caller waiting for this refresh has given up (one cancelled
   * activity must not fail the others sharing the refresh); a grant that rotates a refresh token
   * should not let it abort a request already sent.
   */
  fetchToken: (signal: AbortSignal) => Promise<IssuedToken>;
  /**
   * Refresh this many seconds before expiry (default 60). Capped at 80% of the token's lifetime,
   * so a token shorter than the skew is still used for the first fifth of its life.
   */
  refreshSkewSeconds?: number;
  /** Assumed lifetime when the reply has no `expires_in` (default 900 s: Workday's SDK re-mints every 15 min). */
  defaultLifetimeSeconds?: number;
  logger?: Logger;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is refreshed before use. */
  refreshAt: number;
  /** Epoch ms at which the server says the token expires. */
  expiresAt: number;
}

const MAX_SKEW_FRACTION = 0.8;

/** The one refresh in flight, and how many callers still wait for it. */
interface Refresh {
  promise: Promise<CachedToken>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

export class TokenProvider {
  private cached: CachedToken | null = null;
  private inflight: Refresh | null = null;
  private refreshes = 0;
  private readonly skewSeconds: number;
  private readonly defaultLifetimeSeconds: number;
  private readonly now: () => number;
  /** Token requests count against the API's rate too (the cautious reading): they wait for a turn. */
  private pacer: ((signal: AbortSignal) => Promise<void>) | null = null;

  constructor(private readonly options: TokenProviderOptions) {
    this.skewSeconds = Math.max(0, options.refreshSkewSeconds ?? 60);
    this.defaultLifetimeSeconds = options.defaultLifetimeSeconds ?? 900;
    this.now = options.now ?? Date.now;
  }

  /** Token requests wait for `turn` before they are sent (workers/request-gate.ts); null: sent at once. */
  paceFetches(turn: ((signal: AbortSignal) => Promise<void>) | null): void {
    this.pacer = turn;
  }

  /** How many tokens this provider has minted (for tests and metrics). */
  get refreshCount(): number {
    return this.refreshes;
  }

  /**
   * A valid access token: the cached one, or the result of the (single) refresh in flight. When
   * `signal` aborts, this caller stops waiting at once; the refresh goes on for the other callers.
   */
  async getToken(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) throw abortReason(signal);
    const cached = this.cached;
    if (cached && this.now() < cached.refreshAt) return cached.accessToken;
    for (;;) {
      const refresh = this.refresh();
      refresh.waiters += 1;
      try {
        return (await raceAbort(refresh.promise, signal)).accessToken;
      } catch (err) {
        // Joined a refresh that its own callers had just abandoned: that abort is not ours, start anew.
        if (refresh.controller.signal.aborted && !signal?.aborted) continue;
        throw err;
      } finally {
        refresh.waiters -= 1;
        // The last caller gave up: nobody needs this token now, so the request may stop.
        if (refresh.waiters === 0 && !refresh.settled && signal?.aborted) refresh.controller.abort(abortReason(signal));
      }
    }
  }

  /**
   * Forgets the cached token so the next `getToken()` mints a new one. Pass the token a request
   * was rejected with: if another caller has already replaced it, nothing is dropped, so a burst of
   * 401s on one stale token causes one refresh, not one per request.
   */
  invalidate(rejectedToken?: string): void {
    if (rejectedToken === undefined || this.cached?.accessToken === rejectedToken) this.cached = null;
  }

  private refresh(): Refresh {
    if (this.inflight) return this.inflight;
    const startedAt = this.now();
    const controller = new AbortController();
    const attempt = (async () => {
      if (this.pacer) await this.pacer(controller.signal);
      const issued = await this.options.fetchToken(controller.signal);
      const lifetime =
        issued.expiresInSeconds !== undefined && Number.isFinite(issued.expiresInSeconds) && issued.expiresInSeconds > 0
          ? issued.expiresInSeconds
          : this.defaultLifetimeSeconds;
      const lead = Math.min(this.skewSeconds, lifetime * MAX_SKEW_FRACTION);
      // Measured from when the request was sent, so network time only makes us refresh earlier.
      const token: CachedToken = {
        accessToken: issued.accessToken,
        refreshAt: startedAt + (lifetime - lead) * 1000,
        expiresAt: startedAt + lifetime * 1000,
      };
      this.cached = token;
      this.refreshes += 1;
      this.options.logger?.debug({ system: this.options.system, lifetimeSeconds: lifetime, refreshInSeconds: lifetime - lead }, 'access token refreshed');
      return token;
    })();
    const refresh: Refresh = { promise: attempt, controller, waiters: 0, settled: false };
    this.inflight = refresh;
    // Cleared whether it worked or not: a failed refresh is not cached, the next caller tries again.
    const clear = (): void => {
      refresh.settled = true;
      if (this.inflight === refresh) this.inflight = null;
    };
    attempt.then(clear, clear);
    return refresh;
  }
}
