// Coupa connector against the in-process Coupa sandbox: OAuth client credentials, scopes, failures by type, paging and the provisioning calls.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { CoupaClient, type CoupaClientOptions } from '../../connectors/coupa';
import { ConnectorErrorTypes } from '../../connectors/http';
import { admin, callsTo, expectFailure, sleep, systemCalls } from './helpers';

const TOKEN_ROUTE = 'POST /oauth2/token';

describe('Coupa connector', () => {
  let sandbox: CoupaSandbox;

  before(async () => {
    sandbox = await startCoupaSandbox();
  });
  after(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    // Seed data, auth config, faults and call counts back to the start.
    await admin(sandbox.url, 'POST', '/_sandbox/reset');
  });

  const client = (overrides: Partial<CoupaClientOptions> = {}) =>
    new CoupaClient({
      baseUrl: sandbox.url,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      scopes: sandbox.credentials.scopes,
      timeoutMs: 5_000,
      ...overrides,
    });

  const someUser = () => {
    const user = sandbox.store.users.all()[5];
    assert.ok(user);
    return user;
  };

  describe('OAuth', () => {
    it('given an access token Coupa has expired, the next call refreshes once and succeeds', async () => {
      const coupa = client();
      const user = someUser();
      assert.equal((await coupa.getUser(user.id)).login, user.login);
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      assert.equal((await coupa.getUser(user.id)).login, user.login);
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
      // The first call, the one rejected with 401, and its single retry.
      assert.equal(await callsTo(sandbox.url, 'GET /api/users/:id'), 3);
    });

    it('refreshes a token before it expires, without waiting for a 401', async () => {
      await admin(sandbox.url, 'PUT', '/_sandbox/config', { accessTokenTtlSeconds: 3 });
      const coupa = client();
      const user = someUser();
      await coupa.getUser(user.id);
      await sleep(800);
      await coupa.getUser(user.id);
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
      assert.equal(await systemCalls(sandbox.url), 4, 'two tokens, two API calls, no 401 in between');
    });

    it('concurrent calls share one token request, and one refresh after the token expires', async () => {
      const coupa = client();
      const users = sandbox.store.users.all().slice(0, 8);
      await Promise.all(users.map((u) => coupa.getUser(u.id)));
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 1);
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      const again = await Promise.all(users.map((u) => coupa.getUser(u.id)));
      assert.deepEqual(again.map((u) => u.id), users.map((u) => u.id));
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
    });

    it('given revoked client credentials, makes exactly one refresh attempt and fails with a non-retryable AuthFailed', async () => {
      const coupa = client();
      await coupa.getUser(someUser().id);
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/revoke', { clientCredentials: true });
      const failure = await expectFailure(coupa.getUser(someUser().id));
      assert.equal(failure.type, ConnectorErrorTypes.AuthFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /invalid_client/);
      assert.ok(!failure.message.includes(sandbox.credentials.clientSecret));
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 2);
    });

    it('asking for a scope the client was not granted is a non-retryable AuthFailed (invalid_scope)', async () => {
      const coupa = client({ scopes: [...sandbox.credentials.scopes, 'core.invoice.approval.bypass'] });
      await admin(sandbox.url, 'PUT', '/_sandbox/config', { grantedScopes: sandbox.credentials.scopes });
      const failure = await expectFailure(coupa.getUser(someUser().id));
      assert.equal(failure.type, ConnectorErrorTypes.AuthFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /invalid_scope/);
    });

    it('an endpoint outside the token scopes is a 403 AuthFailed, without a token refresh', async () => {
      const coupa = client({ scopes: ['core.user.read', 'core.user.write'] });
      await coupa.getUser(someUser().id);
      const failure = await expectFailure(coupa.listUserGroupMemberships({ userId: someUser().id }));
      assert.equal(failure.type, ConnectorErrorTypes.AuthFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /403/);
      assert.equal(await callsTo(sandbox.url, TOKEN_ROUTE), 1);
    });
  });

  describe('failures', () => {
    it('a 429 with Retry-After: 3 is a retryable RateLimited whose nextRetryDelay is 3000 ms', async () => {
      const coupa = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 429, retryAfterSeconds: 3, pathContains: '/api/users' }] });
      const failure = await expectFailure(coupa.getUser(someUser().id));
      assert.equal(failure.type, ConnectorErrorTypes.RateLimited);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, 3000);
    });

    it('a 429 holds back every request of this client for its Retry-After (the process slows down, not only the one activity)', async () => {
      const coupa = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 429, retryAfterSeconds: 1, pathContains: '/api/users' }] });
      await expectFailure(coupa.getUser(someUser().id));
      assert.equal(coupa.http.slots.rateLimitedCount, 1);
      const held = coupa.http.slots.heldForMs();
      assert.ok(held > 0 && held <= 1000, `held ${held} ms`);
      // The next call waits the hold out, then succeeds.
      const arrived: number[] = [];
      sandbox.controls.events.once('request', () => arrived.push(Date.now()));
      const asked = Date.now();
      await coupa.getUser(someUser().id);
      assert.ok(arrived[0]! - asked >= held - 50, 'the request reached Coupa only after the hold');
    });

    it('a 429 without Retry-After (as some Coupa tenants send it) is retryable with no nextRetryDelay', async () => {
      const coupa = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 429, retryAfterSeconds: null, pathContains: '/api/users' }] });
      const failure = await expectFailure(coupa.getUser(someUser().id));
      assert.equal(failure.type, ConnectorErrorTypes.RateLimited);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, undefined);
    });

    it('a 503 is a retryable Unavailable', async () => {
      const coupa = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 503, retryAfterSeconds: null, pathContains: '/api/users' }] });
      const failure = await expectFailure(coupa.getUser(someUser().id));
      assert.equal(failure.type, ConnectorErrorTypes.Unavailable);
      assert.equal(failure.nonRetryable, false);
    });

    it('a failure names the request id Coupa gave the call, and two calls get two ids', async () => {
      const coupa = client();
      await admin(sandbox.url, 'PUT', '/_sandbox/faults', { failNext: [{ status: 423, pathContains: '/api/users' }, { status: 408, pathContains: '/api/users' }] });
      const locked = await expectFailure(coupa.getUser(someUser().id));
      assert.equal(locked.type, ConnectorErrorTypes.Conflict);
      assert.equal(locked.nonRetryable, false);
      const timedOut = await expectFailure(coupa.getUser(someUser().id));
      assert.equal(timedOut.type, ConnectorErrorTypes.Unavailable);
      const ids = [locked, timedOut].map((f) => (f.details?.at(-1) as { requestId?: string }).requestId);
      for (const [i, id] of ids.entries()) {
        assert.match(id ?? '', /^[0-9a-f-]{36}$/);
        assert.match([locked, timedOut][i]!.message, new RegExp(`\\(request id ${id}\\)$`));
      }
      assert.notEqual(ids[0], ids[1]);
    });

    it("creating a user whose login is taken is a non-retryable ValidationFailed carrying Coupa's message", async () => {
      const coupa = client();
      const taken = someUser();
      const failure = await expectFailure(
        coupa.createUser({ login: taken.login, email: 'someone.new@acme.example', firstname: 'Some', lastname: 'One', 'employee-number': '99001' }),
      );
      assert.equal(failure.type, ConnectorErrorTypes.ValidationFailed);
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, /Login has already been taken/);
      assert.deepEqual((failure.details?.[0] as { user?: string[] }).user?.includes('Login has already been taken'), true);
    });

    it('an unknown user id is a non-retryable NotFound', async () => {
      const failure = await expectFailure(client().getUser(987_654_321));
      assert.equal(failure.type, ConnectorErrorTypes.NotFound);
      assert.equal(failure.nonRetryable, true);
    });
  });

  describe('paging', () => {
    it('lists every user exactly once, 50 per page', async () => {
      const expected = sandbox.store.users.all().map((u) => u.id);
      assert.ok(expected.length > 50, `the sandbox seeds over 50 users (has ${expected.length})`);
      const seen: number[] = [];
      for await (const user of client().iterateUsers()) seen.push(user.id);
      assert.equal(new Set(seen).size, seen.length, 'no user twice');
      assert.deepEqual([...seen].sort((a, b) => a - b), [...expected].sort((a, b) => a - b));
      assert.equal(await callsTo(sandbox.url, 'GET /api/users'), Math.floor(expected.length / 50) + 1);
    });

    it('passes filters through, timestamps with their offset intact', async () => {
      const coupa = client();
      const active = (await coupa.listUsers({ active: true })).map((u) => u.id);
      assert.deepEqual(active.sort((a, b) => a - b), sandbox.store.users.all().filter((u) => u.active).map((u) => u.id).sort((a, b) => a - b));

      const all = await coupa.listUsers();
      const middle = all[Math.floor(all.length / 2)];
      // updated-at is not part of the connector's contract (nothing reads it), so it is read here untyped.
      const updatedAt = (u: (typeof all)[number] | undefined): string => String(u?.['updated-at'] ?? '');
      assert.ok(updatedAt(middle));
      // Coupa renders the instance offset ("-07:00"); a "+" offset must be encoded or it arrives as a space.
      const cutoff = new Date(Date.parse(updatedAt(middle))).toISOString().replace('Z', '+00:00');
      const later = (await coupa.listUsers({ 'updated-at[gt]': cutoff })).map((u) => u.id);
      const expectedLater = all.filter((u) => Date.parse(updatedAt(u)) > Date.parse(cutoff)).map((u) => u.id);
      assert.ok(expectedLater.length > 0);
      assert.deepEqual(later, expectedLater);
    });
  });

  describe('provisioning calls', () => {
    it('given a new employee, creates the user, finds it by employee number and login, updates it and manages its group membership', async () => {
      const coupa = client();
      assert.equal(await coupa.findUserByEmployeeNumber('29999'), null);
      const manager = sandbox.store.users.all().find((u) => u.employeeNumber && u.active);
      assert.ok(manager);
      const account = await coupa.findAccount({ accountTypeName: 'Acme US', code: 'US01-CC1100' });
      assert.ok(account, 'the seeded account US01-CC1100 in Acme US');
      assert.equal(account['account-type']?.name, 'Acme US');
      assert.equal(await coupa.findAccount({ accountTypeName: 'Acme UK', code: 'US01-CC1100' }), null);

      const created = await coupa.createUser({
        login: 'ada.lovelace@acme.example',
        email: 'ada.lovelace@acme.example',
        firstname: 'Ada',
        lastname: 'Lovelace',
        'employee-number': '29999',
        active: true,
        manager: { id: manager.id },
        'default-account': { code: 'US01-CC1100', 'account-type': { name: 'Acme US' } },
        'default-currency': { code: 'USD' },
        'requisition-approval-limit': { amount: '5000.00', currency: { code: 'USD' } },
      });
      assert.equal(created['employee-number'], '29999');
      assert.equal(created.manager?.id, manager.id);
      assert.equal(created['default-account']?.code, 'US01-CC1100');
      assert.equal(typeof created['requisition-approval-limit']?.amount, 'string');
      assert.equal((await coupa.findUserByEmployeeNumber('29999'))?.id, created.id);
      assert.deepEqual((await coupa.listUsers({ 'employee-number': '29999' })).map((u) => u.id), [created.id]);
      assert.equal((await coupa.findUserByLogin('ada.lovelace@acme.example'))?.id, created.id);

      const updated = await coupa.updateUser(created.id, { firstname: 'Augusta Ada' });
      assert.equal(updated.firstname, 'Augusta Ada');
      assert.equal(updated.lastname, 'Lovelace', 'a PUT changes only what it sends');

      const group = await coupa.findUserGroupByName('Finance Approvers');
      assert.ok(group, 'the seeded approval group');
      assert.equal(await coupa.findUserGroupByName('No Such Approvers'), null);
      assert.deepEqual(await coupa.listUserGroupMemberships({ userId: created.id, userGroupId: group.id }), []);
      const membership = await coupa.addUserToGroup(created.id, group.id);
      const listed = await coupa.listUserGroupMemberships({ userId: created.id, userGroupId: group.id });
      assert.deepEqual(listed.map((m) => m.id), [membership.id]);
      assert.ok((await coupa.getUser(created.id))['approval-groups']?.some((g) => g.name === 'Finance Approvers') || (await coupa.getUser(created.id))['user-groups']?.some((g) => g.name === 'Finance Approvers'));
      await coupa.removeUserGroupMembership(membership.id);
      assert.deepEqual(await coupa.listUserGroupMemberships({ userId: created.id, userGroupId: group.id }), []);
    });

    it('finds a cost center lookup value by its external ref num', async () => {
      const coupa = client();
      const value = await coupa.findLookupValue({ lookupName: 'Cost Center', externalRefNum: 'CC1100' });
      assert.ok(value);
      assert.equal(value['external-ref-num'], 'CC1100');
      assert.equal(value.lookup?.name, 'Cost Center');
      assert.equal(await coupa.findLookupValue({ lookupName: 'Cost Center', externalRefNum: 'CC2400' }), null, 'CC2400 is not set up in Coupa');
    });

    it('every seeded user parses, keys Coupa leaves out or nulls included', async () => {
      const coupa = client();
      const seen = await coupa.listUsers();
      assert.ok(seen.some((u) => u['employee-number'] == null), 'some users have no employee number');
      assert.ok(seen.every((u) => typeof u.id === 'number'));
    });
  });
});
