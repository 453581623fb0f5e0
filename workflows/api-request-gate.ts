// apiRequestGate: one long-lived run per API that hands out send times to every worker process, so the API's request rate (with burst) holds across the whole cluster to the request, and a 429 slows every process down, not only the one that met it.
import { allHandlersFinished, condition, continueAsNew, defineQuery, defineSignal, defineUpdate, setHandler, workflowInfo } from '@temporalio/workflow';
import { emptySchedule, grantSendTimes, holdUntil, type RequestLimits, type RequestSchedule } from './request-schedule';


export interface ApiRequestGateInput {
  api: string;
  /** Carried over by continue-as-new. */
  carried?: { schedule: RequestSchedule; slowdown: Slowdown };
}

/** After a 429 the gate grants at a lower share of the rate, and climbs back while no 429 comes. */
interface Slowdown {
  share: number;
  since: number;
}

export interface RequestSlotsWanted {
  count: number;
  /** The caller's clock, plus the time a reply takes to reach it: no slot before the caller can use it. */
  earliest: number;
  limits: RequestLimits;
}

export interface RequestSlotsGranted {
  sendAt: number[];
  /** Share of the configured rate granted now (1 = all of it; lower after a 429). */
  share: number;
}

export interface RequestGateState {
  api: string;
  heldUntil: number;
  share: number;
  granted: number;
}

export const reserveRequestSlotsUpdate = defineUpdate<RequestSlotsGranted, [RequestSlotsWanted]>('reserveRequestSlots');
export const apiRateLimitedSignal = defineSignal<[{ retryAt: number }]>('apiRateLimited');
export const requestGateStateQuery = defineQuery<RequestGateState>('gateState');

const MAX_SLOTS_PER_RESERVATION = 100;
/** Multiplicative decrease per 429 episode, additive recovery while none comes (as TCP finds a link's rate). */
const SLOWEST_SHARE = 0.05;
const SLOWDOWN_STEP = 0.6;
const RECOVERY_PER_SECOND = 0.02;
const UPDATES_PER_RUN = 2000;

export async function apiRequestGate(input: ApiRequestGateInput): Promise<void> {
  const schedule = input.carried?.schedule ?? emptySchedule();
  const slowdown: Slowdown = input.carried?.slowdown ?? { share: 1, since: 0 };
  let granted = 0;
  let updates = 0;

  const currentShare = (now: number): number => Math.min(1, slowdown.share + (Math.max(0, now - slowdown.since) / 1000) * RECOVERY_PER_SECOND);

  setHandler(requestGateStateQuery, () => ({ api: input.api, heldUntil: schedule.heldUntil, share: currentShare(Date.now()), granted }));
  setHandler(apiRateLimitedSignal, ({ retryAt }) => {
    const now = Date.now();
    // 429s for requests sent before the last hold answer the same overshoot: one step down per hold.
    if (now >= schedule.heldUntil) {
      slowdown.share = Math.max(SLOWEST_SHARE, currentShare(now) * SLOWDOWN_STEP);
      slowdown.since = now;
    }
    holdUntil(schedule, retryAt);
  });
  setHandler(
    reserveRequestSlotsUpdate,
    ({ count, earliest, limits }) => {
      updates += 1;
      const share = currentShare(Math.max(Date.now(), earliest));
      const sendAt = grantSendTimes(schedule, { ...limits, perSecond: limits.perSecond * share, burst: Math.max(1, limits.burst * share) }, count, Math.max(earliest, Date.now()));
      granted += sendAt.length;
      return { sendAt, share };
    },
    {
      validator: ({ count, limits }) => {
        if (!Number.isInteger(count) || count < 1 || count > MAX_SLOTS_PER_RESERVATION) throw new Error(`count must be 1..${MAX_SLOTS_PER_RESERVATION} (got ${count})`);
        if (!(limits.perSecond > 0) || !(limits.burst >= 1) || !(limits.marginMs >= 0)) throw new Error('limits need perSecond > 0, burst >= 1, marginMs >= 0');
      },
    },
  );

  // Runs for good; a fresh history now and then, with the schedule carried over.
  await condition(() => updates >= UPDATES_PER_RUN || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof apiRequestGate>({ api: input.api, carried: { schedule, slowdown } });
}
