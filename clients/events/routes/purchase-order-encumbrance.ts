// Route: a Coupa PO issued, revised, closed or cancelled → purchaseOrderEncumbrance by signal-with-start of purchaseOrderChanged (contract in contracts.md).
import { BusinessProcessKey, CoupaDocumentIdKey, SyncStateKey } from '../../../workflows/sync-state';
import type { EventRoute } from '../route';

export const PURCHASE_ORDER_ENCUMBRANCE_TYPE = 'purchaseOrderEncumbrance';
export const PURCHASE_ORDER_CHANGED_SIGNAL = 'purchaseOrderChanged';
export const purchaseOrderEncumbranceWorkflowId = (coupaPoId: string): string => `po-encumbrance/${coupaPoId}`;

export const purchaseOrderEncumbranceRoute: EventRoute = {
  process: 'purchase-order-encumbrance',
  kinds: ['purchase-order.changed'],
  workflowIdFor: (event) => purchaseOrderEncumbranceWorkflowId('coupaPoId' in event ? event.coupaPoId : ''),
  keyHelp: 'Coupa purchase order id',
  // By hand: a nudge; the run re-reads the PO from Coupa, so version and status here are only for the audit trail.
  eventForKey: (key) => ({ kind: 'purchase-order.changed', coupaPoId: key, version: 0, status: 'manual', observedAt: new Date().toISOString() }),
  async start(client, queues, event) {
    if (event.kind !== 'purchase-order.changed') throw new Error(`purchase-order-encumbrance does not take ${event.kind}`);
    const workflowId = purchaseOrderEncumbranceWorkflowId(event.coupaPoId);
    const handle = await client.workflow.signalWithStart(PURCHASE_ORDER_ENCUMBRANCE_TYPE, {
      workflowId,
      taskQueue: queues.TASK_QUEUE_WORKFLOWS,
      args: [{ coupaPoId: event.coupaPoId }],
      signal: PURCHASE_ORDER_CHANGED_SIGNAL,
      signalArgs: [{ coupaPoId: event.coupaPoId, version: event.version, status: event.status, observedAt: event.observedAt }],
      staticSummary: `PO encumbrance: Coupa purchase order ${event.coupaPoId} → Workday obligation`,
      typedSearchAttributes: [
        { key: BusinessProcessKey, value: 'purchase-order-encumbrance' },
        { key: CoupaDocumentIdKey, value: event.coupaPoId },
        { key: SyncStateKey, value: 'running' },
      ],
    });
    return { workflowId, runId: handle.signaledRunId };
  },
};
