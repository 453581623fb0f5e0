// What of a request may reach a log line or a failure message: paging keys in clear, search values and natural keys only as markers.
import { createHmac, randomBytes } from 'node:crypto';

/** Query keys whose values are paging or flags, never personal data: logged as they are. */
const CLEAR_QUERY_KEYS = new Set(['limit', 'offset', 'includeTerminatedWorkers', 'includeInactive', 'return_object']);

/**
 * A per-process key: the same value gives the same marker within one process's logs (so lines can be
 * correlated), but a marker cannot be reversed by hashing every employee number or login, as an
 * unkeyed hash of such small value spaces could.
 */
const markerKey = randomBytes(32);

/** `#` and 8 hex chars standing for a value that must not be logged. */
export function valueMarker(value: unknown): string {
  return `#${createHmac('sha256', markerKey).update(String(value)).digest('hex').slice(0, 8)}`;
}

/** The query with every value other than paging keys and flags replaced by its marker. */
export function loggableQuery(params: unknown): Record<string, unknown> | null {
  if (!params || typeof params !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[key] = CLEAR_QUERY_KEYS.has(key) ? value : Array.isArray(value) ? value.map(valueMarker) : valueMarker(value);
  }
  return out;
}

/**
 * The path with the values of `Type=Value` reference segments (Workday's `workers/Employee_ID=21001`)
 * replaced by markers: those are natural keys (employee numbers, supplier IDs). WIDs and numeric ids
 * stay, they say nothing about a person on their own and support needs them.
 */
export function loggablePath(path: string): string {
  return path.replace(/(^|\/)([A-Za-z][\w.-]*)(=|%3D)([^/?#]+)/gi, (_m, lead: string, type: string, eq: string, value: string) => `${lead}${type}${eq}${valueMarker(decodeURIComponentSafe(value))}`);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
