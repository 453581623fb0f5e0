// Route: a Coupa invoice approved → invoicePosting (contract in contracts.md: started by type name, one run per invoice ever).
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { BusinessProcessKey, CoupaDocumentIdKey, SyncStateKey } from '../../../workflows/sync-state';
import type { EventRoute } from '../route';

/** Workflow type and ID of the finance helper's workflow (workflows/invoice-posting.ts), by string until it merges. */
export const INVOICE_POSTING_TYPE = 'invoicePosting';
export const invoicePostingWorkflowId = (coupaInvoiceId: string): string => `invoice-posting/${coupaInvoiceId}`;

type InvoicePostingTrigger = 'approval-event' | 'poller' | 'manual' | 'backfill';

export const invoicePostingRoute: EventRoute = {
  process: 'invoice-posting',
  kinds: ['invoice.approved'],
  workflowIdFor: (event) => invoicePostingWorkflowId('coupaInvoiceId' in event ? event.coupaInvoiceId : ''),
  keyHelp: 'Coupa invoice id',
  eventForKey: (key) => ({ kind: 'invoice.approved', coupaInvoiceId: key }),
  async start(client, queues, event) {
    if (event.kind !== 'invoice.approved') throw new Error(`invoice-posting does not take ${event.kind}`);
    const trigger: InvoicePostingTrigger = event.source === 'poller' ? 'poller' : event.source === 'backfill' ? 'backfill' : event.source === 'manual' ? 'manual' : 'approval-event';
    const workflowId = invoicePostingWorkflowId(event.coupaInvoiceId);
    try {
      const handle = await client.workflow.start(INVOICE_POSTING_TYPE, {
        workflowId,
        taskQueue: queues.TASK_QUEUE_WORKFLOWS,
        args: [{ coupaInvoiceId: event.coupaInvoiceId, trigger }],
        // An invoice is posted once, ever: a late duplicate (webhook and poller both) must not post it again.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        staticSummary: `Invoice posting: Coupa invoice ${event.coupaInvoiceId} → Workday (${trigger})`,
        typedSearchAttributes: [
          { key: BusinessProcessKey, value: 'invoice-posting' },
          { key: CoupaDocumentIdKey, value: event.coupaInvoiceId },
          { key: SyncStateKey, value: 'running' },
        ],
      });
      return { workflowId, runId: handle.firstExecutionRunId };
    } catch (err) {
      // Already there (running or done): the contract's "duplicate start is ignored".
      if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, runId: null, duplicate: true };
      throw err;
    }
  },
};
