// Starts the Coupa simulator: OAuth client credentials, the Core API resources the sync uses, and its /_sandbox admin routes.
import { Router, type Express, type NextFunction, type Request, type Response } from 'express';
import { SandboxControls, createSandboxApp, listen, type RateLimitDefaults } from '../common/controls.js';
import { CoupaAuth, DEFAULT_GRANTED_SCOPES, oauthRouter, type AuthConfig, type TokenReply } from './oauth.js';
import { coupaReferenceKinds } from './references.js';
import { mountResource } from './resource.js';
import { accountTypesResource, accountsResource } from './routes-accounting.js';
import { adminRouter, type CoupaAdminOperations, type CoupaSandboxConfig, type RevokeTokensOptions } from './routes-admin.js';
import {
  currenciesResource,
  departmentsResource,
  lookupValuesResource,
  lookupsResource,
  rolesResource,
} from './routes-common.js';
import { membershipsResource, userGroupsResource } from './routes-groups.js';
import { coupaResourceAdminRouters, mountCoupaResources } from './resources/index.js';
import { usersResource } from './routes-users.js';
import { CoupaStore, type CoupaStoreSnapshot } from './store.js';
import { createCallouts } from './callouts.js';
import { OutboundDeliveries, type OutboundSubscription } from '../kit/outbound.js';
import { subscriptionsRouter } from '../kit/outbound-routes.js';
import { CoupaHttpError, baseError } from './wire.js';

export { CoupaStore } from './store.js';
export type { CoupaStoreSnapshot } from './store.js';
export { BASELINE_SCOPES, DEFAULT_GRANTED_SCOPES, INSTANCE_SCOPES } from './oauth.js';
export type { AuthConfig, TokenReply } from './oauth.js';
export type { CoupaSandboxConfig, RevokeTokensOptions } from './routes-admin.js';

export const DEFAULT_COUPA_PORT = 4020;
export const DEFAULT_CLIENT_ID = 'coupa-integration-client';
export const DEFAULT_CLIENT_SECRET = 'coupa-integration-secret';

export interface CoupaSandboxOptions {
  /** Call Out endpoint base (…/events/coupa): approved invoices and issued POs are POSTed there (off when unset; PUT /_sandbox/subscriptions). */
  callout?: Partial<OutboundSubscription> | null;
  /** 0 (the default) picks a free port; the demo passes 4020. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default, 0.0.0.0 inside a container. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  grantedScopes?: string[];
  accessTokenTtlSeconds?: number;
  /** The tenant's request rate and burst from the start (env COUPA_SANDBOX_RATE_LIMIT/_BURST); /_sandbox/faults changes it. */
  rateLimit?: RateLimitDefaults;
}

export interface CoupaSandbox extends CoupaAdminOperations {
  url: string;
  port: number;
  credentials: { clientId: string; clientSecret: string; scopes: string[] };
  controls: SandboxControls;
  store: CoupaStore;
  /** The Call Out subscription and its delivery counts (also at /_sandbox/subscriptions). */
  callouts: OutboundDeliveries;
  /** A token with the given scopes (default: all granted), skipping the token endpoint. */
  mintToken(scopes?: string[]): TokenReply;
  close(): Promise<void>;
}

/** Coupa-worded body for injected faults; Coupa's real throttle body is unconfirmed. */
function coupaFaultBody(status: number): unknown {
  if (status === 429) return { errors: { base: ['Rate limit exceeded. Please retry later.'] } };
  if (status === 503) return { errors: { base: ['Service temporarily unavailable'] } };
  return { errors: { base: [`Simulated failure (${status})`] } };
}

/**
 * JSON only: this sandbox does not render XML. A client asking only for XML gets 406 rather than JSON
 * it did not ask for. Known gap: Coupa's default without Accept may be XML [U]; we answer JSON.
 */
function jsonOnly(req: Request, _res: Response, next: NextFunction): void {
  if (!req.accepts('application/json')) {
    next(baseError(406, 'This sandbox serves JSON only: send Accept: application/json'));
    return;
  }
  if (req.is('application/xml') || req.is('text/xml')) {
    next(baseError(415, 'This sandbox accepts JSON bodies only: send Content-Type: application/json'));
    return;
  }
  next();
}

interface CoupaAppParts {
  store: CoupaStore;
  auth: CoupaAuth;
  controls: SandboxControls;
  admin: CoupaAdminOperations;
  /** Call Outs: their /_sandbox/subscriptions admin route. */
  callouts?: OutboundDeliveries;
}

/** The express app, without listening; exported for embedding in a combined demo server. */
export function createCoupaApp({ store, auth, controls, admin, callouts }: CoupaAppParts): Express {
  // X-Request-Id is Rails' default request-id header; that Coupa sends it is unconfirmed.
  const app = createSandboxApp({ controls, faultBody: coupaFaultBody, requestIdHeader: 'X-Request-Id' });
  app.use(adminRouter(admin, () => auth.config));
  if (callouts) app.use(subscriptionsRouter(callouts));
  app.use(oauthRouter(auth));

  const api = Router();
  api.use('/api', jsonOnly);
  const kinds = coupaReferenceKinds(store);
  for (const router of coupaResourceAdminRouters({ store, auth, kinds })) app.use(router);
  for (const resource of [
    usersResource(store, kinds),
    userGroupsResource(store, kinds),
    membershipsResource(store, kinds),
    lookupsResource(store),
    lookupValuesResource(store, kinds),
    rolesResource(store),
    currenciesResource(store),
    departmentsResource(store),
    accountTypesResource(store, kinds),
    accountsResource(store, kinds),
  ]) {
    mountResource(api, auth, resource);
  }
  mountCoupaResources(api, { store, auth, kinds });
  app.use(api);

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ errors: { base: ['No route matches this path'] } });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof CoupaHttpError) {
      res.status(err.status).json(err.body);
      return;
    }
    const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
    if (type === 'entity.parse.failed') {
      res.status(400).json({ errors: { base: ['Malformed JSON body'] } });
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    res.status(500).json({ errors: { base: [`Sandbox error: ${message}`] } });
  });
  return app;
}

export async function startCoupaSandbox(opts: CoupaSandboxOptions = {}): Promise<CoupaSandbox> {
  const controls = new SandboxControls(undefined, opts.rateLimit);
  const store = new CoupaStore();
  const initial: AuthConfig = {
    clientId: opts.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: opts.clientSecret ?? DEFAULT_CLIENT_SECRET,
    grantedScopes: opts.grantedScopes ?? DEFAULT_GRANTED_SCOPES,
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 86_399,
    clientEnabled: true,
  };
  const auth = new CoupaAuth(initial);

  const admin: CoupaAdminOperations = {
    snapshot: (): CoupaStoreSnapshot => store.snapshot(),
    expireTokens: () => auth.expireTokens(),
    revokeTokens: (options: RevokeTokensOptions = {}) => auth.revokeTokens(options),
    configure: (config: CoupaSandboxConfig) => auth.configure(config),
    // Back to the seed and the starting auth config, with faults and call counts cleared; issued tokens stay valid.
    reset: () => {
      store.reset();
      auth.resetConfig();
      controls.setFaults({});
      controls.resetCalls();
    },
  };

  const callouts = createCallouts(store);
  if (opts.callout) callouts.configure(opts.callout);
  const app = createCoupaApp({ store, auth, controls, admin, callouts });
  const server = await listen(app, opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url: server.url,
    port: server.port,
    credentials: { clientId: initial.clientId, clientSecret: initial.clientSecret, scopes: [...initial.grantedScopes] },
    controls,
    store,
    ...admin,
    callouts,
    mintToken: (scopes?: string[]) => auth.mint(scopes),
    close: () => {
      callouts.close();
      return server.close();
    },
  };
}
