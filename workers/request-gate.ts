// Paces every request of this process to an API by send times from that API's gate run (workflows/api-request-gate.ts), so the API's rate and burst hold across all worker processes exactly; reservations are batched, one in flight per API.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { RequestPacer } from '../connectors/http/concurrency';
import { abortReason } from '../connectors/http/cancellation';
import type { RequestLimits } from '../workflows/request-schedule';
import { apiRateLimitedSignal, apiRequestGate, reserveRequestSlotsUpdate, type ApiRequestGateInput } from '../workflows/api-request-gate';

/** One gate per API and gate queue (a renamed queue starts fresh gates rather than waiting on unpolled ones). */
export const apiRequestGateWorkflowId = (queue: string, api: string): string => `${queue}/${api}`;

interface Waiter {
  grant(sendAt: number): void;
}

export interface ClusterRequestPacerOptions {
  client: Client;
  api: string;
  /** Task queue the gate runs on: its own, so a backlog of business workflows never delays a reservation. */
  queue: string;
  limits: RequestLimits;
  logger: Logger;
}

/** Never book this far ahead of now: a process that dies leaves at most this much unused. */
const BOOK_AHEAD_MS = 3000;
const MAX_SLOTS_PER_RESERVATION = 100;

export class ClusterRequestPacer implements RequestPacer {
  private readonly waiting: Waiter[] = [];
  /** Send times granted but not yet handed to a request (a waiter was cancelled meanwhile). */
  private spare: number[] = [];
  private reserving = false;
  private bookedUntil = 0;
  private wakeTimer: NodeJS.Timeout | null = null;
  /** Round trip of a reservation, smoothed: grants start no earlier than a reply can arrive. */
  private roundTripMs = 25;
  private failuresInRow = 0;
  private lastShare = 1;
  /** The API said 429 and to come back then: turns granted before it are not used. */
  private heldUntil = 0;
  /** Turns given up because this process woke too late to use them (for the benchmark). */
  lateTurns = 0;
  private lateWarnedAt = 0;
  private lateTurnsWarned = 0;

  constructor(private readonly opts: ClusterRequestPacerOptions) {}

  turn(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null;
      const onAbort = (): void => {
        if (timer) clearTimeout(timer);
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        grant: (sendAt) => {
          timer = setTimeout(() => {
            timer = null;
            // A busy event loop woke us late (sent now, this request could crowd the next second), or the
            // API said 429 since this turn was granted: either way it takes a new turn.
            if (Date.now() - sendAt > this.opts.limits.marginMs || sendAt < this.heldUntil) {
              if (sendAt >= this.heldUntil) this.noteLateTurn();
              this.waiting.unshift(waiter);
              this.pump();
              return;
            }
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }, Math.max(0, sendAt - Date.now()));
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.pump();
    });
  }

  /** One warning a minute at most: turns lost to late wake-ups mean this process's event loop is too busy for the rate. */
  private noteLateTurn(): void {
    this.lateTurns += 1;
    const now = Date.now();
    if (now - this.lateWarnedAt < 60_000) return;
    this.opts.logger.warn({ api: this.opts.api, lateTurns: this.lateTurns - this.lateTurnsWarned }, 'request turns given up: this process woke too late to use them (busy event loop); the rate is not fully used');
    this.lateWarnedAt = now;
    this.lateTurnsWarned = this.lateTurns;
  }

  rateLimited(retryAfterMs: number): void {
    const retryAt = Date.now() + retryAfterMs;
    // Turns this process holds already are given back; the gate grants nothing before retryAt.
    this.heldUntil = Math.max(this.heldUntil, retryAt);
    this.spare = [];
    this.opts.client.workflow
      .getHandle(apiRequestGateWorkflowId(this.opts.queue, this.opts.api))
      .signal(apiRateLimitedSignal, { retryAt })
      .catch((err: unknown) => this.opts.logger.warn({ api: this.opts.api, err: messageOf(err) }, 'could not tell the request gate about a 429; this process holds back alone'));
  }

  private pump(): void {
    const now = Date.now();
    this.spare = this.spare.filter((t) => t >= now - this.opts.limits.marginMs);
    while (this.waiting.length > 0 && this.spare.length > 0) this.waiting.shift()!.grant(this.spare.shift()!);
    if (this.waiting.length === 0 || this.reserving || this.wakeTimer) return;
    // Book at most about a second ahead, so processes share the rate instead of one holding it.
    const ahead = this.bookedUntil - now - BOOK_AHEAD_MS;
    if (ahead > 0) {
      this.wakeTimer = setTimeout(() => {
        this.wakeTimer = null;
        this.pump();
      }, ahead);
      return;
    }
    void this.reserve(Math.min(this.waiting.length, MAX_SLOTS_PER_RESERVATION, Math.max(1, Math.floor(2 * this.opts.limits.perSecond))));
  }

  private async reserve(count: number): Promise<void> {
    this.reserving = true;
    const started = Date.now();
    try {
      const wanted = { count, earliest: started + this.roundTripMs, limits: this.opts.limits };
      const input: ApiRequestGateInput = { api: this.opts.api };
      const granted = await this.opts.client.workflow.executeUpdateWithStart(reserveRequestSlotsUpdate, {
        args: [wanted],
        startWorkflowOperation: new WithStartWorkflowOperation(apiRequestGate, {
          workflowId: apiRequestGateWorkflowId(this.opts.queue, this.opts.api),
          taskQueue: this.opts.queue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          staticSummary: `Request gate for ${this.opts.api}: send times for every worker process`,
        }),
      });
      this.roundTripMs = 0.8 * this.roundTripMs + 0.2 * (Date.now() - started);
      if (this.failuresInRow > 0) this.opts.logger.info({ api: this.opts.api }, 'request gate answering again');
      this.failuresInRow = 0;
      if (granted.share !== this.lastShare) {
        this.opts.logger.info({ api: this.opts.api, share: Number(granted.share.toFixed(2)) }, granted.share < 1 ? 'API said 429: requests paced below the configured rate' : 'requests back at the configured rate');
        this.lastShare = granted.share;
      }
      this.bookedUntil = Math.max(this.bookedUntil, ...granted.sendAt);
      this.spare.push(...granted.sendAt);
    } catch (err) {
      // Requests wait (their activities' timeouts and cancellation still apply) while the gate is unreachable.
      this.failuresInRow += 1;
      this.opts.logger.warn({ api: this.opts.api, attempt: this.failuresInRow, err: messageOf(err) }, 'request gate did not answer; requests wait and the reservation is retried');
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** Math.min(this.failuresInRow, 5))));
    } finally {
      this.reserving = false;
    }
    this.pump();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface PacedApi {
  api: string;
  /** The API client's request slots (REST and SOAP of one API share them). */
  slots: { usePacer(pacer: RequestPacer | null): void };
  /** Its OAuth token provider: token requests count against the rate too. */
  tokens?: { paceFetches(turn: ((signal: AbortSignal) => Promise<void>) | null): void };
  limits: RequestLimits;
}

/** Makes every request of these APIs wait for its send time from the API's gate run. */
export function paceRequestsAcrossCluster(client: Client, queue: string, logger: Logger, apis: PacedApi[]): void {
  for (const { api, slots, tokens, limits } of apis) {
    const pacer = new ClusterRequestPacer({ client, api, queue, limits, logger: logger.child({ api }) });
    slots.usePacer(pacer);
    tokens?.paceFetches((signal) => pacer.turn(signal));
  }
}
