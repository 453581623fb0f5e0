// The CLI's command tree: every area registers its commands here, in one list.
import { Command } from 'commander';
import { registerEmployeeCommands } from './employee-commands';
import { registerOrgCommands } from './org-commands';
import { registerRunCommands } from './run-commands';
import { registerPendingActionCommands } from './pending-action-commands';
import { registerCostCenterCommands } from './cost-center-commands';
import { registerPaymentCommands } from './payment-commands';
import { registerSupplierCommands } from './supplier-commands';
import { registerFinanceCommands } from './finance-commands';
import { registerScheduleCommands } from './schedule-commands';
import { registerOpsCommands } from './ops-commands';

/** Add a new area's commands by appending its register function (one per line). */
const COMMAND_AREAS: Array<(program: Command) => void> = [
  registerEmployeeCommands,
  registerOrgCommands,
  registerRunCommands,
  registerPendingActionCommands,
  registerCostCenterCommands,
  registerPaymentCommands,
  registerSupplierCommands,
  registerFinanceCommands,
  registerScheduleCommands,
  registerOpsCommands,
];

export function buildCliProgram(): Command {
  const program = new Command('cli')
    .description('coupa-workday-sync: start processes, read a run, retry or skip a parked one.\nBulk, for many parked runs: temporal workflow signal --name retry --query "SyncState=\'needs-attention\' AND …"')
    .showHelpAfterError()
    // Usage mistakes exit 2; a refusal or failure exits 1 (scripts tell them apart).
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const register of COMMAND_AREAS) register(program);
  return program;
}
