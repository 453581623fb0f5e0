// What every CLI command shares: config (with the demo's key as a fallback), one Temporal client per invocation, and answers to retry/skip.
import path from 'node:path';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { loadConfig, temporalConfigSchema, ConfigError, type TemporalConfig } from '../../infra/config';
import { temporalConnectionSettings } from '../../infra/temporal-connection';
import { createDataConverter, resolvePayloadKeys } from '../../infra/data-converter';
import { assertEmployeeId } from '../employee-provisioning';
import { employeeProvisioningWorkflowId } from '../../workflows/employee-provisioning';

export interface CliContext {
  client: Client;
  config: TemporalConfig;
}

/** A usage mistake (exit code 2), told apart from a refusal or a failure (exit code 1). */
export class UsageError extends Error {}

/** Wraps an action so its number becomes the process's exit code; a UsageError prints the message and exits 2. */
export function exitWith<A extends unknown[]>(action: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = await action(...args);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      console.error(err.message);
      process.exitCode = 2;
    }
  };
}

/**
 * Support runs the CLI beside `make demo` without exporting anything: the demo's key is found in its
 * data folder. Anything else (a real deployment) names the variable to set.
 */
export function loadCliConfig(): TemporalConfig {
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

/** Runs one command with a connected client and closes the connection whatever happens; the number is the exit code. */
export async function withTemporal(work: (ctx: CliContext) => Promise<number>): Promise<number> {
  const config = loadCliConfig();
  const connection = await Connection.connect(temporalConnectionSettings(config));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(config) });
  try {
    return await work({ client, config });
  } finally {
    await connection.close();
  }
}

/** Accepts an employee ID (their provisioning run) or a full workflow ID such as invoice-posting/4711. */
export function toWorkflowId(target: string): string {
  if (target.includes('/')) return target;
  assertEmployeeId(target);
  return employeeProvisioningWorkflowId(target);
}

/** Prints the run's answer to an update such as retry or skip; a refusal (not parked) is printed as the run worded it. */
export async function answered(client: Client, workflowId: string, what: string, send: (handle: WorkflowHandle) => Promise<string>): Promise<number> {
  const handle = client.workflow.getHandle(workflowId);
  const { status } = await handle.describe();
  if (status.name !== 'RUNNING') {
    console.error(`refused: ${workflowId} is ${status.name.toLowerCase()}, so there is nothing to ${what}; start a new run if the record still needs syncing`);
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
