// Shared axios client of both connectors: Bearer auth from a TokenProvider, one retry on 401, a cap on requests in flight, cancellation, redacted debug logs, typed failures, zod parsing.
import axios, { AxiosError, AxiosHeaders, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type { Logger } from '../../infra/logger';
import { abortReason } from './cancellation';
import { RequestSlots } from './concurrency';
import { failureForInvalidResponse, failureForStatus, failureForTransport, parseRetryAfter, requestIdFrom, type RequestSummary } from './errors';

/** How long this process holds its requests after a 429 that names no Retry-After (some Coupa tenants send none). */
export const DEFAULT_RATE_LIMIT_HOLD_MS = 1000;
import { loggablePath, loggableQuery } from './log-safety';
import { safePath } from './oauth';
import { routeTemplate, startHttpCall, type HttpCallHandle } from './call-telemetry';
import type { TokenProvider } from './token-provider';

/**
 * Per-call options every public connector method takes last. `signal` is the activity's
 * cancellation signal: the call (waiting for a slot, for a token, for the answer, or between pages)
 * then rejects at once with the signal's reason.
 */
export interface CallOptions {
  signal?: AbortSignal;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type QueryParams = Readonly<Record<string, QueryValue>>;

export interface ApiRequest {
  method: HttpMethod;
  /** Path below baseURL, segments already encoded (use `pathSegment`). */
  path: string;
  query?: QueryParams;
  body?: unknown;
  /** Activity cancellation: abort the call. */
  signal?: AbortSignal;
}

export interface ApiHttpClientOptions {
  /** "coupa" or "workday": shown in messages and logs. */
  system: string;
  baseURL: string;
  tokenProvider: TokenProvider;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  logger?: Logger;
  headers?: Record<string, string>;
  /**
   * Most requests this client has in flight at once in this process (default: no cap). Callers
   * beyond it wait in line; the token request and a 401's retry run inside the caller's slot.
   */
  maxConcurrentRequests?: number;
}

/** Encodes one path segment (an id, a WID, `Employee_ID=21001`). */
export function pathSegment(value: string | number): string {
  return encodeURIComponent(String(value));
}

/**
 * Query string with every key and value percent-encoded (`:` → %3A, `+` → %2B, `[`/`]` too):
 * Coupa needs `:` and `+` in timestamps encoded, which axios' default serializer leaves raw.
 * Arrays repeat the key.
 */
export function encodeQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values as readonly (string | number | boolean)[]) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}

interface RequestState {
  startedAt: number;
  /** The token this attempt was sent with, so a 401 invalidates exactly that one. */
  token?: string;
  authRetried?: boolean;
  /** The span and metrics of this attempt (call-telemetry.ts). */
  call?: HttpCallHandle;
}

type StatefulConfig = InternalAxiosRequestConfig & { connectorState?: RequestState };

/** Headers as a plain object with lower-case names, so the logger's redaction paths match them. */
function plainHeaders(headers: unknown): Record<string, unknown> {
  const raw = headers instanceof AxiosHeaders ? headers.toJSON() : headers && typeof headers === 'object' ? (headers as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
}

export class ApiHttpClient {
  readonly system: string;
  private readonly http: AxiosInstance;
  private readonly tokenProvider: TokenProvider;
  private readonly logger: Logger | undefined;
  /** Path part of baseURL, so messages and logs show the full URL path. */
  private readonly basePath: string;
  /** The cap on requests in flight; exposed for tests and metrics. */
  readonly slots: RequestSlots;

  constructor(options: ApiHttpClientOptions) {
    this.system = options.system;
    this.basePath = safePath(options.baseURL).replace(/\/+$/, '');
    this.tokenProvider = options.tokenProvider;
    this.logger = options.logger;
    this.slots = new RequestSlots(options.maxConcurrentRequests ?? Number.POSITIVE_INFINITY);
    this.http = axios.create({
      baseURL: options.baseURL.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      headers: { Accept: 'application/json', ...options.headers },
      paramsSerializer: { serialize: (params) => encodeQuery(params as QueryParams) },
      maxRedirects: 0,
    });

    this.http.interceptors.request.use(async (config: StatefulConfig) => {
      const token = await this.tokenProvider.getToken(config.signal as AbortSignal | undefined);
      config.headers.set('Authorization', `Bearer ${token}`);
      const method = config.method?.toUpperCase() ?? 'GET';
      const call = startHttpCall(this.system, method, routeTemplate(`${this.basePath}${config.url ?? ''}`));
      config.connectorState = { ...config.connectorState, startedAt: Date.now(), token, call };
      // Query values (searches, employee numbers, logins) and natural keys in paths appear only as markers.
      if (this.logger?.isLevelEnabled('debug')) {
        this.logger.debug(
          {
            system: this.system,
            req: { method: config.method?.toUpperCase(), path: this.loggedPath(config.url), query: loggableQuery(config.params), headers: plainHeaders(config.headers) },
          },
          'api request',
        );
      }
      return config;
    });

    this.http.interceptors.response.use(
      (response: AxiosResponse) => {
        (response.config as StatefulConfig).connectorState?.call?.end(response.status);
        this.logResponse(response.config as StatefulConfig, response.status, response.headers);
        return response;
      },
      async (error: unknown) => {
        if (!(error instanceof AxiosError) || !error.config) throw error;
        const config = error.config as StatefulConfig;
        config.connectorState?.call?.end(error.response?.status ?? null, error.response ? undefined : error.code);
        this.logResponse(config, error.response?.status ?? null, error.response?.headers, error.code);
        const state = config.connectorState;
        if (error.response?.status === 401 && state && !state.authRetried) {
          // Expired or revoked token: mint a new one and try exactly once more.
          this.tokenProvider.invalidate(state.token);
          config.connectorState = { ...state, authRetried: true };
          this.logger?.debug({ system: this.system, path: this.loggedPath(config.url) }, 'api 401: refreshing token and retrying once');
          return this.http.request(config);
        }
        throw error;
      },
    );
  }

  private logResponse(config: StatefulConfig, status: number | null, headers: unknown, code?: string): void {
    if (!this.logger?.isLevelEnabled('debug')) return;
    const startedAt = config.connectorState?.startedAt;
    this.logger.debug(
      {
        system: this.system,
        res: { method: config.method?.toUpperCase(), path: this.loggedPath(config.url), status, code: code ?? null, headers: plainHeaders(headers) },
        durationMs: startedAt ? Date.now() - startedAt : null,
      },
      'api response',
    );
  }

  private loggedPath(url: string | undefined): string {
    return loggablePath(`${this.basePath}${url ?? ''}`);
  }

  /**
   * Sends the request and parses the reply with `schema`; every failure is a typed ApplicationFailure,
   * except an aborted call, which rejects with its signal's reason.
   */
  async request<S extends z.ZodType>(schema: S, req: ApiRequest): Promise<z.output<S>> {
    const response = await this.send(req);
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) throw failureForInvalidResponse(this.summary(req, response.headers), parsed.error);
    return parsed.data;
  }

  /** For calls whose reply body does not matter (DELETE, actions with `return_object=none`). */
  async requestNoContent(req: ApiRequest): Promise<void> {
    await this.send(req);
  }

  get<S extends z.ZodType>(schema: S, path: string, query?: QueryParams, call?: CallOptions): Promise<z.output<S>> {
    return this.request(schema, { method: 'GET', path, ...(query ? { query } : {}), ...(call?.signal ? { signal: call.signal } : {}) });
  }

  /** Which call this was, for failures: path without query, natural keys as markers, the API's request id. */
  private summary(req: ApiRequest, headers?: unknown): RequestSummary {
    const requestId = requestIdFrom(headers);
    return {
      system: this.system,
      method: req.method,
      path: loggablePath(`${this.basePath}${req.path.split('?')[0] ?? req.path}`),
      ...(requestId ? { requestId } : {}),
    };
  }

  private async send(req: ApiRequest): Promise<AxiosResponse<unknown>> {
    // The slot covers the token fetch and a 401's retry too: the API never sees more than the cap.
    const release = await this.slots.acquire(req.signal);
    try {
      return await this.http.request<unknown>({
        method: req.method,
        url: req.path,
        ...(req.query ? { params: req.query } : {}),
        ...(req.body !== undefined ? { data: req.body, headers: { 'Content-Type': 'application/json' } } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
    } catch (err) {
      throw this.classify(err, req);
    } finally {
      release();
    }
  }

  private classify(err: unknown, req: ApiRequest): unknown {
    // Cancelled by the caller: the signal's reason (an activity's CancelledFailure), whatever axios made of it.
    if (req.signal?.aborted) return abortReason(req.signal);
    // Token endpoint failures arrive already typed from the request interceptor.
    if (err instanceof ApplicationFailure) return err;
    if (axios.isCancel(err)) return err;
    if (!(err instanceof AxiosError)) return err;
    if (err.code === AxiosError.ERR_CANCELED) return err;
    const ctx = this.summary(req, err.response?.headers);
    if (err.response?.status === 429) this.slots.holdFor(parseRetryAfter(err.response.headers['retry-after']) ?? DEFAULT_RATE_LIMIT_HOLD_MS);
    if (err.response) return failureForStatus(ctx, err.response.status, err.response.data, err.response.headers['retry-after']);
    const timedOut = err.code === AxiosError.ECONNABORTED || err.code === AxiosError.ETIMEDOUT;
    return failureForTransport(ctx, err.code, timedOut);
  }
}
