// The connectors' shared HTTP core on its own: Retry-After, query encoding, failure classification, the token cache, schema failures.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import {
  ApiHttpClient,
  ConnectorErrorTypes,
  NON_RETRYABLE_CONNECTOR_ERROR_TYPES,
  TokenProvider,
  encodeQuery,
  extractApiMessages,
  failureForStatus,
  isConnectorFailure,
  parseRetryAfter,
} from '../../connectors/http';
import { WorkdayClient } from '../../connectors/workday';
import { expectFailure } from './helpers';

const ctx = { system: 'coupa', method: 'POST', path: '/api/users' };

describe('Retry-After', () => {
  it('reads delta-seconds, HTTP dates, and caps at 300 s', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('86400', now), 300_000);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
});

describe('failure classification', () => {
  it('gives every HTTP outcome an explicit type and the right retryability', () => {
    const cases: [number, string, boolean][] = [
      [400, ConnectorErrorTypes.ValidationFailed, true],
      [422, ConnectorErrorTypes.ValidationFailed, true],
      [401, ConnectorErrorTypes.AuthFailed, true],
      [403, ConnectorErrorTypes.AuthFailed, true],
      [404, ConnectorErrorTypes.NotFound, true],
      [409, ConnectorErrorTypes.Conflict, false],
      [429, ConnectorErrorTypes.RateLimited, false],
      [500, ConnectorErrorTypes.Unavailable, false],
      [502, ConnectorErrorTypes.Unavailable, false],
      [503, ConnectorErrorTypes.Unavailable, false],
    ];
    for (const [status, type, nonRetryable] of cases) {
      const failure = failureForStatus(ctx, status, {});
      assert.ok(failure instanceof ApplicationFailure);
      assert.equal(failure.type, type, `status ${status}`);
      assert.equal(failure.nonRetryable, nonRetryable, `status ${status}`);
      assert.equal(NON_RETRYABLE_CONNECTOR_ERROR_TYPES.includes(type as never), nonRetryable, `status ${status} listed consistently`);
      assert.ok(isConnectorFailure(failure, type as never));
    }
  });

  it("keeps the API's own validation message: Coupa's errors by model and Workday's error list", () => {
    const coupa = failureForStatus(ctx, 400, { errors: { user: ['Login has already been taken', 'Email is invalid'] } });
    assert.equal(coupa.message, 'Login has already been taken; Email is invalid');
    assert.deepEqual(coupa.details?.[0], { user: ['Login has already been taken', 'Email is invalid'] });
    const workday = failureForStatus({ ...ctx, system: 'workday' }, 400, { error: 'Validation error occurred', errors: [{ error: 'Effective date is required' }] });
    assert.match(workday.message, /Effective date is required/);
    assert.deepEqual(extractApiMessages('<errors><error>Name is blank</error></errors>'), ['Name is blank']);
  });

  it('encodes : and + in filter values', () => {
    assert.equal(encodeQuery({ 'updated-at[gt]': '2024-06-01T00:00:00+02:00', limit: 50, skip: undefined }), 'updated-at%5Bgt%5D=2024-06-01T00%3A00%3A00%2B02%3A00&limit=50');
    assert.equal(encodeQuery({ 'status[in]': 'issued,closed', name: 'a b' }), 'status%5Bin%5D=issued%2Cclosed&name=a%20b');
  });
});

describe('token cache', () => {
  it('shares one refresh among concurrent callers and refreshes ahead of expiry', async () => {
    let now = 1_000_000;
    let minted = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const provider = new TokenProvider({
      system: 'test',
      now: () => now,
      fetchToken: async () => {
        minted += 1;
        await gate;
        return { accessToken: `token-${minted}`, expiresInSeconds: 600 };
      },
    });
    const waiting = Promise.all([provider.getToken(), provider.getToken(), provider.getToken()]);
    release();
    assert.deepEqual(await waiting, ['token-1', 'token-1', 'token-1']);
    assert.equal(minted, 1);
    now += 539_000; // 539 s of 600: still before the 60 s skew
    assert.equal(await provider.getToken(), 'token-1');
    now += 2_000; // 541 s: inside the skew
    assert.equal(await provider.getToken(), 'token-2');
    provider.invalidate('token-1'); // a stale 401 arriving late must not drop the new token
    assert.equal(await provider.getToken(), 'token-2');
    provider.invalidate('token-2');
    assert.equal(await provider.getToken(), 'token-3');
  });

  it('caps the skew at 80% of a short lifetime, and does not cache a failed refresh', async () => {
    let now = 0;
    let calls = 0;
    const provider = new TokenProvider({
      system: 'test',
      now: () => now,
      fetchToken: async () => {
        calls += 1;
        if (calls === 1) throw new Error('token endpoint down');
        return { accessToken: `t${calls}`, expiresInSeconds: 10 };
      },
    });
    await assert.rejects(provider.getToken(), /token endpoint down/);
    assert.equal(await provider.getToken(), 't2');
    now += 1_900;
    assert.equal(await provider.getToken(), 't2');
    now += 200; // 2.1 s of 10: past the point where 8 s (80%) of lead begins
    assert.equal(await provider.getToken(), 't3');
  });
});

/** A stand-in for a tenant whose answers the sandboxes would never give: odd shapes, rotated refresh tokens. */
describe('against an odd server', () => {
  let server: http.Server;
  let url = '';
  const seenRefreshTokens: string[] = [];
  let tokenCount = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url?.startsWith('/ccx/oauth2/')) {
          seenRefreshTokens.push(new URLSearchParams(body).get('refresh_token') ?? '');
          tokenCount += 1;
          res.end(JSON.stringify({ access_token: `secret-access-${tokenCount}`, refresh_token: `rotated-${tokenCount}` }));
          return;
        }
        if (req.url?.includes('/workers/bad')) {
          // workerId is a number here, and the payload carries a value that must never reach a message.
          res.end(JSON.stringify({ id: 'bad', workerId: 4711, person: { email: 'very-private@example.com' }, bankAccount: '123456789' }));
          return;
        }
        if (req.url?.includes('/workers/unauthorized')) {
          res.statusCode = 401;
          res.end(JSON.stringify({ error: 'invalid token' }));
          return;
        }
        res.statusCode = 404;
        res.end(JSON.stringify({ error: 'not found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a response of the wrong shape is a non-retryable InvalidResponse naming the field and path, never the values', async () => {
    const workday = new WorkdayClient({ baseUrl: url, tenant: 'acme', clientId: 'c', clientSecret: 's', refreshToken: 'r0' });
    const failure = await expectFailure(workday.getWorker('bad'));
    assert.equal(failure.type, ConnectorErrorTypes.InvalidResponse);
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /workerId/);
    assert.match(failure.message, /\/ccx\/api\/staffing\/v7\/acme\/workers\/bad/);
    const everything = `${failure.message} ${JSON.stringify(failure.details)}`;
    for (const secret of ['4711', 'very-private', '123456789', 'secret-access']) assert.ok(!everything.includes(secret), `${secret} leaked`);
  });

  it('keeps and reports a rotated Workday refresh token, and uses it for the next refresh', async () => {
    const rotated: string[] = [];
    const workday = new WorkdayClient({ baseUrl: url, tenant: 'acme', clientId: 'c', clientSecret: 's', refreshToken: 'r0', onRefreshTokenRotated: (t) => void rotated.push(t) });
    seenRefreshTokens.length = 0;
    // A 401 forces exactly one refresh, then a typed failure.
    const failure = await expectFailure(workday.getWorker('unauthorized'));
    assert.equal(failure.type, ConnectorErrorTypes.AuthFailed);
    assert.equal(seenRefreshTokens.length, 2);
    assert.equal(seenRefreshTokens[0], 'r0');
    assert.match(seenRefreshTokens[1] ?? '', /^rotated-/);
    assert.equal(rotated.length, 2);
    assert.equal(workday.currentRefreshToken, rotated[1]);
  });

  it('ApiHttpClient parses with the schema it is given', async () => {
    const tokens = new TokenProvider({ system: 'test', fetchToken: async () => ({ accessToken: 'x', expiresInSeconds: 60 }) });
    const client = new ApiHttpClient({ system: 'test', baseURL: url, tokenProvider: tokens });
    const failure = await expectFailure(client.get(z.object({ id: z.string() }), '/nothing'));
    assert.equal(failure.type, ConnectorErrorTypes.NotFound);
  });
});
