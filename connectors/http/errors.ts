// Classification of API outcomes into Temporal ApplicationFailures with explicit, stable `type`s.
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { ConnectorErrorTypes, type ConnectorErrorType } from './error-types';

export * from './error-types';

/** Which call failed, without query string or body (they may carry personal data). */
export interface RequestSummary {
  /** "coupa" or "workday". */
  system: string;
  method: string;
  /** URL path only. */
  path: string;
  /** The API's own id of this request, from its response headers: what the vendor's support asks for. */
  requestId?: string;
}

/**
 * Response headers that may carry the API's request id, in the order they are tried. Neither Coupa
 * nor Workday documents its header (unconfirmed): Coupa is a Rails application, whose default is
 * X-Request-Id; the others are the common alternatives of API gateways.
 */
export const REQUEST_ID_HEADERS: readonly string[] = [
  'x-request-id',
  'x-correlation-id',
  'x-wd-request-id',
  'x-coupa-request-id',
  'request-id',
  'x-amzn-requestid',
];

/** Ids are tokens of letters, digits and a few separators; anything else is not echoed into messages. */
const REQUEST_ID_PATTERN = /^[\w.:+=/-]{1,128}$/;

/** The first usable request id among REQUEST_ID_HEADERS (header names in any case), or undefined. */
export function requestIdFrom(headers: unknown): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const raw = typeof (headers as { toJSON?: unknown }).toJSON === 'function' ? (headers as { toJSON: () => unknown }).toJSON() : headers;
  const lower = new Map(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of REQUEST_ID_HEADERS) {
    const value = lower.get(name);
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && REQUEST_ID_PATTERN.test(text.trim())) return text.trim();
  }
  return undefined;
}

/** Attached as the last element of `details` of every connector failure. */
export interface FailureContext extends RequestSummary {
  status: number | null;
  retryAfterMs?: number;
}

/** Upper bound on a server-requested wait, so a hostile or broken header cannot park a workflow for days. */
export const MAX_RETRY_AFTER_SECONDS = 300;

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date, capped at `maxSeconds`.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now(), maxSeconds = MAX_RETRY_AFTER_SECONDS): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number' && Number.isFinite(raw)) return clampMs(raw * 1000, maxSeconds);
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return clampMs(Number(text) * 1000, maxSeconds);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return clampMs(date - now, maxSeconds);
}

function clampMs(ms: number, maxSeconds: number): number {
  return Math.round(Math.min(Math.max(ms, 0), maxSeconds * 1000));
}

function describe(ctx: RequestSummary): string {
  return `${ctx.system} ${ctx.method.toUpperCase()} ${ctx.path}`;
}

/** Every connector failure goes through here: the request id, when the API sent one, ends the message. */
function failure(
  type: ConnectorErrorType,
  message: string,
  nonRetryable: boolean,
  details: unknown[],
  nextRetryDelayMs?: number,
  requestId?: string,
): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message: requestId ? `${message} (request id ${requestId})` : message,
    nonRetryable,
    details,
    ...(nextRetryDelayMs !== undefined ? { nextRetryDelay: nextRetryDelayMs } : {}),
  });
}

/** The API's own validation message(s) out of Coupa's `{"errors":{model:[…]}}` or Workday's `{"error","errors":[{error}]}`. */
export function extractApiMessages(body: unknown): string[] {
  const messages: string[] = [];
  const push = (v: unknown): void => {
    if (typeof v === 'string' && v.trim() !== '') messages.push(v.trim());
    else if (v && typeof v === 'object' && 'error' in v) push((v as { error: unknown }).error);
    else if (v && typeof v === 'object' && 'message' in v) push((v as { message: unknown }).message);
  };
  if (typeof body === 'string') {
    // XML `<errors><error>msg</error></errors>` or plain text.
    const xml = [...body.matchAll(/<error>([^<]*)<\/error>/g)].map((m) => m[1] ?? '');
    if (xml.length > 0) xml.forEach(push);
    else if (body.length <= 500 && !body.trimStart().startsWith('<')) push(body);
    return messages;
  }
  if (!body || typeof body !== 'object') return messages;
  const record = body as Record<string, unknown>;
  const errors = record['errors'];
  if (Array.isArray(errors)) errors.forEach(push);
  else if (errors && typeof errors === 'object') {
    for (const value of Object.values(errors as Record<string, unknown>)) {
      if (Array.isArray(value)) value.forEach(push);
      else push(value);
    }
  } else if (typeof errors === 'string') push(errors);
  if (messages.length === 0) {
    push(record['error_description']);
    push(record['error']);
    push(record['message']);
  } else if (typeof record['error'] === 'string' && !messages.includes(record['error'])) {
    messages.unshift(record['error']);
  }
  return messages;
}

/**
 * Maps an HTTP error status (and its body) to a typed failure. Every status class has an explicit
 * outcome; `ctx.requestId` (when the API sent one) ends the message and sits in the details.
 */
export function failureForStatus(
  ctx: RequestSummary,
  status: number,
  body: unknown,
  retryAfterHeader?: unknown,
  now: number = Date.now(),
): ApplicationFailure {
  const where = describe(ctx);
  const retryAfterMs = parseRetryAfter(retryAfterHeader, now);
  const context: FailureContext = { ...ctx, status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  const apiMessages = extractApiMessages(body);
  const apiMessage = apiMessages.join('; ');
  const retryAfterText = retryAfterMs !== undefined ? `, retry after ${retryAfterMs} ms` : '';
  const id = ctx.requestId;

  if (status === 401 || status === 403) {
    // The API's own wording of an auth error names no credential values, only why.
    const why = status === 401 ? 'not authenticated (token rejected after a refresh)' : 'forbidden (outside the granted scopes or security domains)';
    return failure(ConnectorErrorTypes.AuthFailed, `${where} → ${status}: ${why}${apiMessage ? ` (${apiMessage})` : ''}`, true, [context], undefined, id);
  }
  if (status === 404) {
    return failure(ConnectorErrorTypes.NotFound, `${where} → 404: not found${apiMessage ? ` (${apiMessage})` : ''}`, true, [context], undefined, id);
  }
  if (status === 408) {
    // The server gave up waiting for our request (a slow network or a busy proxy): sending it again is safe to try.
    return failure(ConnectorErrorTypes.Unavailable, `${where} → 408: request timeout${retryAfterText}`, false, [context], retryAfterMs, id);
  }
  if (status === 409) {
    return failure(ConnectorErrorTypes.Conflict, apiMessage || `${where} → 409: conflict`, false, [parsedErrors(body), context], retryAfterMs, id);
  }
  if (status === 423) {
    // Locked: another edit or an in-progress business process holds the record. Unlike a 4xx
    // validation error, the same request succeeds once the lock is released, so it is retried
    // like a 409 (activities look up before they write, so a retry never duplicates).
    return failure(ConnectorErrorTypes.Conflict, `${where} → 423: locked${apiMessage ? ` (${apiMessage})` : ''}${retryAfterText}`, false, [parsedErrors(body), context], retryAfterMs, id);
  }
  if (status === 429) {
    return failure(ConnectorErrorTypes.RateLimited, `${where} → 429: rate limited${retryAfterText}`, false, [context], retryAfterMs, id);
  }
  if (status === 501) {
    // The tenant lacks this endpoint or API version: a contract problem a person resolves.
    return failure(
      ConnectorErrorTypes.NotImplemented,
      `${where} → 501: not implemented by this tenant (a service not enabled or an API version it does not serve)${apiMessage ? ` (${apiMessage})` : ''}`,
      true,
      [context],
      undefined,
      id,
    );
  }
  if (status >= 500) {
    return failure(ConnectorErrorTypes.Unavailable, `${where} → ${status}: service unavailable${retryAfterText}`, false, [context], retryAfterMs, id);
  }
  // Remaining 4xx: the request is wrong. The message is the API's own, so people can fix the data.
  return failure(ConnectorErrorTypes.ValidationFailed, apiMessage || `${where} → ${status}: request rejected`, true, [parsedErrors(body), context], undefined, id);
}

function parsedErrors(body: unknown): unknown {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if ('errors' in record) return record['errors'];
    return body;
  }
  return extractApiMessages(body);
}

/** A network error or timeout: the call may or may not have reached the server; retry. */
export function failureForTransport(ctx: RequestSummary, code: string | undefined, timedOut: boolean): ApplicationFailure {
  const what = timedOut ? 'timed out' : `network error${code ? ` (${code})` : ''}`;
  return failure(ConnectorErrorTypes.Unavailable, `${describe(ctx)}: ${what}`, false, [{ ...ctx, status: null, code: code ?? null }], undefined, ctx.requestId);
}

/** A response that does not match its schema. Lists issue paths and messages, never the values. */
export function failureForInvalidResponse(ctx: RequestSummary, error: z.ZodError): ApplicationFailure {
  const issues = error.issues.slice(0, 10).map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.code}${'expected' in issue && issue.expected ? ` (expected ${String(issue.expected)})` : ''}`);
  const more = error.issues.length > 10 ? ` (+${error.issues.length - 10} more)` : '';
  return failure(
    ConnectorErrorTypes.InvalidResponse,
    `${describe(ctx)}: unexpected response shape: ${issues.join('; ')}${more}`,
    true,
    [{ ...ctx, status: null, issues: error.issues.map((i) => ({ path: i.path.map(String), code: i.code })) }],
    undefined,
    ctx.requestId,
  );
}

/** True when `err` is an ApplicationFailure of the given connector type (by `type`, never class name). */
export function isConnectorFailure(err: unknown, type?: ConnectorErrorType): err is ApplicationFailure {
  if (!(err instanceof ApplicationFailure)) return false;
  return type === undefined ? (Object.values(ConnectorErrorTypes) as string[]).includes(err.type ?? '') : err.type === type;
}
