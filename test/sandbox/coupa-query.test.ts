// The Coupa list engine on its own: how extended query objects become filters, and how values compare.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFilters, pageOf, parseFilters, type ListSchema } from '../../sandbox/coupa/query.js';
import type { JsonObject } from '../../sandbox/coupa/wire.js';

const schema: ListSchema = { resource: 'users', attributes: ['id', 'login', 'updated-at', 'manager', 'roles', 'employee-number'] };

const rows: JsonObject[] = [
  { id: 3, login: 'c', 'updated-at': '2024-03-01T10:00:00.000-07:00', manager: { id: 1, login: 'a' }, roles: [{ name: 'Buyer' }], 'employee-number': null },
  { id: 1, login: 'a', 'updated-at': '2024-01-01T00:00:00.000-07:00', manager: null, roles: [], 'employee-number': 'C-0001' },
  { id: 2, login: 'b', 'updated-at': '2024-02-01T00:00:00.000-07:00', manager: { id: 1, login: 'a' }, roles: [{ name: 'User' }], 'employee-number': '21001' },
];

const ids = (found: JsonObject[]): unknown[] => found.map((r) => r.id);

test('a bracketed key that names an operator is an operator; any other walks into an association', () => {
  // This is the shape express's extended (qs) parser hands over for `updated_at[gt]=…&manager[login]=a`.
  const conditions = parseFilters({ updated_at: { gt: '2024-01-15' }, manager: { login: 'a' } }, schema);
  assert.deepEqual(conditions, [
    { path: ['updated-at'], op: 'gt', values: ['2024-01-15'] },
    { path: ['manager', 'login'], op: 'eq', values: ['a'] },
  ]);
  assert.deepEqual(ids(applyFilters(rows, conditions)), [3, 2]);
});

test('{assoc}_id=N means {assoc}[id]=N, and collections match when any element does', () => {
  assert.deepEqual(ids(applyFilters(rows, parseFilters({ manager_id: '1' }, schema))), [3, 2]);
  assert.deepEqual(ids(applyFilters(rows, parseFilters({ roles: { name: 'Buyer' } }, schema))), [3]);
});

test('dates compare as instants whatever their offsets; blank and not_eq treat null like SQL', () => {
  assert.deepEqual(ids(applyFilters(rows, parseFilters({ 'updated-at': { lt_or_eq: '2024-01-01T07:00:00Z' } }, schema))), [1]);
  assert.deepEqual(ids(applyFilters(rows, parseFilters({ 'employee-number': { blank: 'true' } }, schema))), [3]);
  assert.deepEqual(ids(applyFilters(rows, parseFilters({ 'employee-number': { not_eq: '21001' } }, schema))), [1]);
  assert.throws(() => parseFilters({ 'updated-at': { gt: '2024-01-01T00:00:00 00:00' } }, schema), /Invalid date/);
});

test('unknown attributes and named filters are refused; paging is ascending by id and capped at 50', () => {
  assert.throws(() => parseFilters({ colour: 'blue' }, schema), /Unknown filter attribute/);
  assert.throws(() => parseFilters({ filter: 'my_saved_filter' }, schema), /Named API filters/);
  assert.deepEqual(ids(pageOf(rows, { limit: '2', offset: '1' })), [2, 3]);
  const many = Array.from({ length: 120 }, (_, i): JsonObject => ({ id: i + 1 }));
  assert.equal(pageOf(many, { limit: '500' }).length, 50);
});
