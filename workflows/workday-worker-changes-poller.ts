// workdayWorkerChangesPoll: one poll of Workday's transaction log (entry and effective windows) on a Temporal Schedule; hires, job changes and terminations become events for their processes, exactly once.
import { continueAsNew, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ConfigActivities, WorkerChange, WorkerChangePage, WorkerChangeWindow, DeliveryReport } from '../activities';
import type { BusinessEvent } from '../clients/events/events';
import { BusinessProcessKey, SyncTracker, parkingFor } from './sync-state';
import { apiActivities, currentRunSettings, retryPolicy } from './activity-options';

export const WORKDAY_WORKER_CHANGES_POLLER = 'workday-worker-changes-poller';
export const workdayWorkerChangesPollerWorkflowId = (): string => `poller/${WORKDAY_WORKER_CHANGES_POLLER}`;

/**
 * Where the poller is: kept in the pollerCursor workflow (poller-cursor/workday-worker-changes-poller),
 * read at the start of each poll and advanced at its end, so it survives worker restarts, pauses and outages.
 */
export interface WorkdayWorkerCursor {
  /** Entries entered up to here are handled (ISO). The next window starts `overlapSeconds` before it. */
  updatedThrough: string;
  /** Hires and job changes effective up to this day (YYYY-MM-DD) that were entered ahead of it are handled. */
  effectiveThrough: string;
  /** Keys handled whose entry falls inside the overlap: [key, entry epoch ms]. A boundary entry is neither lost nor applied twice. */
  recent: Array<[string, number]>;
}

export interface WorkdayWorkerChangesPollInput {
  /** The first cursor, when the schedule has no earlier run (the install time): nothing before it is polled (that is a backfill). */
  since?: string;
  /** How far each entry window reaches back before the cursor (default 120 s): entries committed late are still seen. */
  overlapSeconds?: number;
  /** Workers per Get_Workers page (default the client's). */
  pageSize?: number;
  /** Set by continue-as-new: the cursor so far and what this poll delivered. */
  carried?: { cursor: WorkdayWorkerCursor; delivered: number };
}

export interface WorkdayWorkerChangesPollResult {
  cursor: WorkdayWorkerCursor;
  /** Events handed to processes by this poll (over its continued runs). */
  delivered: number;
}

const DEFAULT_OVERLAP_SECONDS = 120;
/** Events per delivery activity: each is one start or signal-with-start. */
const DELIVERY_BATCH = 25;

/** Starting runs is talking to Temporal: a batch heartbeats per event, so a worker that died mid-batch is noticed in seconds. */
const deliveryActivities = (summary: string) =>
  proxyActivities<ConfigActivities>({ summary, startToCloseTimeout: '2 minutes', heartbeatTimeout: '10 seconds', scheduleToCloseTimeout: '1 hour', retry: retryPolicy });

const DAY_MS = 86_400_000;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const nextDay = (day: string): string => dayOf(Date.parse(`${day}T00:00:00Z`) + DAY_MS);

type Kind = 'worker.hired' | 'worker.job-changed' | 'worker.terminated';
const KIND_BY_TYPE: Record<string, Kind> = { 'Hire Employee': 'worker.hired', 'Change Job': 'worker.job-changed', 'Terminate Employee': 'worker.terminated' };

function isCursor(value: unknown): value is WorkdayWorkerCursor {
  const c = value as Partial<WorkdayWorkerCursor> | null;
  return typeof c?.updatedThrough === 'string' && typeof c.effectiveThrough === 'string' && Array.isArray(c.recent);
}

export async function workdayWorkerChangesPoll(input: WorkdayWorkerChangesPollInput = {}): Promise<WorkdayWorkerChangesPollResult> {
  const tracker = new SyncTracker(WORKDAY_WORKER_CHANGES_POLLER, 'all');
  upsertSearchAttributes([{ key: BusinessProcessKey, value: WORKDAY_WORKER_CHANGES_POLLER }]);
  const overlapMs = (input.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000;
  const startedAt = Date.now();
  const since = input.since ?? new Date(startedAt).toISOString();
  const initial: WorkdayWorkerCursor = { updatedThrough: since, effectiveThrough: dayOf(Date.parse(since)), recent: [] };
  const stored = input.carried?.cursor ?? (await deliveryActivities('Read the poller cursor').loadPollerCursor({ poller: WORKDAY_WORKER_CHANGES_POLLER, initial }));
  const cursor: WorkdayWorkerCursor = isCursor(stored) ? stored : initial;
  let delivered = input.carried?.delivered ?? 0;
  const seen = new Map(cursor.recent);

  const settings = await currentRunSettings();
  const { workday } = apiActivities(settings);

  /** Runs a step; a cause a person must fix parks the poll (the schedule skips meanwhile); skip ends this poll with the cursor where it was. */
  async function step<T>(name: string, run: () => Promise<T>): Promise<T | 'skipped'> {
    tracker.step(name);
    for (;;) {
      try {
        return await run();
      } catch (err) {
        const parking = parkingFor(err);
        if (!parking) throw err;
        if ((await tracker.park(parking)) === 'skip') return 'skipped';
      }
    }
  }

  async function readWindow(window: WorkerChangeWindow, what: string): Promise<WorkerChange[] | 'skipped'> {
    const changes: WorkerChange[] = [];
    let page: number | null = 1;
    while (page !== null) {
      const current: number = page;
      const read: WorkerChangePage | 'skipped' = await step(`reading ${what}, page ${current}`, () => workday(`Get_Workers transaction log, ${what}, page ${current}`).readWorkdayWorkerChangesPage({ window, page: current }));
      if (read === 'skipped') return read;
      changes.push(...read.items);
      page = read.nextPage;
    }
    return changes;
  }

  async function deliver(events: BusinessEvent[]): Promise<'skipped' | void> {
    for (let i = 0; i < events.length; i += DELIVERY_BATCH) {
      const batch = events.slice(i, i + DELIVERY_BATCH);
      const report: DeliveryReport | 'skipped' = await step(`starting ${events.length} runs`, () =>
        deliveryActivities(`Start or signal ${batch.length} runs`).deliverBusinessEvents(batch),
      );
      if (report === 'skipped') return report;
      for (const refused of report.refused) tracker.warn(`event ${refused.eventId} refused: ${refused.reason}`);
      delivered += report.delivered.length;
    }
  }

  const finish = (outcome: string, state: 'done' | 'skipped' = 'done'): WorkdayWorkerChangesPollResult => {
    tracker.finish(outcome, state);
    return { cursor, delivered };
  };

  // 1. Entry window: everything entered since the cursor (minus the overlap), as of one moment.
  const now = Date.now();
  const asOfEntry = new Date(now).toISOString();
  const today = dayOf(now);
  const entered = await readWindow({ updatedFrom: new Date(Date.parse(cursor.updatedThrough) - overlapMs).toISOString(), updatedThrough: asOfEntry, asOfEntry, ...(input.pageSize ? { pageSize: input.pageSize } : {}) }, 'entries since the cursor');
  if (entered === 'skipped') return finish('skipped: entry window not read', 'skipped');
  const events: BusinessEvent[] = [];
  const handledNow: Array<[string, number]> = [];
  for (const change of entered) {
    const kind = KIND_BY_TYPE[change.transactionType];
    // A rescinded entry (or the rescind itself) is no change to apply; a correction is (the run re-reads the date).
    if (!kind || change.rescinded || seen.has(change.transactionWid)) continue;
    handledNow.push([change.transactionWid, Date.parse(change.entryMoment)]);
    // A future-dated hire or job change waits for its day (the effective window below); a termination's run waits durably by itself.
    if (kind !== 'worker.terminated' && change.effectiveDate > today) continue;
    events.push({ kind, employeeId: change.employeeId, eventId: `workday-log:${change.transactionWid}`, source: 'poller' });
  }

  // 2. Effective window: future-dated hires and job changes whose day has come since the last poll.
  const effectiveFrom = nextDay(cursor.effectiveThrough);
  if (effectiveFrom <= today) {
    const effective = await readWindow(
      { effectiveFrom, effectiveThrough: today, transactionTypes: ['Hire Employee', 'Change Job'], asOfEntry, ...(input.pageSize ? { pageSize: input.pageSize } : {}) },
      `changes effective ${effectiveFrom} to ${today}`,
    );
    if (effective === 'skipped') return finish('skipped: effective window not read', 'skipped');
    for (const change of effective) {
      const kind = KIND_BY_TYPE[change.transactionType];
      // Only what was entered before its day was held back above; the rest was applied when entered.
      if (!kind || change.rescinded || change.entryMoment.slice(0, 10) >= change.effectiveDate) continue;
      events.push({ kind, employeeId: change.employeeId, eventId: `workday-log:${change.transactionWid}@effective`, source: 'poller' });
    }
  }

  if ((await deliver(events)) === 'skipped') return finish('skipped: runs not started', 'skipped');

  // 3. Move the cursor: keys inside the next overlap stay, older ones can no longer come back.
  for (const [key, at] of handledNow) seen.set(key, at);
  const keepFrom = now - overlapMs;
  cursor.updatedThrough = asOfEntry;
  cursor.effectiveThrough = today > cursor.effectiveThrough ? today : cursor.effectiveThrough;
  cursor.recent = [...seen].filter(([, at]) => at >= keepFrom);

  // Kept in the cursor workflow: the next poll (of this schedule, after a pause, on another worker) goes on from here.
  await deliveryActivities('Advance the poller cursor').savePollerCursor({ poller: WORKDAY_WORKER_CHANGES_POLLER, cursor });

  // A long catch-up keeps each run's history small: the next run goes on from this cursor.
  if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof workdayWorkerChangesPoll>({ ...input, carried: { cursor, delivered } });
  return finish(`${events.length} changes handed on since ${new Date(startedAt - overlapMs).toISOString().slice(0, 19)}Z`);
}
