// Given SQL visibility (the dev server's SQLite, PostgreSQL in compose), then the project's Keyword attributes fit its limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEARCH_ATTRIBUTE_NAMES } from '../../infra/search-attributes';

test('the custom search attributes fit SQL visibility: at most 10 of type Keyword, no name twice', () => {
  // Past 10, `temporal server start-dev` and the compose setup refuse to create the namespace.
  assert.ok(SEARCH_ATTRIBUTE_NAMES.length <= 10, `${SEARCH_ATTRIBUTE_NAMES.length} Keyword attributes: share ProcessState instead of adding one per process`);
  assert.equal(new Set(SEARCH_ATTRIBUTE_NAMES).size, SEARCH_ATTRIBUTE_NAMES.length);
});
