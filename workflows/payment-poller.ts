// paymentPoller: reads Workday's payments since its watermark (with an overlap window) and signals the invoice runs waiting for them; a payment no run waits for is reported, never dropped.
import { getExternalWorkflowHandle, log, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { BusinessProcessKey, SyncTracker, parkingFor } from './sync-state';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';
import { invoicePaymentWorkflowId, paymentConfirmedSignal, PaymentStateKey } from './invoice-to-payment';

export const PAYMENT_POLLER = 'payment-poller';
export const PAYMENT_POLLER_WORKFLOW_ID = PAYMENT_POLLER;

export interface PaymentPollerInput {
  /** YYYY-MM-DD; default: the last run's watermark minus the overlap, or `initialLookbackDays` ago on a first run. */
  from?: string;
  /** YYYY-MM-DD; default: today (UTC). */
  to?: string;
  /** Days before the watermark read again each run: payments entered late with an earlier payment date (default 3). */
  overlapDays?: number;
  initialLookbackDays?: number;
  trigger?: 'schedule' | 'manual';
}

/** A payment no invoice run is waiting for: kept in the result and the status, and logged. */
export interface UnmatchedPayment {
  key: string;
  paymentDate: string;
  amount: string;
  currency: string;
  reference: string;
  supplierInvoiceId: string | null;
  why: 'no open invoice run' | 'not an invoice this integration posted';
}

/** The run's result is the next scheduled run's state (Temporal hands it over as the last completion result). */
export interface PaymentPollerResult {
  window: { from: string; to: string };
  /** The last day read in full: the next run starts from here minus the overlap. */
  watermark: string;
  /** Payments signalled within the overlap window, so the next run does not signal them again. */
  seen: { key: string; paymentDate: string }[];
  signalled: number;
  alreadySeen: number;
  unmatched: UnmatchedPayment[];
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const minusDays = (date: string, days: number): string => dayOf(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS);

function previousResult(): PaymentPollerResult | undefined {
  const last = workflowInfo().lastResult as Partial<PaymentPollerResult> | undefined;
  return last && typeof last.watermark === 'string' && Array.isArray(last.seen) ? (last as PaymentPollerResult) : undefined;
}

export async function paymentPoller(input: PaymentPollerInput = {}): Promise<PaymentPollerResult> {
  const tracker = new SyncTracker(PAYMENT_POLLER, input.trigger ?? 'manual');
  upsertSearchAttributes([{ key: BusinessProcessKey, value: PAYMENT_POLLER }]);
  const previous = previousResult();
  const overlapDays = input.overlapDays ?? 3;
  const to = input.to ?? dayOf(Date.now());
  const from = input.from ?? (previous ? minusDays(previous.watermark, overlapDays) : minusDays(to, input.initialLookbackDays ?? 7));
  const seen = new Map((previous?.seen ?? []).map((s) => [s.key, s.paymentDate]));

  const result: PaymentPollerResult = { window: { from, to }, watermark: to, seen: [], signalled: 0, alreadySeen: 0, unmatched: [] };

  for (;;) {
    try {
      const settings = await currentRunSettings();
      tracker.step(`reading Workday payments dated ${from} to ${to}`);
      const payments = await apiActivities(settings).workday(`payments ${from}..${to}`).readWorkdayPayments({ from, to });
      const matched = await planningActivities('match payments to invoice runs').matchWorkdayPaymentsToInvoices(payments);
      tracker.step(`signalling the invoice runs of ${matched.length} payment line(s)`);
      await Promise.all(
        matched.map(async (m) => {
          if (seen.has(m.key)) {
            result.alreadySeen += 1;
            return;
          }
          const unmatched = (why: UnmatchedPayment['why']): UnmatchedPayment => ({
            key: m.key,
            paymentDate: m.paymentDate,
            amount: m.confirmation.amount,
            currency: m.confirmation.currency,
            reference: m.confirmation.reference,
            supplierInvoiceId: m.supplierInvoiceId,
            why,
          });
          if (m.coupaInvoiceId === null) {
            result.unmatched.push(unmatched('not an invoice this integration posted'));
            return;
          }
          try {
            await getExternalWorkflowHandle(invoicePaymentWorkflowId(m.coupaInvoiceId)).signal(paymentConfirmedSignal, m.confirmation);
            seen.set(m.key, m.paymentDate);
            result.signalled += 1;
          } catch {
            // No run, or it has finished: a person must see this payment.
            result.unmatched.push(unmatched('no open invoice run'));
          }
        }),
      );
      break;
    } catch (err) {
      const parking = parkingFor(err);
      if (parking === null) throw err;
      if ((await tracker.park(parking)) === 'skip') {
        // Nothing read: the watermark stays where it was, so the next run reads this window again.
        result.watermark = previous?.watermark ?? from;
        result.seen = [...seen].map(([key, paymentDate]) => ({ key, paymentDate }));
        tracker.finish('skipped', 'skipped');
        return result;
      }
    }
  }

  result.unmatched.sort((a, b) => a.key.localeCompare(b.key));
  // Keep only what the next run's overlap can read again.
  const keepFrom = minusDays(result.watermark, overlapDays + 1);
  result.seen = [...seen].filter(([, date]) => date >= keepFrom).map(([key, paymentDate]) => ({ key, paymentDate }));
  for (const u of result.unmatched) {
    log.warn('payment with no invoice run', { key: u.key, supplierInvoiceId: u.supplierInvoiceId, why: u.why });
    tracker.warn(`Payment ${u.reference} (${u.amount} ${u.currency}, ${u.paymentDate}) for ${u.supplierInvoiceId ?? 'an unknown invoice'}: ${u.why}. Record it by hand, or start its invoice run and send paymentConfirmed.`);
  }
  if (result.unmatched.length > 0) upsertSearchAttributes([{ key: PaymentStateKey, value: 'unmatched-payments' }]);
  // The poller writes nothing itself: its outcome says what it told the invoice runs.
  tracker.finish(`window ${from}..${to}: ${result.signalled} signalled, ${result.alreadySeen} already seen, ${result.unmatched.length} unmatched`);
  return result;
}
