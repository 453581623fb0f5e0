// invoicePosting: an approved Coupa invoice reaches Workday once, in its company's mode: an accrual journal (journal mode) or a hand-over to invoiceToPayment (supplier-invoice mode); then Coupa marks it exported.
import { ParentClosePolicy, startChild, upsertSearchAttributes } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { InvoicePostingPlan } from '../mapping/finance';
import { BusinessProcessKey, CoupaDocumentIdKey, SyncTracker, parkingFor, type Parking, type ProcessStatus } from './sync-state';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';

export const INVOICE_POSTING = 'invoice-posting';
export const invoicePostingWorkflowId = (coupaInvoiceId: string): string => `${INVOICE_POSTING}/${coupaInvoiceId}`;

/** The payment helper's workflow (workflows/invoice-to-payment.ts), started by type name: the contract in contracts.md. */
export const INVOICE_TO_PAYMENT_TYPE = 'invoiceToPayment';
import { invoicePaymentWorkflowId } from './invoice-to-payment';

/** How Coupa integration history names this integration. */
export const INTEGRATION_CODE = 'coupa-workday-sync/invoice-posting';

export interface InvoicePostingInput {
  coupaInvoiceId: string;
  trigger: 'approval-event' | 'poller' | 'manual' | 'backfill';
}

export interface InvoicePostingResult {
  coupaInvoiceId: string;
  outcome: 'posted' | 'already-posted' | 'handed-to-payment' | 'not-approved' | 'skipped';
  mode: InvoicePostingPlan['mode'] | null;
  companyCode: string | null;
  /** Workday's journal (journal mode). */
  journal: { id: string; number: string | null; externalReferenceId: string } | null;
  status: ProcessStatus;
}

export async function invoicePosting(input: InvoicePostingInput): Promise<InvoicePostingResult> {
  const invoiceKey = input.coupaInvoiceId.trim();
  const invoiceId = Number(invoiceKey);
  const tracker = new SyncTracker(INVOICE_POSTING, invoiceKey);
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: INVOICE_POSTING },
    { key: CoupaDocumentIdKey, value: invoiceKey },
  ]);

  let mode: InvoicePostingResult['mode'] = null;
  let companyCode: string | null = null;
  let journal: InvoicePostingResult['journal'] = null;
  const finish = (outcome: InvoicePostingResult['outcome']): InvoicePostingResult => {
    tracker.finish(outcome, outcome === 'skipped' ? 'skipped' : 'done');
    return { coupaInvoiceId: invoiceKey, outcome, mode, companyCode, journal, status: tracker.status };
  };

  /** Coupa admins see the failure too: best effort, a failing write-back never hides the parking. */
  async function reportInCoupa(parking: Omit<Parking, 'whatToDo' | 'step'>): Promise<void> {
    if (!Number.isInteger(invoiceId)) return;
    try {
      const settings = await currentRunSettings();
      await apiActivities(settings)
        .coupa(`integration history of invoice ${invoiceKey}`)
        .recordCoupaIntegrationHistory({
          documentType: 'InvoiceHeader',
          documentId: invoiceId,
          status: 'error',
          code: `${parking.category}/${parking.failureType ?? 'unknown'}`,
          message: parking.reason,
          integrationCode: INTEGRATION_CODE,
        });
    } catch {
      tracker.warn('The failure could not be written to Coupa integration history; it is shown here only.');
    }
  }

  for (;;) {
    try {
      if (!Number.isInteger(invoiceId) || invoiceId <= 0) {
        tracker.warn(`"${invoiceKey}" is not a Coupa invoice id: nothing was posted.`);
        return finish('skipped');
      }
      const settings = await currentRunSettings();
      const { coupa, workday } = apiActivities(settings);

      tracker.step('reading the invoice from Coupa');
      const invoice = await coupa(`invoice ${invoiceKey}`).readCoupaInvoiceForPosting(invoiceId);
      if (invoice.status !== 'approved') {
        tracker.warn(`Coupa invoice ${invoice.invoiceNumber} is ${invoice.status}, not approved: nothing was posted.`);
        return finish('not-approved');
      }

      tracker.step('mapping the invoice lines to Workday ledger accounts and cost centers');
      const plan = await planningActivities(`plan posting of invoice ${invoice.invoiceNumber}`).planInvoicePostingFromCoupa(invoice);
      mode = plan.mode;
      companyCode = plan.companyCode;

      if (plan.mode === 'supplier-invoice') {
        // Workday does the accounting of a supplier invoice: a journal as well would count the spend twice.
        tracker.step('handing over to invoiceToPayment (supplier-invoice mode)');
        try {
          await startChild(INVOICE_TO_PAYMENT_TYPE, {
            workflowId: invoicePaymentWorkflowId(invoiceKey),
            args: [{ coupaInvoiceId: invoiceKey, companyCode: plan.companyCode }],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            staticSummary: `invoice payment ${invoiceKey}`,
          });
          tracker.recordChange({ system: 'workday', action: 'handed to invoiceToPayment', detail: `${invoicePaymentWorkflowId(invoiceKey)} (company ${plan.companyCode})` });
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          tracker.warn(`${invoicePaymentWorkflowId(invoiceKey)} was already running: not started again.`);
        }
        return finish('handed-to-payment');
      }

      tracker.step(`posting the accrual journal to Workday (${plan.journal.lines.length} lines)`);
      const posted = await workday(`accrual journal for invoice ${invoice.invoiceNumber}`).postJournalOnce(plan.journal);
      journal = { id: posted.journalId, number: posted.journalNumber, externalReferenceId: posted.externalReferenceId };
      if (posted.alreadyPosted) tracker.warn(`Workday already had journal ${posted.journalNumber ?? posted.journalId} for this invoice: nothing posted twice.`);
      else tracker.recordChange({ system: 'workday', action: 'accrual journal posted', detail: `${posted.journalNumber ?? posted.journalId} (${posted.externalReferenceId}, ${plan.journal.controlTotal} ${plan.journal.currency})` });

      if (!invoice.exported) {
        tracker.step('marking the invoice exported in Coupa');
        await coupa(`mark invoice ${invoiceKey} exported`).markCoupaInvoiceExported(invoiceId);
        tracker.recordChange({ system: 'coupa', action: 'invoice marked exported', detail: `invoice ${invoice.invoiceNumber}` });
      }
      return finish(posted.alreadyPosted ? 'already-posted' : 'posted');
    } catch (err) {
      const parking = parkingFor(err);
      if (parking === null) throw err;
      await reportInCoupa(parking);
      if ((await tracker.park(parking)) === 'skip') return finish('skipped');
      // retry: read the invoice and the mapping file again from the top
    }
  }
}
