// Shared plumbing of both simulators: call counting, fault injection and the /_sandbox admin routes.
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** One scripted answer, used before any random fault: lets a test say "the next call gets a 429 with Retry-After: 3". */
export const scriptedFaultSchema = z.object({
  status: z.number().int().min(400).max(599),
  retryAfterSeconds: z.number().int().min(0).nullable().optional(),
  /** Only calls whose path contains this text are affected (default: every API call). */
  pathContains: z.string().optional(),
});
export type ScriptedFault = z.infer<typeof scriptedFaultSchema>;

export const faultSettingsSchema = z.object({
  /**
   * The tenant's request rate (a token bucket refilled at this many requests per second): a request
   * that finds the bucket empty is answered 429 with Retry-After. Null = unlimited.
   */
  rateLimitPerSecond: z.number().positive().nullable().default(null),
  /** Bucket size: requests that may arrive at once after a quiet spell (Coupa documents 25 req/s, burst 20). Null = the rate (at least 1). */
  rateLimitBurst: z.number().int().positive().nullable().default(null),
  /**
   * Whether OAuth token requests count against the limit too. [U] Neither vendor says; counting them
   * is the cautious reading, so it is the default.
   */
  rateLimitTokenRequests: z.boolean().default(true),
  /** Retry-After seconds sent with a 429/503; null = header omitted (some Coupa tenants do that). */
  retryAfterSeconds: z.number().int().min(0).nullable().default(1),
  /** Share (0..1) of API calls answered with one of errorStatuses. */
  errorRatio: z.number().min(0).max(1).default(0),
  errorStatuses: z.array(z.number().int().min(500).max(599)).min(1).default([500, 503]),
  /** Added to every API call, in milliseconds. */
  latencyMs: z.number().int().min(0).default(0),
  /** Consumed in order before anything else. */
  failNext: z.array(scriptedFaultSchema).default([]),
  /**
   * The next matching calls answer 200 with a body of the wrong shape (a contract break: an API
   * version change or a proxy's error page), consumed in order.
   */
  malformedNext: z.array(z.object({ pathContains: z.string().optional() })).default([]),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export interface CallCounts {
  total: number;
  /** Keyed by "METHOD /route/template", e.g. "PUT /api/users/:id". */
  byRoute: Record<string, number>;
  /** Most API calls (admin routes left out) in progress at the same moment since the last reset. */
  maxInFlight: number;
  /** SOAP requests by operation, e.g. "Get_Workers" (they all share one route, so byRoute cannot tell a read from a write). */
  byOperation: Record<string, number>;
}

/** Requests that reached the system in one wall-clock second (UTC epoch second), and how many of them the rate limit refused. */
export interface RateLogSecond {
  second: number;
  requests: number;
  limited: number;
}

/** The rate-limit settings a sandbox starts with (from env) and returns to on reset. */
export interface RateLimitDefaults {
  rateLimitPerSecond?: number | null;
  rateLimitBurst?: number | null;
  rateLimitTokenRequests?: boolean;
}

/** How many seconds of the per-second log are kept (an hour covers the longest benchmark). */
const RATE_LOG_SECONDS = 3600;

/** Mutable control state of one simulator; tests reach it in-process or through /_sandbox/. */
export class SandboxControls {
  faults: FaultSettings = faultSettingsSchema.parse({});
  private counts = new Map<string, number>();
  private inFlight = 0;
  private maxInFlight = 0;
  /** Token bucket of the rate limit; refilled lazily on each request. */
  private bucketTokens = 0;
  private bucketAt = 0;
  private bucketKey = '';
  private readonly rateLog = new Map<number, RateLogSecond>();
  private readonly rateDefaults: RateLimitDefaults;
  private random: () => number;
  /** Emits 'request' ({method, path}) as each API call arrives, before faults or latency: tests use it to act mid-call. */
  readonly events = new EventEmitter();

  constructor(seed = 42, rateDefaults: RateLimitDefaults = {}) {
    this.random = seededRandom(seed);
    this.rateDefaults = Object.fromEntries(Object.entries(rateDefaults).filter(([, v]) => v !== undefined));
    this.faults = faultSettingsSchema.parse(this.rateDefaults);
  }

  /** Requests per wall-clock second since the last reset, oldest first (the sandbox's own log of what it received). */
  rateLogSeconds(): RateLogSecond[] {
    return [...this.rateLog.values()].sort((a, b) => a.second - b.second);
  }

  resetRateLog(): void {
    this.rateLog.clear();
  }

  private logRequest(now: number, limited: boolean): void {
    const second = Math.floor(now / 1000);
    let entry = this.rateLog.get(second);
    if (!entry) {
      entry = { second, requests: 0, limited: 0 };
      this.rateLog.set(second, entry);
      for (const old of this.rateLog.keys()) {
        if (old > second - RATE_LOG_SECONDS) break;
        this.rateLog.delete(old);
      }
    }
    entry.requests += 1;
    if (limited) entry.limited += 1;
  }

  /**
   * Takes one token from the bucket; returns null when the request may pass, or the seconds until a
   * token is there. A changed rate or burst starts a full bucket.
   */
  private takeToken(now: number): number | null {
    const rate = this.faults.rateLimitPerSecond;
    if (rate === null) return null;
    const burst = this.faults.rateLimitBurst ?? Math.max(1, Math.floor(rate));
    const key = `${rate}/${burst}`;
    if (key !== this.bucketKey) {
      this.bucketKey = key;
      this.bucketTokens = burst;
      this.bucketAt = now;
    }
    this.bucketTokens = Math.min(burst, this.bucketTokens + ((now - this.bucketAt) * rate) / 1000);
    this.bucketAt = now;
    if (this.bucketTokens >= 1) {
      this.bucketTokens -= 1;
      return null;
    }
    return (1 - this.bucketTokens) / rate;
  }

  recordCall(method: string, route: string, soapOperation?: string): void {
    const key = `${method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (soapOperation) this.operationCounts.set(soapOperation, (this.operationCounts.get(soapOperation) ?? 0) + 1);
  }

  private operationCounts = new Map<string, number>();

  callCounts(): CallCounts {
    const byRoute = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const total = [...this.counts.values()].reduce((sum, n) => sum + n, 0);
    const byOperation = Object.fromEntries([...this.operationCounts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return { total, byRoute, maxInFlight: this.maxInFlight, byOperation };
  }

  resetCalls(): void {
    this.counts.clear();
    this.operationCounts.clear();
    this.maxInFlight = this.inFlight;
  }

  /** Milliseconds API calls took from arrival to answer, summed (the benchmark's "time in the API"). */
  requestMs = 0;

  /** An API call arrived; returns the function that marks it done (safe to call twice). */
  callStarted(): () => void {
    const startedAt = Date.now();
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      this.requestMs += Date.now() - startedAt;
    };
  }

  /** Replaces the fault settings; rate-limit fields left out keep the sandbox's configured defaults (env). */
  setFaults(input: unknown): FaultSettings {
    this.faults = this.parseFaults(input);
    return this.faults;
  }

  parseFaults(input: unknown): FaultSettings {
    const given = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
    return faultSettingsSchema.parse({ ...this.rateDefaults, ...given });
  }

  safeParseFaults(input: unknown): ReturnType<typeof faultSettingsSchema.safeParse> {
    const given = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
    return faultSettingsSchema.safeParse({ ...this.rateDefaults, ...given });
  }

  /** Decides whether this API call fails; returns the status and Retry-After to send, or null. */
  pickFault(path: string, now = Date.now()): { status: number; retryAfterSeconds: number | null } | null {
    const scriptedIndex = this.faults.failNext.findIndex((f) => !f.pathContains || path.includes(f.pathContains));
    if (scriptedIndex >= 0) {
      const [scripted] = this.faults.failNext.splice(scriptedIndex, 1);
      if (scripted) {
        this.logRequest(now, false);
        return { status: scripted.status, retryAfterSeconds: scripted.retryAfterSeconds ?? null };
      }
    }
    const tokenRequest = path.includes('/oauth2/');
    const counted = !tokenRequest || this.faults.rateLimitTokenRequests;
    const wait = counted ? this.takeToken(now) : null;
    this.logRequest(now, wait !== null);
    if (wait !== null) {
      // Retry-After in whole seconds (HTTP allows no less): when the bucket has a token again, at least the configured value.
      const configured = this.faults.retryAfterSeconds;
      return { status: 429, retryAfterSeconds: configured === null ? null : Math.max(configured, Math.ceil(wait)) };
    }
    if (this.faults.errorRatio > 0 && this.random() < this.faults.errorRatio) {
      const statuses = this.faults.errorStatuses;
      const status = statuses[Math.floor(this.random() * statuses.length)] ?? 500;
      return { status, retryAfterSeconds: status === 503 ? this.faults.retryAfterSeconds : null };
    }
    return null;
  }
}

/** mulberry32: small deterministic PRNG so fault patterns repeat run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SandboxAppOptions {
  controls: SandboxControls;
  /** The system's own error body for an injected status (Coupa and Workday word them differently). */
  faultBody: (status: number) => unknown;
  /** Response header carrying a random id per request, as support would quote it (the name is per system). */
  requestIdHeader: string;
}

/**
 * An express app with body parsers, call counting, fault injection on every non-admin path and
 * the common admin routes. The system adds its own routes to the returned app.
 */
export function createSandboxApp({ controls, faultBody, requestIdHeader }: SandboxAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(express.json({ limit: '2mb' }));
  app.use(express.urlencoded({ extended: false }));

  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader(requestIdHeader, randomUUID());
    if (!req.path.startsWith('/_sandbox')) res.once('close', controls.callStarted());
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.path;
      // A SOAP dispatcher names the operation it answered in res.locals.soapOperation.
      controls.recordCall(req.method, route, typeof res.locals.soapOperation === 'string' ? res.locals.soapOperation : undefined);
    });
    next();
  });

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/_sandbox')) return next();
    controls.events.emit('request', { method: req.method, path: req.path });
    if (controls.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, controls.faults.latencyMs));
    const malformed = controls.faults.malformedNext.findIndex((f) => !f.pathContains || req.path.includes(f.pathContains));
    if (malformed >= 0) {
      controls.faults.malformedNext.splice(malformed, 1);
      res.status(200).json({ sandbox: 'an answer of the wrong shape', data: 'not a list' });
      return;
    }
    const fault = controls.pickFault(req.path);
    if (!fault) return next();
    if (fault.retryAfterSeconds !== null) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
    res.status(fault.status).json(faultBody(fault.status));
  });

  app.get('/_sandbox/calls', (_req, res) => {
    res.json(controls.callCounts());
  });
  app.delete('/_sandbox/calls', (_req, res) => {
    controls.resetCalls();
    res.status(204).end();
  });
  app.get('/_sandbox/faults', (_req, res) => {
    res.json(controls.faults);
  });
  app.get('/_sandbox/rate-log', (_req, res) => {
    res.json({ seconds: controls.rateLogSeconds() });
  });
  app.delete('/_sandbox/rate-log', (_req, res) => {
    controls.resetRateLog();
    res.status(204).end();
  });
  app.put('/_sandbox/faults', (req, res) => {
    const parsed = controls.safeParseFaults(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid fault settings', issues: parsed.error.issues });
      return;
    }
    controls.faults = parsed.data;
    res.json(controls.faults);
  });
  app.delete('/_sandbox/faults', (_req, res) => {
    controls.faults = controls.parseFaults({});
    res.status(204).end();
  });
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0 = random) and resolves once the port is bound. */
export async function listen(app: Express, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server = http.createServer(app);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
