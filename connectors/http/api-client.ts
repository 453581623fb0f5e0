// Shared axios client of both connectors: Bearer auth from a TokenProvider, one retry on 401, redacted debug logs, typed failures, zod parsing.
import axios, { AxiosError, AxiosHeaders, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type { Logger } from '../../infra/logger';
import { failureForInvalidResponse, failureForStatus, failureForTransport, type RequestSummary } from './errors';
import { safePath } from './oauth';
import type { TokenProvider } from './token-provider';

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

  constructor(options: ApiHttpClientOptions) {
    this.system = options.system;
    this.basePath = safePath(options.baseURL).replace(/\/+$/, '');
    this.tokenProvider = options.tokenProvider;
    this.logger = options.logger;
    this.http = axios.create({
      baseURL: options.baseURL.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      headers: { Accept: 'application/json', ...options.headers },
      paramsSerializer: { serialize: (params) => encodeQuery(params as QueryParams) },
      maxRedirects: 0,
    });

    this.http.interceptors.request.use(async (config: StatefulConfig) => {
      const token = await this.tokenProvider.getToken();
      config.headers.set('Authorization', `Bearer ${token}`);
      config.connectorState = { ...config.connectorState, startedAt: Date.now(), token };
      this.logger?.debug(
        { system: this.system, req: { method: config.method?.toUpperCase(), path: `${this.basePath}${config.url ?? ''}`, query: config.params as unknown, headers: plainHeaders(config.headers) } },
        'api request',
      );
      return config;
    });

    this.http.interceptors.response.use(
      (response: AxiosResponse) => {
        this.logResponse(response.config as StatefulConfig, response.status, response.headers);
        return response;
      },
      async (error: unknown) => {
        if (!(error instanceof AxiosError) || !error.config) throw error;
        const config = error.config as StatefulConfig;
        this.logResponse(config, error.response?.status ?? null, error.response?.headers, error.code);
        const state = config.connectorState;
        if (error.response?.status === 401 && state && !state.authRetried) {
          // Expired or revoked token: mint a new one and try exactly once more.
          this.tokenProvider.invalidate(state.token);
          config.connectorState = { ...state, authRetried: true };
          this.logger?.debug({ system: this.system, path: config.url }, 'api 401: refreshing token and retrying once');
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
        res: { method: config.method?.toUpperCase(), path: `${this.basePath}${config.url ?? ''}`, status, code: code ?? null, headers: plainHeaders(headers) },
        durationMs: startedAt ? Date.now() - startedAt : null,
      },
      'api response',
    );
  }

  /** Sends the request and parses the reply with `schema`; every failure is a typed ApplicationFailure. */
  async request<S extends z.ZodType>(schema: S, req: ApiRequest): Promise<z.output<S>> {
    const response = await this.send(req);
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) throw failureForInvalidResponse(this.summary(req), parsed.error);
    return parsed.data;
  }

  /** For calls whose reply body does not matter (DELETE, actions with `return_object=none`). */
  async requestNoContent(req: ApiRequest): Promise<void> {
    await this.send(req);
  }

  get<S extends z.ZodType>(schema: S, path: string, query?: QueryParams, signal?: AbortSignal): Promise<z.output<S>> {
    return this.request(schema, { method: 'GET', path, ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
  }

  private summary(req: ApiRequest): RequestSummary {
    return { system: this.system, method: req.method, path: `${this.basePath}${req.path.split('?')[0] ?? req.path}` };
  }

  private async send(req: ApiRequest): Promise<AxiosResponse<unknown>> {
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
    }
  }

  private classify(err: unknown, req: ApiRequest): unknown {
    // Token endpoint failures arrive already typed from the request interceptor.
    if (err instanceof ApplicationFailure) return err;
    if (axios.isCancel(err)) return err;
    if (!(err instanceof AxiosError)) return err;
    if (err.code === AxiosError.ERR_CANCELED) return err;
    const ctx = this.summary(req);
    if (err.response) return failureForStatus(ctx, err.response.status, err.response.data, err.response.headers['retry-after']);
    const timedOut = err.code === AxiosError.ECONNABORTED || err.code === AxiosError.ETIMEDOUT;
    return failureForTransport(ctx, err.code, timedOut);
  }
}
