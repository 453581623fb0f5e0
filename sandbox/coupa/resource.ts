// Mounts one Coupa collection (GET list, GET /:id, POST, PUT /:id, DELETE /:id) with scopes, the list engine and response shaping.
import type { Request, Response, Router } from 'express';
import { requireScope, type CoupaAuth } from './oauth.js';
import { applyFilters, pageOf, parseFilters, parseShaping, shapeRecord, type ListSchema } from './query.js';
import { baseError, hyphenateKeys, isJsonObject, recordNotFound, type JsonObject } from './wire.js';

export interface ResourceDefinition {
  /** Collection path under /api, e.g. '/users'. */
  path: string;
  /** Scope family: `core.user` → `core.user.read` for GET, `core.user.write` otherwise. */
  scope: string;
  schema: ListSchema;
  /** Every record rendered as GET shows it, ascending by id. */
  list(): JsonObject[];
  show(id: number): JsonObject | undefined;
  /** Lets a resource translate its own query shorthands (users: `status=active`). */
  rewriteQuery?(query: Record<string, unknown>): Record<string, unknown>;
  /** Returns the new record's id; throws CoupaHttpError for validation failures. */
  create?(body: JsonObject): number;
  update?(id: number, body: JsonObject): void;
  /** Returns the rendered record as it was before removal. */
  remove?(id: number): JsonObject;
}

function recordId(req: Request): number {
  const id = req.params.id;
  const raw = typeof id === 'string' ? id : '';
  if (!/^\d+$/.test(raw)) throw recordNotFound();
  return Number(raw);
}

function query(req: Request): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

/** Bodies are bare JSON objects; keys may be underscored, we fold them to hyphens once here. */
function body(req: Request): JsonObject {
  const raw: unknown = req.body;
  if (raw === undefined || raw === null) return {};
  const folded = hyphenateKeys(raw);
  if (!isJsonObject(folded)) throw baseError(400, 'Request body must be a JSON object');
  return folded;
}

function reply(res: Response, status: number, record: JsonObject, req: Request): void {
  const shaping = parseShaping(query(req));
  if (shaping.returnObject === 'none' && req.method !== 'GET') {
    res.status(status).end();
    return;
  }
  res.status(status).json(shapeRecord(record, shaping));
}

export function mountResource(router: Router, auth: CoupaAuth, def: ResourceDefinition): void {
  // Full paths (not a router mounted at /api) so call counts read "GET /api/users/:id".
  const base = `/api${def.path}`;
  const read = requireScope(auth, `${def.scope}.read`);
  const write = requireScope(auth, `${def.scope}.write`);

  router.get(base, read, (req: Request, res: Response) => {
    const q = def.rewriteQuery ? def.rewriteQuery(query(req)) : query(req);
    const shaping = parseShaping(q);
    const conditions = parseFilters(q, def.schema);
    const rows = pageOf(applyFilters(def.list(), conditions), q);
    res.json(rows.map((row) => shapeRecord(row, shaping)));
  });

  router.get(`${base}/:id`, read, (req: Request, res: Response) => {
    const record = def.show(recordId(req));
    if (!record) throw recordNotFound();
    reply(res, 200, record, req);
  });

  const create = def.create;
  if (create) {
    router.post(base, write, (req: Request, res: Response) => {
      const id = create(body(req));
      const record = def.show(id);
      if (!record) throw new Error(`created ${def.path} ${id} cannot be shown`);
      // Coupa documents 201 for creates (requisitions); we use it for every collection.
      reply(res, 201, record, req);
    });
  }

  const update = def.update;
  if (update) {
    router.put(`${base}/:id`, write, (req: Request, res: Response) => {
      const id = recordId(req);
      if (!def.show(id)) throw recordNotFound();
      update(id, body(req));
      const record = def.show(id);
      if (!record) throw recordNotFound();
      reply(res, 200, record, req);
    });
  }

  const remove = def.remove;
  if (remove) {
    router.delete(`${base}/:id`, write, (req: Request, res: Response) => {
      const id = recordId(req);
      if (!def.show(id)) throw recordNotFound();
      res.status(200).json(remove(id));
    });
  }
}
