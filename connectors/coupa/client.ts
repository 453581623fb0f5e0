// Coupa Core API client: OAuth client credentials, 50-row offset paging, natural-key lookups and the user/group writes provisioning needs.
import type { z } from 'zod';
import type { Logger } from '../../infra/logger';
import { ApiHttpClient, pathSegment, type CallOptions, type QueryParams } from '../http/api-client';
import { requestOAuthToken } from '../http/oauth';
import { collect, paginateByOffset } from '../http/paging';
import { TokenProvider } from '../http/token-provider';
import {
  coupaAccountsSchema,
  coupaLookupValuesSchema,
  coupaUserGroupMembershipSchema,
  coupaUserGroupMembershipsSchema,
  coupaUserGroupsSchema,
  coupaUserSchema,
  coupaUsersSchema,
  type CoupaAccount,
  type CoupaLookupValue,
  type CoupaUser,
  type CoupaUserGroup,
  type CoupaUserGroupMembership,
  type CoupaUserGroupMembershipWrite,
  type CoupaUserWrite,
} from './schemas';
import {
  coupaApprovalGroupSchema,
  coupaApprovalGroupsSchema,
  coupaGroupMembershipSchema,
  coupaGroupMembershipsSchema,
  coupaUserManagerViewsSchema,
  membershipGroupId,
  membershipUserId,
  type CoupaApprovalGroup,
  type CoupaGroupMembership,
  type CoupaUserGroupWrite,
  type CoupaUserManagerView,
} from './user-group-schemas';

/** Coupa returns at most 50 rows per page (larger limits are silently capped). */
export const COUPA_PAGE_SIZE = 50;

export interface CoupaClientOptions {
  /** Instance URL, e.g. https://acme.coupahost.com (the sandbox's URL in tests). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** OAuth scopes, e.g. ["core.user.read", "core.user.write"]; sent space-separated. */
  scopes: string[];
  /** Per request (default 30 s). */
  timeoutMs?: number;
  logger?: Logger;
  /** Refresh the token this long before it expires (default 60 s; capped at 80% of its lifetime). */
  refreshSkewSeconds?: number;
  /** Most requests in flight at once from this client (default 10). */
  maxConcurrentRequests?: number;
}

/** Default cap on concurrent Coupa requests per client. */
export const COUPA_DEFAULT_MAX_CONCURRENT_REQUESTS = 10;

/**
 * Filters as Coupa takes them: `{"employee-number": "21001"}`, `{"updated-at[gt]": "2024-06-01T00:00:00+00:00"}`,
 * `{"status[in]": ["issued", "closed"]}` (arrays become Coupa's comma-separated lists).
 */
export type CoupaFilters = Readonly<Record<string, string | number | boolean | readonly (string | number)[] | undefined>>;

function toQuery(filters: CoupaFilters): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    // Paging is the iterator's business.
    if (key === 'limit' || key === 'offset') continue;
    query[key] = Array.isArray(value) ? value.join(',') : (value as string | number | boolean);
  }
  return query;
}

function signalOf(call: CallOptions | undefined): { signal?: AbortSignal } {
  return call?.signal ? { signal: call.signal } : {};
}

export class CoupaClient {
  readonly http: ApiHttpClient;
  readonly tokens: TokenProvider;
  private readonly logger: Logger | undefined;

  constructor(options: CoupaClientOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.logger = options.logger;
    this.tokens = new TokenProvider({
      system: 'coupa',
      ...(options.refreshSkewSeconds !== undefined ? { refreshSkewSeconds: options.refreshSkewSeconds } : {}),
      // Coupa's tokens live ~24 h; when a reply omits expires_in, assume an hour.
      defaultLifetimeSeconds: 3600,
      ...(options.logger ? { logger: options.logger } : {}),
      // Client credentials rotate nothing, so a token request nobody waits for any more may be aborted.
      fetchToken: async (signal) => {
        const reply = await requestOAuthToken({
          signal,
          system: 'coupa',
          tokenUrl: `${baseUrl}/oauth2/token`,
          form: {
            grant_type: 'client_credentials',
            client_id: options.clientId,
            client_secret: options.clientSecret,
            scope: options.scopes.join(' '),
          },
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
        });
        return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in ?? undefined };
      },
    });
    this.http = new ApiHttpClient({
      system: 'coupa',
      baseURL: `${baseUrl}/api`,
      tokenProvider: this.tokens,
      maxConcurrentRequests: options.maxConcurrentRequests ?? COUPA_DEFAULT_MAX_CONCURRENT_REQUESTS,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** Every record of a list endpoint matching `filters`, fetched 50 at a time (ascending id). */
  paginate<S extends z.ZodType<readonly unknown[]>>(
    path: string,
    schema: S,
    filters: CoupaFilters = {},
    call?: CallOptions,
  ): AsyncGenerator<z.output<S>[number], void, undefined> {
    const query = toQuery(filters);
    return paginateByOffset(
      async (offset, limit) => {
        const items = await this.http.get(schema, path, { ...query, limit, offset }, call);
        return { items: items as readonly z.output<S>[number][] };
      },
      COUPA_PAGE_SIZE,
      call?.signal,
    );
  }

  /** The first page's first rows only: for filters on unique keys. */
  private async firstMatches<S extends z.ZodType<readonly unknown[]>>(path: string, schema: S, filters: CoupaFilters, call?: CallOptions): Promise<z.output<S>> {
    const query: QueryParams = { ...toQuery(filters), limit: COUPA_PAGE_SIZE, offset: 0 };
    return this.http.get(schema, path, query, call);
  }

  // ---- users ----

  /** Every user matching `filters`, one page after another, as they arrive. */
  iterateUsers(filters: CoupaFilters = {}, call?: CallOptions): AsyncGenerator<CoupaUser, void, undefined> {
    return this.paginate('/users', coupaUsersSchema, filters, call);
  }

  /** Every user matching `filters`, all pages collected (use `iterateUsers` for large result sets). */
  async listUsers(filters: CoupaFilters = {}, call?: CallOptions): Promise<CoupaUser[]> {
    return collect(this.iterateUsers(filters, call));
  }

  /** The user carrying this Workday employee ID, or null. */
  async findUserByEmployeeNumber(employeeNumber: string, call?: CallOptions): Promise<CoupaUser | null> {
    const users = await this.firstMatches('/users', coupaUsersSchema, { 'employee-number': employeeNumber }, call);
    return users.find((u) => u['employee-number'] === employeeNumber) ?? null;
  }

  /**
   * The users carrying any of these employee numbers, in ONE request (`employee-number[in]=`), with
   * only the fields provisioning compares (`fields=`): a worker and their manager read together.
   */
  async findUsersByEmployeeNumbers(employeeNumbers: readonly string[], call?: CallOptions): Promise<CoupaUser[]> {
    const wanted = [...new Set(employeeNumbers.filter(Boolean))];
    if (wanted.length === 0) return [];
    const fields = JSON.stringify([
      'id', 'login', 'email', 'firstname', 'lastname', 'employee-number', 'active',
      { manager: ['id', 'employee-number'] },
      { 'default-account': ['id', 'code', { 'account-type': ['id', 'name'] }] },
      { 'default-currency': ['id', 'code'] },
      { 'requisition-approval-limit': ['id', 'amount', { currency: ['code'] }] },
      { 'invoice-approval-limit': ['id', 'amount', { currency: ['code'] }] },
      { roles: ['id', 'name'] },
      { 'user-groups': ['id', 'name'] },
      { 'approval-groups': ['id', 'name'] },
    ]);
    const users = await this.firstMatches('/users', coupaUsersSchema, { 'employee-number[in]': wanted.join(','), fields }, call);
    return users.filter((u) => wanted.includes(u['employee-number'] ?? ''));
  }

  async findUserByLogin(login: string, call?: CallOptions): Promise<CoupaUser | null> {
    const users = await this.firstMatches('/users', coupaUsersSchema, { login }, call);
    return users.find((u) => u.login === login) ?? null;
  }

  async getUser(id: number, call?: CallOptions): Promise<CoupaUser> {
    return this.http.get(coupaUserSchema, `/users/${pathSegment(id)}`, undefined, call);
  }

  async createUser(body: CoupaUserWrite, call?: CallOptions): Promise<CoupaUser> {
    const user = await this.http.request(coupaUserSchema, { method: 'POST', path: '/users', body, ...signalOf(call) });
    this.logger?.info({ coupaUserId: user.id }, 'coupa user created');
    return user;
  }

  /** Partial update: only the keys in `patch` change. */
  async updateUser(id: number, patch: CoupaUserWrite, call?: CallOptions): Promise<CoupaUser> {
    const user = await this.http.request(coupaUserSchema, { method: 'PUT', path: `/users/${pathSegment(id)}`, body: patch, ...signalOf(call) });
    this.logger?.info({ coupaUserId: id, fields: Object.keys(patch) }, 'coupa user updated');
    return user;
  }

  // ---- user groups ----

  async findUserGroupByName(name: string, call?: CallOptions): Promise<CoupaUserGroup | null> {
    const groups = await this.firstMatches('/user_groups', coupaUserGroupsSchema, { name }, call);
    return groups.find((g) => g.name === name) ?? null;
  }

  /** Memberships of a user, of a group, or of a user in a group. */
  async listUserGroupMemberships(filter: { userId?: number; userGroupId?: number }, call?: CallOptions): Promise<CoupaUserGroupMembership[]> {
    const memberships = await collect(
      this.paginate(
        '/user_group_memberships',
        coupaUserGroupMembershipsSchema,
        { 'user-id': filter.userId, 'user-group-id': filter.userGroupId },
        call,
      ),
    );
    // Applied again locally, so a tenant that ignores one of the filters cannot widen the result.
    return memberships.filter(
      (m) =>
        (filter.userId === undefined || (m['user-id'] ?? m.user?.id) === filter.userId) &&
        (filter.userGroupId === undefined || (m['user-group-id'] ?? m['user-group']?.id) === filter.userGroupId),
    );
  }

  async addUserToGroup(userId: number, userGroupId: number, call?: CallOptions): Promise<CoupaUserGroupMembership> {
    const body: CoupaUserGroupMembershipWrite = { 'user-id': userId, 'user-group-id': userGroupId };
    const membership = await this.http.request(coupaUserGroupMembershipSchema, { method: 'POST', path: '/user_group_memberships', body, ...signalOf(call) });
    this.logger?.info({ coupaUserId: userId, userGroupId }, 'coupa user added to group');
    return membership;
  }

  async removeUserGroupMembership(membershipId: number, call?: CallOptions): Promise<void> {
    await this.http.requestNoContent({ method: 'DELETE', path: `/user_group_memberships/${pathSegment(membershipId)}`, ...signalOf(call) });
    this.logger?.info({ membershipId }, 'coupa user group membership removed');
  }

  // ---- approval groups, page by page, with owners and membership flags (the org hierarchy sync) ----

  /** One page (50 rows from `offset`) of a list endpoint; `nextOffset` is null after a short page. */
  private async page<S extends z.ZodType<readonly unknown[]>>(
    path: string,
    schema: S,
    offset: number,
    filters: CoupaFilters,
    call?: CallOptions,
  ): Promise<{ items: z.output<S>; nextOffset: number | null }> {
    const items = await this.http.get(schema, path, { ...toQuery(filters), limit: COUPA_PAGE_SIZE, offset }, call);
    return { items, nextOffset: items.length < COUPA_PAGE_SIZE ? null : offset + items.length };
  }

  /** One page of users as the org sync needs them: id, employee number, active, manager (only those fields are asked for). */
  async getUserManagerViewsPage(offset: number, filters: CoupaFilters = {}, call?: CallOptions): Promise<{ items: CoupaUserManagerView[]; nextOffset: number | null }> {
    const fields = JSON.stringify(['id', 'employee-number', 'active', { manager: ['id', 'employee-number'] }]);
    return this.page('/users', coupaUserManagerViewsSchema, offset, { ...filters, fields }, call);
  }

  /** One page of user groups with their flags and owner. */
  async getUserGroupsPage(offset: number, filters: CoupaFilters = {}, call?: CallOptions): Promise<{ items: CoupaApprovalGroup[]; nextOffset: number | null }> {
    return this.page('/user_groups', coupaApprovalGroupsSchema, offset, filters, call);
  }

  async getUserGroup(id: number, call?: CallOptions): Promise<CoupaApprovalGroup> {
    return this.http.get(coupaApprovalGroupSchema, `/user_groups/${pathSegment(id)}`, undefined, call);
  }

  /** The group named exactly `name`, with its flags and owner; null when none. */
  async findApprovalGroupByName(name: string, call?: CallOptions): Promise<CoupaApprovalGroup | null> {
    const groups = await this.firstMatches('/user_groups', coupaApprovalGroupsSchema, { name }, call);
    return groups.find((g) => g.name === name) ?? null;
  }

  async createUserGroup(body: CoupaUserGroupWrite, call?: CallOptions): Promise<CoupaApprovalGroup> {
    const group = await this.http.request(coupaApprovalGroupSchema, { method: 'POST', path: '/user_groups', body, ...signalOf(call) });
    this.logger?.info({ userGroupId: group.id }, 'coupa user group created');
    return group;
  }

  /** Partial update: only the keys in `patch` change. */
  async updateUserGroup(id: number, patch: CoupaUserGroupWrite, call?: CallOptions): Promise<CoupaApprovalGroup> {
    const group = await this.http.request(coupaApprovalGroupSchema, { method: 'PUT', path: `/user_groups/${pathSegment(id)}`, body: patch, ...signalOf(call) });
    this.logger?.info({ userGroupId: id, fields: Object.keys(patch) }, 'coupa user group updated');
    return group;
  }

  /** One page of a group's memberships, with the owner flag. */
  async getGroupMembershipsPage(userGroupId: number, offset: number, call?: CallOptions): Promise<{ items: CoupaGroupMembership[]; nextOffset: number | null }> {
    const page = await this.page('/user_group_memberships', coupaGroupMembershipsSchema, offset, { 'user-group-id': userGroupId }, call);
    // Filtered again locally, so a tenant that ignores the filter cannot widen the result (the paging still follows the raw page).
    return { items: page.items.filter((m) => membershipGroupId(m) === userGroupId), nextOffset: page.nextOffset };
  }

  /**
   * One page of the memberships of many groups at once (`user-group-id[in]=…`): the org sync reads every
   * approval group's members in a page or two instead of a request per group.
   */
  async getMembershipsOfGroupsPage(userGroupIds: readonly number[], offset: number, call?: CallOptions): Promise<{ items: CoupaGroupMembership[]; nextOffset: number | null }> {
    const page = await this.page('/user_group_memberships', coupaGroupMembershipsSchema, offset, { 'user-group-id[in]': userGroupIds }, call);
    // Filtered again locally, as for one group: a tenant that ignores the filter cannot widen the result.
    const wanted = new Set(userGroupIds);
    return { items: page.items.filter((m) => wanted.has(membershipGroupId(m) ?? -1)), nextOffset: page.nextOffset };
  }

  /** The memberships of one user in one group, with the owner flag (normally none or one). */
  async findGroupMemberships(userId: number, userGroupId: number, call?: CallOptions): Promise<CoupaGroupMembership[]> {
    const memberships = await collect(
      this.paginate('/user_group_memberships', coupaGroupMembershipsSchema, { 'user-id': userId, 'user-group-id': userGroupId }, call),
    );
    return memberships.filter((m) => membershipUserId(m) === userId && membershipGroupId(m) === userGroupId);
  }

  async addGroupMembership(input: { userId: number; userGroupId: number; owner: boolean }, call?: CallOptions): Promise<CoupaGroupMembership> {
    const body: CoupaUserGroupMembershipWrite = { 'user-id': input.userId, 'user-group-id': input.userGroupId, owner: input.owner };
    const membership = await this.http.request(coupaGroupMembershipSchema, { method: 'POST', path: '/user_group_memberships', body, ...signalOf(call) });
    this.logger?.info({ coupaUserId: input.userId, userGroupId: input.userGroupId, owner: input.owner }, 'coupa user added to group');
    return membership;
  }

  async setGroupMembershipOwner(membershipId: number, owner: boolean, call?: CallOptions): Promise<CoupaGroupMembership> {
    const membership = await this.http.request(coupaGroupMembershipSchema, {
      method: 'PUT',
      path: `/user_group_memberships/${pathSegment(membershipId)}`,
      body: { owner },
      ...signalOf(call),
    });
    this.logger?.info({ membershipId, owner }, 'coupa group membership owner flag set');
    return membership;
  }

  // ---- chart of accounts ----

  /** An account by its code ("US01-CC1100") within an account type ("Acme US"). */
  async findAccount(key: { accountTypeName: string; code: string }, call?: CallOptions): Promise<CoupaAccount | null> {
    const accounts = await this.firstMatches('/accounts', coupaAccountsSchema, { code: key.code, 'account-type[name]': key.accountTypeName }, call);
    return accounts.find((a) => a.code === key.code && (a['account-type']?.name ?? key.accountTypeName) === key.accountTypeName) ?? null;
  }

  /** A lookup value (a cost center segment) by its external-ref-num within a lookup. */
  async findLookupValue(key: { lookupName: string; externalRefNum: string }, call?: CallOptions): Promise<CoupaLookupValue | null> {
    const values = await this.firstMatches(
      '/lookup_values',
      coupaLookupValuesSchema,
      { 'external-ref-num': key.externalRefNum, 'lookup[name]': key.lookupName },
      call,
    );
    return values.find((v) => v['external-ref-num'] === key.externalRefNum && (v.lookup?.name ?? key.lookupName) === key.lookupName) ?? null;
  }
}
