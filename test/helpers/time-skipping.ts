// Temporal's time-skipping test server (Java), installed from PyPI by setup: for runs that sleep days or weeks.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { testDataConverter } from './temporal';
import { SEARCH_ATTRIBUTE_NAMES } from '../../infra/search-attributes';

const repoRoot = path.resolve(__dirname, '../..');

/** Same lookup order as scripts/temporal-tools.sh: env path, PATH, the project virtualenv (an absolute path: the SDK does not search PATH). */
export function resolveTemporalTestServer(): string {
  const script = `cd ${JSON.stringify(repoRoot)} && source scripts/temporal-tools.sh && resolve_temporal_test_server`;
  try {
    return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Temporal test server not found: run `make setup` (or set TEMPORAL_TEST_SERVER_PATH)');
  }
}

/** The test server, with the application's search attributes registered (it refuses unknown ones, as a cluster does). */
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: resolveTemporalTestServer() } },
    client: { dataConverter: testDataConverter },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTE_NAMES.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
  });
  return env;
}
