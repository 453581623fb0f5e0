// Starts the Workday simulator: OAuth, common v1, staffing v7 and person v4 REST on Workday's own paths, plus the /_sandbox admin routes.
import { type NextFunction, type Request, type Response } from 'express';
import { createSandboxApp, listen, SandboxControls, type RateLimitDefaults } from '../common/controls';
import { workdaySandboxConfigPatchSchema, workdaySandboxConfigSchema, type WorkdaySandboxConfig } from './http';
import { requireBearer, tokenRouter, WorkdayTokenIssuer } from './oauth';
import { adminRouter } from './routes-admin';
import { commonRouter } from './routes-common';
import { personRouter, staffingRouter } from './routes-staffing';
import { soapAdminRouter } from './soap/admin';
import { DEFAULT_WORKDAY_SOAP_CONFIG, workdaySoapConfigPatchSchema, type WorkdaySoapConfig } from './soap/config';
import { soapRouter } from './soap/dispatcher';
import { WorkdayStore } from './store';
import { costCenterAdminRouter } from './routes-cost-centers';
import { costCenterStoreOf } from './cost-center-store';
import { payablesOf } from './payables-store';
import { payablesAdminRouter } from './routes-payables';
import { supplierAdminRouter } from './routes-suppliers';
import { supplierStoreOf } from './supplier-store';
import { budgetsRouter, financeAdminRouter } from './rest/budgets/routes';
import { financeStoreOf } from './finance-store';
import { OutboundDeliveries, type OutboundSubscription } from '../kit/outbound';
import { notificationFor } from './notifications';
import { subscriptionsRouter } from '../kit/outbound-routes';

export { WorkdayStore, WorkdayStoreError, wid, type StoredWorker, type WorkdayStoreSnapshot, type HireInput, type JobChangeInput, type TerminationInput, type WorkerChangeResult } from './store';
export { WorkdayTokenIssuer } from './oauth';
export type { WorkdaySandboxConfig } from './http';
export type { WorkdaySoapConfig } from './soap/config';
export { type StoredTransactionLogEntry, type WorkerTransactionType, type TerminationCorrection } from './store';

export interface WorkdaySandboxOptions {
  /** 0 or omitted = a random free port. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default, 0.0.0.0 inside a container. */
  host?: string;
  tenant?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Integration System User for SOAP's WS-Security UsernameToken, without the tenant (default ISU_Coupa_Sync). */
  isuUser?: string;
  isuPassword?: string;
  /** Initial SOAP settings (the unconfirmed behaviours); PUT /_sandbox/soap/config changes them later. */
  soap?: Partial<WorkdaySoapConfig>;
  accessTokenTtlSeconds?: number;
  /** What a page `limit` over 100 does; Workday's behaviour is unconfirmed (see http.ts). */
  overLimitBehaviour?: 'error' | 'clamp';
  /** Every refresh-token grant hands out a new refresh token and revokes the one presented (see http.ts). */
  rotateRefreshTokens?: boolean;
  /** Seed of the fault injector's random errors. */
  faultSeed?: number;
  /** The tenant's request rate and burst from the start (env WORKDAY_SANDBOX_RATE_LIMIT/_BURST); /_sandbox/faults changes it. */
  rateLimit?: RateLimitDefaults;
  /** Outbound subscription: every hire, job change and termination is POSTed there as Receive_Notification (off when unset; PUT /_sandbox/subscriptions). */
  subscription?: Partial<OutboundSubscription> | null;
}

export interface WorkdaySandbox {
  /** e.g. http://127.0.0.1:4010; the REST bases hang off it (see `paths`). */
  url: string;
  port: number;
  tenant: string;
  /** REST (OAuth) and SOAP (WS-Security: `isuUsername` is `user@tenant`, as Workday requires) credentials. */
  credentials: { clientId: string; clientSecret: string; refreshToken: string; isuUsername: string; isuPassword: string };
  /** Call counts and fault injection (also at /_sandbox/calls and /_sandbox/faults). */
  controls: SandboxControls;
  /** The tenant's data; hire/changeJob/terminate/assignManager/snapshot work in-process too. */
  store: WorkdayStore;
  /** Access-token bookkeeping: expireAll(), revokeAll({refreshTokens}), reinstateRefreshToken(). */
  tokens: WorkdayTokenIssuer;
  /** Live settings; change them with configure() or PUT /_sandbox/config. */
  config: WorkdaySandboxConfig;
  /** Live SOAP settings; change them with configureSoap() or PUT /_sandbox/soap/config. */
  soapConfig: WorkdaySoapConfig;
  /** The outbound subscription and its delivery counts (also at /_sandbox/subscriptions). */
  notifications: OutboundDeliveries;
  /** Full URLs of the token endpoint, each REST service base and the SOAP endpoint base (append /{Service}/{version}). */
  paths: { token: string; common: string; commonAlias: string; staffing: string; person: string; soap: string };
  configure(patch: Partial<WorkdaySandboxConfig>): WorkdaySandboxConfig;
  configureSoap(patch: Partial<WorkdaySoapConfig>): WorkdaySoapConfig;
  /**
   * Back to the start: reseeded store, initial config, refresh token reinstated, no faults, zero
   * call counts. Access tokens already issued stay valid, so a client's cached token keeps working.
   */
  reset(): void;
  close(): Promise<void>;
}

export async function startWorkdaySandbox(opts: WorkdaySandboxOptions = {}): Promise<WorkdaySandbox> {
  const tenant = opts.tenant ?? 'acme';
  const credentials = {
    clientId: opts.clientId ?? 'wd-integration-client',
    clientSecret: opts.clientSecret ?? 'wd-integration-secret',
    refreshToken: opts.refreshToken ?? 'wd-refresh-token-isu',
    isuUsername: `${opts.isuUser ?? 'ISU_Coupa_Sync'}@${tenant}`,
    isuPassword: opts.isuPassword ?? 'wd-isu-password',
  };
  const initialConfig: WorkdaySandboxConfig = workdaySandboxConfigSchema.parse({
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600,
    overLimitBehaviour: opts.overLimitBehaviour ?? 'error',
    rotateRefreshTokens: opts.rotateRefreshTokens ?? false,
  });
  const config: WorkdaySandboxConfig = { ...initialConfig };
  const initialSoapConfig: WorkdaySoapConfig = { ...DEFAULT_WORKDAY_SOAP_CONFIG, ...workdaySoapConfigPatchSchema.parse(opts.soap ?? {}) };
  const soapConfig: WorkdaySoapConfig = { ...initialSoapConfig };
  const controls = new SandboxControls(opts.faultSeed, opts.rateLimit);
  const store = new WorkdayStore();
  const tokens = new WorkdayTokenIssuer(credentials, () => config.accessTokenTtlSeconds, () => config.rotateRefreshTokens);
  const notifications = new OutboundDeliveries();
  if (opts.subscription) notifications.configure(opts.subscription);
  store.onTransaction((entry) => notifications.send(notificationFor(entry, tenant)));

  const reset = (): void => {
    store.reset();
    costCenterStoreOf(store).reset();
    payablesOf(store).reset();
    supplierStoreOf(store).reset();
    financeStoreOf(store).reset();
    Object.assign(config, initialConfig);
    Object.assign(soapConfig, initialSoapConfig);
    tokens.reinstateRefreshToken();
    controls.setFaults({});
    controls.resetCalls();
  };

  // Workday's request-id header name is unconfirmed; a correlation-id header is a common choice.
  const app = createSandboxApp({ controls, faultBody: workdayFaultBody, requestIdHeader: 'X-Correlation-Id' });
  // Future-dated terminations take effect when their day comes, whichever call notices first.
  app.use((_req: Request, _res: Response, next: NextFunction) => {
    store.applyDueTerminations();
    next();
  });
  app.use(adminRouter(store, tokens, config, reset));
  app.use(subscriptionsRouter(notifications));
  app.use(soapAdminRouter(soapConfig));
  app.use(costCenterAdminRouter(store));
  app.use(payablesAdminRouter(store));
  app.use(supplierAdminRouter(store));
  app.use(financeAdminRouter(store));
  app.use(tokenRouter(tenant, tokens));

  const bases = {
    common: `/ccx/api/v1/${tenant}`,
    commonAlias: `/ccx/api/common/v1/${tenant}`,
    staffing: `/ccx/api/staffing/v7/${tenant}`,
    person: `/ccx/api/person/v4/${tenant}`,
  };
  const bearer = requireBearer(tokens);
  // Both common bases get the same router; hrefs follow whichever base the client used.
  app.use([bases.common, bases.commonAlias], bearer, commonRouter(store, config));
  app.use(bases.staffing, bearer, staffingRouter(store, config));
  app.use(bases.person, bearer, personRouter(store));
  // [U] budgets v1: only runBudgetCheck is known (reference/workday-api.md § Budgets).
  app.use(`/ccx/api/budgets/v1/${tenant}`, bearer, budgetsRouter(store));
  // SOAP sits behind the same fault injection (rate limit, latency, failNext) as REST.
  app.use(soapRouter({ tenant, store, config: soapConfig, tokens, isu: { username: credentials.isuUsername, password: credentials.isuPassword } }));

  // Anything else (another tenant, service or version, or an unknown resource) is Workday's 404.
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: `resource not found: ${req.method} ${req.path}` });
  });
  // Express 5 hands thrown errors here; a sandbox bug should read as a Workday 500, not an HTML page.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === 'object' && err && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    res.status(status).json({ error: status === 400 ? 'invalid request body' : `internal error: ${String(err)}` });
  });

  const server = await listen(app, opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url: server.url,
    port: server.port,
    tenant,
    credentials,
    controls,
    store,
    tokens,
    config,
    paths: {
      token: `${server.url}/ccx/oauth2/${tenant}/token`,
      common: `${server.url}${bases.common}`,
      commonAlias: `${server.url}${bases.commonAlias}`,
      staffing: `${server.url}${bases.staffing}`,
      person: `${server.url}${bases.person}`,
      soap: `${server.url}/ccx/service/${tenant}`,
    },
    soapConfig,
    notifications,
    configure(patch) {
      Object.assign(config, workdaySandboxConfigPatchSchema.parse(patch));
      return config;
    },
    configureSoap(patch) {
      Object.assign(soapConfig, workdaySoapConfigPatchSchema.parse(patch));
      return soapConfig;
    },
    reset,
    close: () => {
      notifications.close();
      return server.close();
    },
  };
}

/** Injected faults answer in Workday's `{"error"}` shape. */
function workdayFaultBody(status: number): { error: string } {
  if (status === 429) return { error: 'Too many requests: the tenant rate limit was exceeded' };
  if (status === 503) return { error: 'Service unavailable' };
  return { error: `injected failure (HTTP ${status})` };
}
