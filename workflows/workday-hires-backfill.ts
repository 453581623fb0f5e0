// workdayHiresBackfill: every hire effective from a date until today (Get_Workers transaction log, effective window) handed to employee provisioning, page by page at the task queues' rates.
import { defineQuery, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { ConfigActivities, WorkerChangePage, DeliveryReport } from '../activities';
import type { BusinessEvent } from '../clients/events/events';
import { BusinessProcessKey, SyncTracker, parkingFor } from './sync-state';
import { apiActivities, currentRunSettings, retryPolicy } from './activity-options';

export const WORKDAY_HIRES_BACKFILL = 'workday-hires-backfill';
export const workdayHiresBackfillWorkflowId = (since: string): string => `backfill/${WORKDAY_HIRES_BACKFILL}/${since}`;

export interface WorkdayHiresBackfillInput {
  /** YYYY-MM-DD: hires effective on or after this day. */
  since: string;
  /** Workers per Get_Workers page (default the client's). */
  pageSize?: number;
}

export interface BackfillProgress {
  since: string;
  through: string;
  pagesRead: number;
  totalPages: number;
  hiresFound: number;
  delivered: number;
  done: boolean;
}

export const backfillProgressQuery = defineQuery<BackfillProgress>('progress');

const DELIVERY_BATCH = 25;
const delivery = (summary: string) =>
  proxyActivities<ConfigActivities>({ summary, startToCloseTimeout: '2 minutes', heartbeatTimeout: '10 seconds', scheduleToCloseTimeout: '1 hour', retry: retryPolicy });

export async function workdayHiresBackfill(input: WorkdayHiresBackfillInput): Promise<BackfillProgress> {
  const tracker = new SyncTracker(WORKDAY_HIRES_BACKFILL, input.since);
  upsertSearchAttributes([{ key: BusinessProcessKey, value: WORKDAY_HIRES_BACKFILL }]);
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const progress: BackfillProgress = { since: input.since, through: today, pagesRead: 0, totalPages: 0, hiresFound: 0, delivered: 0, done: false };
  setHandler(backfillProgressQuery, () => progress);
  const { workday } = apiActivities(await currentRunSettings());

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

  const window = { effectiveFrom: input.since, effectiveThrough: today, transactionTypes: ['Hire Employee'], asOfEntry: new Date(now).toISOString(), ...(input.pageSize ? { pageSize: input.pageSize } : {}) };
  const seen = new Set<string>();
  let page: number | null = input.since <= today ? 1 : null;
  while (page !== null) {
    const current: number = page;
    const read: WorkerChangePage | 'skipped' = await step(`reading hires, page ${current}`, () => workday(`Get_Workers hires effective since ${input.since}, page ${current}`).readWorkdayWorkerChangesPage({ window, page: current }));
    if (read === 'skipped') break;
    progress.pagesRead = current;
    progress.totalPages = read.totalPages;
    // Each page is handed on before the next is read: the starts go at the workflow queue's pace, the reads at Workday's.
    const events: BusinessEvent[] = [];
    for (const change of read.items) {
      if (change.transactionType !== 'Hire Employee' || change.rescinded || change.effectiveDate < input.since || change.effectiveDate > today || seen.has(change.employeeId)) continue;
      seen.add(change.employeeId);
      events.push({ kind: 'worker.hired', employeeId: change.employeeId, eventId: `backfill:${change.transactionWid}`, source: 'backfill' });
    }
    progress.hiresFound += events.length;
    for (let i = 0; i < events.length; i += DELIVERY_BATCH) {
      const batch = events.slice(i, i + DELIVERY_BATCH);
      const report: DeliveryReport | 'skipped' = await step(`starting provisioning for page ${current}`, () => delivery(`Start ${batch.length} provisioning runs`).deliverBusinessEvents(batch));
      if (report === 'skipped') break;
      progress.delivered += report.delivered.length;
      for (const refused of report.refused) tracker.warn(`event ${refused.eventId} refused: ${refused.reason}`);
    }
    page = read.nextPage;
  }
  progress.done = true;
  tracker.finish(`${progress.delivered} hires since ${input.since} handed to employee provisioning`);
  return progress;
}
