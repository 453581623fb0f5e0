// The arithmetic of the API request gate: when each next request may be sent so that no window of one second (plus a margin) ever holds more than the API's rate, and no run of requests exceeds its burst. Pure and deterministic, shared by the gate workflow and its unit tests.

export interface RequestLimits {
  /** Requests per second the API allows (per tenant, across every worker process). */
  perSecond: number;
  /** Requests the API accepts back to back (its token bucket's size); at most perSecond. */
  burst: number;
  /** Added to every window so a request a few milliseconds late never makes a window hold one too many. */
  marginMs: number;
}

export interface RequestSchedule {
  /** Send times (epoch ms) of the last `perSecond` requests granted, oldest first. */
  recent: number[];
  /** Theoretical arrival time of the next request under the burst limit (GCRA). */
  nextAt: number;
  /** No request before this (epoch ms): the API answered 429 and said when to come back. */
  heldUntil: number;
}

export const emptySchedule = (): RequestSchedule => ({ recent: [], nextAt: 0, heldUntil: 0 });

/**
 * Grants `count` send times, each as early as possible from `earliest` on, such that:
 * - any window of 1000 + margin ms holds at most `perSecond` of them (the API's per-second limit,
 *   counted the way a sliding log counts, so any calendar second holds at most that many too);
 * - they conform to a token bucket of `burst` tokens refilled at the rate (the API's burst).
 * Mutates `schedule`; returns the times in order.
 */
export function grantSendTimes(schedule: RequestSchedule, limits: RequestLimits, count: number, earliest: number): number[] {
  const perWindow = Math.max(1, Math.floor(limits.perSecond));
  const windowMs = 1000 + limits.marginMs;
  const burst = Math.max(1, Math.min(Math.floor(limits.burst), perWindow));
  // GCRA: one request per emission interval, `burst` of them may come early.
  const intervalMs = windowMs / limits.perSecond;
  const tolerance = (burst - 1) * intervalMs;
  const granted: number[] = [];
  // In order of reservation: a later reservation never goes before an earlier one.
  let at = Math.max(earliest, schedule.heldUntil, schedule.recent.at(-1) ?? 0);
  for (let i = 0; i < count; i++) {
    if (schedule.recent.length >= perWindow) at = Math.max(at, schedule.recent[schedule.recent.length - perWindow]! + windowMs);
    // Whole milliseconds, rounded up: fractions would let float error put one too many in a window.
    const bound = Math.max(at, schedule.nextAt - tolerance);
    at = bound - Math.floor(bound) < 1e-6 ? Math.floor(bound) : Math.ceil(bound);
    schedule.nextAt = Math.max(schedule.nextAt, at) + intervalMs;
    schedule.recent.push(at);
    granted.push(at);
  }
  if (schedule.recent.length > perWindow) schedule.recent.splice(0, schedule.recent.length - perWindow);
  return granted;
}

/** The API said 429 and to come back at `until`: nothing is granted before then. */
export function holdUntil(schedule: RequestSchedule, until: number): void {
  schedule.heldUntil = Math.max(schedule.heldUntil, until);
}
