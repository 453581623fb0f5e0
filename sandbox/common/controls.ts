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
  /** Requests per second above which the system answers 429; null = unlimited. */
  rateLimitPerSecond: z.number().positive().nullable().default(null),
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
}

/** Mutable control state of one simulator; tests reach it in-process or through /_sandbox/. */
export class SandboxControls {
  faults: FaultSettings = faultSettingsSchema.parse({});
  private counts = new Map<string, number>();
  private inFlight = 0;
  private maxInFlight = 0;
  private windowStart = 0;
  private windowCount = 0;
  private random: () => number;
  /** Emits 'request' ({method, path}) as each API call arrives, before faults or latency: tests use it to act mid-call. */
  readonly events = new EventEmitter();

  constructor(seed = 42) {
    this.random = seededRandom(seed);
  }

  recordCall(method: string, route: string): void {
    const key = `${method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  callCounts(): CallCounts {
    const byRoute = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const total = [...this.counts.values()].reduce((sum, n) => sum + n, 0);
    return { total, byRoute, maxInFlight: this.maxInFlight };
  }

  resetCalls(): void {
    this.counts.clear();
    this.maxInFlight = this.inFlight;
  }

  /** An API call arrived; returns the function that marks it done (safe to call twice). */
  callStarted(): () => void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
    };
  }

  setFaults(input: unknown): FaultSettings {
    this.faults = faultSettingsSchema.parse(input);
    return this.faults;
  }

  /** Decides whether this API call fails; returns the status and Retry-After to send, or null. */
  pickFault(path: string, now = Date.now()): { status: number; retryAfterSeconds: number | null } | null {
    const scriptedIndex = this.faults.failNext.findIndex((f) => !f.pathContains || path.includes(f.pathContains));
    if (scriptedIndex >= 0) {
      const [scripted] = this.faults.failNext.splice(scriptedIndex, 1);
      if (scripted) return { status: scripted.status, retryAfterSeconds: scripted.retryAfterSeconds ?? null };
    }
    const limit = this.faults.rateLimitPerSecond;
    if (limit !== null) {
      if (now - this.windowStart >= 1000) {
        this.windowStart = now;
        this.windowCount = 0;
      }
      this.windowCount += 1;
      if (this.windowCount > limit) return { status: 429, retryAfterSeconds: this.faults.retryAfterSeconds };
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
      controls.recordCall(req.method, route);
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
  app.put('/_sandbox/faults', (req, res) => {
    const parsed = faultSettingsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid fault settings', issues: parsed.error.issues });
      return;
    }
    controls.faults = parsed.data;
    res.json(controls.faults);
  });
  app.delete('/_sandbox/faults', (_req, res) => {
    controls.faults = faultSettingsSchema.parse({});
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
