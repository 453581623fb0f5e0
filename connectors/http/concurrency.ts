// Caps the HTTP requests one client has in flight in this process; callers beyond the cap wait in line.
import { abortReason } from './cancellation';

interface Waiter {
  grant: () => void;
}

/**
 * A counting semaphore with a FIFO queue. A waiter whose signal aborts leaves the queue at once, so
 * a cancelled activity never holds up the ones behind it.
 */
export class RequestSlots {
  private active = 0;
  private readonly queue: Waiter[] = [];

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

  /** Waits for a free slot; resolves with the function that gives it back (safe to call twice). */
  acquire(signal?: AbortSignal): Promise<() => void> {
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
