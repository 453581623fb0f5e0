// The list engine every Coupa collection shares: attribute filters with operators, association filters, offset paging and response shaping.
import { baseError, hyphenate, isJsonObject, isNumericString, looksLikeDatetime, parseInstant, type Json, type JsonObject } from './wire.js';

export const FILTER_OPERATORS = [
  'contains',
  'starts-with',
  'ends-with',
  'gt',
  'lt',
  'gt-or-eq',
  'lt-or-eq',
  'not-eq',
  'in',
  'not-in',
  'blank',
] as const;
export type FilterOperator = 'eq' | (typeof FILTER_OPERATORS)[number];

/** Query parameters that steer the list rather than filter it (already hyphenated). */
const CONTROL_PARAMS = new Set(['limit', 'offset', 'return-object', 'fields', 'order-by', 'dir']);

export const PAGE_SIZE_MAX = 50;

export interface FilterCondition {
  /** Hyphenated path into the rendered record: ['manager', 'login']. */
  path: string[];
  op: FilterOperator;
  values: string[];
}

export interface ListSchema {
  /** Name used in error messages ("users"). */
  resource: string;
  /** Top-level keys of the rendered record that may be filtered on, associations included. */
  attributes: readonly string[];
}

function isOperator(key: string): key is (typeof FILTER_OPERATORS)[number] {
  return (FILTER_OPERATORS as readonly string[]).includes(key);
}

function asValues(raw: unknown, where: string): string[] {
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) return raw as string[];
  throw baseError(400, `Invalid value for filter ${where}`);
}

const DATE_KEY = /(-at|-date)$/;

function checkDates(condition: FilterCondition): void {
  const last = condition.path[condition.path.length - 1] ?? '';
  if (!DATE_KEY.test(last) || ['contains', 'starts-with', 'ends-with', 'blank'].includes(condition.op)) return;
  const values = condition.op === 'in' || condition.op === 'not-in' ? splitList(condition.values) : condition.values;
  for (const v of values) {
    // A bad date is refused rather than silently matching nothing, so a client that forgot to encode '+' finds out.
    if (parseInstant(v) === null) throw baseError(400, `Invalid date '${v}' for filter ${condition.path.join('.')}`);
  }
}

/**
 * Turns express's extended query object into filter conditions. `updated-at[gt]=x` arrives as
 * `{ 'updated-at': { gt: 'x' } }`, `manager[login]=x` as `{ manager: { login: 'x' } }`: a bracket key
 * that names an operator is an operator, anything else walks into an association.
 */
export function parseFilters(query: Record<string, unknown>, schema: ListSchema): FilterCondition[] {
  const conditions: FilterCondition[] = [];
  const walk = (path: string[], raw: unknown): void => {
    if (isJsonObject(raw)) {
      for (const [rawKey, value] of Object.entries(raw)) {
        const key = hyphenate(rawKey);
        if (isOperator(key)) {
          conditions.push({ path, op: key, values: asValues(value, `${path.join('.')}[${rawKey}]`) });
        } else {
          walk([...path, key], value);
        }
      }
      return;
    }
    const values = asValues(raw, path.join('.'));
    // A repeated parameter (attr=a&attr=b) reads as "any of".
    conditions.push(values.length > 1 ? { path, op: 'in', values: [values.join(',')] } : { path, op: 'eq', values });
  };

  for (const [rawKey, raw] of Object.entries(query)) {
    const key = hyphenate(rawKey);
    if (CONTROL_PARAMS.has(key)) continue;
    if (key === 'filter') {
      throw baseError(400, 'Named API filters (filter=) are not simulated by this sandbox');
    }
    if (schema.attributes.includes(key)) {
      walk([key], raw);
      continue;
    }
    // `{assoc}_id=N` is shorthand for `{assoc}[id]=N`.
    const assoc = key.endsWith('-id') ? key.slice(0, -3) : null;
    if (assoc !== null && schema.attributes.includes(assoc)) {
      walk([assoc, 'id'], raw);
      continue;
    }
    // Unconfirmed: whether Coupa ignores or rejects an unknown attribute. Rejecting keeps a typo from returning every row.
    throw baseError(400, `Unknown filter attribute '${rawKey}' for ${schema.resource}`);
  }
  conditions.forEach(checkDates);
  return conditions;
}

/** Leaf values at a path; arrays along the way fan out (a user matches `roles[name]=Buyer` if any role does). */
function valuesAt(record: Json, path: string[]): Json[] {
  if (path.length === 0) return Array.isArray(record) ? record : [record];
  if (Array.isArray(record)) return record.flatMap((item) => valuesAt(item, path));
  if (!isJsonObject(record)) return [];
  const [head, ...rest] = path;
  if (head === undefined || !(head in record)) return [];
  const next = record[head];
  if (next === null || next === undefined) return rest.length === 0 ? [null] : [];
  return valuesAt(next, rest);
}

function splitList(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim());
}

function isBlankValue(value: Json): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** -1/0/1, or null when the two cannot be compared (the row then does not match). */
function compare(actual: Json, wanted: string): number | null {
  if (typeof actual === 'number') {
    const n = Number(wanted);
    return wanted.trim() === '' || Number.isNaN(n) ? null : Math.sign(actual - n);
  }
  if (typeof actual === 'boolean') {
    const b = wanted === 'true' || wanted === '1' ? true : wanted === 'false' || wanted === '0' ? false : null;
    return b === null ? null : actual === b ? 0 : 1;
  }
  if (typeof actual !== 'string') return null;
  // Dates compare as instants, whatever offset either side was written in.
  if (looksLikeDatetime(actual)) {
    const a = Date.parse(actual);
    const w = parseInstant(wanted);
    return w === null ? null : Math.sign(a - w);
  }
  if (isNumericString(actual) && isNumericString(wanted) && actual.includes('.')) {
    return Math.sign(Number(actual) - Number(wanted));
  }
  return actual === wanted ? 0 : actual < wanted ? -1 : 1;
}

function text(value: Json): string | null {
  if (value === null || typeof value === 'object') return null;
  return String(value).toLowerCase();
}

export function matchesCondition(record: JsonObject, condition: FilterCondition): boolean {
  const found = valuesAt(record, condition.path);
  const wanted = condition.values;
  const any = (test: (v: Json) => boolean): boolean => found.some((v) => v !== null && test(v));
  switch (condition.op) {
    case 'eq':
      // `attr=` (empty) and `attr=null` find empty values, so "no employee number" can be asked for.
      if (wanted.every((w) => w === '' || w === 'null') && (found.length === 0 || found.every(isBlankValue))) return true;
      return any((v) => wanted.some((w) => compare(v, w) === 0));
    case 'not-eq':
      // SQL semantics: NULL is neither equal nor not-equal, so empty values never match not_eq.
      return found.some((v) => v !== null) && found.every((v) => v !== null && wanted.every((w) => compare(v, w) !== 0));
    case 'in': {
      const list = splitList(wanted);
      return any((v) => list.some((w) => compare(v, w) === 0));
    }
    case 'not-in': {
      const list = splitList(wanted);
      return found.some((v) => v !== null) && found.every((v) => v !== null && list.every((w) => compare(v, w) !== 0));
    }
    case 'gt':
      return any((v) => wanted.every((w) => compare(v, w) === 1));
    case 'lt':
      return any((v) => wanted.every((w) => compare(v, w) === -1));
    case 'gt-or-eq':
      return any((v) => wanted.every((w) => [0, 1].includes(compare(v, w) ?? NaN)));
    case 'lt-or-eq':
      return any((v) => wanted.every((w) => [0, -1].includes(compare(v, w) ?? NaN)));
    // Text operators ignore case, as MySQL's default collation does [U].
    case 'contains':
      return any((v) => wanted.every((w) => text(v)?.includes(w.toLowerCase()) ?? false));
    case 'starts-with':
      return any((v) => wanted.every((w) => text(v)?.startsWith(w.toLowerCase()) ?? false));
    case 'ends-with':
      return any((v) => wanted.every((w) => text(v)?.endsWith(w.toLowerCase()) ?? false));
    case 'blank': {
      const want = wanted[0] !== 'false';
      const blank = found.length === 0 || found.every(isBlankValue);
      return blank === want;
    }
  }
}

export function applyFilters(records: JsonObject[], conditions: FilterCondition[]): JsonObject[] {
  return records.filter((record) => conditions.every((c) => matchesCondition(record, c)));
}

function firstString(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && typeof raw[0] === 'string') return raw[0];
  return undefined;
}

function param(query: Record<string, unknown>, name: string): unknown {
  return query[name] ?? query[name.replace(/-/g, '_')];
}

/** `limit` defaults to 50 and is silently capped at 50; rows come in ascending id order unless `order_by` says otherwise. */
export function pageOf(records: JsonObject[], query: Record<string, unknown>): JsonObject[] {
  const limitRaw = Number.parseInt(firstString(param(query, 'limit')) ?? '', 10);
  const offsetRaw = Number.parseInt(firstString(param(query, 'offset')) ?? '', 10);
  const limit = Number.isNaN(limitRaw) || limitRaw <= 0 ? PAGE_SIZE_MAX : Math.min(limitRaw, PAGE_SIZE_MAX);
  const offset = Number.isNaN(offsetRaw) || offsetRaw < 0 ? 0 : offsetRaw;

  let ordered = [...records].sort((a, b) => Number(a.id) - Number(b.id));
  // order_by is unconfirmed for Coupa; offered for top-level attributes only.
  const orderBy = firstString(param(query, 'order-by'));
  if (orderBy) {
    const key = hyphenate(orderBy);
    const desc = (firstString(param(query, 'dir')) ?? 'asc').toLowerCase() === 'desc';
    ordered = ordered.sort((a, b) => {
      const av = a[key] ?? null;
      const bv = b[key] ?? null;
      if (av === bv) return 0;
      if (av === null) return desc ? 1 : -1;
      if (bv === null) return desc ? -1 : 1;
      const c = compare(av, String(bv)) ?? 0;
      return desc ? -c : c;
    });
  }
  return ordered.slice(offset, offset + limit);
}

export type FieldSpec = (string | { [key: string]: FieldSpec })[];

export interface Shaping {
  returnObject: 'full' | 'limited' | 'shallow' | 'none';
  fields: FieldSpec | null;
}

function isFieldSpec(value: unknown): value is FieldSpec {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'string' || (isJsonObject(item) && Object.values(item).every((nested) => isFieldSpec(nested))),
    )
  );
}

/** `return_object=limited|shallow|none` and `fields=[…]` (a JSON array, nested objects for associations). */
export function parseShaping(query: Record<string, unknown>): Shaping {
  const ro = firstString(param(query, 'return-object'));
  let returnObject: Shaping['returnObject'] = 'full';
  if (ro !== undefined) {
    if (ro !== 'limited' && ro !== 'shallow' && ro !== 'none') {
      throw baseError(400, `Invalid return_object '${ro}': use limited, shallow or none`);
    }
    returnObject = ro;
  }
  const rawFields = param(query, 'fields');
  let fields: FieldSpec | null = null;
  if (rawFields !== undefined) {
    let parsed: unknown = rawFields;
    if (typeof rawFields === 'string') {
      try {
        parsed = JSON.parse(rawFields);
      } catch {
        throw baseError(400, 'fields must be a JSON array, e.g. fields=["id","login"]');
      }
    }
    if (!isFieldSpec(parsed)) throw baseError(400, 'fields must be a JSON array of names and {association:[names]} objects');
    fields = parsed;
  }
  return { returnObject, fields };
}

function project(value: Json, spec: FieldSpec): Json {
  if (Array.isArray(value)) return value.map((item) => project(item, spec));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const item of spec) {
    if (typeof item === 'string') {
      const key = hyphenate(item);
      if (key in value) out[key] = value[key] ?? null;
    } else {
      for (const [rawKey, nested] of Object.entries(item)) {
        const key = hyphenate(rawKey);
        if (key in value) out[key] = project(value[key] ?? null, nested);
      }
    }
  }
  return out;
}

/** Keys kept on an association under return_object=shallow: its id and whatever natural key it has. */
const NATURAL_KEYS = ['id', 'login', 'email', 'employee-number', 'name', 'code', 'number', 'external-ref-num'];

function shallow(record: JsonObject): JsonObject {
  const reduce = (assoc: JsonObject): JsonObject =>
    Object.fromEntries(Object.entries(assoc).filter(([k]) => NATURAL_KEYS.includes(k)));
  return Object.fromEntries(
    Object.entries(record).map(([k, v]): [string, Json] => {
      if (isJsonObject(v)) return [k, reduce(v)];
      if (Array.isArray(v)) return [k, v.map((item) => (isJsonObject(item) ? reduce(item) : item))];
      return [k, v];
    }),
  );
}

/** Applies shaping to one rendered record; `none` is decided by the caller (it means "no body"). */
export function shapeRecord(record: JsonObject, shaping: Shaping): Json {
  if (shaping.fields) return project(record, shaping.fields);
  switch (shaping.returnObject) {
    case 'limited':
      return { id: record.id ?? null };
    case 'shallow':
      return shallow(record);
    default:
      return record;
  }
}
