// coupaPurchaseOrderChangesPoll: one poll of Coupa POs issued, closed or cancelled since the cursor (updated-at[gt] with overlap) on a Temporal Schedule; each change nudges purchaseOrderEncumbrance once.
import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { ConfigActivities, DeliveryReport } from '../activities';
import type { BusinessEvent } from '../clients/events/events';
import type { DocumentStamp } from '../connectors/coupa/change-detection';
import { BusinessProcessKey, SyncTracker, parkingFor } from './sync-state';
import { apiActivities, currentRunSettings, retryPolicy } from './activity-options';

export const COUPA_PURCHASE_ORDER_CHANGES_POLLER = 'coupa-purchase-order-changes-poller';
export const coupaPurchaseOrderChangesPollerWorkflowId = (): string => `poller/${COUPA_PURCHASE_ORDER_CHANGES_POLLER}`;

/** The reference's PO export statuses: what changes an encumbrance. */
export const ENCUMBRANCE_PO_STATUSES = 'issued,closed,soft_closed,cancelled';

export interface CoupaPurchaseOrderCursor {
  updatedAfter: string;
  /** `id:version:status` handed on with its updated-at (ms), kept while inside the overlap. */
  recent: Array<[string, number]>;
}

export interface CoupaPurchaseOrderChangesPollInput {
  since?: string;
  overlapSeconds?: number;
}

const delivery = (summary: string) =>
  proxyActivities<ConfigActivities>({ summary, startToCloseTimeout: '2 minutes', heartbeatTimeout: '10 seconds', scheduleToCloseTimeout: '1 hour', retry: retryPolicy });

export async function coupaPurchaseOrderChangesPoll(input: CoupaPurchaseOrderChangesPollInput = {}): Promise<{ cursor: CoupaPurchaseOrderCursor; delivered: number }> {
  const tracker = new SyncTracker(COUPA_PURCHASE_ORDER_CHANGES_POLLER, 'all');
  upsertSearchAttributes([{ key: BusinessProcessKey, value: COUPA_PURCHASE_ORDER_CHANGES_POLLER }]);
  const overlapMs = (input.overlapSeconds ?? 120) * 1000;
  const now = Date.now();
  const initial: CoupaPurchaseOrderCursor = { updatedAfter: input.since ?? new Date(now).toISOString(), recent: [] };
  const stored = (await delivery('Read the poller cursor').loadPollerCursor({ poller: COUPA_PURCHASE_ORDER_CHANGES_POLLER, initial })) as Partial<CoupaPurchaseOrderCursor> | null;
  const cursor: CoupaPurchaseOrderCursor = typeof stored?.updatedAfter === 'string' && Array.isArray(stored.recent) ? (stored as CoupaPurchaseOrderCursor) : initial;
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

  const query = { mode: 'watermark' as const, status: ENCUMBRANCE_PO_STATUSES, updatedAfter: new Date(Date.parse(cursor.updatedAfter) - overlapMs).toISOString() };
  const found: DocumentStamp[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const current: number = offset;
    const page = await step(`reading changed purchase orders from ${current}`, () => coupa(`purchase orders updated since the cursor, offset ${current}`).readCoupaPurchaseOrderChangesPage({ query, offset: current }));
    if (page === 'skipped') {
      tracker.finish('skipped: purchase orders not read', 'skipped');
      return { cursor, delivered: 0 };
    }
    found.push(...page.items);
    offset = page.nextOffset;
  }

  const events: BusinessEvent[] = [];
  let newest = Date.parse(cursor.updatedAfter);
  for (const po of found) {
    const stampText = po['updated-at'] ?? new Date(now).toISOString();
    const stamp = Date.parse(stampText);
    newest = Math.max(newest, stamp);
    const key = `${po.id}:${po.version ?? 0}:${po.status ?? ''}`;
    if (!po.status || seen.has(key)) continue;
    seen.set(key, stamp);
    events.push({ kind: 'purchase-order.changed', coupaPoId: String(po.id), version: po.version ?? 0, status: po.status, observedAt: new Date(stamp).toISOString(), eventId: `coupa-poll:po:${key}`, source: 'poller' });
  }
  let delivered = 0;
  for (let i = 0; i < events.length; i += 25) {
    const batch = events.slice(i, i + 25);
    const report: DeliveryReport | 'skipped' = await step('nudging encumbrance runs', () => delivery(`Signal ${batch.length} encumbrance runs`).deliverBusinessEvents(batch));
    if (report === 'skipped') {
      tracker.finish('skipped: runs not signalled', 'skipped');
      return { cursor, delivered };
    }
    delivered += report.delivered.length;
  }
  cursor.updatedAfter = new Date(newest).toISOString();
  cursor.recent = [...seen].filter(([, at]) => at >= newest - overlapMs);
  await delivery('Advance the poller cursor').savePollerCursor({ poller: COUPA_PURCHASE_ORDER_CHANGES_POLLER, cursor });
  tracker.finish(`${events.length} purchase order changes handed to encumbrance`);
  return { cursor, delivered };
}
