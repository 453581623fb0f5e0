// `make replay`: before a deploy, replays the histories of a live namespace against the workflow code about to ship.
// A run whose history the new code would not reproduce is named, and the exit code is 1.
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { loadConfig, temporalConfigSchema, ConfigError } from '../infra/config';
import { temporalConnectionSettings } from '../infra/temporal-connection';
import { createDataConverter } from '../infra/data-converter';

/** Open runs are the ones a deploy can break; `--query` widens it (e.g. to recently closed runs). */
export const DEFAULT_REPLAY_QUERY = "ExecutionStatus = 'Running'";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { query: { type: 'string' }, limit: { type: 'string' } } });
  const query = values.query ?? DEFAULT_REPLAY_QUERY;
  const limit = values.limit ? Number(values.limit) : 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(`--limit must be a positive whole number, not ${values.limit}`);
  const config = loadConfig(temporalConfigSchema);
  const connection = await Connection.connect(temporalConnectionSettings(config));
  const dataConverter = createDataConverter(config);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, ...(dataConverter ? { dataConverter } : {}) });
  try {
    const histories = client.workflow.list({ query, pageSize: 100 }).intoHistories();
    let replayed = 0;
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      { workflowsPath: require.resolve('../workflows'), ...(dataConverter ? { dataConverter } : {}) },
      (async function* limited() {
        for await (const history of histories) {
          if (replayed >= limit) return;
          replayed += 1;
          yield history;
        }
      })(),
    );
    for await (const result of results) {
      if (result.error) {
        failures.push(`${result.workflowId}: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
        console.error(`✖ ${result.workflowId}: would not replay on this code`);
      } else {
        console.log(`✔ ${result.workflowId}`);
      }
    }
    console.log(`replayed ${replayed} run(s) of namespace ${config.TEMPORAL_NAMESPACE} matching ${query}: ${failures.length} would break`);
    for (const failure of failures) console.error(`  ${failure}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
