// Request plumbing of action routes (PUT /api/{resource}/:id/{action}) that mountResource does not cover: ids, bodies, parameters, shaped replies.
import type { Request, Response } from 'express';
import { parseShaping, shapeRecord } from '../query.js';
import { baseError, hyphenateKeys, isJsonObject, recordNotFound, validationError, type JsonObject } from '../wire.js';

export function recordId(req: Request): number {
  const raw = req.params.id;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw recordNotFound();
  return Number(raw);
}

function query(req: Request): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

/** A bare JSON object body with keys folded to hyphens (Coupa's docs send both spellings). */
export function jsonBody(req: Request): JsonObject {
  const raw: unknown = req.body;
  if (raw === undefined || raw === null) return {};
  const folded = hyphenateKeys(raw);
  if (!isJsonObject(folded)) throw baseError(400, 'Request body must be a JSON object');
  return folded;
}

/**
 * An action's parameter: Compass shows them in the query string (`add_approver?approver_id=33`,
 * `reject?reason=…`); a JSON body with the same key is accepted too. Either spelling of the key.
 */
export function actionParam(req: Request, name: string): string | undefined {
  const q = query(req);
  const underscored = name.replace(/-/g, '_');
  const fromQuery = q[underscored] ?? q[name];
  if (typeof fromQuery === 'string') return fromQuery;
  if (Array.isArray(fromQuery) && typeof fromQuery[0] === 'string') return fromQuery[0];
  const body = jsonBody(req)[name];
  if (typeof body === 'string') return body;
  if (typeof body === 'number') return String(body);
  return undefined;
}

/** A required numeric id parameter; 400 in Coupa's shape when missing or not a number. */
export function idParam(req: Request, name: string, model: string): number {
  const raw = actionParam(req, name);
  if (raw === undefined || !/^\d+$/.test(raw.trim())) {
    throw validationError(model, [`${name.replace(/-/g, '_')} is required and must be a record id`]);
  }
  return Number(raw.trim());
}

/** Replies with the record, honouring return_object and fields like every other Coupa answer. */
export function replyRecord(req: Request, res: Response, status: number, record: JsonObject): void {
  const shaping = parseShaping(query(req));
  if (shaping.returnObject === 'none' && req.method !== 'GET') {
    res.status(status).end();
    return;
  }
  res.status(status).json(shapeRecord(record, shaping));
}
