// Event ids this ingress has already handed to Temporal, so a redelivery is answered with the same workflow and touches nothing.
import type { RouteOutcome } from '../events/route';

/**
 * Bounded, time-limited memory of delivered events. It covers the common case (a sender retrying
 * within minutes); across restarts or replicas a redelivery still lands on the same workflow ID,
 * and every route's workflow is idempotent, so at worst a run reads again and changes nothing.
 * Concurrent deliveries of one event share the first one's start.
 */
export class RecentEvents {
  private readonly seen = new Map<string, { at: number; outcome: Promise<RouteOutcome & { process: string }> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** The outcome of this event's first delivery, or runs `deliver` and remembers it (forgotten again if it fails). */
  deliverOnce(eventId: string, deliver: () => Promise<RouteOutcome & { process: string }>, nowMs = Date.now()): { outcome: Promise<RouteOutcome & { process: string }>; duplicate: boolean } {
    const known = this.seen.get(eventId);
    if (known && nowMs - known.at <= this.ttlMs) return { outcome: known.outcome, duplicate: true };
    const outcome = deliver();
    this.seen.set(eventId, { at: nowMs, outcome });
    // A failed start (Temporal down) must be retried by the sender, not remembered as done.
    outcome.catch(() => {
      if (this.seen.get(eventId)?.outcome === outcome) this.seen.delete(eventId);
    });
    this.evict(nowMs);
    return { outcome, duplicate: false };
  }

  private evict(nowMs: number): void {
    for (const [id, entry] of this.seen) {
      if (this.seen.size <= this.maxEntries && nowMs - entry.at <= this.ttlMs) break;
      this.seen.delete(id);
    }
  }
}
