// Coupa's wire conventions in one place: hyphenated keys, money strings, offset datetimes, error bodies, input coercion.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Coupa emits `employee-number` but some of its own doc examples send `employee_number`: inputs are folded to hyphens. */
export function hyphenate(key: string): string {
  return key.replace(/_/g, '-');
}

export function hyphenateKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hyphenateKeys);
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [hyphenate(k), hyphenateKeys(v)]));
  }
  return value;
}

/** An HTTP answer other than success, carrying Coupa's own body; route code throws it, the error handler sends it. */
export class CoupaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: JsonObject,
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }
}

/** 400 `{"errors":{"user":["Login can't be blank"]}}`: Coupa keys validation messages by model. */
export function validationError(model: string, messages: string[]): CoupaHttpError {
  return new CoupaHttpError(400, { errors: { [model]: messages } });
}

/** Errors that belong to no model (auth, unknown id, bad query). The `base` key is Rails' convention; Coupa's exact wording is unconfirmed. */
export function baseError(status: number, message: string): CoupaHttpError {
  return new CoupaHttpError(status, { errors: { base: [message] } });
}

export function recordNotFound(): CoupaHttpError {
  return baseError(404, 'Record not found');
}

/**
 * The simulated instance's fixed UTC offset. Coupa renders datetimes in the instance's time zone, so
 * a client that compares these strings lexically against `Date#toISOString()` is wrong, and we want
 * that to show up here rather than against a tenant.
 */
export const INSTANCE_UTC_OFFSET = '-07:00';
const OFFSET_MINUTES = -7 * 60;

/**
 * Milliseconds are kept (real Coupa shows whole seconds) so that an `updated-at[gt]` watermark taken
 * from a response never re-delivers or skips a record changed in the same second.
 */
export function formatTimestamp(epochMs: number): string {
  const shifted = new Date(epochMs + OFFSET_MINUTES * 60_000).toISOString();
  return `${shifted.slice(0, -1)}${INSTANCE_UTC_OFFSET}`;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

export function looksLikeDatetime(value: string): boolean {
  return ISO_DATETIME.test(value);
}

/** Parses a filter's date: a bare date means midnight UTC (per the docs), a local datetime is read as UTC. */
export function parseInstant(value: string): number | null {
  const text = value.trim();
  let candidate: string;
  if (ISO_DATE.test(text)) candidate = `${text}T00:00:00Z`;
  else if (ISO_LOCAL_DATETIME.test(text)) candidate = `${text}Z`;
  else if (ISO_DATETIME.test(text)) candidate = text;
  else return null;
  const ms = Date.parse(candidate);
  return Number.isNaN(ms) ? null : ms;
}

const MONEY = /^-?\d+(\.\d+)?$/;

export function isNumericString(value: string): boolean {
  return MONEY.test(value.trim());
}

/** Money and decimals always leave as strings with two places, the way Coupa sends "5000.00". */
export function formatMoney(value: number | string): string {
  return Number(value).toFixed(2);
}

/**
 * Reads one attribute of a request body. `undefined` = not sent (a PUT leaves the field alone);
 * `null` = sent as null (clears it). Type problems go into `problems` in Coupa's sentence style.
 */
export function readString(body: JsonObject, key: string, label: string, problems: string[]): string | null | undefined {
  if (!(key in body)) return undefined;
  const value = body[key];
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  problems.push(`${label} is invalid`);
  return undefined;
}

export function readBoolean(body: JsonObject, key: string, label: string, problems: string[]): boolean | undefined {
  if (!(key in body)) return undefined;
  const value = body[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0 || value === null) return false;
  problems.push(`${label} is invalid`);
  return undefined;
}

export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** Rails' humanised attribute name: `employee-number` → `Employee number`. */
export function humanize(key: string): string {
  const words = key.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
