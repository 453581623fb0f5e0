// xs:date and xs:dateTime as SOAP services write and read them: optional offsets, any number of fractional digits.

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0));
}

function validDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

/** An xs:dateTime as epoch ms; a value without offset is read at `defaultOffset`. Null when unreadable. */
export function parseXsDateTime(text: string, defaultOffset: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, date, hh, mm, ss, fraction, offset] = m;
  if (!date || !validDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  const ms = Math.floor(Number(`0${fraction ?? ''}`) * 1000);
  const utc = Date.parse(`${date}T${hh}:${mm}:${ss}Z`) + ms;
  return utc - offsetMinutes(offset ?? defaultOffset) * 60_000;
}

/**
 * The calendar date an xs:date or xs:dateTime names, as YYYY-MM-DD: a date's own digits (its offset
 * only says where), a datetime's date at `offset`. Null when unreadable.
 */
export function readXsDate(text: string, offset: string): string | null {
  const trimmed = text.trim();
  const date = DATE.exec(trimmed);
  if (date?.[1]) return validDate(date[1]) ? date[1] : null;
  const ms = parseXsDateTime(trimmed, offset);
  return ms === null ? null : localDate(ms, offset);
}

/** The date at `offset` of an instant. */
export function localDate(ms: number, offset: string): string {
  return new Date(ms + offsetMinutes(offset) * 60_000).toISOString().slice(0, 10);
}

/** An instant written at `offset`, e.g. 2026-03-31T09:15:00.000-08:00. */
export function formatXsDateTime(ms: number, offset: string): string {
  const local = new Date(ms + offsetMinutes(offset) * 60_000).toISOString().slice(0, 23);
  return `${local}${offset}`;
}

/** Midnight at `offset` of a calendar date, as epoch ms. */
export function startOfDate(date: string, offset: string): number {
  return Date.parse(`${date}T00:00:00Z`) - offsetMinutes(offset) * 60_000;
}
