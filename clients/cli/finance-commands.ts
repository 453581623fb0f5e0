// Commands for the finance processes: post an approved Coupa invoice to Workday, deliver a PO event to its encumbrance run, read a PO's obligation.
import type { Command } from 'commander';
import { workflowUiLink } from '../../infra/temporal-connection';
import { requestInvoicePosting, signalPurchaseOrderChanged } from '../finance';
import { encumbranceQuery, purchaseOrderEncumbranceWorkflowId } from '../../workflows/purchase-order-encumbrance';
import { UsageError, exitWith, withTemporal } from './context';

const POSTING_TRIGGERS = ['approval-event', 'poller', 'manual', 'backfill'] as const;
const PO_STATUSES = ['issued', 'closed', 'soft_closed', 'cancelled'] as const;

export function registerFinanceCommands(program: Command): void {
  program
    .command('post-invoice')
    .description('post an approved Coupa invoice to Workday in its company\'s mode (accrual journal, or hand-over to invoiceToPayment); a repeat never posts twice')
    .argument('<coupaInvoiceId>', 'Coupa invoice id (the number in its URL)')
    .option('--trigger <trigger>', `why: ${POSTING_TRIGGERS.join(' | ')}`, 'manual')
    .option('--wait', 'wait for the run to finish and print its result')
    .action(
      exitWith(async (coupaInvoiceId: string, opts: { trigger: string; wait?: boolean }) => {
        const trigger = POSTING_TRIGGERS.find((t) => t === opts.trigger);
        if (!trigger) throw new UsageError(`unknown --trigger ${opts.trigger} (one of ${POSTING_TRIGGERS.join(', ')})`);
        if (!/^\d+$/.test(coupaInvoiceId)) throw new UsageError(`"${coupaInvoiceId}" is not a Coupa invoice id (digits only)`);
        return withTemporal(async ({ client, config }) => {
          const { handle, started } = await requestInvoicePosting(client, config, coupaInvoiceId, trigger);
          console.log(`${started ? 'started' : 'already running:'} ${handle.workflowId}\n${workflowUiLink(config, handle.workflowId)}`);
          if (opts.wait) console.log(JSON.stringify(await handle.result(), null, 2));
          return 0;
        });
      }),
    );

  program
    .command('po-event')
    .description('deliver a Coupa PO event to the PO\'s encumbrance run (starting it if needed); the run re-reads the PO, so a duplicate is harmless')
    .argument('<coupaPoId>', 'Coupa purchase order id')
    .option('--status <status>', `Coupa's status: ${PO_STATUSES.join(' | ')}`, 'issued')
    .option('--po-version <n>', "the PO's version as the event saw it", '1')
    .action(
      exitWith(async (coupaPoId: string, opts: { status: string; poVersion: string }) => {
        if (!/^\d+$/.test(coupaPoId)) throw new UsageError(`"${coupaPoId}" is not a Coupa purchase order id (digits only)`);
        if (!/^\d+$/.test(opts.poVersion)) throw new UsageError(`--po-version must be a whole number, not ${opts.poVersion}`);
        return withTemporal(async ({ client, config }) => {
          const handle = await signalPurchaseOrderChanged(client, config, { coupaPoId, version: Number(opts.poVersion), status: opts.status, observedAt: new Date().toISOString() });
          console.log(`signalled ${handle.workflowId} (run ${handle.signaledRunId})\n${workflowUiLink(config, handle.workflowId, handle.signaledRunId)}`);
          return 0;
        });
      }),
    );

  program
    .command('po-obligation')
    .description("a PO's obligation as its encumbrance run holds it: version on the ledger, amount, budget status")
    .argument('<coupaPoId>', 'Coupa purchase order id')
    .action(
      exitWith(async (coupaPoId: string) =>
        withTemporal(async ({ client }) => {
          const view = await client.workflow.getHandle(purchaseOrderEncumbranceWorkflowId(coupaPoId)).query(encumbranceQuery);
          console.log(JSON.stringify(view, null, 2));
          return 0;
        }),
      ),
    );
}
