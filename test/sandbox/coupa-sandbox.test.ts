// The Coupa simulator answers the way Coupa's Core API does: OAuth scopes, paging, filters, validation, references, memberships, faults.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index.js';

type JsonRecord = Record<string, unknown>;

let coupa: CoupaSandbox;
let token: string;

async function requestToken(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${coupa.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
}

async function tokenFor(scopes: string[]): Promise<string> {
  const res = await requestToken({
    grant_type: 'client_credentials',
    client_id: coupa.credentials.clientId,
    client_secret: coupa.credentials.clientSecret,
    scope: scopes.join(' '),
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

interface ApiReply<T> {
  status: number;
  body: T;
  headers: Headers;
}

async function api<T = unknown>(
  method: string,
  path: string,
  options: { body?: unknown; bearer?: string | null; accept?: string } = {},
): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  const bearer = options.bearer === undefined ? token : options.bearer;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${coupa.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T, headers: res.headers };
}

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${coupa.url}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Offset paging the way the connector must do it: until a short page. */
async function allUsers(query = ''): Promise<JsonRecord[]> {
  const rows: JsonRecord[] = [];
  for (let offset = 0; ; offset += 50) {
    const page = await api<JsonRecord[]>('GET', `/api/users?offset=${offset}${query ? `&${query}` : ''}`);
    assert.equal(page.status, 200);
    rows.push(...page.body);
    if (page.body.length < 50) return rows;
  }
}

function newHire(overrides: JsonRecord = {}): JsonRecord {
  return {
    login: 'ada.lovelace',
    email: 'ada.lovelace@acme-example.com',
    firstname: 'Ada',
    lastname: 'Lovelace',
    'employee-number': '21001',
    ...overrides,
  };
}

function collectKeys(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectKeys(v, into));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      collectKeys(v, into);
    }
  }
  return into;
}

before(async () => {
  coupa = await startCoupaSandbox();
});

after(async () => {
  await coupa.close();
});

beforeEach(async () => {
  const res = await admin('POST', '/reset');
  assert.equal(res.status, 200);
  token = await tokenFor(coupa.credentials.scopes);
});

describe('OAuth client credentials', () => {
  test('given the integration client, a token request with granted scopes returns a bearer token', async () => {
    const res = await requestToken({
      grant_type: 'client_credentials',
      client_id: 'coupa-integration-client',
      client_secret: 'coupa-integration-secret',
      scope: 'core.user.read core.user.write',
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as JsonRecord;
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 86399);
    assert.equal(typeof body.access_token, 'string');
    const users = await api('GET', '/api/users?limit=1', { bearer: String(body.access_token) });
    assert.equal(users.status, 200);
  });

  test('the client may authenticate with HTTP Basic instead of form fields', async () => {
    const basic = Buffer.from(`${coupa.credentials.clientId}:${coupa.credentials.clientSecret}`).toString('base64');
    const res = await requestToken({ grant_type: 'client_credentials', scope: 'core.user.read' }, { authorization: `Basic ${basic}` });
    assert.equal(res.status, 200);
  });

  test('a scope the client was not granted is refused with invalid_scope', async () => {
    const res = await requestToken({
      grant_type: 'client_credentials',
      client_id: coupa.credentials.clientId,
      client_secret: coupa.credentials.clientSecret,
      scope: 'core.user.read core.invoice.approval.bypass',
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as JsonRecord).error, 'invalid_scope');
  });

  test('a wrong secret is refused with invalid_client', async () => {
    const res = await requestToken({
      grant_type: 'client_credentials',
      client_id: coupa.credentials.clientId,
      client_secret: 'wrong',
      scope: 'core.user.read',
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'invalid_client', error_description: 'Client authentication failed' });
  });

  test('an endpoint outside the token scopes answers 403, and no token at all answers 401', async () => {
    const readOnly = await tokenFor(['core.user.read']);
    assert.equal((await api('GET', '/api/users?limit=1', { bearer: readOnly })).status, 200);
    const write = await api('POST', '/api/users', { bearer: readOnly, body: newHire() });
    assert.equal(write.status, 403);
    assert.deepEqual(Object.keys(write.body as JsonRecord), ['errors']);
    assert.equal((await api('GET', '/api/user_groups', { bearer: readOnly })).status, 403);
    assert.equal((await api('GET', '/api/accounts', { bearer: readOnly })).status, 403);
    assert.equal((await api('GET', '/api/users', { bearer: null })).status, 401);
    assert.equal((await api('GET', '/api/users', { bearer: 'not-a-token' })).status, 401);
  });

  test('expired tokens answer 401 until a new one is minted', async () => {
    assert.equal((await admin('POST', '/tokens/expire')).status, 200);
    const expired = await api('GET', '/api/users?limit=1');
    assert.equal(expired.status, 401);
    assert.match(JSON.stringify(expired.body), /expired/);
    token = await tokenFor(['core.user.read']);
    assert.equal((await api('GET', '/api/users?limit=1')).status, 200);
  });

  test('revoked tokens answer 401; revoking the client credentials too disables the token endpoint', async () => {
    await admin('POST', '/tokens/revoke', {});
    assert.equal((await api('GET', '/api/users?limit=1')).status, 401);
    token = await tokenFor(['core.user.read']);
    assert.equal((await api('GET', '/api/users?limit=1')).status, 200);

    await admin('POST', '/tokens/revoke', { clientCredentials: true });
    assert.equal((await api('GET', '/api/users?limit=1')).status, 401);
    const refused = await requestToken({
      grant_type: 'client_credentials',
      client_id: coupa.credentials.clientId,
      client_secret: coupa.credentials.clientSecret,
      scope: 'core.user.read',
    });
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as JsonRecord).error, 'invalid_client');
  });

  test('config changes the token lifetime and the granted scopes', async () => {
    const res = await admin('PUT', '/config', { accessTokenTtlSeconds: 60, grantedScopes: ['core.user.read'] });
    assert.equal(res.status, 200);
    const reply = await requestToken({
      grant_type: 'client_credentials',
      client_id: coupa.credentials.clientId,
      client_secret: coupa.credentials.clientSecret,
      scope: 'core.user.read',
    });
    assert.equal(((await reply.json()) as JsonRecord).expires_in, 60);
    const ungranted = await requestToken({
      grant_type: 'client_credentials',
      client_id: coupa.credentials.clientId,
      client_secret: coupa.credentials.clientSecret,
      scope: 'core.user.write',
    });
    assert.equal(ungranted.status, 400);
  });

  test('the instance lists its scopes', async () => {
    const res = await fetch(`${coupa.url}/oauth2/scopes`);
    const scopes = (await res.json()) as { name: string }[];
    assert.ok(scopes.some((s) => s.name === 'core.user_group.write'));
  });
});

describe('paging users', () => {
  test('a limit above 50 is silently capped at 50', async () => {
    const page = await api<JsonRecord[]>('GET', '/api/users?limit=200');
    assert.equal(page.status, 200);
    assert.equal(page.body.length, 50);
    const defaultPage = await api<JsonRecord[]>('GET', '/api/users');
    assert.equal(defaultPage.body.length, 50);
  });

  test('offset paging until a short page visits every seeded user exactly once, ascending by id', async () => {
    const users = await allUsers();
    assert.equal(users.length, 60);
    const ids = users.map((u) => Number(u.id));
    assert.equal(new Set(ids).size, 60);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    // Coupa-only people: no Workday employee numbers (2xxxx) in the seed.
    assert.ok(users.every((u) => u['employee-number'] === null || /^C-\d{4}$/.test(String(u['employee-number']))));
    assert.ok(users.some((u) => u.login === 'svc.ariba-bridge'));
    assert.ok(users.some((u) => u.login === 'ext.auditor.3'));
  });

  test('an empty search is 200 with an empty array', async () => {
    const none = await api<JsonRecord[]>('GET', '/api/users?login=nobody.here');
    assert.equal(none.status, 200);
    assert.deepEqual(none.body, []);
  });
});

describe('filtering users', () => {
  test('attr=v matches exactly', async () => {
    const res = await api<JsonRecord[]>('GET', '/api/users?login=ext.auditor.3');
    assert.equal(res.body.length, 1);
    assert.equal(res.body[0]?.login, 'ext.auditor.3');
    const byNumber = await api<JsonRecord[]>('GET', '/api/users?employee-number=C-0001');
    assert.equal(byNumber.body.length, 1);
    const underscored = await api<JsonRecord[]>('GET', '/api/users?employee_number=C-0001');
    assert.deepEqual(underscored.body, byNumber.body);
  });

  test('updated-at[gt] and updated_at[gt] both arrive as operators and compare instants', async () => {
    // Were express not parsing queries the extended (qs) way, `updated-at[gt]` would arrive as one flat key and get a 400.
    const all = await allUsers();
    const threshold = '2024-03-01T00:00:00Z';
    const expected = all.filter((u) => Date.parse(String(u['updated-at'])) > Date.parse(threshold)).map((u) => u.id);
    assert.ok(expected.length > 0 && expected.length < 60, 'the seed straddles the watermark');
    const hyphen = await allUsers(`updated-at[gt]=${encodeURIComponent(threshold)}`);
    const underscore = await allUsers(`updated_at[gt]=${encodeURIComponent(threshold)}`);
    assert.deepEqual(hyphen.map((u) => u.id), expected);
    assert.deepEqual(underscore.map((u) => u.id), expected);
    // The same instant written with another offset selects the same rows.
    const offset = await allUsers(`updated-at[gt]=${encodeURIComponent('2024-02-29T19:00:00-05:00')}`);
    assert.deepEqual(offset.map((u) => u.id), expected);
    // A bare date means midnight UTC.
    const bareDate = await allUsers('updated-at[gt]=2024-03-01');
    assert.deepEqual(bareDate.map((u) => u.id), expected);
  });

  test('[in], [contains], [starts_with], [not_eq] and [blank]', async () => {
    const within = await api<JsonRecord[]>('GET', '/api/users?login[in]=ext.auditor.1,ext.auditor.2,nobody');
    assert.deepEqual(within.body.map((u) => u.login), ['ext.auditor.1', 'ext.auditor.2']);
    const contains = await api<JsonRecord[]>('GET', '/api/users?login[contains]=AUDITOR');
    assert.equal(contains.body.length, 10);
    const starts = await allUsers('login[starts_with]=svc.');
    assert.equal(starts.length, 12);
    const noNumber = await allUsers('employee-number[blank]=true');
    assert.ok(noNumber.length > 12 && noNumber.every((u) => u['employee-number'] === null));
    const notAuditors = await allUsers('department[name][not_eq]=Legal %26 Compliance');
    assert.ok(notAuditors.every((u) => (u.department as JsonRecord).name !== 'Legal & Compliance'));
  });

  test('association filters: manager[login]=x and manager_id=N', async () => {
    const managed = await allUsers('manager[login]=proc.admin.2');
    assert.ok(managed.length > 0);
    assert.ok(managed.every((u) => (u.manager as JsonRecord).login === 'proc.admin.2'));
    const managerId = (managed[0]?.manager as JsonRecord).id;
    const byId = await allUsers(`manager_id=${String(managerId)}`);
    assert.deepEqual(byId.map((u) => u.id), managed.map((u) => u.id));
    const buyers = await allUsers('roles[name]=Buyer');
    assert.equal(buyers.length, 8);
  });

  test('an unknown filter attribute is refused with 400', async () => {
    const res = await api('GET', '/api/users?favourite-colour=blue');
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(res.body), /favourite-colour/);
  });

  test('return_object=limited returns ids only; fields= projects', async () => {
    const limited = await api<JsonRecord[]>('GET', '/api/users?limit=3&return_object=limited');
    assert.deepEqual(Object.keys(limited.body[0] ?? {}), ['id']);
    const fields = encodeURIComponent(JSON.stringify(['id', 'login', { manager: ['login'] }]));
    const projected = await api<JsonRecord[]>('GET', `/api/users?login=ext.auditor.1&fields=${fields}`);
    assert.deepEqual(projected.body[0], { id: projected.body[0]?.id, login: 'ext.auditor.1', manager: { login: 'proc.admin.2' } });
  });
});

describe('creating and updating users', () => {
  test('given a new hire with account, roles, approval limit and manager, GET shows nested hyphenated objects', async () => {
    const created = await api<JsonRecord>('POST', '/api/users', {
      body: newHire({
        // Underscored keys are accepted on input.
        default_account: { code: 'US01-CC1100', account_type: { name: 'Acme US' } },
        roles: [{ name: 'Requester' }, { name: 'Approver' }],
        'requisition-approval-limit': { amount: 5000, currency: { code: 'USD' } },
        manager: { login: 'proc.admin.1' },
        'default-currency': { code: 'USD' },
      }),
    });
    assert.equal(created.status, 201);
    const id = created.body.id;
    assert.equal(typeof id, 'number');

    const shown = await api<JsonRecord>('GET', `/api/users/${String(id)}`);
    assert.equal(shown.status, 200);
    const user = shown.body;
    assert.equal(user.fullname, 'Ada Lovelace');
    assert.equal(user['employee-number'], '21001');
    assert.deepEqual(user['default-account'], {
      id: (user['default-account'] as JsonRecord).id,
      name: 'Corporate Finance',
      code: 'US01-CC1100',
      active: true,
      'account-type': { id: ((user['default-account'] as JsonRecord)['account-type'] as JsonRecord).id, name: 'Acme US' },
    });
    const limit = user['requisition-approval-limit'] as JsonRecord;
    assert.equal(limit.amount, '5000.00');
    assert.equal(limit.subject, 'RequisitionHeader');
    assert.deepEqual((limit.currency as JsonRecord).code, 'USD');
    assert.deepEqual((user.roles as JsonRecord[]).map((r) => r.name), ['Requester', 'Approver']);
    assert.equal((user.manager as JsonRecord).login, 'proc.admin.1');
    assert.deepEqual(Object.keys(user.manager as JsonRecord).sort(), ['email', 'employee-number', 'firstname', 'id', 'lastname', 'login']);
    assert.match(String(user['created-at']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/);
    assert.ok(collectKeys(user).every((k) => !k.includes('_')), 'no underscored keys on output');

    // The new hire is found by its natural key.
    const found = await api<JsonRecord[]>('GET', '/api/users?employee-number=21001');
    assert.deepEqual(found.body.map((u) => u.id), [id]);
  });

  test('a duplicate login is refused the way Coupa words it', async () => {
    const res = await api('POST', '/api/users', {
      body: newHire({ login: 'svc.ariba-bridge', email: 'someone.new@acme-example.com' }),
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { errors: { user: ['Login has already been taken'] } });
  });

  test('a missing firstname is refused with 400', async () => {
    const { firstname: _dropped, ...withoutFirstname } = newHire();
    const res = await api('POST', '/api/users', { body: withoutFirstname });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { errors: { user: ["Firstname can't be blank"] } });
  });

  test('an account that does not exist is refused, naming the record and its keys', async () => {
    const res = await api<{ errors: { user: string[] } }>('POST', '/api/users', {
      body: newHire({ 'default-account': { code: 'US01-CC9999', 'account-type': { name: 'Acme US' } } }),
    });
    assert.equal(res.status, 400);
    const [message] = res.body.errors.user;
    assert.match(message ?? '', /^Unable to find valid Account record for .*US01-CC9999.*Possible keys are \[id, code \+ account-type\]$/);
    // Every key sent must match: the right code in the wrong chart of accounts fails too.
    const wrongType = await api('POST', '/api/users', {
      body: newHire({ 'default-account': { code: 'US01-CC1100', 'account-type': { name: 'Acme UK' } } }),
    });
    assert.equal(wrongType.status, 400);
  });

  test('PUT updates only the fields sent and bumps updated-at; an echo PUT changes nothing', async () => {
    const created = await api<JsonRecord>('POST', '/api/users', {
      body: newHire({ roles: [{ name: 'Requester' }], manager: { email: 'proc.admin.3@acme-example.com' } }),
    });
    const id = String(created.body.id);
    const updated = await api<JsonRecord>('PUT', `/api/users/${id}`, { body: { lastname: 'King', active: false } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.lastname, 'King');
    assert.equal(updated.body.fullname, 'Ada King');
    assert.equal(updated.body.active, false);
    assert.equal(updated.body.login, 'ada.lovelace');
    assert.deepEqual(updated.body.roles, created.body.roles);
    assert.deepEqual(updated.body.manager, created.body.manager);
    assert.equal(updated.body['created-at'], created.body['created-at']);
    assert.ok(Date.parse(String(updated.body['updated-at'])) > Date.parse(String(created.body['updated-at'])));

    const echo = await api<JsonRecord>('PUT', `/api/users/${id}`, { body: { lastname: 'King' } });
    assert.equal(echo.body['updated-at'], updated.body['updated-at']);

    const silent = await api('PUT', `/api/users/${id}?return_object=none`, { body: { firstname: 'Augusta' } });
    assert.equal(silent.status, 200);
    assert.equal(silent.body, null);
  });

  test('an unknown id is 404', async () => {
    const res = await api('GET', '/api/users/999999');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { errors: { base: ['Record not found'] } });
    assert.equal((await api('PUT', '/api/users/999999', { body: { lastname: 'X' } })).status, 404);
  });
});

describe('user groups and memberships', () => {
  test('given approval groups per supervisory org, adding and removing a membership shows on the user', async () => {
    const created = await api<JsonRecord>('POST', '/api/users', { body: newHire() });
    const userId = Number(created.body.id);
    assert.deepEqual(created.body['approval-groups'], []);

    const groups = await api<JsonRecord[]>('GET', `/api/user_groups?name=${encodeURIComponent('Finance Approvers')}`);
    const group = groups.body[0];
    assert.ok(group);
    assert.equal(group['can-approve'], true);

    const added = await api<JsonRecord>('POST', '/api/user_group_memberships', {
      body: { 'user-id': userId, user_group_id: group.id },
    });
    assert.equal(added.status, 201);
    const duplicate = await api('POST', '/api/user_group_memberships', { body: { 'user-id': userId, 'user-group-id': group.id } });
    assert.equal(duplicate.status, 400);

    const listed = await api<JsonRecord[]>('GET', `/api/user_group_memberships?user-id=${userId}`);
    assert.deepEqual(listed.body.map((m) => m['user-group-id']), [group.id]);

    const withGroup = await api<JsonRecord>('GET', `/api/users/${userId}`);
    assert.deepEqual(withGroup.body['approval-groups'], [{ id: group.id, name: 'Finance Approvers' }]);
    assert.deepEqual(withGroup.body['user-groups'], [{ id: group.id, name: 'Finance Approvers' }]);
    const members = await api<JsonRecord>('GET', `/api/user_groups/${String(group.id)}`);
    assert.ok((members.body.users as JsonRecord[]).some((u) => u.login === 'ada.lovelace'));

    const removed = await api('DELETE', `/api/user_group_memberships/${String(added.body.id)}`);
    assert.equal(removed.status, 200);
    const without = await api<JsonRecord>('GET', `/api/users/${userId}`);
    assert.deepEqual(without.body['approval-groups'], []);
  });

  test('a new user group needs a unique name', async () => {
    const dup = await api('POST', '/api/user_groups', { body: { name: 'All Employees' } });
    assert.equal(dup.status, 400);
    assert.deepEqual(dup.body, { errors: { 'user-group': ['Name has already been taken'] } });
    const ok = await api<JsonRecord>('POST', '/api/user_groups', {
      body: { name: 'Data Science Approvers', 'can-approve': true, users: [{ login: 'proc.admin.4' }] },
    });
    assert.equal(ok.status, 201);
    assert.deepEqual((ok.body.users as JsonRecord[]).map((u) => u.login), ['proc.admin.4']);
  });
});

describe('chart of accounts and lookups', () => {
  test('the seed has an account type per company and an account per Coupa cost center', async () => {
    const types = await api<JsonRecord[]>('GET', '/api/account_types');
    assert.deepEqual(types.body.map((t) => t.name), ['Acme US', 'Acme UK', 'Acme DE']);
    const account = await api<JsonRecord[]>('GET', '/api/accounts?code=US01-CC1100');
    assert.equal(account.body.length, 1);
    assert.equal(account.body[0]?.['segment-1'], 'US01');
    assert.equal(account.body[0]?.['segment-2'], 'CC1100');
    const notInCoupa = await api<JsonRecord[]>('GET', '/api/accounts?segment-2=CC2400');
    assert.deepEqual(notInCoupa.body, []);
    const values = await api<JsonRecord[]>('GET', '/api/lookup_values?lookup[name]=Cost%20Center&external-ref-num=CC1100');
    assert.equal(values.body[0]?.name, 'Corporate Finance');
    assert.equal(values.body[0]?.['external-ref-code'], 'CC1100');
  });

  test('a new account gets its code from its segments; a new lookup value finds its lookup by name', async () => {
    const account = await api<JsonRecord>('POST', '/api/accounts', {
      body: { name: 'Field Operations', 'account-type': { name: 'Acme US' }, 'segment-1': 'US01', segment_2: 'CC2400', code: 'ignored' },
    });
    assert.equal(account.status, 201);
    assert.equal(account.body.code, 'US01-CC2400');
    const value = await api<JsonRecord>('POST', '/api/lookup_values', {
      body: { name: 'Field Operations', 'external-ref-num': 'CC2400', lookup: { name: 'Cost Center' } },
    });
    assert.equal(value.status, 201);
    assert.deepEqual((value.body.lookup as JsonRecord).name, 'Cost Center');
    assert.equal(value.body.depth, 1);
    const missingLookup = await api<{ errors: Record<string, string[]> }>('POST', '/api/lookup_values', {
      body: { name: 'X', 'external-ref-num': 'X', lookup: { name: 'Nope' } },
    });
    assert.equal(missingLookup.status, 400);
    assert.match(JSON.stringify(missingLookup.body), /Unable to find valid Lookup record/);
  });

  test('roles are seeded and readable', async () => {
    const roles = await api<JsonRecord[]>('GET', '/api/roles');
    assert.deepEqual(
      roles.body.map((r) => r.name),
      ['User', 'Requester', 'Approver', 'Buyer', 'AP Clerk', 'Expense User', 'Admin', 'Integration Admin'],
    );
  });
});

describe('sandbox behaviour', () => {
  test('a scripted 429 answers with Retry-After, then the next call succeeds', async () => {
    const set = await admin('PUT', '/faults', { failNext: [{ status: 429, retryAfterSeconds: 3, pathContains: '/api/users' }] });
    assert.equal(set.status, 200);
    const throttled = await api('GET', '/api/users?limit=1');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '3');
    assert.equal((await api('GET', '/api/users?limit=1')).status, 200);
  });

  test('asking for XML only answers 406: this sandbox serves JSON', async () => {
    const res = await api('GET', '/api/users?limit=1', { accept: 'application/xml' });
    assert.equal(res.status, 406);
  });

  test('reset returns to the seed and the store endpoint shows it', async () => {
    await api('POST', '/api/users', { body: newHire() });
    let store = (await (await admin('GET', '/store')).json()) as { users: JsonRecord[]; accounts: JsonRecord[] };
    assert.equal(store.users.length, 61);
    await admin('POST', '/reset');
    store = (await (await admin('GET', '/store')).json()) as { users: JsonRecord[]; accounts: JsonRecord[] };
    assert.equal(store.users.length, 60);
    assert.equal(store.accounts.length, 23);
  });

  test('the seed is deterministic: two sandboxes render the same store', async () => {
    const other = await startCoupaSandbox();
    try {
      assert.deepEqual(other.snapshot(), coupa.snapshot());
    } finally {
      await other.close();
    }
  });
});
