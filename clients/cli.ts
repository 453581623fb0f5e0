// Command line for support and ops: start provisioning or offboarding, show a run's status, send retry or skip, cancel a termination.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { loadConfig, temporalConfigSchema, ConfigError } from '../infra/config';
import { temporalConnectionSettings, workflowUiLink } from '../infra/temporal-connection';
import { createDataConverter, resolvePayloadKeys } from '../infra/data-converter';
import { requestEmployeeProvisioning, assertEmployeeId } from './employee-provisioning';
import { employeeProvisioningWorkflowId } from '../workflows/employee-provisioning';
import { requestEmployeeOffboarding } from './employee-offboarding';
import { cancelTerminationSignal, employeeOffboardingWorkflowId } from '../workflows/employee-offboarding';
import { statusQuery, retryUpdate, skipUpdate } from '../workflows/sync-state';
import { pendingActionCommand } from './pending-actions';
import { installOrgHierarchySyncSchedule, removeOrgHierarchySyncSchedule, requestOrgHierarchySync, ORG_HIERARCHY_SYNC_SCHEDULE_ID } from './org-hierarchy-sync';

const usage = `usage: npm run cli -- <command> [args]
  provision <employeeId> [--trigger hire|job-change|manual] [--wait]
  offboard <employeeId> [--wait]                  (after a Workday termination or a correction of its date)
  cancel-termination <employeeId> [--reason text] (the termination was rescinded in Workday)
  org-sync [--dry-run] [--wait] [--scope all|<org code>]  (Workday supervisory orgs → Coupa approval groups and managers)
  org-sync-schedule install [--every 1h] [--scope all|<org code>] | remove
  status <employeeId | workflowId>                (an employee ID means their provisioning run)
  retry <employeeId | workflowId>                 (only a parked run takes it; the answer says what happened)
  skip <employeeId | workflowId> --reason text
  pending-actions [pending|done|rejected|expired|…]  (writes asked for through the MCP gateway)
  approve <pending-action/uuid> [--by name] [--reason text] | reject <pending-action/uuid> --reason text [--by name]
bulk, for many parked runs: temporal workflow signal --name retry --query "SyncState='needs-attention' AND …"`;

/** Accepts an employee ID or a full workflow ID such as employee-provisioning/21001. */
function toWorkflowId(target: string): string {
  if (target.includes('/')) return target;
  assertEmployeeId(target);
  return employeeProvisioningWorkflowId(target);
}

/**
 * Support runs the CLI beside `make demo` without exporting anything: the demo's key is found in its
 * data folder. Anything else (a real deployment) names the variable to set.
 */
function loadCliConfig() {
  const keys = resolvePayloadKeys(process.env);
  const keyFile = path.relative(process.cwd(), keys.keyFile) || keys.keyFile;
  if (keys.source === 'demo-key-file') console.error(`cli: PAYLOAD_ENCRYPTION_KEYS is not set; using the demo's key from ${keyFile}`);
  try {
    return loadConfig(temporalConfigSchema, keys.env);
  } catch (err) {
    if (err instanceof ConfigError && keys.source === 'none') {
      throw new ConfigError(`${err.message}\n  (the CLI also looks for the demo's key in ${keyFile}: there is none)`);
    }
    throw err;
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      trigger: { type: 'string' },
      wait: { type: 'boolean' },
      reason: { type: 'string' },
      'dry-run': { type: 'boolean' },
      every: { type: 'string' },
      scope: { type: 'string' },
      by: { type: 'string' },
    },
  });
  const [command, target = ''] = positionals;
  // org-sync takes no target; every other command names one.
  if (!command || (!target && command !== 'org-sync' && command !== 'pending-actions')) {
    console.error(usage);
    return 2;
  }
  const config = loadCliConfig();
  const dataConverter = createDataConverter(config);
  const connection = await Connection.connect(temporalConnectionSettings(config));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  try {
    switch (command) {
      case 'provision': {
        const trigger = values.trigger ?? 'manual';
        if (trigger !== 'hire' && trigger !== 'job-change' && trigger !== 'manual') throw new Error(`unknown --trigger ${trigger}`);
        const handle = await requestEmployeeProvisioning(client, config, target, trigger);
        console.log(`started ${handle.workflowId} (run ${handle.signaledRunId})\n${workflowUiLink(config, handle.workflowId, handle.signaledRunId)}`);
        if (values.wait) console.log(JSON.stringify(await handle.result(), null, 2));
        return 0;
      }
      case 'offboard': {
        const handle = await requestEmployeeOffboarding(client, config, target, 'manual');
        console.log(`started ${handle.workflowId} (run ${handle.signaledRunId})\n${workflowUiLink(config, handle.workflowId, handle.signaledRunId)}`);
        if (values.wait) console.log(JSON.stringify(await handle.result(), null, 2));
        return 0;
      }
      case 'cancel-termination': {
        assertEmployeeId(target);
        const handle = client.workflow.getHandle(employeeOffboardingWorkflowId(target));
        const { status } = await handle.describe();
        if (status.name !== 'RUNNING') {
          console.error(`refused: ${handle.workflowId} is ${status.name.toLowerCase()}; a finished offboarding is not undone by a cancel (reactivate the Coupa user by hand)`);
          return 1;
        }
        await handle.signal(cancelTerminationSignal, values.reason);
        console.log(`cancelTermination sent to ${handle.workflowId}: if the date has not come, nothing is changed in Coupa`);
        return 0;
      }
      case 'org-sync': {
        const handle = await requestOrgHierarchySync(client, config, { scope: values.scope ?? 'all', dryRun: values['dry-run'] === true, trigger: 'manual' });
        console.log(`started ${handle.workflowId}${values['dry-run'] ? ' (dry run: nothing is written)' : ''}\n${workflowUiLink(config, handle.workflowId, handle.firstExecutionRunId)}`);
        if (values.wait || values['dry-run']) console.log(JSON.stringify(await handle.result(), null, 2));
        return 0;
      }
      case 'org-sync-schedule': {
        if (target === 'install') {
          const outcome = await installOrgHierarchySyncSchedule(client, config, { every: values.every ?? '1h', scope: values.scope ?? 'all' });
          console.log(`${outcome} schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID}: org hierarchy sync of ${values.scope ?? 'all'} every ${values.every ?? '1h'} (a run still going, or parked, makes the next one skip)`);
          return 0;
        }
        if (target === 'remove') {
          const outcome = await removeOrgHierarchySyncSchedule(client);
          console.log(outcome === 'removed' ? `removed schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID}` : `no schedule ${ORG_HIERARCHY_SYNC_SCHEDULE_ID} to remove`);
          return 0;
        }
        console.error(`org-sync-schedule takes install or remove\n${usage}`);
        return 2;
      }
      case 'status': {
        const handle = client.workflow.getHandle(toWorkflowId(target));
        const description = await handle.describe();
        const status = await handle.query(statusQuery);
        console.log(JSON.stringify({ workflowId: handle.workflowId, runStatus: description.status.name, ...status }, null, 2));
        console.log(workflowUiLink(config, handle.workflowId, description.runId));
        return 0;
      }
      case 'retry':
        // An update, not a signal: the run answers, and refuses when it is not parked.
        return await answered(client, toWorkflowId(target), 'retry', (h) => h.executeUpdate(retryUpdate));
      case 'skip': {
        if (!values.reason?.trim()) {
          console.error('skip needs --reason "why this record is not synced" (it goes into the audit trail)');
          return 2;
        }
        const reason = values.reason;
        return await answered(client, toWorkflowId(target), 'skip', (h) => h.executeUpdate(skipUpdate, { args: [reason] }));
      }
      case 'pending-actions':
      case 'approve':
      case 'reject':
        return await pendingActionCommand(client, command, target, { reason: values.reason, by: values.by });
      default:
        console.error(`unknown command ${command}\n${usage}`);
        return 2;
    }
  } finally {
    await connection.close();
  }
}

/** Prints the run's answer to retry or skip; a refusal (not parked) is printed as the run worded it. */
async function answered(client: Client, workflowId: string, what: string, send: (handle: WorkflowHandle) => Promise<string>): Promise<number> {
  const handle = client.workflow.getHandle(workflowId);
  const { status } = await handle.describe();
  if (status.name !== 'RUNNING') {
    console.error(`refused: ${workflowId} is ${status.name.toLowerCase()}, so there is nothing to ${what}; start a new run with \`provision\` if the record still needs syncing`);
    return 1;
  }
  try {
    console.log(await send(handle));
    return 0;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      console.error(`refused: ${err.cause instanceof Error ? err.cause.message : err.message}`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
