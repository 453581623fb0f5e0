// Commands for supplier sync: sync a supplier now, and approve or reject a held bank change (old and new shown masked, with who asked and when).
import type { Command } from 'commander';
import { workflowUiLink } from '../../infra/temporal-connection';
import { decideBankChange, describeBankChange, pendingBankChange, requestSupplierSync } from '../supplier-sync';
import { exitWith, withTemporal } from './context';

export function registerSupplierCommands(program: Command): void {
  program
    .command('supplier-sync')
    .description('sync one supplier between Coupa and Workday now (starts its run, or nudges the running one)')
    .option('--workday-id <id>', 'Workday Supplier ID')
    .option('--coupa-number <number>', 'Coupa supplier number')
    .option('--coupa-id <id>', 'Coupa supplier id')
    .action(
      exitWith(async (opts: { workdayId?: string; coupaNumber?: string; coupaId?: string }) =>
        withTemporal(async ({ client, config }) => {
          if (!opts.workdayId && !opts.coupaNumber && !opts.coupaId) throw new Error('name the supplier: --workday-id, --coupa-number or --coupa-id');
          const handle = await requestSupplierSync(client, config, {
            system: opts.workdayId ? 'workday' : 'coupa',
            ...(opts.workdayId ? { workdaySupplierId: opts.workdayId } : {}),
            ...(opts.coupaNumber ? { coupaSupplierNumber: opts.coupaNumber } : {}),
            ...(opts.coupaId ? { coupaSupplierId: Number(opts.coupaId) } : {}),
            changedBy: 'cli',
            trigger: 'manual',
          });
          console.log(`sync requested: ${handle.workflowId}\n${workflowUiLink(config, handle.workflowId, handle.signaledRunId)}`);
          return 0;
        }),
      ),
    );

  const bank = program.command('supplier-bank-change').description('a bank change held for approval on a supplier run (shown masked)');
  bank
    .command('show <supplierKey>')
    .description('show the held change: old and new (masked), where, who asked and when')
    .action(
      exitWith(async (supplierKey: string) =>
        withTemporal(async ({ client }) => {
          const p = await pendingBankChange(client, supplierKey);
          console.log(p ? describeBankChange(p) : `supplier ${supplierKey}: no bank change waits for approval`);
          return 0;
        }),
      ),
    );
  for (const decision of ['approve', 'reject'] as const) {
    bank
      .command(`${decision} <supplierKey>`)
      .description(decision === 'approve' ? 'approve: copy the new details to the other system' : 'reject: put the old details back where they were changed; nothing is copied')
      .requiredOption('--by <who>', 'who decides (recorded in the audit trail)')
      .option('--reason <text>', decision === 'reject' ? 'why (required)' : 'note for the audit trail')
      .action(
        exitWith(async (supplierKey: string, opts: { by: string; reason?: string }) =>
          withTemporal(async ({ client }) => {
            const p = await pendingBankChange(client, supplierKey);
            if (p) console.log(describeBankChange(p));
            console.log(await decideBankChange(client, supplierKey, decision, opts.by, opts.reason));
            return 0;
          }),
        ),
      );
  }
}
