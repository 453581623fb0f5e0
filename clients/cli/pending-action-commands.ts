// Commands for the person in the loop: list the writes asked for through the MCP gateway, approve or reject one.
import type { Command } from 'commander';
import { pendingActionCommand } from '../pending-actions';
import { exitWith, withTemporal } from './context';

export function registerPendingActionCommands(program: Command): void {
  program
    .command('pending-actions')
    .description('writes asked for through the MCP gateway, by state')
    .argument('[state]', 'pending (default), approved, rejected, expired, done, refused or failed', 'pending')
    .action(exitWith(async (state: string) => withTemporal(({ client }) => pendingActionCommand(client, 'pending-actions', state, {}))));

  program
    .command('approve')
    .description('approve a pending action: only then does it act (start, retry, skip, cancel a termination)')
    .argument('<pendingActionId>', 'pending-action/<uuid>')
    .option('--by <name>', 'who approves (default: this machine user)')
    .option('--reason <text>', 'why, for the audit trail')
    .action(
      exitWith(async (target: string, opts: { by?: string; reason?: string }) =>
        withTemporal(({ client }) => pendingActionCommand(client, 'approve', target, { by: opts.by, reason: opts.reason })),
      ),
    );

  program
    .command('reject')
    .description('reject a pending action: nothing is done')
    .argument('<pendingActionId>', 'pending-action/<uuid>')
    .option('--reason <text>', 'why (required; it goes into the audit trail)')
    .option('--by <name>', 'who rejects (default: this machine user)')
    .action(
      exitWith(async (target: string, opts: { by?: string; reason?: string }) =>
        withTemporal(({ client }) => pendingActionCommand(client, 'reject', target, { by: opts.by, reason: opts.reason })),
      ),
    );
}
