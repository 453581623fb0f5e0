// REST conventions shared by every Workday service: paging, {total, data} envelopes, refs with hrefs and the error bodies.
import type { Request, Response } from 'express';
import { z } from 'zod';

export const workdaySandboxConfigSchema = z.object({
  accessTokenTtlSeconds: z.number().int().positive(),
  /**
   * What a `limit` over 100 does. The specs say "the maximum is 100" but not whether more is
   * refused or clamped (unconfirmed): 'error' (default) answers 400, 'clamp' serves 100.
   */
  overLimitBehaviour: z.enum(['error', 'clamp']),
  /**
   * Whether a refresh-token grant rotates the refresh token: the reply carries a new one and the one
   * presented stops working. The reference says to persist any new refresh token a reply carries;
   * whether and when a tenant rotates is unconfirmed, so it is off by default.
   */
  rotateRefreshTokens: z.boolean(),
});
export type WorkdaySandboxConfig = z.infer<typeof workdaySandboxConfigSchema>;
export const workdaySandboxConfigPatchSchema = workdaySandboxConfigSchema.partial().strict();

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface Ref {
  id: string;
  descriptor: string;
  href?: string;
}

/** The URL prefix of the service the request came in on, e.g. http://127.0.0.1:4010/ccx/api/v1/acme. */
export function serviceBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
}

/** A ref to an instance this service serves, so the href is a URL a client can GET. */
export function ref(req: Request, collection: string, id: string, descriptor: string): Ref {
  return { id, descriptor, href: `${serviceBase(req)}/${collection}/${id}` };
}

/** Workday's validation error body: a summary plus one entry per problem (VALIDATION_ERROR_MODEL_REFERENCE). */
export function sendValidationError(res: Response, problems: string[]): void {
  res.status(400).json({ error: 'invalid request', errors: problems.map((error) => ({ error })) });
}

export function sendNotFound(res: Response, what: string): void {
  res.status(404).json({ error: `resource not found: ${what}` });
}

/** One query parameter as a string; repeated or nested parameters count as invalid. */
export function queryParam(req: Request, name: string): string | undefined | { invalid: true } {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : { invalid: true };
}

export interface Page {
  limit: number;
  offset: number;
}

/** Reads limit/offset; on a problem answers 400 itself and returns null. */
export function readPaging(req: Request, res: Response, config: WorkdaySandboxConfig): Page | null {
  const problems: string[] = [];
  const read = (name: 'limit' | 'offset', fallback: number): number => {
    const raw = queryParam(req, name);
    if (raw === undefined || raw === '') return fallback;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
      problems.push(`${name} must be a non-negative integer, got ${JSON.stringify(typeof raw === 'string' ? raw : '(repeated)')}`);
      return fallback;
    }
    return Number(raw);
  };
  let limit = read('limit', DEFAULT_LIMIT);
  const offset = read('offset', 0);
  // Whether Workday accepts limit=0 (a count-only page) is unconfirmed; refusing it keeps paging loops honest.
  if (limit < 1) problems.push('limit must be at least 1');
  if (limit > MAX_LIMIT) {
    if (config.overLimitBehaviour === 'clamp') limit = MAX_LIMIT;
    else problems.push(`limit must be at most ${MAX_LIMIT}, got ${limit}`);
  }
  if (problems.length) {
    sendValidationError(res, problems);
    return null;
  }
  return { limit, offset };
}

/** Answers `{total, data}` for one page of an already filtered, stably ordered list. */
export function sendPage<T>(req: Request, res: Response, config: WorkdaySandboxConfig, items: readonly T[], toJson: (item: T) => unknown): void {
  const page = readPaging(req, res, config);
  if (!page) return;
  res.json({ total: items.length, data: items.slice(page.offset, page.offset + page.limit).map(toJson) });
}

/** Reads a true/false query flag (e.g. includeTerminatedWorkers); answers 400 and returns null on anything else. */
export function readBooleanFlag(req: Request, res: Response, name: string): boolean | null {
  const raw = queryParam(req, name);
  if (raw === undefined || raw === '') return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  sendValidationError(res, [`${name} must be true or false`]);
  return null;
}
