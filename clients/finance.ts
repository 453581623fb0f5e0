// Starting invoice postings and signalling PO events: used by the CLI, the demo and (at merge) the event ingress and pollers.
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { invoicePosting, invoicePostingWorkflowId, INVOICE_POSTING, type InvoicePostingInput } from '../workflows/invoice-posting';
import {
  purchaseOrderChangedSignal,
  purchaseOrderEncumbrance,
  purchaseOrderEncumbranceWorkflowId,
  PURCHASE_ORDER_ENCUMBRANCE,
  type PurchaseOrderChange,
} from '../workflows/purchase-order-encumbrance';
import { BusinessProcessKey, CoupaDocumentIdKey, SyncStateKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';

const COUPA_ID = /^\d{1,12}$/;

function assertCoupaId(id: string, what: string): void {
  if (!COUPA_ID.test(id)) throw new Error(`"${id}" is not a Coupa ${what} id (digits only)`);
}

/**
 * Starts the posting of one approved invoice. Started, not signalled: a duplicate start while a run is open
 * is ignored (the open run is returned), and a start after it finished runs again, which finds the journal
 * in Workday and posts nothing twice.
 */
export async function requestInvoicePosting(
  client: Client,
  queues: QueueConfig,
  coupaInvoiceId: string,
  trigger: InvoicePostingInput['trigger'] = 'manual',
): Promise<{ handle: WorkflowHandle<typeof invoicePosting>; started: boolean }> {
  assertCoupaId(coupaInvoiceId, 'invoice');
  const workflowId = invoicePostingWorkflowId(coupaInvoiceId);
  try {
    const handle = await client.workflow.start(invoicePosting, {
      workflowId,
      taskQueue: queues.TASK_QUEUE_WORKFLOWS,
      args: [{ coupaInvoiceId, trigger }],
      staticSummary: `Invoice posting: Coupa invoice ${coupaInvoiceId} → Workday (${trigger})`,
      typedSearchAttributes: [
        { key: BusinessProcessKey, value: INVOICE_POSTING },
        { key: CoupaDocumentIdKey, value: coupaInvoiceId },
        { key: SyncStateKey, value: 'running' },
      ],
    });
    return { handle, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { handle: client.workflow.getHandle(workflowId), started: false };
    throw err;
  }
}

/** Delivers a PO event to the PO's encumbrance run, starting it when there is none (signal-with-start). */
export async function signalPurchaseOrderChanged(client: Client, queues: QueueConfig, change: PurchaseOrderChange) {
  assertCoupaId(change.coupaPoId, 'purchase order');
  return client.workflow.signalWithStart(purchaseOrderEncumbrance, {
    workflowId: purchaseOrderEncumbranceWorkflowId(change.coupaPoId),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ coupaPoId: change.coupaPoId }],
    staticSummary: `PO encumbrance: Coupa PO ${change.coupaPoId} → Workday obligations`,
    signal: purchaseOrderChangedSignal,
    signalArgs: [change],
    typedSearchAttributes: [
      { key: BusinessProcessKey, value: PURCHASE_ORDER_ENCUMBRANCE },
      { key: CoupaDocumentIdKey, value: change.coupaPoId },
      { key: SyncStateKey, value: 'running' },
    ],
  });
}
