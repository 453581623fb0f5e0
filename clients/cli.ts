// Command line for support and ops: start provisioning, show a run's status, send retry or skip.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, temporalConfigSchema, ConfigError } from '../infra/config';
import { temporalConnectionSettings, workflowUiLink } from '../infra/temporal-connection';
import { createDataConverter, resolvePayloadKeys } from '../infra/data-converter';
import { requestEmployeeProvisioning, assertEmployeeId } from './employee-provisioning';
import { employeeProvisioningWorkflowId } from '../workflows/employee-provisioning';
import { statusQuery, retrySignal, skipSignal } from '../workflows/sync-state';

const usage = `usage: npm run cli -- <command> [args]
  provision <employeeId> [--trigger hire|job-change|manual] [--wait]
  status <employeeId | workflowId>
  retry <employeeId | workflowId>
  skip <employeeId | workflowId> [--reason text]`;

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
    options: { trigger: { type: 'string' }, wait: { type: 'boolean' }, reason: { type: 'string' } },
  });
  const [command, target] = positionals;
  if (!command || !target) {
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
      case 'status': {
        const handle = client.workflow.getHandle(toWorkflowId(target));
        const description = await handle.describe();
        const status = await handle.query(statusQuery);
        console.log(JSON.stringify({ workflowId: handle.workflowId, runStatus: description.status.name, ...status }, null, 2));
        console.log(workflowUiLink(config, handle.workflowId, description.runId));
        return 0;
      }
      case 'retry':
        await client.workflow.getHandle(toWorkflowId(target)).signal(retrySignal);
        console.log(`retry sent to ${toWorkflowId(target)}`);
        return 0;
      case 'skip':
        await client.workflow.getHandle(toWorkflowId(target)).signal(skipSignal, values.reason);
        console.log(`skip sent to ${toWorkflowId(target)}`);
        return 0;
      default:
        console.error(`unknown command ${command}\n${usage}`);
        return 2;
    }
  } finally {
    await connection.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
