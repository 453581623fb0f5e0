// invoiceToPayment: an approved Coupa invoice becomes a Workday supplier invoice, then the run waits (weeks if need be) for Workday's payment and records it on the Coupa invoice.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineSignal,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  ApplicationFailure,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import type { SupplierInvoicePlan } from '../activities';
import { BusinessProcessKey, CoupaDocumentIdKey, SupplierIdKey, SyncTracker, parkingFor, statusQuery, type ProcessStatus } from './sync-state';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';

export const INVOICE_PAYMENT = 'invoice-payment';
export const invoicePaymentWorkflowId = (coupaInvoiceId: string | number): string => `${INVOICE_PAYMENT}/${coupaInvoiceId}`;

/** Where the run stands with the money: `owed` → `partially-paid` → `paid`; `overdue`/`escalated` when late; `voided`. */
export const PaymentStateKey = defineSearchAttributeKey('ProcessState', SearchAttributeType.KEYWORD);
export type PaymentState = 'posting' | 'owed' | 'partially-paid' | 'overdue' | 'escalated' | 'paid' | 'voided' | 'unmatched-payments';

/** Workday paid (part of) the invoice: from the payment poller, or a person through the CLI. */
export interface PaymentConfirmation {
  /** Decimal string, e.g. "600.00". */
  amount: string;
  currency: string;
  /** YYYY-MM-DD. */
  paymentDate: string;
  /** Workday's payment ID or reference number: a second signal with the same reference is the same payment. */
  reference: string;
  source?: 'workday-poller' | 'cli' | (string & {});
}

export const paymentConfirmedSignal = defineSignal<[PaymentConfirmation]>('paymentConfirmed');
/** Coupa voided the invoice: cancel the Workday invoice if nothing was paid yet. */
export const invoiceVoidedSignal = defineSignal<[{ reason?: string }?]>('invoiceVoided');

export interface RecordedPayment {
  reference: string;
  amount: string;
  amountCents: number;
  currency: string;
  paymentDate: string;
  /** When the run heard of it (workflow time, ISO). */
  receivedAt: string;
  source: string;
  /** Written on the Coupa invoice. */
  inCoupa: boolean;
}

export interface PaymentEvent {
  at: string;
  what: string;
}

/** What a run carries into its next run (continue-as-new), so months of waiting keep a small history. */
export interface InvoicePaymentCarried {
  plan: SupplierInvoicePlan;
  workdayInvoice: { supplierInvoiceId: string; documentNumber: string | null; outcome: 'submitted' | 'already-there' };
  payments: RecordedPayment[];
  events: PaymentEvent[];
  overdueFlagged: boolean;
  escalated: boolean;
  duplicatesIgnored: number;
  /** Signals that arrived but were not handled yet when the run continued as new. */
  queued: PaymentConfirmation[];
  voidRequested: string | null;
  generation: number;
}

export interface InvoiceToPaymentInput {
  coupaInvoiceId: string;
  companyCode: string;
  /** Set by continue-as-new only. */
  carried?: InvoicePaymentCarried;
  /** Continue as new after this many history events (default: when Temporal suggests it, or 2,000). */
  historyLimit?: number;
}

export interface InvoicePaymentView {
  owed: string | null;
  paid: string;
  outstanding: string | null;
  currency: string | null;
  dueDate: string | null;
  paymentState: PaymentState;
  workdaySupplierInvoiceId: string | null;
  payments: RecordedPayment[];
  events: PaymentEvent[];
  duplicatesIgnored: number;
}

export type InvoicePaymentStatus = ProcessStatus & { payment: InvoicePaymentView };

export interface InvoiceToPaymentResult {
  coupaInvoiceId: string;
  outcome: 'paid' | 'voided' | 'voided-after-payment' | 'skipped';
  payment: InvoicePaymentView;
  status: ProcessStatus;
}

const DAY_MS = 86_400_000;
const DEFAULT_HISTORY_LIMIT = 2_000;
/** The status keeps the last events only: a run waiting months must not grow its state without bound. */
const MAX_EVENTS = 50;

/** Decimal string → cents. Pure arithmetic on a string the signal carries; the amounts themselves were decided in activities. */
function cents(amount: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : null;
}
function money(c: number): string {
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

export async function invoiceToPayment(input: InvoiceToPaymentInput): Promise<InvoiceToPaymentResult> {
  const { coupaInvoiceId, companyCode } = input;
  const invoiceId = Number(coupaInvoiceId);
  const tracker = new SyncTracker(INVOICE_PAYMENT, coupaInvoiceId);
  const carried = input.carried;
  const state = {
    plan: carried?.plan ?? null,
    workdayInvoice: carried?.workdayInvoice ?? null,
    payments: carried?.payments ?? [],
    events: carried?.events ?? [],
    overdueFlagged: carried?.overdueFlagged ?? false,
    escalated: carried?.escalated ?? false,
    duplicatesIgnored: carried?.duplicatesIgnored ?? 0,
    generation: carried?.generation ?? 0,
  };
  const queue: PaymentConfirmation[] = [...(carried?.queued ?? [])];
  let voidRequested: string | null = carried?.voidRequested ?? null;
  let paymentState: PaymentState = carried ? 'owed' : 'posting';

  const now = (): string => new Date(Date.now()).toISOString();
  const event = (what: string): void => {
    state.events.push({ at: now(), what });
    if (state.events.length > MAX_EVENTS) state.events.splice(0, state.events.length - MAX_EVENTS);
  };
  const paidCents = (): number => state.payments.reduce((sum, p) => sum + p.amountCents, 0);
  const view = (): InvoicePaymentView => ({
    owed: state.plan ? money(state.plan.owedCents) : null,
    paid: money(paidCents()),
    outstanding: state.plan ? money(Math.max(0, state.plan.owedCents - paidCents())) : null,
    currency: state.plan?.currency ?? null,
    dueDate: state.plan?.dueDate ?? null,
    paymentState,
    workdaySupplierInvoiceId: state.workdayInvoice?.supplierInvoiceId ?? null,
    payments: state.payments,
    events: state.events,
    duplicatesIgnored: state.duplicatesIgnored,
  });
  const setPaymentState = (next: PaymentState): void => {
    if (paymentState === next) return;
    paymentState = next;
    upsertSearchAttributes([{ key: PaymentStateKey, value: next }]);
  };

  // The status query gains the money: what is owed, what was paid, and when each event happened.
  setHandler(statusQuery, () => {
    const status: InvoicePaymentStatus = { ...tracker.status, payment: view() };
    return status;
  });
  setHandler(paymentConfirmedSignal, (confirmation) => {
    queue.push(confirmation);
  });
  setHandler(invoiceVoidedSignal, (details) => {
    voidRequested ??= details?.reason?.trim() || 'voided in Coupa';
  });
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: INVOICE_PAYMENT },
    { key: CoupaDocumentIdKey, value: coupaInvoiceId },
    { key: PaymentStateKey, value: paymentState },
  ]);

  const finish = (outcome: InvoiceToPaymentResult['outcome']): InvoiceToPaymentResult => {
    tracker.finish(outcome, outcome === 'skipped' ? 'skipped' : 'done');
    return { coupaInvoiceId, outcome, payment: view(), status: tracker.status };
  };

  /** Runs `step`; a fixable failure parks until retry (runs it again) or skip (null). */
  async function parkable<T>(step: () => Promise<T>): Promise<T | null> {
    for (;;) {
      try {
        return await step();
      } catch (err) {
        const parking = parkingFor(err);
        if (parking === null) throw err;
        if ((await tracker.park(parking)) === 'skip') return null;
      }
    }
  }

  // 1. Post: read the Coupa invoice, plan, submit the Workday supplier invoice (idempotent), mark exported.
  if (!state.plan || !state.workdayInvoice) {
    const posted = await parkable(async () => {
      const settings = await currentRunSettings();
      const { coupa, workday } = apiActivities(settings);
      tracker.step('reading the Coupa invoice');
      const invoice = await coupa(`read invoice ${coupaInvoiceId}`).readCoupaInvoiceForPayment(invoiceId);
      tracker.step('planning the Workday supplier invoice');
      const plan = await planningActivities(`plan supplier invoice for Coupa invoice ${coupaInvoiceId}`).planSupplierInvoice({ invoice, companyCode });
      upsertSearchAttributes([{ key: SupplierIdKey, value: plan.submission.supplierId }]);
      tracker.step('submitting the Workday supplier invoice');
      const submitted = await workday(`submit supplier invoice ${plan.submission.supplierInvoiceId}`).submitWorkdaySupplierInvoice(plan.submission);
      tracker.step('marking the Coupa invoice exported');
      await coupa(`mark invoice ${coupaInvoiceId} exported`).markCoupaInvoiceExported(invoiceId);
      return { plan, submitted };
    });
    if (posted === null) return finish('skipped');
    state.plan = posted.plan;
    state.workdayInvoice = { supplierInvoiceId: posted.submitted.supplierInvoiceId, documentNumber: posted.submitted.documentNumber, outcome: posted.submitted.outcome };
    tracker.recordChange({
      system: 'workday',
      action: posted.submitted.outcome === 'submitted' ? 'supplier invoice submitted' : 'supplier invoice already there',
      detail: `${posted.submitted.supplierInvoiceId}${posted.submitted.documentNumber ? ` (${posted.submitted.documentNumber})` : ''} for ${money(posted.plan.owedCents)} ${posted.plan.currency}, due ${posted.plan.dueDate}`,
    });
    tracker.recordChange({ system: 'coupa', action: 'invoice exported', detail: `invoice ${coupaInvoiceId}` });
    event(`posted to Workday as ${posted.submitted.supplierInvoiceId} (${posted.submitted.outcome}); ${money(posted.plan.owedCents)} ${posted.plan.currency} due ${posted.plan.dueDate}`);
  }
  const plan = state.plan;
  const supplierInvoiceId = state.workdayInvoice.supplierInvoiceId;
  const dueAt = Date.parse(`${plan.dueDate}T00:00:00Z`);
  const overdueAt = dueAt + plan.overdueGraceDays * DAY_MS;
  const escalateAt = dueAt + plan.escalationDays * DAY_MS;
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const waitingState = (): PaymentState => (state.escalated ? 'escalated' : state.overdueFlagged ? 'overdue' : paidCents() > 0 ? 'partially-paid' : 'owed');
  setPaymentState(waitingState());

  const mismatch = (message: string): ApplicationFailure => ApplicationFailure.create({ type: BusinessFailureTypes.PaymentMismatch, nonRetryable: true, message });

  /** Parks on a payment that does not fit: retry = a person checked it and it is recorded as is; skip ends the run. */
  async function confirmOddPayment(message: string): Promise<'accept' | 'skip'> {
    const parking = parkingFor(mismatch(message));
    setPaymentState(waitingState());
    return (await tracker.park(parking!)) === 'retry' ? 'accept' : 'skip';
  }

  // 2. Wait for payments (or a void), flag the run when late, continue as new when the history grows.
  for (;;) {
    tracker.step(`waiting for Workday's payment of ${money(plan.owedCents - paidCents())} ${plan.currency} (due ${plan.dueDate})`);
    tracker.setState('waiting');
    const nextDeadline = !state.overdueFlagged ? overdueAt : !state.escalated ? escalateAt : null;
    const tooLong = (): boolean => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;
    const woken = await condition(
      () => queue.length > 0 || voidRequested !== null || tooLong(),
      nextDeadline === null ? undefined : Math.max(1, nextDeadline - Date.now()),
    );
    if (!woken && nextDeadline !== null) {
      if (!state.overdueFlagged) {
        state.overdueFlagged = true;
        const message = `Coupa invoice ${coupaInvoiceId} (${supplierInvoiceId}) is unpaid ${plan.overdueGraceDays} day(s) after its due date ${plan.dueDate}: ${money(plan.owedCents - paidCents())} ${plan.currency} outstanding`;
        log.warn('invoice overdue', { coupaInvoiceId, supplierInvoiceId, dueDate: plan.dueDate });
        tracker.warn(message);
        event(`flagged overdue (due ${plan.dueDate} + ${plan.overdueGraceDays} day(s) grace)`);
      } else {
        state.escalated = true;
        log.warn('invoice overdue: escalated', { coupaInvoiceId, supplierInvoiceId, dueDate: plan.dueDate, escalationDays: plan.escalationDays });
        tracker.warn(`Escalated: Coupa invoice ${coupaInvoiceId} (${supplierInvoiceId}) is still unpaid ${plan.escalationDays} day(s) after its due date ${plan.dueDate}.`);
        event(`escalated (due ${plan.dueDate} + ${plan.escalationDays} day(s))`);
      }
      setPaymentState(waitingState());
      continue;
    }
    tracker.setState('running');

    // Payments first: a void that arrives with a payment must see the payment.
    while (queue.length > 0) {
      const confirmation = queue.shift()!;
      const reference = confirmation.reference?.trim() ?? '';
      if (state.payments.some((p) => p.reference === reference)) {
        state.duplicatesIgnored += 1;
        event(`payment ${reference} reported again (${confirmation.source ?? 'unknown source'}): counted once`);
        continue;
      }
      const amountCents = cents(confirmation.amount ?? '');
      if (!reference || amountCents === null || amountCents <= 0) {
        tracker.warn(`A payment signal was ignored: it needs a reference and a positive amount (got reference "${reference}", amount "${confirmation.amount}")`);
        continue;
      }
      const outstanding = plan.owedCents - paidCents();
      if (confirmation.currency !== plan.currency) {
        const decision = await confirmOddPayment(`Payment ${reference} is in ${confirmation.currency}, but the invoice is in ${plan.currency}: check the payment in Workday. Send retry to record it as it is, or skip to stop following this invoice.`);
        if (decision === 'skip') return finish('skipped');
      } else if (amountCents > outstanding) {
        const decision = await confirmOddPayment(`Payment ${reference} of ${money(amountCents)} ${plan.currency} is more than the ${money(outstanding)} ${plan.currency} still owed: an overpayment to recover from the supplier. Send retry to record it as it is, or skip.`);
        if (decision === 'skip') return finish('skipped');
      }
      state.payments.push({
        reference,
        amount: money(amountCents),
        amountCents,
        currency: confirmation.currency,
        paymentDate: confirmation.paymentDate,
        receivedAt: now(),
        source: confirmation.source ?? 'unknown',
        inCoupa: false,
      });
      event(`payment ${reference}: ${money(amountCents)} ${confirmation.currency} paid ${confirmation.paymentDate} (${confirmation.source ?? 'unknown source'})`);
    }

    // Record what Coupa does not show yet, in one write (the activity reads first, so a retry writes nothing twice).
    const unrecorded = state.payments.filter((p) => !p.inCoupa);
    if (unrecorded.length > 0) {
      const paidInFull = paidCents() >= plan.owedCents;
      tracker.step(`recording ${unrecorded.length} payment(s) on the Coupa invoice`);
      const recorded = await parkable(async () => {
        const { coupa } = apiActivities(await currentRunSettings());
        return coupa(`record payments on invoice ${coupaInvoiceId}`).recordCoupaInvoicePayments({
          coupaInvoiceId: invoiceId,
          payments: state.payments.map((p) => ({ amountPaid: p.amount, paymentDate: p.paymentDate, notes: p.reference })),
          paidInFull,
        });
      });
      if (recorded === null) return finish('skipped');
      for (const p of unrecorded) p.inCoupa = true;
      tracker.recordChange({ system: 'coupa', action: paidInFull ? 'invoice paid' : 'payment recorded', detail: `invoice ${coupaInvoiceId}: ${unrecorded.map((p) => `${p.reference} ${p.amount} ${p.currency}`).join(', ')}` });
      event(paidInFull ? `recorded in Coupa: paid in full (${money(paidCents())} ${plan.currency})` : `recorded in Coupa: ${money(paidCents())} of ${money(plan.owedCents)} ${plan.currency} paid`);
      if (paidInFull) {
        setPaymentState('paid');
        return finish('paid');
      }
      setPaymentState(waitingState());
    }

    if (voidRequested !== null) {
      const reason = voidRequested;
      event(`voided in Coupa: ${reason}`);
      if (paidCents() > 0) {
        const parking = parkingFor(
          mismatch(`Coupa invoice ${coupaInvoiceId} was voided (${reason}) after Workday paid ${money(paidCents())} ${plan.currency} of it: the Workday invoice cannot be cancelled, a refund is needed. Arrange it, then send retry to close this run (or skip).`),
        );
        const decision = await tracker.park(parking!);
        setPaymentState('voided');
        return finish(decision === 'retry' ? 'voided-after-payment' : 'skipped');
      }
      tracker.step(`cancelling Workday supplier invoice ${supplierInvoiceId}`);
      const cancelled = await parkable(async () => {
        const { workday } = apiActivities(await currentRunSettings());
        return workday(`cancel supplier invoice ${supplierInvoiceId}`).cancelWorkdaySupplierInvoice(supplierInvoiceId);
      });
      if (cancelled === null) return finish('skipped');
      tracker.recordChange({ system: 'workday', action: 'supplier invoice cancelled', detail: `${supplierInvoiceId} (${cancelled})` });
      event(`Workday supplier invoice ${supplierInvoiceId} ${cancelled}`);
      setPaymentState('voided');
      return finish('voided');
    }

    if (tooLong()) {
      // Every handler has run (signals are in `queue`): carry the state into a fresh history.
      await condition(allHandlersFinished);
      state.generation += 1;
      const next: InvoicePaymentCarried = {
        plan,
        workdayInvoice: state.workdayInvoice,
        payments: state.payments,
        events: state.events,
        overdueFlagged: state.overdueFlagged,
        escalated: state.escalated,
        duplicatesIgnored: state.duplicatesIgnored,
        queued: queue,
        voidRequested,
        generation: state.generation,
      };
      await continueAsNew<typeof invoiceToPayment>({ ...input, carried: next });
    }
  }
}
