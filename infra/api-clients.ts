// Builds the Coupa and Workday connectors from configuration: a real tenant or the sandbox, nothing else differs.
import type { Logger } from 'pino';
import { CoupaClient } from '../connectors/coupa';
import { FileRefreshTokenStore, WorkdayClient, WorkdaySoapClient } from '../connectors/workday';
import type { ConnectorConfig } from './config';

export interface ApiClients {
  coupa: CoupaClient;
  workday: WorkdayClient;
  /** Workday Web Services, for what REST lacks (terminations, suppliers, journals). */
  workdaySoap: WorkdaySoapClient;
}

export function createApiClients(config: ConnectorConfig, logger: Logger): ApiClients {
  const timeoutMs = config.API_TIMEOUT_SECONDS * 1000;
  const workdayLogger = logger.child({ api: 'workday' });
  const clients = {
    coupa: new CoupaClient({
      baseUrl: config.COUPA_BASE_URL,
      clientId: config.COUPA_CLIENT_ID,
      clientSecret: config.COUPA_CLIENT_SECRET,
      scopes: config.COUPA_SCOPES,
      timeoutMs,
      maxConcurrentRequests: config.COUPA_MAX_CONCURRENT_REQUESTS,
      logger: logger.child({ api: 'coupa' }),
    }),
    workday: new WorkdayClient({
      baseUrl: config.WORKDAY_BASE_URL,
      tenant: config.WORKDAY_TENANT,
      clientId: config.WORKDAY_CLIENT_ID,
      clientSecret: config.WORKDAY_CLIENT_SECRET,
      refreshToken: config.WORKDAY_REFRESH_TOKEN,
      refreshTokenStore: new FileRefreshTokenStore({
        path: config.WORKDAY_REFRESH_TOKEN_FILE,
        seed: config.WORKDAY_REFRESH_TOKEN,
        // A lock is held for one token request: only a lock older than a few of those is a crashed process's.
        staleLockMs: Math.max(60_000, 3 * timeoutMs),
        logger: workdayLogger,
      }),
      timeoutMs,
      maxConcurrentRequests: config.WORKDAY_MAX_CONCURRENT_REQUESTS,
      ...(config.WORKDAY_TOKEN_URL ? { tokenUrl: config.WORKDAY_TOKEN_URL } : {}),
      ...(config.WORKDAY_COST_CENTER_CODE_PATTERN ? { costCenterCodePattern: config.WORKDAY_COST_CENTER_CODE_PATTERN } : {}),
      logger: workdayLogger,
    }),
  };
  const workdaySoap = new WorkdaySoapClient({
    baseUrl: config.WORKDAY_BASE_URL,
    tenant: config.WORKDAY_TENANT,
    auth:
      config.WORKDAY_SOAP_AUTH === 'username-token'
        ? { type: 'usernameToken', username: config.WORKDAY_ISU_USERNAME ?? '', password: config.WORKDAY_ISU_PASSWORD ?? '' }
        : { type: 'bearer', tokenProvider: clients.workday.tokens },
    // One cap on requests in flight to the tenant, REST and SOAP together.
    requestSlots: clients.workday.http.slots,
    timeoutMs,
    ...(config.WORKDAY_SOAP_VERSION ? { version: config.WORKDAY_SOAP_VERSION } : {}),
    logger: workdayLogger,
  });
  return { ...clients, workdaySoap };
}
