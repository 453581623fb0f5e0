// Calls to OAuth token endpoints (form-encoded), with their rejections classified as typed failures.
import axios, { AxiosError } from 'axios';
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from '../../infra/logger';
import { abortReason } from './cancellation';
import { recordTokenRefresh, routeTemplate, startHttpCall } from './call-telemetry';
import { ConnectorErrorTypes, failureForInvalidResponse, failureForStatus, failureForTransport, requestIdFrom, type RequestSummary } from './errors';

/**
 * RFC 6749 §5.1 reply, as far as the connectors read it: servers vary in which optional fields they
 * send and whether expires_in is a string. `token_type`, `scope` and the rest are not read, so not
 * declared: whatever a server puts there cannot fail a token refresh.
 */
export const oauthTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  refresh_token: z.string().min(1).nullish(),
});
export type OAuthTokenResponse = z.output<typeof oauthTokenResponseSchema>;

export interface OAuthTokenRequest {
  system: string;
  tokenUrl: string;
  /** Form fields (grant_type, scope, refresh_token, …). */
  form: Record<string, string>;
  /** Sent as HTTP Basic when given; otherwise the caller puts the client in `form`. */
  basicAuth?: { clientId: string; clientSecret: string };
  timeoutMs?: number;
  logger?: Logger;
  /**
   * Aborts the token request (it then rejects with the signal's reason). Leave it out where the
   * grant rotates a refresh token: a reply lost to an abort would take the only valid token with it.
   */
  signal?: AbortSignal;
}

/** The OAuth error code (`invalid_grant`, …) is safe to show; descriptions may echo input, so they are dropped. */
function oauthErrorCode(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const code = (body as { error: unknown }).error;
    if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;
  }
  return undefined;
}

export async function requestOAuthToken(req: OAuthTokenRequest): Promise<OAuthTokenResponse> {
  const ctx: RequestSummary = { system: req.system, method: 'POST', path: safePath(req.tokenUrl) };
  const started = Date.now();
  const call = startHttpCall(req.system, 'POST', routeTemplate(ctx.path));
  try {
    const response = await axios.post(req.tokenUrl, new URLSearchParams(req.form).toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      ...(req.basicAuth ? { auth: { username: req.basicAuth.clientId, password: req.basicAuth.clientSecret } } : {}),
      timeout: req.timeoutMs ?? 30_000,
      maxRedirects: 0,
      ...(req.signal ? { signal: req.signal } : {}),
    });
    req.logger?.debug({ system: req.system, method: 'POST', path: ctx.path, status: response.status, durationMs: Date.now() - started }, 'token endpoint response');
    call.end(response.status);
    const parsed = oauthTokenResponseSchema.safeParse(response.data);
    const requestId = requestIdFrom(response.headers);
    if (!parsed.success) throw failureForInvalidResponse({ ...ctx, ...(requestId ? { requestId } : {}) }, parsed.error);
    recordTokenRefresh({ api: req.system, outcome: 'ok' });
    return parsed.data;
  } catch (err) {
    if (err instanceof ApplicationFailure) {
      // The endpoint answered 2xx with a reply that is no token: the client or tenant needs a person.
      recordTokenRefresh({ api: req.system, outcome: 'refused' });
      throw err;
    }
    call.end(err instanceof AxiosError ? err.response?.status ?? null : null, err instanceof AxiosError && !err.response ? err.code : undefined);
    if (req.signal?.aborted) throw abortReason(req.signal);
    if (err instanceof AxiosError) {
      const status = err.response?.status;
      recordTokenRefresh({ api: req.system, outcome: status === undefined || status === 408 || status === 429 || status >= 500 ? 'unavailable' : 'refused' });
      req.logger?.debug({ system: req.system, method: 'POST', path: ctx.path, status: status ?? null, code: err.code ?? null, durationMs: Date.now() - started }, 'token endpoint failed');
      const requestId = requestIdFrom(err.response?.headers);
      const where: RequestSummary = { ...ctx, ...(requestId ? { requestId } : {}) };
      if (status === undefined) throw failureForTransport(where, err.code, err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT');
      if (status === 408 || status === 429 || status >= 500) throw failureForStatus(where, status, err.response?.data, err.response?.headers['retry-after']);
      // Any other refusal of the client or grant needs a person (new secret, new refresh token, scopes).
      const code = oauthErrorCode(err.response?.data);
      throw ApplicationFailure.create({
        type: ConnectorErrorTypes.AuthFailed,
        message: `${req.system} token endpoint refused the request → ${status}${code ? ` (${code})` : ''}${requestId ? ` (request id ${requestId})` : ''}`,
        nonRetryable: true,
        details: [{ ...where, status, oauthError: code ?? null }],
      });
    }
    throw err;
  }
}

/** The path of a URL, never its query (which could carry credentials on a misconfigured client). */
export function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid url)';
  }
}
