// Coupa's OAuth 2.0 client-credentials server: one integration client, scoped opaque tokens, expiry and revocation on demand.
import { randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { CoupaHttpError, baseError } from './wire.js';

export const BASELINE_SCOPES = ['openid', 'profile', 'email', 'login', 'offline_access', 'core.common.read'];

export const DEFAULT_GRANTED_SCOPES = [
  ...BASELINE_SCOPES,
  'core.user.read',
  'core.user.write',
  'core.user_group.read',
  'core.user_group.write',
  'core.common.write',
  'core.accounting.read',
  'core.accounting.write',
  // Offboarding reroutes requisitions and the approvals of requisitions, invoices and POs (through
  // /api/approvals alone).
  // Offboarding reroutes requisitions and the approvals of requisitions, invoices and POs.
  'core.requisition.read',
  'core.requisition.write',
  'core.approval.read',
  'core.approval.write',
  'core.invoice.approval.write',
  'core.purchase_order.read',
  'core.purchase_order.write',
  // Invoice to payment: read the invoice, mark it exported and record payments (write), void (delete).
  'core.invoice.read',
  'core.invoice.write',
  'core.invoice.delete',
  // Supplier sync reads and writes suppliers and their supplier information.
  'core.supplier.read',
  'core.supplier.write',
  // Invoice posting reads approved invoices and marks them exported; failures go to integration history.
  'core.invoice.read',
  'core.invoice.write',
  'core.integration.read',
  'core.integration.write',
];

/** What the instance lists at /oauth2/scopes: the R34 catalogue from the reference. */
export const INSTANCE_SCOPES: Record<string, string> = {
  openid: 'OpenID Connect sign-in',
  profile: 'Basic profile of the signed-in user',
  email: 'Email address of the signed-in user',
  login: 'Login of the signed-in user',
  offline_access: 'Refresh tokens',
  'core.common.read': 'Read lookups, lookup values, addresses, currencies, departments, content groups, payment terms, roles',
  'core.common.write': 'Write lookups, lookup values, addresses, currencies, departments, content groups, payment terms, roles',
  'core.user.read': 'Read users',
  'core.user.write': 'Write users',
  'core.user_group.read': 'Read user groups and memberships',
  'core.user_group.write': 'Write user groups and memberships',
  'core.accounting.read': 'Read accounts and account types',
  'core.accounting.write': 'Write accounts and account types',
  'core.supplier.read': 'Read suppliers, remit-to addresses, supplier information',
  'core.supplier.write': 'Write suppliers, remit-to addresses, supplier information',
  'core.purchase_order.read': 'Read purchase orders, lines and changes',
  'core.purchase_order.write': 'Write purchase orders, lines and changes',
  'core.invoice.read': 'Read invoices',
  'core.invoice.write': 'Write invoices, including mark exported',
  'core.invoice.create': 'Create invoices',
  'core.invoice.delete': 'Void and abandon invoices',
  'core.invoice.approval.write': 'Act on invoice approvals',
  'core.invoice.approval.bypass': 'Bypass invoice approvals',
  'core.requisition.read': 'Read requisitions',
  'core.requisition.write': 'Write requisitions',
  'core.approval.read': 'Read approvals',
  'core.approval.write': 'Approve, reject and hold approvals',
  'core.integration.read': 'Read integration records',
  'core.integration.write': 'Write integration records',
};

export interface AuthConfig {
  clientId: string;
  clientSecret: string;
  grantedScopes: string[];
  accessTokenTtlSeconds: number;
  /** False after a credential revocation: the token endpoint then answers invalid_client. */
  clientEnabled: boolean;
}

export interface IssuedToken {
  token: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface TokenReply {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** An OAuth error: the token endpoint answers with RFC 6749's `{"error": …}`, not Coupa's API error shape. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super(error);
  }
}

export class CoupaAuth {
  config: AuthConfig;
  private readonly initial: AuthConfig;
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(initial: AuthConfig) {
    this.initial = { ...initial, grantedScopes: [...initial.grantedScopes] };
    this.config = { ...this.initial, grantedScopes: [...this.initial.grantedScopes] };
  }

  /** Checks the client and scopes, then mints a token. No scope requested = every granted scope [U]. */
  issueToken(clientId: string | undefined, clientSecret: string | undefined, requestedScopes?: string[]): TokenReply {
    if (!this.config.clientEnabled || clientId !== this.config.clientId || clientSecret !== this.config.clientSecret) {
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed');
    }
    const scopes = requestedScopes && requestedScopes.length > 0 ? requestedScopes : this.config.grantedScopes;
    const ungranted = scopes.filter((s) => !this.config.grantedScopes.includes(s));
    if (ungranted.length > 0) {
      throw new OAuthError(400, 'invalid_scope', `Scope not granted to this client: ${ungranted.join(' ')}`);
    }
    return this.mint(scopes);
  }

  /** In-process shortcut for tests: a token without the client dance. */
  mint(scopes: string[] = this.config.grantedScopes): TokenReply {
    const now = Date.now();
    const ttl = this.config.accessTokenTtlSeconds;
    // Opaque on purpose: clients must not parse Coupa's tokens (real ones are JWTs whose claims are not a contract).
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { token, scopes: [...new Set(scopes)], issuedAt: now, expiresAt: now + ttl * 1000, revoked: false });
    return { access_token: token, token_type: 'bearer', expires_in: ttl };
  }

  /** Validates `Authorization: Bearer …` against a required scope; throws Coupa's 401/403. */
  authorize(authorization: string | undefined, requiredScope: string): IssuedToken {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw unauthorized('Missing bearer token');
    const issued = this.tokens.get(match[1]);
    if (!issued) throw unauthorized('Invalid access token');
    if (issued.revoked) throw unauthorized('Access token has been revoked');
    if (Date.now() >= issued.expiresAt) throw unauthorized('Access token has expired');
    if (!issued.scopes.includes(requiredScope)) {
      throw baseError(403, `Access denied: this token lacks the scope ${requiredScope}`);
    }
    return issued;
  }

  expireTokens(): number {
    const past = Date.now() - 1;
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, past);
    return this.tokens.size;
  }

  revokeTokens(options: { clientCredentials?: boolean } = {}): number {
    for (const t of this.tokens.values()) t.revoked = true;
    if (options.clientCredentials) this.config.clientEnabled = false;
    return this.tokens.size;
  }

  configure(patch: Partial<AuthConfig>): AuthConfig {
    this.config = {
      ...this.config,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    return this.config;
  }

  /** Back to the options the sandbox started with; tokens already issued stay valid. */
  resetConfig(): void {
    this.config = { ...this.initial, grantedScopes: [...this.initial.grantedScopes] };
  }

  issuedTokens(): IssuedToken[] {
    return [...this.tokens.values()];
  }
}

function unauthorized(message: string): CoupaHttpError {
  // Body shape unconfirmed; Coupa answers 401 for a bad or expired token.
  return baseError(401, message);
}

function clientFromBasic(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

function field(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** POST /oauth2/token and GET /oauth2/scopes. */
export function oauthRouter(auth: CoupaAuth): Router {
  const router = Router();
  router.post('/oauth2/token', (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const grantType = field(req.body, 'grant_type');
      if (grantType === undefined) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
      if (grantType !== 'client_credentials') {
        throw new OAuthError(400, 'unsupported_grant_type', 'Only client_credentials is simulated');
      }
      const basic = clientFromBasic(req.get('authorization'));
      const clientId = basic?.id ?? field(req.body, 'client_id');
      const clientSecret = basic?.secret ?? field(req.body, 'client_secret');
      const scope = field(req.body, 'scope');
      const scopes = scope === undefined ? undefined : scope.split(/\s+/).filter((s) => s !== '');
      res.json(auth.issueToken(clientId, clientSecret, scopes));
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      if (err.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="oauth2"');
      res.status(err.status).json({ error: err.error, ...(err.description ? { error_description: err.description } : {}) });
    }
  });
  // Listing format unconfirmed; the scope names are the reference's.
  router.get('/oauth2/scopes', (_req: Request, res: Response) => {
    res.json(Object.entries(INSTANCE_SCOPES).map(([name, description]) => ({ name, description })));
  });
  return router;
}

/** Express middleware: the bearer token must carry `scope`. */
export function requireScope(auth: CoupaAuth, scope: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    try {
      auth.authorize(req.get('authorization'), scope);
      next();
    } catch (err) {
      if (err instanceof CoupaHttpError && err.status === 401) {
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      }
      next(err);
    }
  };
}
