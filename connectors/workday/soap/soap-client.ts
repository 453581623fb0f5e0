// Workday Web Services (SOAP) client: one POST per operation to /ccx/service/{tenant}/{Service}/{version}, WS-Security or bearer auth, typed failures, Response_Results paging.
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type { Logger } from '../../../infra/logger';
import type { CallOptions } from '../../http/api-client';
import { abortReason, throwIfAborted } from '../../http/cancellation';
import { RequestSlots } from '../../http/concurrency';
import { startHttpCall } from '../../http/call-telemetry';
import { failureForStatus, failureForTransport, parseRetryAfter, requestIdFrom } from '../../http/errors';
import { DEFAULT_RATE_LIMIT_HOLD_MS } from '../../http/api-client';
import type { TokenProvider } from '../../http/token-provider';
import { buildSoapRequest, COMMON_ARRAY_ELEMENTS, parseSoapReply, type WdObject } from './envelope';
import { failureForSchemaMismatch, failureForSoapFault, failureForUnexpectedReply, type SoapRequestSummary } from './faults';
import {
  getWorkerEmployment,
  listWorkerTransactionPages,
  type GetWorkerEmploymentOptions,
  type WorkerEmployment,
  type WorkerTransaction,
  type WorkerTransactionCriteria,
  type WorkerTransactionPage,
} from './get-workers';
import type { ResponseResults } from './schemas';

/**
 * The Workday Web Services version every operation is written against, pinned in one place.
 * Workday keeps old versions answering, so a tenant upgrade does not move it.
 */
export const WORKDAY_SOAP_VERSION = 'v45.0';

/** Response_Filter Count when the caller gives none (Workday's own default). */
export const WORKDAY_SOAP_PAGE_SIZE = 100;

/** The web services this integration calls (as in the URL); any other name is allowed too. */
export type WorkdaySoapService = 'Human_Resources' | 'Staffing' | 'Resource_Management' | 'Financial_Management' | 'Settlement_Services' | 'Cash_Management' | (string & {});

/**
 * How SOAP calls authenticate. Workday accepts both on the same endpoint: WS-Security
 * UsernameToken of the Integration System User (`isu@tenant`: the tenant suffix is required, and
 * is added when missing), or the OAuth bearer token REST uses (the same TokenProvider, so one
 * refresh serves both).
 */
export type WorkdaySoapAuth = { type: 'usernameToken'; username: string; password: string } | { type: 'bearer'; tokenProvider: TokenProvider };

export interface WorkdaySoapClientOptions {
  /** Services host, e.g. https://wd5-services1.myworkday.com (the sandbox's URL in tests). */
  baseUrl: string;
  /** Tenant path segment, e.g. "acme". */
  tenant: string;
  auth: WorkdaySoapAuth;
  /** Default WORKDAY_SOAP_VERSION. */
  version?: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Response_Filter Count of paged reads (default 100). */
  pageSize?: number;
  logger?: Logger;
  /**
   * The cap on Workday requests in flight to share, e.g. `workdayClient.http.slots`, so REST and SOAP
   * calls of one process count against one WORKDAY_MAX_CONCURRENT_REQUESTS. Without it the SOAP
   * client has its own cap of `maxConcurrentRequests`.
   */
  requestSlots?: RequestSlots;
  /** Own cap when no `requestSlots` are shared (default 4, as for REST). */
  maxConcurrentRequests?: number;
}

/**
 * Last argument of every public method: activity cancellation. The signal aborts the request in
 * flight, the wait for a request slot or a token, and paging before the next page; the call then
 * rejects with the signal's reason.
 */
export type SoapCallOptions = CallOptions;

export interface SoapOperationRequest<S extends z.ZodType> {
  service: WorkdaySoapService;
  /** Without `_Request`: Get_Workers. */
  operation: string;
  /** Content of the request element, unprefixed (see WdObject). */
  body: WdObject;
  /** Schema of the `<{operation}_Response>` element's content: declare only the fields used. */
  schema: S;
  /** Elements of this reply that repeat and must always parse as arrays. */
  arrayElements?: Iterable<string>;
}

/** One page of a paged read, so callers can heartbeat between pages. */
export interface SoapPage<T> {
  page: number;
  totalPages: number;
  totalResults: number;
  items: T[];
}

interface RawReply {
  status: number;
  body: string;
  retryAfter: unknown;
  /** The API's id of this request, when its headers carry one. */
  requestId: string | undefined;
}

function ensureTenantSuffix(username: string, tenant: string): string {
  return username.includes('@') ? username : `${username}@${tenant}`;
}

export class WorkdaySoapClient {
  readonly tenant: string;
  readonly version: string;
  readonly pageSize: number;
  private readonly http: AxiosInstance;
  private readonly auth: WorkdaySoapAuth;
  private readonly logger: Logger | undefined;
  /** Requests in flight: shared with the REST client when given. */
  readonly slots: RequestSlots;

  constructor(options: WorkdaySoapClientOptions) {
    this.tenant = options.tenant;
    this.version = options.version ?? WORKDAY_SOAP_VERSION;
    this.pageSize = options.pageSize ?? WORKDAY_SOAP_PAGE_SIZE;
    this.auth = options.auth.type === 'usernameToken' ? { ...options.auth, username: ensureTenantSuffix(options.auth.username, options.tenant) } : options.auth;
    this.logger = options.logger;
    this.slots = options.requestSlots ?? new RequestSlots(options.maxConcurrentRequests ?? 4);
    this.http = axios.create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/ccx/service/${encodeURIComponent(options.tenant)}`,
      timeout: options.timeoutMs ?? 30_000,
      maxRedirects: 0,
      responseType: 'text',
      // The body is wanted as sent, whatever the status: Workday's faults come with HTTP 500.
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  // ---- operations ----

  /**
   * A worker's employment status through Human_Resources Get_Workers as of `asOf` (default today):
   * active, hire date, termination (also a future-dated one, with its date) and managers. Null when
   * no worker has this employee ID.
   */
  getWorkerEmployment(employeeId: string, options: GetWorkerEmploymentOptions = {}, call: SoapCallOptions = {}): Promise<WorkerEmployment | null> {
    return getWorkerEmployment(this, employeeId, options, call);
  }

  /**
   * Pages of workers' transaction log entries (hires, job changes, terminations, with rescind and
   * correction flags) entered and/or effective inside the windows: Get_Workers with
   * Transaction_Log_Criteria_Data. One SOAP call per page; heartbeat between pages.
   */
  listWorkerTransactionPages(criteria: WorkerTransactionCriteria, call: SoapCallOptions = {}): AsyncGenerator<WorkerTransactionPage, void, undefined> {
    return listWorkerTransactionPages(this, criteria, call);
  }

  /** The entries of listWorkerTransactionPages one by one. */
  async *listWorkerTransactions(criteria: WorkerTransactionCriteria, call: SoapCallOptions = {}): AsyncGenerator<WorkerTransaction, void, undefined> {
    for await (const page of this.listWorkerTransactionPages(criteria, call)) yield* page.items;
  }

  // ---- the SOAP layer other operations build on ----

  /** One operation: builds the envelope, posts it, turns faults into typed failures and parses the response with `schema`. */
  async call<S extends z.ZodType>(request: SoapOperationRequest<S>, call: SoapCallOptions = {}): Promise<z.output<S>> {
    const ctx: SoapRequestSummary = {
      system: 'workday',
      method: 'POST',
      path: `/ccx/service/${this.tenant}/${request.service}/${this.version}`,
      operation: request.operation,
    };
    const reply = await this.send(request, ctx, call.signal);
    if (reply.requestId) ctx.requestId = reply.requestId;
    const arrays = new Set([...COMMON_ARRAY_ELEMENTS, ...(request.arrayElements ?? [])]);
    const parsed = parseSoapReply(reply.body, arrays);
    const retryAfterMs = parseRetryAfter(reply.retryAfter);

    // The whole process waits out a 429 (shared with REST through the request slots).
    if (reply.status === 429) this.slots.holdFor(retryAfterMs ?? DEFAULT_RATE_LIMIT_HOLD_MS);
    // Status first where it says more than any body: auth refused, or a rate limit with its Retry-After.
    if (reply.status === 401 || reply.status === 403 || reply.status === 429) throw failureForStatus(ctx, reply.status, undefined, reply.retryAfter);
    if (parsed?.kind === 'fault') throw failureForSoapFault(ctx, parsed.fault, reply.status, retryAfterMs);
    if (reply.status < 200 || reply.status >= 300) throw failureForStatus(ctx, reply.status, jsonOrUndefined(reply.body), reply.retryAfter);
    if (!parsed) throw failureForUnexpectedReply(ctx, reply.status, 'not a SOAP envelope');
    if (parsed.element !== `${request.operation}_Response`) throw failureForUnexpectedReply(ctx, reply.status, `a ${parsed.element} element instead of ${request.operation}_Response`);
    const content = request.schema.safeParse(parsed.content === '' ? {} : parsed.content);
    if (!content.success) throw failureForSchemaMismatch(ctx, content.error);
    return content.data as z.output<S>;
  }

  /**
   * Pages through a Get_ operation: asks for page 1, 2, … (Response_Filter Page and Count) until
   * Response_Results says there are no more. Checks `signal` before each page, so an aborted
   * activity makes no further call; the abort surfaces as the signal's reason, never as a short list.
   */
  async *pages<S extends z.ZodType, T>(
    requestFor: (page: number, count: number) => SoapOperationRequest<S>,
    select: (response: z.output<S>) => { results: ResponseResults | undefined; items: T[] },
    options: { pageSize?: number | undefined; firstPage?: number | undefined } & SoapCallOptions = {},
  ): AsyncGenerator<SoapPage<T>, void, undefined> {
    const count = options.pageSize ?? this.pageSize;
    const call: SoapCallOptions = options.signal ? { signal: options.signal } : {};
    // firstPage: a caller reading one page per activity resumes where the last activity stopped.
    for (let page = options.firstPage ?? 1; ; page += 1) {
      throwIfAborted(options.signal);
      const { results, items } = select(await this.call(requestFor(page, count), call));
      const totalPages = results?.Total_Pages ?? (items.length > 0 ? page : 0);
      yield { page, totalPages, totalResults: results?.Total_Results ?? items.length, items };
      if (page >= totalPages || items.length === 0) return;
    }
  }

  // ---- transport ----

  private async send(request: SoapOperationRequest<z.ZodType>, ctx: SoapRequestSummary, signal: AbortSignal | undefined): Promise<RawReply> {
    // One slot for the whole call (token fetch and the retry after an auth rejection included).
    const release = await this.slots.acquire(signal);
    try {
      return await this.sendInSlot(request, ctx, signal);
    } finally {
      release();
    }
  }

  private async sendInSlot(request: SoapOperationRequest<z.ZodType>, ctx: SoapRequestSummary, signal: AbortSignal | undefined): Promise<RawReply> {
    const url = `/${encodeURIComponent(request.service)}/${encodeURIComponent(this.version)}`;
    const attempt = async (): Promise<{ reply: RawReply; token?: string }> => {
      const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' };
      let token: string | undefined;
      if (this.auth.type === 'bearer') {
        token = await this.auth.tokenProvider.getToken(signal);
        headers['Authorization'] = `Bearer ${token}`;
      }
      const xml = buildSoapRequest({
        operation: request.operation,
        version: this.version,
        body: request.body,
        ...(this.auth.type === 'usernameToken' ? { usernameToken: { username: this.auth.username, password: this.auth.password } } : {}),
      });
      const startedAt = Date.now();
      // Route: the service and operation, the same for every tenant and record.
      const call = startHttpCall('workday', 'POST', `/ccx/service/:tenant/${request.service}/${request.operation}`);
      try {
        const response = await this.http.post<string>(url, xml, { headers, ...(signal ? { signal } : {}) });
        call.end(response.status);
        this.logger?.debug({ system: 'workday', soap: { service: request.service, operation: request.operation, status: response.status }, durationMs: Date.now() - startedAt }, 'soap call');
        return {
          reply: {
            status: response.status,
            body: typeof response.data === 'string' ? response.data : '',
            retryAfter: response.headers['retry-after'],
            requestId: requestIdFrom(response.headers),
          },
          ...(token !== undefined ? { token } : {}),
        };
      } catch (err) {
        call.end(null, err instanceof AxiosError ? err.code : undefined);
        throw this.classifyTransport(err, ctx, signal);
      }
    };

    const first = await attempt();
    if (this.auth.type === 'bearer' && isAuthRejection(first.reply)) {
      // An expired or revoked token: mint a new one and try exactly once more.
      this.auth.tokenProvider.invalidate(first.token);
      this.logger?.debug({ system: 'workday', operation: request.operation }, 'soap auth rejected: refreshing token and retrying once');
      return (await attempt()).reply;
    }
    return first.reply;
  }

  private classifyTransport(err: unknown, ctx: SoapRequestSummary, signal: AbortSignal | undefined): unknown {
    // Cancelled by the caller: the signal's reason (an activity's CancelledFailure), whatever axios made of it.
    if (signal?.aborted) return abortReason(signal);
    if (err instanceof ApplicationFailure) return err;
    if (axios.isCancel(err)) return err;
    if (!(err instanceof AxiosError) || err.code === AxiosError.ERR_CANCELED) return err;
    const timedOut = err.code === AxiosError.ECONNABORTED || err.code === AxiosError.ETIMEDOUT;
    return failureForTransport(ctx, err.code, timedOut);
  }
}

function isAuthRejection(reply: RawReply): boolean {
  if (reply.status === 401) return true;
  const parsed = reply.status >= 400 ? parseSoapReply(reply.body) : null;
  return parsed?.kind === 'fault' && /authenticationError/i.test(parsed.fault.faultcode);
}

function jsonOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
