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
  PARKING_CATEGORY_BY_FAILURE_TYPE,
  RequestSlots,
  TokenProvider,
  encodeQuery,
  extractApiMessages,
  failureForStatus,
  isConnectorFailure,
  maxCallDurationMs,
  parseRetryAfter,
  requestIdFrom,
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
  /** Answers `/status/{code}` with that status, `/reset` by dropping the connection, `/hang` never; always with a request id. */
  let server: http.Server;
  let url = '';
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/reset') {
        req.socket.destroy();
        return;
      }
      if (req.url === '/hang') return;
      const status = Number(/^\/status\/(\d{3})$/.exec(req.url ?? '')?.[1] ?? 500);
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': `req-${status}` });
      res.end(JSON.stringify({ error: `answered ${status}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives every status class, network error and timeout an explicit type and the right retryability, with the request id', async () => {
    const tokens = new TokenProvider({ system: 'test', fetchToken: async () => ({ accessToken: 'x', expiresInSeconds: 600 }) });
    const client = new ApiHttpClient({ system: 'test', baseURL: url, tokenProvider: tokens, timeoutMs: 300 });
    const T = ConnectorErrorTypes;
    const cases: [string, string, boolean][] = [
      ['/status/400', T.ValidationFailed, true],
      ['/status/401', T.AuthFailed, true],
      ['/status/403', T.AuthFailed, true],
      ['/status/404', T.NotFound, true],
      ['/status/408', T.Unavailable, false],
      ['/status/409', T.Conflict, false],
      ['/status/422', T.ValidationFailed, true],
      ['/status/423', T.Conflict, false],
      ['/status/429', T.RateLimited, false],
      ['/status/500', T.Unavailable, false],
      ['/status/501', T.NotImplemented, true],
      ['/status/502', T.Unavailable, false],
      ['/status/503', T.Unavailable, false],
      ['/status/504', T.Unavailable, false],
      ['/reset', T.Unavailable, false],
      ['/hang', T.Unavailable, false],
    ];
    for (const [path, type, nonRetryable] of cases) {
      const failure = await expectFailure(client.get(z.unknown(), path));
      assert.equal(failure.type, type, path);
      assert.equal(failure.nonRetryable, nonRetryable, path);
      assert.equal(NON_RETRYABLE_CONNECTOR_ERROR_TYPES.includes(type as never), nonRetryable, `${path}: the type is listed consistently`);
      assert.ok(isConnectorFailure(failure, type as never), path);
      assert.ok(PARKING_CATEGORY_BY_FAILURE_TYPE[type], `${path}: ${type} has a parking category`);
      const status = /\/status\/(\d+)/.exec(path)?.[1];
      const context = failure.details?.at(-1) as { status: number | null; requestId?: string };
      if (status) {
        assert.ok(failure.message.endsWith(`(request id req-${status})`), `${path}: ${failure.message}`);
        assert.equal(context.requestId, `req-${status}`, path);
        assert.equal(context.status, Number(status), path);
      } else {
        assert.equal(context.status, null, path);
      }
    }
    const timeout = await expectFailure(client.get(z.unknown(), '/hang'));
    assert.match(timeout.message, /timed out/);
    assert.equal(PARKING_CATEGORY_BY_FAILURE_TYPE[ConnectorErrorTypes.NotImplemented], 'contract');
  });

  it('takes the request id from any of the usual headers, and only when it looks like an id', () => {
    assert.equal(requestIdFrom({ 'X-Correlation-Id': 'abc-123' }), 'abc-123');
    assert.equal(requestIdFrom({ 'x-wd-request-id': ['r1', 'r2'] }), 'r1');
    assert.equal(requestIdFrom({ 'x-request-id': 'has spaces and <tags>' }), undefined);
    assert.equal(requestIdFrom({ 'content-type': 'application/json' }), undefined);
    assert.equal(failureForStatus({ ...ctx, requestId: 'abc-123' }, 400, { errors: { user: ['Email is invalid'] } }).message, 'Email is invalid (request id abc-123)');
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

describe('limits', () => {
  it('the worst case of one call is two token fetches and two requests, each up to the API timeout', () => {
    assert.equal(maxCallDurationMs(10_000), 40_000);
    assert.equal(maxCallDurationMs(2_500), 10_000);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => maxCallDurationMs(bad), RangeError);
  });

  it('request slots: callers beyond the cap wait in line, and an aborted waiter leaves it', async () => {
    const slots = new RequestSlots(1);
    const first = await slots.acquire();
    const order: string[] = [];
    const controller = new AbortController();
    const abandoned = slots.acquire(controller.signal).then(() => order.push('abandoned'));
    const second = slots.acquire().then((release) => {
      order.push('second');
      return release;
    });
    assert.equal(slots.waiting, 2);
    controller.abort(new Error('cancelled'));
    await assert.rejects(abandoned, /cancelled/);
    assert.equal(slots.waiting, 1, 'the aborted waiter left the line');
    first();
    first(); // a second release is ignored
    (await second)();
    assert.deepEqual(order, ['second']);
    assert.equal(slots.inUse, 0);
    assert.throws(() => new RequestSlots(0), /at least 1/);
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

  it('a caller that gives up stops waiting at once; the shared refresh is aborted only when every caller has given up', async () => {
    let release: () => void = () => undefined;
    const fetchSignals: AbortSignal[] = [];
    const provider = new TokenProvider({
      system: 'test',
      fetchToken: (signal) => {
        fetchSignals.push(signal);
        return new Promise((resolve, reject) => {
          release = () => resolve({ accessToken: `t${fetchSignals.length}`, expiresInSeconds: 600 });
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        });
      },
    });
    const impatient = new AbortController();
    const patient = provider.getToken();
    const leaving = provider.getToken(impatient.signal);
    const reason = new Error('activity cancelled');
    impatient.abort(reason);
    await assert.rejects(leaving, (err) => err === reason);
    assert.equal(fetchSignals[0]?.aborted, false, 'another caller still waits: the refresh goes on');
    release();
    assert.equal(await patient, 't1');

    provider.invalidate();
    const alone = new AbortController();
    const only = provider.getToken(alone.signal);
    alone.abort(reason);
    await assert.rejects(only, (err) => err === reason);
    assert.equal(fetchSignals[1]?.aborted, true, 'nobody waits any more: the token request is aborted');
    // The next caller is not handed the abandoned refresh's abort.
    const next = provider.getToken();
    await new Promise((resolve) => setImmediate(resolve));
    release();
    assert.equal(await next, 't3');
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
