// Starting invoiceToPayment, telling it about a payment or a void, and running the payment poller now or on a Temporal Schedule.
import { randomUUID } from 'node:crypto';
import {
  WorkflowIdConflictPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
  type WorkflowHandle,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import {
  invoicePaymentWorkflowId,
  invoiceToPayment,
  invoiceVoidedSignal,
  paymentConfirmedSignal,
  INVOICE_PAYMENT,
  PaymentStateKey,
  type PaymentConfirmation,
} from '../workflows/invoice-to-payment';
import { paymentPoller, PAYMENT_POLLER, PAYMENT_POLLER_WORKFLOW_ID, type PaymentPollerInput } from '../workflows/payment-poller';
import { BusinessProcessKey, CoupaDocumentIdKey, SyncStateKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';
import { installIntervalSchedule, removeSchedule } from './interval-schedules';

export const PAYMENT_POLLER_SCHEDULE_ID = 'payment-poller-schedule';

const INVOICE_ID = /^\d{1,12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;

export function assertCoupaInvoiceId(id: string): void {
  if (!INVOICE_ID.test(id)) throw new Error(`"${id}" is not a Coupa invoice id (the numeric id in /api/invoices/{id})`);
}

/**
 * Starts the run for an approved invoice (what invoicePosting does in supplier-invoice mode). A second
 * start while it runs lands on the running one.
 */
export async function startInvoiceToPayment(client: Client, queues: QueueConfig, input: { coupaInvoiceId: string; companyCode: string }): Promise<WorkflowHandle<typeof invoiceToPayment>> {
  assertCoupaInvoiceId(input.coupaInvoiceId);
  return client.workflow.start(invoiceToPayment, {
    workflowId: invoicePaymentWorkflowId(input.coupaInvoiceId),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ coupaInvoiceId: input.coupaInvoiceId, companyCode: input.companyCode }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    staticSummary: `Invoice to payment: Coupa invoice ${input.coupaInvoiceId} → Workday supplier invoice (company ${input.companyCode}), then wait for Workday's payment`,
    typedSearchAttributes: [
      { key: BusinessProcessKey, value: INVOICE_PAYMENT },
      { key: CoupaDocumentIdKey, value: input.coupaInvoiceId },
      { key: SyncStateKey, value: 'running' },
      { key: PaymentStateKey, value: 'posting' },
    ],
  });
}

/** A payment confirmed by a person (or any caller): the same signal the poller sends; a repeated reference is counted once. */
export async function confirmInvoicePayment(client: Client, coupaInvoiceId: string, confirmation: PaymentConfirmation): Promise<void> {
  assertCoupaInvoiceId(coupaInvoiceId);
  if (!AMOUNT.test(confirmation.amount)) throw new Error(`amount "${confirmation.amount}" must be a decimal like 600.00`);
  if (!DATE.test(confirmation.paymentDate)) throw new Error(`payment date "${confirmation.paymentDate}" must be YYYY-MM-DD`);
  if (!/^[A-Z]{3}$/.test(confirmation.currency)) throw new Error(`currency "${confirmation.currency}" must be a three-letter code like USD`);
  if (confirmation.reference.trim() === '') throw new Error('a payment needs its reference (check or transfer number)');
  await client.workflow.getHandle(invoicePaymentWorkflowId(coupaInvoiceId)).signal(paymentConfirmedSignal, confirmation);
}

/** Coupa voided the invoice: the run cancels the Workday invoice if nothing was paid, else parks for a person. */
export async function reportInvoiceVoided(client: Client, coupaInvoiceId: string, reason?: string): Promise<void> {
  assertCoupaInvoiceId(coupaInvoiceId);
  await client.workflow.getHandle(invoicePaymentWorkflowId(coupaInvoiceId)).signal(invoiceVoidedSignal, reason ? { reason } : {});
}

/** One poll now; manual runs get their own ID so they never collide with the scheduled ones. */
export async function runPaymentPoller(client: Client, queues: QueueConfig, input: Omit<PaymentPollerInput, 'trigger'> = {}): Promise<WorkflowHandle<typeof paymentPoller>> {
  for (const date of [input.from, input.to]) if (date !== undefined && !DATE.test(date)) throw new Error(`"${date}" must be YYYY-MM-DD`);
  return client.workflow.start(paymentPoller, {
    workflowId: `${PAYMENT_POLLER_WORKFLOW_ID}/manual-${randomUUID().slice(0, 8)}`,
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ ...input, trigger: 'manual' }],
    staticSummary: `Payment poller (manual): Workday payments ${input.from ?? '(since last)'}..${input.to ?? 'today'} → invoice runs`,
    typedSearchAttributes: [{ key: BusinessProcessKey, value: PAYMENT_POLLER }],
  });
}

function scheduleAction(queues: QueueConfig, overlapDays: number): ScheduleOptionsStartWorkflowAction<typeof paymentPoller> {
  return {
    type: 'startWorkflow',
    workflowType: paymentPoller,
    workflowId: PAYMENT_POLLER_WORKFLOW_ID,
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ overlapDays, trigger: 'schedule' }],
    staticSummary: 'Payment poller (scheduled): Workday payments since the last watermark → invoice runs',
    typedSearchAttributes: [{ key: BusinessProcessKey, value: PAYMENT_POLLER }],
  };
}

/**
 * Installs (or updates) the schedule. Each run hands its watermark and the payments it signalled to
 * the next through Temporal's last completion result; overlap SKIP never stacks two polls.
 */
export async function installPaymentPollerSchedule(client: Client, queues: QueueConfig, options: { every?: Duration; overlapDays?: number } = {}): Promise<'created' | 'updated'> {
  const every = options.every ?? '1h';
  const overlapDays = options.overlapDays ?? 3;
  return installIntervalSchedule(client, { scheduleId: PAYMENT_POLLER_SCHEDULE_ID, every, action: scheduleAction(queues, overlapDays), note: `Workday payments every ${String(every)}, ${overlapDays} day(s) overlap` });
}

export async function removePaymentPollerSchedule(client: Client): Promise<'removed' | 'absent'> {
  return removeSchedule(client, PAYMENT_POLLER_SCHEDULE_ID);
}
