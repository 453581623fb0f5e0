// Codec server for the Temporal Web UI and CLI: decodes (and encodes) payloads with the application's key for callers holding a token.
import crypto from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { CodecServerToken } from '../infra/config';

// The CLI posts `{}` (protobuf JSON drops an empty list) when a query or signal has no arguments.
const payloadsBodySchema = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), z.string()).nullish(), data: z.string().nullish() }))
    .nullish(),
});

type JsonPayload = NonNullable<z.infer<typeof payloadsBodySchema>['payloads']>[number];

function fromJson(p: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}

function toJson(p: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

/** One answered /encode or /decode (never the payloads or the token), for the audit log and tests. */
export interface CodecRequestEvent {
  direction: 'encode' | 'decode';
  status: number;
  /** The name of the token that was presented; null when none matched. */
  caller: string | null;
  namespace: string | null;
  payloads: number;
  reason?: string;
}

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Web UI origins allowed to call from the browser (CORS). */
  allowedOrigins: string[];
  /** Accepted bearer tokens; `null` only when authentication was switched off explicitly (CODEC_SERVER_AUTH=off). */
  tokens: CodecServerToken[] | null;
  /** Also accept the token as the path prefix `/token/<token>/decode` (CODEC_SERVER_PATH_TOKENS=on). */
  pathTokens?: boolean;
  onRequest?: (event: CodecRequestEvent) => void;
}

const digest = (value: string): Buffer => crypto.createHash('sha256').update(value).digest();

/** Compares against every token in constant time (equal-length digests), so timing tells nothing about a near miss. */
function tokenMatcher(tokens: CodecServerToken[]): (presented: string) => string | null {
  const known = tokens.map((t) => ({ name: t.name, digest: digest(t.token) }));
  return (presented) => {
    const candidate = digest(presented);
    let caller: string | null = null;
    for (const t of known) if (crypto.timingSafeEqual(candidate, t.digest) && caller === null) caller = t.name;
    return caller;
  };
}

type Answer = (status: number, caller: string | null, payloads: number, reason?: string) => void;

/** What the authentication step hands to the codec step of one request. */
interface CodecLocals {
  direction: 'encode' | 'decode';
  caller: string | null;
  answer: Answer;
}

const codecLocals = (res: Response): CodecLocals => res.locals as CodecLocals;

/** The protocol looks only at the last path segment, so the endpoint can sit under any prefix (e.g. `{namespace}`). */
function directionOf(path: string): 'encode' | 'decode' | null {
  const last = path.replace(/\/+$/, '').split('/').pop();
  return last === 'encode' || last === 'decode' ? last : null;
}

/** POST /encode and /decode as the Temporal codec-server protocol defines them, behind bearer tokens, with CORS for the Web UI. */
export function createCodecServerApp(options: CodecServerOptions): Express {
  const { codec, allowedOrigins, onRequest } = options;
  const matchToken = options.tokens ? tokenMatcher(options.tokens) : null;
  if (options.tokens?.length === 0) throw new Error('the codec server needs at least one token, or authentication switched off');
  const app = express();
  app.disable('x-powered-by');

  app.use((req, res, next) => {
    const origin = req.headers.origin;
    const allowed = Boolean(origin && allowedOrigins.includes(origin));
    if (origin && allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    // Browsers send preflights without credentials: they pass on the origin alone, and grant nothing by themselves.
    if (req.method === 'OPTIONS') {
      res.status(allowed ? 204 : 403).end();
      return;
    }
    next();
  });

  app.use((req, res, next) => {
    const direction = directionOf(req.path);
    if (req.method !== 'POST' || !direction) {
      res.status(direction ? 405 : 404).json({ error: 'POST /encode or /decode' });
      return;
    }
    const namespace = typeof req.headers['x-namespace'] === 'string' ? req.headers['x-namespace'] : null;
    const answer: Answer = (status, caller, payloads, reason) =>
      onRequest?.({ direction, status, caller, namespace, payloads, ...(reason ? { reason } : {}) });
    const locals = codecLocals(res);
    Object.assign(locals, { direction, answer, caller: null });
    if (!matchToken) {
      next();
      return;
    }
    // Checked before the body is read: an unauthenticated caller gets nothing parsed, decrypted or echoed.
    const pathToken = /^\/token\/([^/]+)\//.exec(req.path)?.[1];
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    let presented = bearer;
    let refusal = 'send Authorization: Bearer <token> (temporal CLI: --codec-auth "Bearer <token>")';
    if (!presented && pathToken) {
      if (options.pathTokens) presented = pathToken;
      else refusal = 'tokens in the path are off on this codec server (CODEC_SERVER_PATH_TOKENS)';
    }
    const caller = presented ? matchToken(presented) : null;
    if (!caller) {
      const reason = presented ? 'the token is not one of CODEC_SERVER_TOKENS' : refusal;
      answer(401, null, 0, reason);
      res.setHeader('WWW-Authenticate', 'Bearer realm="temporal-codec"');
      res.status(401).json({ error: `unauthorized: ${reason}` });
      return;
    }
    locals.caller = caller;
    next();
  });

  // Any content type: some clients send the protobuf JSON without one.
  app.use(express.json({ limit: '10mb', type: () => true }));

  app.use(async (req, res) => {
    const { direction, answer, caller } = codecLocals(res);
    const body = payloadsBodySchema.safeParse(req.body ?? {});
    if (!body.success) {
      answer(400, caller, 0, 'malformed body');
      res.status(400).json({ error: 'expected {"payloads":[{"metadata":{…},"data":"base64"}]}' });
      return;
    }
    const payloads = body.data.payloads ?? [];
    try {
      const result = await codec[direction](payloads.map(fromJson));
      answer(200, caller, payloads.length);
      res.json({ payloads: result.map(toJson) });
    } catch (err) {
      // The reason (e.g. an unknown key id) helps; the payload itself is never echoed.
      const reason = err instanceof Error ? err.message : 'codec failure';
      answer(400, caller, payloads.length, reason);
      res.status(400).json({ error: reason });
    }
  });

  // A body that is not JSON, or too large: a JSON answer like every other refusal.
  app.use((err: { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    // Partial: a failure can come before the authentication step filled these in.
    const { answer, caller } = codecLocals(res) as Partial<CodecLocals>;
    answer?.(status, caller ?? null, 0, err.type ?? 'error');
    res.status(status).json({ error: status === 413 ? 'body too large' : status === 400 ? 'body is not JSON' : 'codec server error' });
  });
  return app;
}
