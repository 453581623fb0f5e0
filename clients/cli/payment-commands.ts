// Commands for invoice to payment: start a run, confirm a payment or a void by hand, poll Workday's payments now or on a schedule.
import type { Command } from 'commander';
import { workflowUiLink } from '../../infra/temporal-connection';
import {
  confirmInvoicePayment,
  installPaymentPollerSchedule,
  removePaymentPollerSchedule,
  reportInvoiceVoided,
  runPaymentPoller,
  startInvoiceToPayment,
  PAYMENT_POLLER_SCHEDULE_ID,
} from '../invoice-payment';
import { invoicePaymentWorkflowId } from '../../workflows/invoice-to-payment';
import { UsageError, exitWith, withTemporal } from './context';

/** The client functions check their input and throw plain errors: those are usage mistakes (exit code 2). */
async function usage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error && /is not a|must be|needs/.test(err.message)) throw new UsageError(err.message);
    throw err;
  }
}

export function registerPaymentCommands(program: Command): void {
  program
    .command('invoice-payment')
    .description('start invoice to payment for an approved Coupa invoice (what invoice posting does in supplier-invoice mode)')
    .argument('<coupaInvoiceId>', 'the numeric Coupa invoice id')
    .requiredOption('--company <code>', 'Workday company reference ID, e.g. US01')
    .action(
      exitWith(async (coupaInvoiceId: string, opts: { company: string }) =>
        withTemporal(async ({ client, config }) => {
          const handle = await usage(() => startInvoiceToPayment(client, config, { coupaInvoiceId, companyCode: opts.company }));
          console.log(`started (or already running) ${handle.workflowId}\n${workflowUiLink(config, handle.workflowId)}`);
          return 0;
        }),
      ),
    );

  program
    .command('confirm-payment')
    .description('tell the run of a Coupa invoice that Workday paid (part of) it; a repeated reference is counted once')
    .argument('<coupaInvoiceId>', 'the numeric Coupa invoice id')
    .requiredOption('--amount <decimal>', 'amount paid, e.g. 600.00')
    .requiredOption('--reference <ref>', "Workday's payment reference (check or transfer number)")
    .option('--currency <code>', 'currency of the payment', 'USD')
    .option('--date <YYYY-MM-DD>', 'payment date (default today)')
    .action(
      exitWith(async (coupaInvoiceId: string, opts: { amount: string; reference: string; currency: string; date?: string }) => {
        const confirmation = { amount: opts.amount, reference: opts.reference, currency: opts.currency, paymentDate: opts.date ?? new Date().toISOString().slice(0, 10), source: 'cli' };
        return withTemporal(async ({ client }) => {
          await usage(() => confirmInvoicePayment(client, coupaInvoiceId, confirmation));
          console.log(`sent paymentConfirmed (${opts.amount} ${opts.currency}, ${opts.reference}) to ${invoicePaymentWorkflowId(coupaInvoiceId)}`);
          return 0;
        });
      }),
    );

  program
    .command('void-invoice')
    .description('tell the run of a Coupa invoice it was voided: the Workday invoice is cancelled if unpaid, else the run waits for a person')
    .argument('<coupaInvoiceId>', 'the numeric Coupa invoice id')
    .option('--reason <text>', 'why, for the audit trail')
    .action(
      exitWith(async (coupaInvoiceId: string, opts: { reason?: string }) =>
        withTemporal(async ({ client }) => {
          await usage(() => reportInvoiceVoided(client, coupaInvoiceId, opts.reason));
          console.log(`sent invoiceVoided to ${invoicePaymentWorkflowId(coupaInvoiceId)}`);
          return 0;
        }),
      ),
    );

  program
    .command('payment-poll')
    .description("read Workday's payments now and signal the invoice runs waiting for them")
    .option('--from <YYYY-MM-DD>', 'first payment date (default: 7 days ago)')
    .option('--to <YYYY-MM-DD>', 'last payment date (default: today)')
    .option('--wait', 'wait and print the result (signalled, already seen, unmatched)')
    .action(
      exitWith(async (opts: { from?: string; to?: string; wait?: boolean }) =>
        withTemporal(async ({ client, config }) => {
          const handle = await usage(() => runPaymentPoller(client, config, { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) }));
          console.log(`started ${handle.workflowId}\n${workflowUiLink(config, handle.workflowId)}`);
          if (opts.wait) console.log(JSON.stringify(await handle.result(), null, 2));
          return 0;
        }),
      ),
    );

  const schedule = program.command('payment-poller-schedule').description('the payment poller on a Temporal Schedule (each run starts where the last one ended, with an overlap)');
  schedule
    .command('install')
    .description(`create or update the schedule ${PAYMENT_POLLER_SCHEDULE_ID}`)
    .option('--every <interval>', 'how often, e.g. 1h or 15m', '1h')
    .option('--overlap-days <n>', 'days before the watermark read again', '3')
    .action(
      exitWith(async (opts: { every: string; overlapDays: string }) =>
        withTemporal(async ({ client, config }) => {
          const overlapDays = Number(opts.overlapDays);
          if (!Number.isInteger(overlapDays) || overlapDays < 0) throw new UsageError('--overlap-days must be a whole number of days');
          const outcome = await installPaymentPollerSchedule(client, config, { every: opts.every, overlapDays });
          console.log(`${outcome} schedule ${PAYMENT_POLLER_SCHEDULE_ID}: Workday payments every ${opts.every}, ${overlapDays} day(s) overlap`);
          return 0;
        }),
      ),
    );
  schedule
    .command('remove')
    .description(`delete the schedule ${PAYMENT_POLLER_SCHEDULE_ID}`)
    .action(
      exitWith(async () =>
        withTemporal(async ({ client }) => {
          const outcome = await removePaymentPollerSchedule(client);
          console.log(outcome === 'removed' ? `removed schedule ${PAYMENT_POLLER_SCHEDULE_ID}` : `no schedule ${PAYMENT_POLLER_SCHEDULE_ID} to remove`);
          return 0;
        }),
      ),
    );
}
