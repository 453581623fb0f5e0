// Workday's OAuth as an integration sees it: the refresh-token grant at /ccx/oauth2/{tenant}/token and bearer checks on every API call.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Router } from 'express';
import express from 'express';

export interface WorkdayCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

/** Issues opaque access tokens and remembers which are still good; tests and admin routes expire or revoke them. */
export class WorkdayTokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();
  private refreshTokenRevoked = false;
  /** The refresh token that works now: the configured one until a rotation replaces it. */
  private currentRefreshToken: string;

  constructor(
    readonly credentials: WorkdayCredentials,
    /** Read on every grant so /_sandbox/config changes apply to the next token. */
    private readonly ttlSeconds: () => number,
    private readonly rotateRefreshTokens: () => boolean = () => false,
    private readonly now: () => number = Date.now,
  ) {
    this.currentRefreshToken = credentials.refreshToken;
  }

  /** An access token; with rotation on, also a new refresh token, and the presented one stops working. */
  issue(): { access_token: string; token_type: 'Bearer'; expires_in: number; refresh_token?: string } {
    const ttl = this.ttlSeconds();
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, { expiresAt: this.now() + ttl * 1000, revoked: false });
    if (!this.rotateRefreshTokens()) return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl };
    this.currentRefreshToken = `wd-rt-${randomBytes(18).toString('base64url')}`;
    return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, refresh_token: this.currentRefreshToken };
  }

  isValid(accessToken: string): boolean {
    const token = this.tokens.get(accessToken);
    return !!token && !token.revoked && token.expiresAt > this.now();
  }

  isRefreshTokenValid(refreshToken: string): boolean {
    return !this.refreshTokenRevoked && safeEqual(refreshToken, this.currentRefreshToken);
  }

  areClientCredentialsValid(clientId: string, clientSecret: string): boolean {
    return safeEqual(clientId, this.credentials.clientId) && safeEqual(clientSecret, this.credentials.clientSecret);
  }

  /** Every access token issued so far stops working now (as if its hour were up); new grants still work. */
  expireAll(): number {
    const now = this.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now - 1);
    return this.tokens.size;
  }

  /** Revokes every access token; with refreshTokens also the ISU's refresh token, as an admin would in "Manage Refresh Tokens". */
  revokeAll(options: { refreshTokens?: boolean } = {}): { accessTokens: number; refreshTokenRevoked: boolean } {
    for (const token of this.tokens.values()) token.revoked = true;
    if (options.refreshTokens) this.refreshTokenRevoked = true;
    return { accessTokens: this.tokens.size, refreshTokenRevoked: this.refreshTokenRevoked };
  }

  /** Gives the configured refresh token back (a new one was "generated" with the same value), so one sandbox serves several tests. */
  reinstateRefreshToken(): void {
    this.refreshTokenRevoked = false;
    this.currentRefreshToken = this.credentials.refreshToken;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Client id and secret from HTTP Basic, else from the form body: Workday accepts both. */
function clientCredentialsOf(req: Request): { clientId: string; clientSecret: string } | null {
  const header = req.get('authorization');
  const basic = header ? /^Basic\s+(.+)$/i.exec(header) : null;
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const body: unknown = req.body;
  if (body && typeof body === 'object') {
    const { client_id: clientId, client_secret: clientSecret } = body as Record<string, unknown>;
    if (typeof clientId === 'string' && typeof clientSecret === 'string') return { clientId, clientSecret };
  }
  return null;
}

/**
 * POST /ccx/oauth2/{tenant}/token. The error words are OAuth's (RFC 6749 §5.2); Workday's exact
 * wording and whether it adds error_description is unconfirmed, so only `error` is sent.
 */
export function tokenRouter(tenant: string, issuer: WorkdayTokenIssuer): Router {
  const router = express.Router();
  router.post('/ccx/oauth2/:tenant/token', (req, res) => {
    if (req.params.tenant !== tenant) {
      res.status(404).json({ error: `unknown tenant ${req.params.tenant}` });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    const client = clientCredentialsOf(req);
    if (!client || !issuer.areClientCredentialsValid(client.clientId, client.clientSecret)) {
      res.status(401).setHeader('WWW-Authenticate', 'Basic realm="workday"').json({ error: 'invalid_client' });
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'refresh_token') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    if (typeof body.refresh_token !== 'string' || !issuer.isRefreshTokenValid(body.refresh_token)) {
      res.status(400).json({ error: 'invalid_grant' });
      return;
    }
    res.json(issuer.issue());
  });
  return router;
}

/** Guards an API router: a missing, unknown, expired or revoked bearer token is a 401 in Workday's `{"error"}` shape. */
export function requireBearer(issuer: WorkdayTokenIssuer): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!bearer?.[1] || !issuer.isValid(bearer[1])) {
      res.status(401).json({ error: 'invalid access token' });
      return;
    }
    next();
  };
}
