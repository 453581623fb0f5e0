// The one place that reads process.env: zod schemas for each process's configuration, checked at start.
import { z } from 'zod';
import { parseEncryptionKeys } from './payload-codec';

const port = z.coerce.number().int().min(1).max(65535);
const positive = z.coerce.number().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const url = z.string().url();

export const temporalConfigSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Temporal Cloud API key; implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: bool,
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  /** Where people open runs; used for the links the CLI and demo print. */
  TEMPORAL_UI_URL: url.default('http://localhost:8233'),
  TASK_QUEUE_WORKFLOWS: z.string().min(1).default('coupa-workday-sync'),
  TASK_QUEUE_COUPA: z.string().min(1).default('coupa-api'),
  TASK_QUEUE_WORKDAY: z.string().min(1).default('workday-api'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  /**
   * `keyId:base64Key[,…]` (32-byte AES keys): every payload (names, emails, later bank data) is
   * encrypted before it reaches Temporal. The first key encrypts, all decrypt. Required unless
   * PAYLOAD_ENCRYPTION=off.
   */
  PAYLOAD_ENCRYPTION_KEYS: z
    .string()
    .min(1)
    .optional()
    .superRefine((spec, ctx) => {
      if (!spec) return;
      try {
        parseEncryptionKeys(spec);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
      }
    }),
  /** `off` sends payloads to Temporal in plaintext: a deliberate choice for a throwaway local server, never a default. */
  PAYLOAD_ENCRYPTION: z.enum(['on', 'off']).default('on'),
  /** OTLP/HTTP collector base URL (`http://otel-collector:4318`): traces go to {endpoint}/v1/traces. Unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  /** Service name on the spans; defaults to coupa-workday-sync-<component> (worker, cli, ...). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
})
  // A process that forgot its key must not quietly write personal data to Temporal in plaintext.
  // `when` keeps this check running beside other failures, so one start names every problem.
  .superRefine(requirePayloadKeyUnlessPlaintext, { when: () => true });

/** How to make a key, for the messages of every process that refuses to start without one. */
export const PAYLOAD_KEY_HINT =
  'payloads are encrypted by default. Generate a key with\n' +
  `      node -e "console.log('key-1:' + require('crypto').randomBytes(32).toString('base64'))"\n` +
  '    and give every worker and client the same PAYLOAD_ENCRYPTION_KEYS (keep it private, and keep it: without it no run can be read),\n' +
  '    or set PAYLOAD_ENCRYPTION=off to send payloads in plaintext (throwaway local servers only)';

function requirePayloadKeyUnlessPlaintext(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  // With `when`, this runs on input that may have failed elsewhere: read it defensively.
  const env = (value ?? {}) as { PAYLOAD_ENCRYPTION_KEYS?: unknown; PAYLOAD_ENCRYPTION?: unknown };
  const hasKeys = typeof env.PAYLOAD_ENCRYPTION_KEYS === 'string' && env.PAYLOAD_ENCRYPTION_KEYS.trim() !== '';
  const plaintext = env.PAYLOAD_ENCRYPTION === 'off';
  if (!hasKeys && !plaintext) ctx.addIssue({ code: 'custom', path: ['PAYLOAD_ENCRYPTION_KEYS'], message: PAYLOAD_KEY_HINT });
  if (hasKeys && plaintext) {
    ctx.addIssue({
      code: 'custom',
      path: ['PAYLOAD_ENCRYPTION'],
      message: 'is off but PAYLOAD_ENCRYPTION_KEYS is set: unset one of them (the keys encrypt; off means plaintext)',
    });
  }
}

export const connectorConfigSchema = z.object({
  COUPA_BASE_URL: url,
  COUPA_CLIENT_ID: z.string().min(1),
  COUPA_CLIENT_SECRET: z.string().min(1),
  COUPA_SCOPES: z
    .string()
    .min(1)
    .default(
      // Provisioning (users, groups, accounts) and offboarding (reroute requisitions and approvals on
      // requisitions, invoices and purchase orders).
      'core.user.read core.user.write core.user_group.read core.user_group.write core.common.read core.accounting.read ' +
        'core.requisition.read core.requisition.write core.approval.read core.approval.write core.invoice.approval.write ' +
        'core.purchase_order.read core.purchase_order.write ' +
        // Invoice posting and invoice to payment: read the invoice, mark it exported, record its payments;
        // integration history records for failures; supplier sync.
        'core.invoice.read core.invoice.write core.integration.write core.supplier.read core.supplier.write',
    )
    .transform((s) => s.split(/\s+/).filter(Boolean)),
  WORKDAY_BASE_URL: url,
  WORKDAY_TENANT: z.string().min(1),
  WORKDAY_CLIENT_ID: z.string().min(1),
  WORKDAY_CLIENT_SECRET: z.string().min(1),
  WORKDAY_REFRESH_TOKEN: z.string().min(1),
  /** Defaults to {WORKDAY_BASE_URL}/ccx/oauth2/{tenant}/token; copy it from "View API Clients". */
  WORKDAY_TOKEN_URL: url.optional(),
  /** Regex with one capture group that takes the cost center code out of its Workday descriptor. */
  WORKDAY_COST_CENTER_CODE_PATTERN: z.string().min(1).optional(),
  MAPPING_FILE: z.string().min(1).default('config/mapping.yaml'),
  /** Per HTTP call; with a token refresh it must fit the activities' start-to-close (the worker checks at start). */
  API_TIMEOUT_SECONDS: positive.default(10),
  /**
   * Most Coupa / Workday requests one process has in flight at once (token requests included); more
   * wait in line. Keep them at least *_MAX_CONCURRENT_ACTIVITIES, so an activity never waits for a slot.
   */
  COUPA_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().positive().default(10),
  WORKDAY_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().positive().default(4),
  /**
   * Where the Workday refresh token lives once Workday rotates it (WORKDAY_REFRESH_TOKEN only seeds
   * it). Every worker process must see the same file (a shared volume), or a restart presents a revoked token.
   */
  WORKDAY_REFRESH_TOKEN_FILE: z.string().min(1).default('.data/workday-refresh-token'),
  /**
   * How SOAP calls (Get_Workers, …) authenticate: `bearer` reuses the REST OAuth token (one refresh
   * serves both); `username-token` sends WS-Security with the ISU's user name and password.
   */
  WORKDAY_SOAP_AUTH: z.enum(['bearer', 'username-token']).default('bearer'),
  /** `isu@tenant` (the suffix is added when missing); only for WORKDAY_SOAP_AUTH=username-token. */
  WORKDAY_ISU_USERNAME: z.string().min(1).optional(),
  WORKDAY_ISU_PASSWORD: z.string().min(1).optional(),
  /** Workday Web Services version every SOAP operation is written against (default v45.0). */
  WORKDAY_SOAP_VERSION: z.string().regex(/^v\d+(\.\d+)?$/, 'like v45.0').optional(),
  /**
   * [U] Whether this Coupa instance appends the `payments` of a PUT /api/invoices/{id} to the invoice's
   * payments (`append`) or replaces the list (`replace`). The integration reads first either way and
   * fails loudly (contract) when the answer shows it guessed wrong.
   */
  COUPA_INVOICE_PAYMENTS_PUT: z.enum(['append', 'replace']).default('append'),
  /**
   * How long Temporal retries a transient API failure (429, 5xx, timeouts) before the run parks as an
   * outage for support. Read by runs at every attempt.
   */
  API_RETRY_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** [U] Path of Workday's budget check below /ccx/api ({tenant} is filled in); the reference gives only budgets v1 runBudgetCheck. */
  WORKDAY_BUDGET_CHECK_PATH: z.string().min(1).default('/budgets/v1/{tenant}/runBudgetCheck'),
  /** [U] Path of Coupa's integration history records below /api; empty turns the write-back of failures off. */
  COUPA_INTEGRATION_HISTORY_PATH: z.string().default('/integration_history_records'),
}).superRefine(requireIsuCredentialsForUsernameToken);

function requireIsuCredentialsForUsernameToken(
  config: { WORKDAY_SOAP_AUTH: 'bearer' | 'username-token'; WORKDAY_ISU_USERNAME?: string | undefined; WORKDAY_ISU_PASSWORD?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (config.WORKDAY_SOAP_AUTH !== 'username-token') return;
  for (const key of ['WORKDAY_ISU_USERNAME', 'WORKDAY_ISU_PASSWORD'] as const) {
    if (!config[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when WORKDAY_SOAP_AUTH=username-token' });
  }
}

export const workerConfigSchema = temporalConfigSchema.extend(connectorConfigSchema.shape).extend({
  /**
   * Requests per second to each API across EVERY worker process: the task-queue limit Temporal's
   * matching service enforces (maxTaskQueueActivitiesPerSecond), exact because an activity on an API
   * queue makes one request per attempt. Defaults are the documented limits (Coupa 25 req/s, Workday
   * ~10 req/s per tenant); lower them when other integrations share the tenant.
   */
  COUPA_REQUESTS_PER_SECOND: positive.default(25),
  WORKDAY_REQUESTS_PER_SECOND: positive.default(10),
  /** Requests each API accepts back to back (its token bucket); default = the per-second rate. */
  COUPA_REQUESTS_BURST: z.coerce.number().int().positive().optional(),
  WORKDAY_REQUESTS_BURST: z.coerce.number().int().positive().optional(),
  /**
   * How the rates hold across worker processes. `cluster` (default): every request waits for a send
   * time from its API's gate run (workflows/api-request-gate.ts), so no second ever carries more than
   * the rate, whatever the number of processes, and a 429 slows them all. `task-queue`: only Temporal's
   * task-queue limit, whose server-side burst (about a second's worth per partition) can put up to
   * twice the rate into the first second after a lull.
   */
  API_REQUEST_PACING: z.enum(['cluster', 'task-queue']).default('cluster'),
  /** Added to the gate's one-second window, for requests sent a few milliseconds late. */
  API_REQUEST_PACING_MARGIN_MS: z.coerce.number().int().min(0).max(500).default(10),
  /** The gate runs' own task queue: a backlog of business workflows never delays a reservation. */
  TASK_QUEUE_REQUEST_GATE: z.string().min(1).default('api-request-gate'),
  /** Activities one worker runs at once per API; Workday advises at most 4-5 concurrent requests per tenant. */
  COUPA_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(10),
  WORKDAY_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(4),
  WORKER_METRICS_PORT: port.default(9464),
  /** Prometheus metrics stay on this machine unless opened on purpose (0.0.0.0 in a container that is scraped). */
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Seconds running activities get to finish on SIGINT/SIGTERM. */
  WORKER_SHUTDOWN_GRACE_SECONDS: positive.default(20),
  /**
   * Threads that run workflow code in this process (the SDK's default is 1 with a reused V8 context).
   * More use more cores for a burst of runs; each thread keeps its own copy of the workflow bundle.
   */
  WORKER_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(16).optional(),
  /** How often the worker counts parked runs (Temporal visibility) for the sync_runs_parked gauge. */
  WORKER_PARKED_RUNS_POLL_SECONDS: positive.default(30),
  /**
   * How often the worker checks that Coupa and Workday still issue tokens, so a revoked secret or
   * refresh token shows in sync_token_refreshes_total before a business event needs it. 0 = never.
   */
  WORKER_CREDENTIAL_CHECK_SECONDS: z.coerce.number().min(0).default(900),
}).superRefine(requireIsuCredentialsForUsernameToken);

export type TemporalConfig = z.infer<typeof temporalConfigSchema>;
export type ConnectorConfig = z.infer<typeof connectorConfigSchema>;
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; the error names every missing or invalid variable at once. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = issue.path.length ? env[String(issue.path[0])] : undefined;
    // A custom rule on a missing variable (e.g. the payload key) says how to fix it, not just "missing".
    const missing = issue.code === 'custom' ? `missing: ${issue.message}` : 'missing';
    return `  ${name}: ${value === undefined ? missing : issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** A JSON object in a variable (the sandboxes' outbound subscriptions); the receiver's schema checks its fields. */
const jsonObject = z
  .string()
  .optional()
  .transform((text, ctx): Record<string, unknown> | undefined => {
    if (!text?.trim()) return undefined;
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'expected a JSON object, e.g. {"url":"http://127.0.0.1:3000/events/workday","auth":{"type":"basic","username":"…","password":"…"}}' });
    return z.NEVER;
  });

export const sandboxConfigSchema = z.object({
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  WORKDAY_SANDBOX_PORT: port.default(4010),
  COUPA_SANDBOX_PORT: port.default(4020),
  /** Requests per second each sandbox tenant allows (429 + Retry-After above it); unset = unlimited. Real: Coupa 25 (burst 20), Workday ~10. */
  COUPA_SANDBOX_RATE_LIMIT: z.coerce.number().positive().optional(),
  COUPA_SANDBOX_RATE_BURST: z.coerce.number().int().positive().optional(),
  WORKDAY_SANDBOX_RATE_LIMIT: z.coerce.number().positive().optional(),
  WORKDAY_SANDBOX_RATE_BURST: z.coerce.number().int().positive().optional(),
  /** Workday's outbound subscription ({url, auth, …}, see sandbox/kit/outbound.ts); off when unset (PUT /_sandbox/subscriptions sets it later). */
  SANDBOX_WORKDAY_SUBSCRIPTION: jsonObject,
  /** Coupa's Call Out ({url: …/events/coupa, auth: {type: oauth, tokenUrl, clientId, clientSecret}}); off when unset. */
  SANDBOX_COUPA_CALLOUT: jsonObject,
});

export const demoConfigSchema = sandboxConfigSchema.extend({
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  DEMO_HIRES: z.coerce.number().int().min(1).max(200).default(8),
  CODEC_SERVER_PORT: port.default(8888),
  LOG_LEVEL: temporalConfigSchema.shape.LOG_LEVEL,
  /** Passed on to the demo's worker; checked with the demo's other ports before anything starts. */
  WORKER_METRICS_PORT: port.default(9464),
  /** The event ingress the sandboxes deliver their notifications and Call Outs to. */
  INGRESS_PORT: port.default(3000),
  /** The demo's worker stops quickly: its activities are short. */
  WORKER_SHUTDOWN_GRACE_SECONDS: positive.default(5),
  /** Temporal's database, the payload key, logs; relative to the repository. Each demo needs its own. */
  DEMO_DATA_DIR: z.string().min(1).default('.data'),
  /** How long the scenarios may take before the demo counts them failed (a parked run waits forever). */
  DEMO_SCENARIO_TIMEOUT_SECONDS: positive.default(600),
  /** The demo's MCP agent gateway (clients/mcp/). */
  MCP_PORT: port.default(3100),
});

/** One caller of the codec server: a name for its log lines, and the bearer token it sends. */
export interface CodecServerToken {
  name: string;
  token: string;
}

/**
 * Parses `CODEC_SERVER_TOKENS`: comma-separated `name:token` pairs. Tokens are long and URL-safe
 * (they may sit in a Web UI codec URL); several let each caller be rotated on its own.
 */
export function parseCodecServerTokens(spec: string): CodecServerToken[] {
  const tokens = spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const sep = part.indexOf(':');
      const name = sep > 0 ? part.slice(0, sep) : '';
      const token = sep > 0 ? part.slice(sep + 1) : '';
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error('each entry is name:token with a plain name (letters, digits, . _ -)');
      if (!/^[A-Za-z0-9._~-]{32,512}$/.test(token)) throw new Error(`the token of "${name}" must be at least 32 URL-safe characters (base64url)`);
      return { name, token };
    });
  if (tokens.length === 0) throw new Error('no token given');
  if (new Set(tokens.map((t) => t.name)).size !== tokens.length) throw new Error('duplicate token name');
  return tokens;
}

/** How to make a codec-server token, for the message of a codec server that refuses to start without one. */
export const CODEC_TOKEN_HINT =
  'the codec server decrypts every payload, so /decode and /encode need a bearer token. Generate one with\n' +
  `      node -e "console.log('support:' + require('crypto').randomBytes(32).toString('base64url'))"\n` +
  '    and set CODEC_SERVER_TOKENS to it (several: comma-separated name:token), or set CODEC_SERVER_AUTH=off\n' +
  '    to let anyone who reaches the port decrypt (a throwaway local server only)';

export const codecServerConfigSchema = temporalConfigSchema
  .extend({
    CODEC_SERVER_PORT: port.default(8888),
    /** Loopback by default: the codec server hands out plaintext, so reaching it from elsewhere is a choice. */
    CODEC_SERVER_HOST: z.string().min(1).default('127.0.0.1'),
    /** Web UI origins allowed to call the codec server from the browser. */
    CODEC_CORS_ORIGINS: z
      .string()
      .default('http://localhost:8233')
      .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
    /** `name:token[,…]`: callers send `Authorization: Bearer <token>` (temporal CLI: `--codec-auth 'Bearer <token>'`). */
    CODEC_SERVER_TOKENS: z
      .string()
      .optional()
      .transform((spec, ctx): CodecServerToken[] => {
        if (!spec?.trim()) return [];
        try {
          return parseCodecServerTokens(spec);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
          return z.NEVER;
        }
      }),
    /** `off` answers /decode and /encode without a token: an explicit choice, never a default. */
    CODEC_SERVER_AUTH: z.enum(['on', 'off']).default('on'),
    /**
     * `on` also accepts a token as the path prefix `/token/<token>/decode`, for a Web UI that cannot send a
     * header (`temporal server start-dev --ui-codec-endpoint http://localhost:8888/token/<token>`). The
     * token then shows in the UI's settings and the dev server's command line: use a token of its own.
     */
    CODEC_SERVER_PATH_TOKENS: z.enum(['on', 'off']).default('off'),
  })
  .superRefine(requireCodecTokenUnlessAuthOff, { when: () => true });

function requireCodecTokenUnlessAuthOff(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  const env = (value ?? {}) as { CODEC_SERVER_TOKENS?: unknown; CODEC_SERVER_AUTH?: unknown };
  const tokens = env.CODEC_SERVER_TOKENS;
  const hasTokens = Array.isArray(tokens) ? tokens.length > 0 : typeof tokens === 'string' && tokens.trim() !== '';
  const authOff = env.CODEC_SERVER_AUTH === 'off';
  if (!hasTokens && !authOff) ctx.addIssue({ code: 'custom', path: ['CODEC_SERVER_TOKENS'], message: CODEC_TOKEN_HINT });
  if (hasTokens && authOff) {
    ctx.addIssue({ code: 'custom', path: ['CODEC_SERVER_AUTH'], message: 'is off but CODEC_SERVER_TOKENS is set: unset one of them' });
  }
}

export type CodecServerConfig = z.infer<typeof codecServerConfigSchema>;

// ---- The MCP agent gateway (clients/mcp/) ----

/** What a caller of the MCP gateway may do: see and read, ask for writes (pending actions), or decide on them. */
export const MCP_ROLES = ['reader', 'operator', 'approver'] as const;
export type McpRole = (typeof MCP_ROLES)[number];

/** One caller of the MCP gateway: a name for the audit trail, a role, and the bearer token it sends. */
export interface McpToken {
  name: string;
  role: McpRole;
  token: string;
}

/**
 * Parses `MCP_TOKENS` (or the file MCP_TOKENS_FILE): comma- or newline-separated `name:role:token`.
 * `name:token` without a role is a reader: a forgotten role never grants writes.
 */
export function parseMcpTokens(spec: string): McpToken[] {
  const tokens = spec
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith('#'))
    .map((part): McpToken => {
      const fields = part.split(':');
      const [name = '', roleOrToken = '', maybeToken] = fields;
      if (fields.length > 3) throw new Error('each entry is name:role:token (or name:token for a reader)');
      const role = maybeToken === undefined ? 'reader' : roleOrToken;
      const token = maybeToken === undefined ? roleOrToken : maybeToken;
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error('each entry is name:role:token with a plain name (letters, digits, . _ -)');
      if (!(MCP_ROLES as readonly string[]).includes(role)) throw new Error(`the role of "${name}" must be one of ${MCP_ROLES.join(', ')} (not "${role}")`);
      if (!/^[A-Za-z0-9._~-]{32,512}$/.test(token)) throw new Error(`the token of "${name}" must be at least 32 URL-safe characters (base64url)`);
      return { name, role: role as McpRole, token };
    });
  if (tokens.length === 0) throw new Error('no token given');
  if (new Set(tokens.map((t) => t.name)).size !== tokens.length) throw new Error('duplicate token name');
  if (new Set(tokens.map((t) => t.token)).size !== tokens.length) throw new Error('two callers share a token: each needs its own');
  return tokens;
}

export const MCP_TOKEN_HINT =
  'every MCP request needs a bearer token. Generate one per caller with\n' +
  `      node -e "console.log('assistant:reader:' + require('crypto').randomBytes(32).toString('base64url'))"\n` +
  '    and set MCP_TOKENS (comma-separated name:role:token, roles reader|operator|approver) or MCP_TOKENS_FILE (one per line)';

export const mcpGatewayConfigSchema = temporalConfigSchema
  .extend({
    /** 3000 is the event ingress's. */
    MCP_PORT: port.default(3100),
    /** Loopback by default: opening the gateway to a network is a choice. */
    MCP_HOST: z.string().min(1).default('127.0.0.1'),
    /** `name:role:token[,…]`. */
    MCP_TOKENS: z.string().optional(),
    /** A file with one `name:role:token` per line (a mounted secret); read at start, beside MCP_TOKENS. */
    MCP_TOKENS_FILE: z.string().min(1).optional(),
    /** Calls one caller may make to one tool per window; the next gets a tool error saying when to try again. */
    MCP_RATE_LIMIT_CALLS: z.coerce.number().int().positive().default(30),
    MCP_RATE_LIMIT_WINDOW_SECONDS: positive.default(60),
    /** How long a pending action waits for a person before it expires and changes nothing (default 24 h). */
    MCP_PENDING_ACTION_TTL_SECONDS: z.coerce.number().int().min(1).default(86400),
    /** How long a read tool that runs a workflow (the provisioning preview) waits for its answer. */
    MCP_PREVIEW_TIMEOUT_SECONDS: positive.default(60),
    /** With --stdio: which caller of MCP_TOKENS the local assistant that started the gateway is. */
    MCP_STDIO_TOKEN: z.string().optional(),
  })
  .superRefine(requireMcpTokens, { when: () => true });

function requireMcpTokens(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  const env = (value ?? {}) as { MCP_TOKENS?: unknown; MCP_TOKENS_FILE?: unknown };
  const inline = typeof env.MCP_TOKENS === 'string' && env.MCP_TOKENS.trim() !== '';
  const file = typeof env.MCP_TOKENS_FILE === 'string' && env.MCP_TOKENS_FILE.trim() !== '';
  if (!inline && !file) ctx.addIssue({ code: 'custom', path: ['MCP_TOKENS'], message: MCP_TOKEN_HINT });
  if (inline) {
    try {
      parseMcpTokens(env.MCP_TOKENS as string);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['MCP_TOKENS'], message: err instanceof Error ? err.message : String(err) });
    }
  }
}

export type McpGatewayConfig = z.infer<typeof mcpGatewayConfigSchema>;
/** `keyId:secret[,…]`: HMAC secrets of the signed JSON events (several: rotation; each at least 32 characters). */
export function parseHmacSecrets(spec: string): Array<{ keyId: string; secret: string }> {
  const secrets = spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const sep = part.indexOf(':');
      const keyId = sep > 0 ? part.slice(0, sep) : '';
      const secret = sep > 0 ? part.slice(sep + 1) : '';
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(keyId)) throw new Error('each entry is keyId:secret with a plain key id (letters, digits, . _ -)');
      if (secret.length < 32) throw new Error(`the secret of "${keyId}" must be at least 32 characters`);
      return { keyId, secret };
    });
  if (secrets.length === 0) throw new Error('no secret given');
  return secrets;
}

export const ingressConfigSchema = temporalConfigSchema.extend({
  INGRESS_PORT: port.default(3000),
  /** Loopback by default; 0.0.0.0 behind a load balancer or in a container. */
  INGRESS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Bodies above this are refused with 413 before they are read (events are small; 10 MB is always refused). */
  INGRESS_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024 - 1).default(1024 * 1024),
  /** Signed JSON events (POST /events): `keyId:secret[,…]`; unset = that route answers 401 to everyone. */
  INGRESS_HMAC_SECRETS: z
    .string()
    .optional()
    .transform((spec, ctx) => {
      if (!spec?.trim()) return [];
      try {
        return parseHmacSecrets(spec);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
        return z.NEVER;
      }
    }),
  /** A signed event's timestamp may be this old (or this far ahead): older ones are replays (401). */
  INGRESS_REPLAY_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
  /** The user and password given to Workday's outbound subscription (Put_Subscription / Edit Subscriptions). */
  INGRESS_WORKDAY_USERNAME: z.string().min(1).optional(),
  INGRESS_WORKDAY_PASSWORD: z.string().min(1).optional(),
  /** How Workday presents them is unconfirmed: HTTP Basic, a WS-Security UsernameToken in the SOAP header, or either. */
  INGRESS_WORKDAY_AUTH: z.enum(['basic', 'ws-security', 'either']).default('either'),
  /**
   * Event_Name (or its start) → event kind, `name=kind[;…]`. Workday's exact names per subscription are
   * unconfirmed; these are the business process type names.
   */
  INGRESS_WORKDAY_EVENT_NAMES: z.string().default('Hire Employee=worker.hired;Change Job=worker.job-changed;Terminate Employee=worker.terminated'),
  /** The OAuth client Coupa's Call Out uses against POST /oauth/token (client credentials), or its Basic user. */
  INGRESS_COUPA_CLIENT_ID: z.string().min(1).optional(),
  INGRESS_COUPA_CLIENT_SECRET: z.string().min(16).optional(),
  /** `oauth` (Coupa's "OAuth 2.0 for Call Outs": a bearer token from /oauth/token) or `basic`; which a tenant uses is configured there. */
  INGRESS_COUPA_AUTH: z.enum(['oauth', 'basic']).default('oauth'),
  /** How long a start may wait for Temporal before the sender gets 503 and retries. */
  INGRESS_TEMPORAL_DEADLINE_SECONDS: positive.default(5),
  /** A redelivered event (same event id) within this time is answered with its first workflow, touching nothing. */
  INGRESS_DEDUPE_SECONDS: z.coerce.number().int().min(0).default(86_400),
});
export type IngressConfig = z.infer<typeof ingressConfigSchema>;
