// Commands for the people processes: provisioning, offboarding and a rescinded termination.
import type { Command } from 'commander';
import { workflowUiLink } from '../../infra/temporal-connection';
import { requestEmployeeProvisioning, assertEmployeeId } from '../employee-provisioning';
import { requestEmployeeOffboarding } from '../employee-offboarding';
import { cancelTerminationSignal, employeeOffboardingWorkflowId } from '../../workflows/employee-offboarding';
import { UsageError, exitWith, withTemporal } from './context';

const PROVISIONING_TRIGGERS = ['hire', 'job-change', 'manual'] as const;

export function registerEmployeeCommands(program: Command): void {
  program
    .command('provision')
    .description('start (or signal) the provisioning run of a Workday employee: Coupa user, cost center, limits, approval groups')
    .argument('<employeeId>', 'Workday employee ID, e.g. 21001')
    .option('--trigger <trigger>', `why: ${PROVISIONING_TRIGGERS.join(' | ')}`, 'manual')
    .option('--wait', 'wait for the run to finish and print its result')
    .action(
      exitWith(async (employeeId: string, opts: { trigger: string; wait?: boolean }) => {
        assertEmployeeId(employeeId);
        const trigger = PROVISIONING_TRIGGERS.find((t) => t === opts.trigger);
        if (!trigger) throw new UsageError(`unknown --trigger ${opts.trigger} (one of ${PROVISIONING_TRIGGERS.join(', ')})`);
        return withTemporal(async ({ client, config }) => {
          const handle = await requestEmployeeProvisioning(client, config, employeeId, trigger);
          console.log(`started ${handle.workflowId} (run ${handle.signaledRunId})\n${workflowUiLink(config, handle.workflowId, handle.signaledRunId)}`);
          if (opts.wait) console.log(JSON.stringify(await handle.result(), null, 2));
          return 0;
        });
      }),
    );

  program
    .command('offboard')
    .description('start (or signal) the offboarding run after a Workday termination or a correction of its date')
    .argument('<employeeId>', 'Workday employee ID')
    .option('--wait', 'wait for the run to finish and print its result')
    .action(
      exitWith(async (employeeId: string, opts: { wait?: boolean }) => {
        assertEmployeeId(employeeId);
        return withTemporal(async ({ client, config }) => {
          const handle = await requestEmployeeOffboarding(client, config, employeeId, 'manual');
          console.log(`started ${handle.workflowId} (run ${handle.signaledRunId})\n${workflowUiLink(config, handle.workflowId, handle.signaledRunId)}`);
          if (opts.wait) console.log(JSON.stringify(await handle.result(), null, 2));
          return 0;
        });
      }),
    );

  program
    .command('cancel-termination')
    .description('the termination was rescinded in Workday: the offboarding run ends without touching Coupa if the date has not come')
    .argument('<employeeId>', 'Workday employee ID')
    .option('--reason <text>', 'why, for the audit trail')
    .action(
      exitWith(async (employeeId: string, opts: { reason?: string }) => {
        assertEmployeeId(employeeId);
        return withTemporal(async ({ client }) => {
          const handle = client.workflow.getHandle(employeeOffboardingWorkflowId(employeeId));
          const { status } = await handle.describe();
          if (status.name !== 'RUNNING') {
            console.error(`refused: ${handle.workflowId} is ${status.name.toLowerCase()}; a finished offboarding is not undone by a cancel (reactivate the Coupa user by hand)`);
            return 1;
          }
          await handle.signal(cancelTerminationSignal, opts.reason);
          console.log(`cancelTermination sent to ${handle.workflowId}: if the date has not come, nothing is changed in Coupa`);
          return 0;
        });
      }),
    );
}
