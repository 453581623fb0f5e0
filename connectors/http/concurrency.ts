// Caps the HTTP requests one client has in flight in this process (callers beyond the cap wait in line), and holds them all back for a while after the API answers 429.
import { abortReason } from './cancellation';

interface Waiter {
  grant: () => void;
}

/**
 * Paces requests against a rate shared with other processes (see workers/request-gate.ts): resolves
 * when this request may be sent. Set on a client's RequestSlots, so REST and SOAP of one API share it.
 */
export interface RequestPacer {
  turn(signal?: AbortSignal): Promise<void>;
  /** The API answered 429; `retryAfterMs` from its Retry-After. Tells every process, not only this one. */
  rateLimited(retryAfterMs: number): void;
}

/**
 * A counting semaphore with a FIFO queue. A waiter whose signal aborts leaves the queue at once, so
 * a cancelled activity never holds up the ones behind it.
 */
export class RequestSlots {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Epoch ms before which no request of this process starts: the API said 429 and when to come back. */
  private heldUntil = 0;
  /** 429s seen (for logs, metrics and the benchmark). */
  rateLimitedCount = 0;
  /** Cluster-wide pacing, when the worker set one (workers/request-gate.ts). */
  private pacer: RequestPacer | null = null;

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new Error(`the request concurrency cap must be at least 1 (got ${max})`);
  }

  /** Requests holding a slot now. */
  get inUse(): number {
    return this.active;
  }

  /** Requests waiting for a slot now. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * The API answered 429: every request of this process waits `ms` (its Retry-After, or a second)
   * before it starts. Temporal's task-queue limit keeps the cluster at the configured rate; this lowers
   * it further while the API says it is too much (other clients of the tenant, a smaller real limit),
   * instead of each activity only retrying on its own.
   */
  holdFor(ms: number, now = Date.now()): void {
    this.rateLimitedCount += 1;
    this.heldUntil = Math.max(this.heldUntil, now + Math.max(0, ms));
    this.pacer?.rateLimited(Math.max(0, ms));
  }

  /** Every request through these slots waits for its turn from `pacer` too (null: this process alone decides). */
  usePacer(pacer: RequestPacer | null): void {
    this.pacer = pacer;
  }

  /** Milliseconds until requests may start again (0 = now). */
  heldForMs(now = Date.now()): number {
    return Math.max(0, this.heldUntil - now);
  }

  /** Waits out a hold after a 429 (abortable), then for a free slot; resolves with the function that gives the slot back. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    for (let wait = this.heldForMs(); wait > 0; wait = this.heldForMs()) await sleep(wait, signal);
    const release = await this.acquireSlot(signal);
    if (!this.pacer) return release;
    // The slot is taken before the turn, so the request goes out the moment its turn comes.
    try {
      await this.pacer.turn(signal);
      return release;
    } catch (err) {
      release();
      throw err;
    }
  }

  /** Waits for a free slot; resolves with the function that gives it back (safe to call twice). */
  private acquireSlot(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise<() => void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active += 1;
          resolve(this.releaser());
        },
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.queue.shift()?.grant();
    };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
