// coupaApprovedInvoicesPoll: one poll of Coupa's approved invoices on a Temporal Schedule (export flag, or updated-at with overlap); each becomes invoicePosting's start, exactly once.
import { continueAsNew, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ConfigActivities, DeliveryReport } from '../activities';
import type { BusinessEvent } from '../clients/events/events';
import type { CoupaChangeQuery, DocumentStamp } from '../connectors/coupa/change-detection';
import { BusinessProcessKey, SyncTracker, parkingFor } from './sync-state';
import { apiActivities, currentRunSettings, retryPolicy } from './activity-options';

export const COUPA_INVOICE_APPROVALS_POLLER = 'coupa-invoice-approvals-poller';
export const coupaInvoiceApprovalsPollerWorkflowId = (): string => `poller/${COUPA_INVOICE_APPROVALS_POLLER}`;

export interface CoupaInvoiceCursor {
  /** Watermark mode: invoices updated after this (ISO), minus the overlap, are read. */
  updatedAfter: string;
  /** Invoice ids handed on whose stamp is inside the overlap (watermark) or still unexported (export flag): [id, updated-at ms]. */
  recent: Array<[string, number]>;
}

export interface CoupaInvoiceApprovalsPollInput {
  /**
   * `exported-flag` (default, the reference's ERP pattern): `exported=false&status=approved`, read from
   * offset 0 every poll, since marking (done by the payment process) shrinks the set while paging.
   * `watermark`: `status=approved&updated-at[gt]=cursor − overlap`.
   */
  mode?: 'exported-flag' | 'watermark';
  since?: string;
  overlapSeconds?: number;
  carried?: { cursor: CoupaInvoiceCursor; delivered: number };
}

const DEFAULT_OVERLAP_SECONDS = 120;
const DELIVERY_BATCH = 25;
const delivery = (summary: string) =>
  proxyActivities<ConfigActivities>({ summary, startToCloseTimeout: '2 minutes', heartbeatTimeout: '10 seconds', scheduleToCloseTimeout: '1 hour', retry: retryPolicy });

function isCursor(value: unknown): value is CoupaInvoiceCursor {
  const c = value as Partial<CoupaInvoiceCursor> | null;
  return typeof c?.updatedAfter === 'string' && Array.isArray(c.recent);
}

export async function coupaApprovedInvoicesPoll(input: CoupaInvoiceApprovalsPollInput = {}): Promise<{ cursor: CoupaInvoiceCursor; delivered: number }> {
  const tracker = new SyncTracker(COUPA_INVOICE_APPROVALS_POLLER, 'all');
  upsertSearchAttributes([{ key: BusinessProcessKey, value: COUPA_INVOICE_APPROVALS_POLLER }]);
  const mode = input.mode ?? 'exported-flag';
  const overlapMs = (input.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000;
  const now = Date.now();
  const initial: CoupaInvoiceCursor = { updatedAfter: input.since ?? new Date(now).toISOString(), recent: [] };
  const stored = input.carried?.cursor ?? (await delivery('Read the poller cursor').loadPollerCursor({ poller: COUPA_INVOICE_APPROVALS_POLLER, initial }));
  const cursor = isCursor(stored) ? stored : initial;
  let delivered = input.carried?.delivered ?? 0;
  const seen = new Map(cursor.recent);
  const { coupa } = apiActivities(await currentRunSettings());

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

  const query: CoupaChangeQuery =
    mode === 'exported-flag'
      ? { mode, status: 'approved' }
      : { mode, status: 'approved', updatedAfter: new Date(Date.parse(cursor.updatedAfter) - overlapMs).toISOString() };
  // Always from offset 0: with the export flag the set shrinks as invoices are marked, so an offset would skip rows.
  const found: DocumentStamp[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const current: number = offset;
    const page = await step(`reading approved invoices from ${current}`, () => coupa(`approved invoices (${mode}), offset ${current}`).readCoupaInvoiceChangesPage({ query, offset: current }));
    if (page === 'skipped') {
      tracker.finish('skipped: invoices not read', 'skipped');
      return { cursor, delivered };
    }
    found.push(...page.items);
    offset = page.nextOffset;
  }

  const events: BusinessEvent[] = [];
  let newest = Date.parse(cursor.updatedAfter);
  for (const invoice of found) {
    const id = String(invoice.id);
    const stamp = invoice['updated-at'] ? Date.parse(invoice['updated-at']) : now;
    newest = Math.max(newest, stamp);
    if (invoice.status !== 'approved' || seen.has(id)) continue;
    seen.set(id, stamp);
    events.push({ kind: 'invoice.approved', coupaInvoiceId: id, eventId: `coupa-poll:invoice:${id}`, source: 'poller' });
  }
  for (let i = 0; i < events.length; i += DELIVERY_BATCH) {
    const batch = events.slice(i, i + DELIVERY_BATCH);
    const report: DeliveryReport | 'skipped' = await step(`starting ${events.length} invoice postings`, () => delivery(`Start ${batch.length} invoice postings`).deliverBusinessEvents(batch));
    if (report === 'skipped') {
      tracker.finish('skipped: runs not started', 'skipped');
      return { cursor, delivered };
    }
    delivered += report.delivered.length;
    for (const refused of report.refused) tracker.warn(`event ${refused.eventId} refused: ${refused.reason}`);
  }

  cursor.updatedAfter = new Date(newest).toISOString();
  // Export flag: an id stays remembered while it is still unexported (one posting per invoice); watermark: while inside the overlap.
  const stillListed = new Set(found.map((f) => String(f.id)));
  cursor.recent = [...seen].filter(([id, at]) => (mode === 'exported-flag' ? stillListed.has(id) : at >= newest - overlapMs));
  await delivery('Advance the poller cursor').savePollerCursor({ poller: COUPA_INVOICE_APPROVALS_POLLER, cursor });
  if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof coupaApprovedInvoicesPoll>({ ...input, carried: { cursor, delivered } });
  tracker.finish(`${events.length} approved invoices handed to invoice posting`);
  return { cursor, delivered };
}
