// Workday REST client: OAuth refresh-token grant (rotated tokens persisted and shared), {total, data} paging and the worker profile provisioning reads.
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from '../../infra/logger';
import type { WorkdayWorkerProfile } from '../../mapping/types';
import { ApiHttpClient, pathSegment, type CallOptions } from '../http/api-client';
import { throwIfAborted } from '../http/cancellation';
import { ConnectorErrorTypes, isConnectorFailure } from '../http/errors';
import { requestOAuthToken } from '../http/oauth';
import { collect, paginateByOffset } from '../http/paging';
import { TokenProvider, type IssuedToken } from '../http/token-provider';
import type { RefreshTokenStore } from './refresh-token-store';
import {
  jobProfileSchema,
  legalNameSchema,
  orgChartSchema,
  serviceDatesSchema,
  staffingSupervisoryOrganizationSchema,
  staffingWorkerSchema,
  staffingWorkersPageSchema,
  workerOrganizationsPageSchema,
  type WorkdayJobProfile,
  type WorkdayLegalName,
  type WorkdayOrgChart,
  type WorkdayServiceDates,
  type WorkdayStaffingWorker,
  type WorkdaySupervisoryOrganization,
  type WorkdayWorkerOrganization,
} from './schemas';
import {
  jobProfilesPageSchema,
  supervisoryOrganizationMembersPageSchema,
  supervisoryOrganizationsPageSchema,
  type WorkdaySupervisoryOrganizationListItem,
  type WorkdaySupervisoryOrganizationMember,
} from './org-schemas';

/** Workday REST returns at most 100 rows per page. */
export const WORKDAY_PAGE_SIZE = 100;

/** Service versions this client is written against (Workday versions each service on its own). */
export const WORKDAY_SERVICE_PATHS = {
  common: 'v1',
  staffing: 'staffing/v7',
  person: 'person/v4',
} as const;

/**
 * Default pattern for a cost center's code inside its descriptor: the first word ("CC1100 Corporate
 * Finance" → "CC1100"). Real tenants label cost centers their own way (e.g. "Corporate Finance
 * (CC1100)" → `\(([^)]+)\)\s*$`), so it is configurable; it needs exactly one capture group.
 */
export const DEFAULT_COST_CENTER_CODE_PATTERN = '^(\\S+)\\s';

export interface WorkdayClientOptions {
  /** Services host, e.g. https://wd5-services1.myworkday.com (the sandbox's URL in tests). */
  baseUrl: string;
  /** Tenant path segment, e.g. "acme" or "acme_preview". */
  tenant: string;
  clientId: string;
  clientSecret: string;
  /**
   * Integration refresh token (from "Manage Refresh Tokens for Integrations"): used until the store
   * holds a newer one (and to seed it).
   */
  refreshToken: string;
  /**
   * Where a rotated refresh token is kept and shared with other processes (see RefreshTokenStore).
   * Read before every token refresh, written after every rotation. Without one, a rotated token
   * lives in this client's memory only.
   */
  refreshTokenStore?: RefreshTokenStore;
  /** Most requests in flight at once from this client (default 4: Workday advises at most 4-5 per tenant). */
  maxConcurrentRequests?: number;
  /** Default `${baseUrl}/ccx/oauth2/${tenant}/token`. */
  tokenUrl?: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  logger?: Logger;
  /** Regex (one capture group) applied to a cost center organization's descriptor. See DEFAULT_COST_CENTER_CODE_PATTERN. */
  costCenterCodePattern?: string | RegExp;
  /** Refresh the token this long before it expires (default 60 s; capped at 80% of its lifetime). */
  refreshSkewSeconds?: number;
  /**
   * Called when a token reply carries a new refresh token (rotation), after the store has it. The
   * client uses the new one from then on.
   */
  onRefreshTokenRotated?: (refreshToken: string) => void | Promise<void>;
}

/** Default cap on concurrent Workday requests per client. */
export const WORKDAY_DEFAULT_MAX_CONCURRENT_REQUESTS = 4;

/** One page of a `{total, data}` list, as asked for by offset. */
export interface WorkdayPage<T> {
  total: number | null;
  items: T[];
  /** Where the next page starts; null after the last one. */
  nextOffset: number | null;
}

/** The next offset of an offset-paged read, or null when this page was the last. */
function nextOffsetAfter(offset: number, limit: number, received: number, total: number | null | undefined): number | null {
  const next = offset + received;
  if (received === 0 || received < limit) return null;
  if (typeof total === 'number' && next >= total) return null;
  return next;
}

export interface ListWorkersOptions {
  /** Name or worker ID; space-separated terms are OR'd, case-insensitively. */
  search?: string;
  /** Terminated workers are hidden unless this is true. */
  includeTerminated?: boolean;
}

function captureGroupCount(pattern: RegExp): number {
  return (new RegExp(`${pattern.source}|`).exec('')?.length ?? 1) - 1;
}

function sameText(a: string | null | undefined, b: string): boolean {
  return (a ?? '').trim().toLowerCase() === b.toLowerCase();
}

function invalidData(message: string, details: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type: ConnectorErrorTypes.InvalidResponse, message, nonRetryable: true, details: [{ system: 'workday', ...details }] });
}

export class WorkdayClient {
  readonly http: ApiHttpClient;
  readonly tokens: TokenProvider;
  readonly tenant: string;
  private refreshToken: string;
  /** A rotated token the store failed to take: presented next time instead of the store's (revoked) one. */
  private unsavedRefreshToken: string | null = null;
  private readonly refreshTokenStore: RefreshTokenStore | undefined;
  private readonly costCenterCodePattern: RegExp;
  private readonly logger: Logger | undefined;

  constructor(private readonly options: WorkdayClientOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tenant = options.tenant;
    this.refreshToken = options.refreshToken;
    this.refreshTokenStore = options.refreshTokenStore;
    this.logger = options.logger;
    const pattern = options.costCenterCodePattern ?? DEFAULT_COST_CENTER_CODE_PATTERN;
    this.costCenterCodePattern = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
    if (captureGroupCount(this.costCenterCodePattern) < 1) {
      throw new Error(`costCenterCodePattern ${String(this.costCenterCodePattern)} needs one capture group around the code`);
    }
    const tokenUrl = options.tokenUrl ?? `${baseUrl}/ccx/oauth2/${pathSegment(options.tenant)}/token`;

    this.tokens = new TokenProvider({
      system: 'workday',
      ...(options.refreshSkewSeconds !== undefined ? { refreshSkewSeconds: options.refreshSkewSeconds } : {}),
      // Workday may omit expires_in; its own SDK re-mints every 15 minutes.
      defaultLifetimeSeconds: 900,
      ...(options.logger ? { logger: options.logger } : {}),
      fetchToken: (signal) => this.mintAccessToken(tokenUrl, signal),
    });
    this.http = new ApiHttpClient({
      system: 'workday',
      baseURL: `${baseUrl}/ccx/api`,
      tokenProvider: this.tokens,
      maxConcurrentRequests: options.maxConcurrentRequests ?? WORKDAY_DEFAULT_MAX_CONCURRENT_REQUESTS,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /**
   * One refresh-token grant: under the store's lock, read the current refresh token (another process
   * may have rotated it), present it, and store the new one if Workday rotated it.
   */
  private async mintAccessToken(tokenUrl: string, signal: AbortSignal): Promise<IssuedToken> {
    const store = this.refreshTokenStore;
    const grant = async (): Promise<IssuedToken> => {
      throwIfAborted(signal);
      const presented = this.unsavedRefreshToken ?? (store ? await store.load() : null) ?? this.refreshToken;
      throwIfAborted(signal);
      // No abort once sent: if Workday rotates the token, this reply carries the only valid one, and
      // the old one is revoked. Cancelled callers stop waiting; the grant finishes and is stored.
      const reply = await requestOAuthToken({
        system: 'workday',
        tokenUrl,
        form: { grant_type: 'refresh_token', refresh_token: presented },
        basicAuth: { clientId: this.options.clientId, clientSecret: this.options.clientSecret },
        ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
        ...(this.logger ? { logger: this.logger } : {}),
      });
      this.refreshToken = presented;
      if (reply.refresh_token && reply.refresh_token !== presented) {
        this.refreshToken = reply.refresh_token;
        this.unsavedRefreshToken = null;
        this.logger?.info('workday refresh token rotated');
        if (store) {
          try {
            await store.save(reply.refresh_token);
          } catch (err) {
            this.unsavedRefreshToken = reply.refresh_token;
            this.logger?.error({ reason: err instanceof Error ? err.message : String(err) }, 'could not store the rotated workday refresh token: kept in memory, stored again at the next refresh');
          }
        }
        await this.options.onRefreshTokenRotated?.(reply.refresh_token);
      } else if (this.unsavedRefreshToken !== null && store) {
        await store.save(this.unsavedRefreshToken).then(
          () => (this.unsavedRefreshToken = null),
          () => undefined,
        );
      }
      return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in ?? undefined };
    };
    return store?.exclusive ? store.exclusive(grant, signal) : grant();
  }

  /** The refresh token currently in use (differs from the configured one after a rotation). */
  get currentRefreshToken(): string {
    return this.refreshToken;
  }

  private path(service: keyof typeof WORKDAY_SERVICE_PATHS, resource: string): string {
    return `/${WORKDAY_SERVICE_PATHS[service]}/${pathSegment(this.tenant)}${resource}`;
  }

  // ---- workers ----

  /** Every worker (staffing v7), 100 at a time. */
  listWorkers(options: ListWorkersOptions = {}, call?: CallOptions): AsyncGenerator<WorkdayStaffingWorker, void, undefined> {
    const path = this.path('staffing', '/workers');
    return paginateByOffset(
      async (offset, limit) => {
        const page = await this.http.get(
          staffingWorkersPageSchema,
          path,
          { limit, offset, search: options.search, includeTerminatedWorkers: options.includeTerminated ? true : undefined },
          call,
        );
        return { items: page.data, total: page.total };
      },
      WORKDAY_PAGE_SIZE,
      call?.signal,
    );
  }

  /**
   * The worker whose workerId is exactly `employeeId` (search matches names and IDs loosely, so the
   * results are checked). Terminated workers are included unless told otherwise.
   */
  async findWorkerByEmployeeId(employeeId: string, options: { includeTerminated?: boolean } = {}, call?: CallOptions): Promise<WorkdayStaffingWorker | null> {
    const wanted = employeeId.trim();
    for await (const worker of this.listWorkers({ search: wanted, includeTerminated: options.includeTerminated ?? true }, call)) {
      if (worker.workerId === wanted) return worker;
    }
    return null;
  }

  async getWorker(workerWid: string, call?: CallOptions): Promise<WorkdayStaffingWorker> {
    return this.http.get(staffingWorkerSchema, this.path('staffing', `/workers/${pathSegment(workerWid)}`), undefined, call);
  }

  async getServiceDates(workerWid: string, call?: CallOptions): Promise<WorkdayServiceDates> {
    return this.http.get(serviceDatesSchema, this.path('staffing', `/workers/${pathSegment(workerWid)}/serviceDates`), undefined, call);
  }

  /** The organizations a worker belongs to (common v1): cost center, company, supervisory, … */
  async getWorkerOrganizations(workerWid: string, call?: CallOptions): Promise<WorkdayWorkerOrganization[]> {
    const path = this.path('common', `/workers/${pathSegment(workerWid)}/organizations`);
    return collect(
      paginateByOffset(
        async (offset, limit) => {
          const page = await this.http.get(workerOrganizationsPageSchema, path, { limit, offset }, call);
          return { items: page.data, total: page.total };
        },
        WORKDAY_PAGE_SIZE,
        call?.signal,
      ),
    );
  }

  // ---- organizations, job profiles, people ----

  async getSupervisoryOrganization(orgWid: string, call?: CallOptions): Promise<WorkdaySupervisoryOrganization> {
    return this.http.get(staffingSupervisoryOrganizationSchema, this.path('staffing', `/supervisoryOrganizations/${pathSegment(orgWid)}`), undefined, call);
  }

  /** The org with its superior; null when Workday answers an empty list (no chart entry for this org). */
  async getOrgChart(orgWid: string, call?: CallOptions): Promise<WorkdayOrgChart | null> {
    return this.http.get(orgChartSchema, this.path('staffing', `/supervisoryOrganizations/${pathSegment(orgWid)}/orgChart`), undefined, call);
  }

  async getJobProfile(jobProfileWid: string, call?: CallOptions): Promise<WorkdayJobProfile> {
    return this.http.get(jobProfileSchema, this.path('staffing', `/jobProfiles/${pathSegment(jobProfileWid)}`), undefined, call);
  }

  /**
   * person v4 takes the worker's WID as the person id. Null when Workday answers an empty list: no
   * legal name the integration user may see (every worker has one, so usually a missing security domain).
   */
  async getLegalName(workerWid: string, call?: CallOptions): Promise<WorkdayLegalName | null> {
    return this.http.get(legalNameSchema, this.path('person', `/people/${pathSegment(workerWid)}/legalName`), undefined, call);
  }

  // ---- the supervisory hierarchy, page by page (each page one request, so an activity can own one) ----

  /** One page of workers (staffing v7); terminated ones only with `includeTerminated`. */
  async getWorkersPage(page: { offset: number; limit?: number }, options: ListWorkersOptions = {}, call?: CallOptions): Promise<WorkdayPage<WorkdayStaffingWorker>> {
    const limit = page.limit ?? WORKDAY_PAGE_SIZE;
    const reply = await this.http.get(
      staffingWorkersPageSchema,
      this.path('staffing', '/workers'),
      { limit, offset: page.offset, search: options.search, includeTerminatedWorkers: options.includeTerminated ? true : undefined },
      call,
    );
    return { total: reply.total ?? null, items: reply.data, nextOffset: nextOffsetAfter(page.offset, limit, reply.data.length, reply.total) };
  }

  /** One page of supervisory organizations with their managers; inactivated ones only with `includeInactive`. */
  async getSupervisoryOrganizationsPage(
    page: { offset: number; limit?: number },
    options: { includeInactive?: boolean } = {},
    call?: CallOptions,
  ): Promise<WorkdayPage<WorkdaySupervisoryOrganizationListItem>> {
    const limit = page.limit ?? WORKDAY_PAGE_SIZE;
    const reply = await this.http.get(
      supervisoryOrganizationsPageSchema,
      this.path('staffing', '/supervisoryOrganizations'),
      { limit, offset: page.offset, includeInactive: options.includeInactive ? true : undefined },
      call,
    );
    return { total: reply.total ?? null, items: reply.data, nextOffset: nextOffsetAfter(page.offset, limit, reply.data.length, reply.total) };
  }

  /** Every supervisory organization, 100 at a time. */
  listSupervisoryOrganizations(options: { includeInactive?: boolean } = {}, call?: CallOptions): AsyncGenerator<WorkdaySupervisoryOrganizationListItem, void, undefined> {
    return paginateByOffset(
      async (offset, limit) => {
        const page = await this.getSupervisoryOrganizationsPage({ offset, limit }, options, call);
        return { items: page.items, total: page.total };
      },
      WORKDAY_PAGE_SIZE,
      call?.signal,
    );
  }

  /** One page of an org's members: the jobs whose primary supervisory organization it is (active workers only). */
  async getSupervisoryOrganizationMembersPage(
    orgWid: string,
    page: { offset: number; limit?: number },
    call?: CallOptions,
  ): Promise<WorkdayPage<WorkdaySupervisoryOrganizationMember>> {
    const limit = page.limit ?? WORKDAY_PAGE_SIZE;
    const reply = await this.http.get(
      supervisoryOrganizationMembersPageSchema,
      this.path('staffing', `/supervisoryOrganizations/${pathSegment(orgWid)}/members`),
      { limit, offset: page.offset },
      call,
    );
    return { total: reply.total ?? null, items: reply.data, nextOffset: nextOffsetAfter(page.offset, limit, reply.data.length, reply.total) };
  }

  /** One page of job profiles, each with its management level. */
  async getJobProfilesPage(page: { offset: number; limit?: number }, call?: CallOptions): Promise<WorkdayPage<WorkdayJobProfile>> {
    const limit = page.limit ?? WORKDAY_PAGE_SIZE;
    const reply = await this.http.get(jobProfilesPageSchema, this.path('staffing', '/jobProfiles'), { limit, offset: page.offset }, call);
    return { total: reply.total ?? null, items: reply.data, nextOffset: nextOffsetAfter(page.offset, limit, reply.data.length, reply.total) };
  }

  // ---- the provisioning view of a worker ----

  /**
   * Everything provisioning needs about one worker, from several REST calls (at most
   * `maxConcurrentRequests` at once); null when no worker has this employee ID. Terminated workers
   * are included unless `includeTerminated: false` (then null for them too).
   */
  async getWorkerProfile(employeeId: string, options: { includeTerminated?: boolean } = {}, call?: CallOptions): Promise<WorkdayWorkerProfile | null> {
    const worker = await this.findWorkerByEmployeeId(employeeId, options, call);
    if (!worker) return null;
    const job = worker.primaryJob ?? null;
    const orgRef = job?.supervisoryOrganization ?? null;
    const jobProfileRef = job?.jobProfile ?? null;

    const [legalName, organizations, jobProfile, supervisoryOrg] = await Promise.all([
      this.getLegalName(worker.id, call),
      this.getWorkerOrganizations(worker.id, call),
      jobProfileRef ? this.getJobProfile(jobProfileRef.id, call) : Promise.resolve(null),
      orgRef ? this.getSupervisoryOrganization(orgRef.id, call) : Promise.resolve(null),
    ]);
    if (!legalName) {
      // Empty names would be wrong data in Coupa, and an empty answer is not "no name": every Workday
      // worker has a legal name, so the integration user cannot see it.
      throw invalidData(
        `workday person v4 legalName of worker ${worker.id} is an empty list: the integration user probably lacks the security domain for legal names (Person Data: Name)`,
        { workerWid: worker.id },
      );
    }

    const manager = supervisoryOrg ? await this.resolveManager(worker.id, supervisoryOrg, call) : null;
    const costCenterOrg = organizations.find((o) => sameText(o.organizationType?.descriptor, 'Cost Center')) ?? null;
    const companyOrg = organizations.find((o) => sameText(o.organizationType?.descriptor, 'Company')) ?? null;

    return {
      workerWid: worker.id,
      employeeId: worker.workerId,
      firstName: legalName.firstName ?? '',
      lastName: legalName.lastName ?? '',
      workEmail: worker.person?.email ?? null,
      businessTitle: job?.businessTitle ?? null,
      jobProfile: jobProfile ? { id: jobProfile.id, name: jobProfile.name ?? jobProfile.descriptor ?? '' } : null,
      managementLevel: jobProfile?.managementLevel?.descriptor ?? null,
      supervisoryOrganization: supervisoryOrg
        ? { id: supervisoryOrg.id, code: supervisoryOrg.code ?? null, name: supervisoryOrg.name ?? supervisoryOrg.descriptor ?? '' }
        : null,
      manager,
      costCenter: costCenterOrg ? this.parseCostCenter(costCenterOrg) : null,
      company: companyOrg ? { id: companyOrg.id, name: companyOrg.descriptor ?? '' } : null,
    };
  }

  /** Code and name of a cost center organization, parsed from its descriptor with the configured pattern. */
  parseCostCenter(org: WorkdayWorkerOrganization): { id: string; code: string; name: string } {
    const descriptor = (org.descriptor ?? '').trim();
    const match = this.costCenterCodePattern.exec(descriptor);
    const code = match?.[1]?.trim();
    if (!match || !code) {
      // The descriptor is a label, not personal data, but the pattern is what needs fixing.
      throw invalidData(`workday cost center ${org.id}: descriptor does not match costCenterCodePattern ${String(this.costCenterCodePattern)}`, {
        organizationId: org.id,
      });
    }
    const name = descriptor.replace(match[0], ' ').replace(/\s+/g, ' ').trim();
    return { id: org.id, code, name: name || descriptor };
  }

  /**
   * The worker's manager: the first manager of their supervisory org, unless that is the worker
   * (they lead it) or the org has none, in which case the superior org's manager, and so on up.
   * Null at the top of the hierarchy.
   */
  private async resolveManager(workerWid: string, org: WorkdaySupervisoryOrganization, call?: CallOptions): Promise<WorkdayWorkerProfile['manager']> {
    let current: Pick<WorkdaySupervisoryOrganization, 'id' | 'managers' | 'manager'> | null = org;
    const visited = new Set<string>();
    while (current && !visited.has(current.id)) {
      visited.add(current.id);
      const managers = current.managers ?? (current.manager ? [current.manager] : []);
      const managerRef = managers.find((m) => m.id !== workerWid);
      // Co-managers: another manager of the same org is the worker's manager only if the worker does not lead it.
      const leadsOrg = managers.some((m) => m.id === workerWid);
      if (managerRef && !leadsOrg) {
        const manager = await this.getWorker(managerRef.id, call);
        return {
          workerWid: manager.id,
          employeeId: manager.workerId,
          name: manager.descriptor ?? managerRef.descriptor ?? '',
          workEmail: manager.person?.email ?? null,
        };
      }
      // No chart entry (an empty list) or no superior: the top of the hierarchy.
      const chart = await this.getOrgChart(current.id, call);
      const superior = chart?.superior ?? null;
      if (!superior) return null;
      // The chart usually embeds the superior's managers; fetch the org only when it does not.
      current = superior.managers ? { id: superior.id, managers: superior.managers } : await this.getSupervisoryOrganization(superior.id, call);
    }
    return null;
  }

  /** True when `err` is the NotFound failure of a Workday read. */
  static isNotFound(err: unknown): boolean {
    return isConnectorFailure(err, ConnectorErrorTypes.NotFound);
  }
}
