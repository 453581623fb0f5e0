// Both sandboxes enforce a tenant request rate with burst (token bucket) like the real APIs: 429 + Retry-After above it, a per-second log of what arrived.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa';
import type { RateLogSecond } from '../../sandbox/common/controls';

async function burst(url: string, n: number): Promise<Array<{ status: number; retryAfter: string | null }>> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const res = await fetch(url);
      await res.arrayBuffer();
      return { status: res.status, retryAfter: res.headers.get('retry-after') };
    }),
  );
}

async function admin(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return res.status === 204 ? null : res.json();
}

describe('sandbox rate limits', () => {
  let wd: WorkdaySandbox;
  let coupa: CoupaSandbox;
  before(async () => {
    // Configured at start, as WORKDAY_SANDBOX_RATE_LIMIT / _BURST do for `make sandbox`.
    wd = await startWorkdaySandbox({ rateLimit: { rateLimitPerSecond: 2, rateLimitBurst: 5 } });
    coupa = await startCoupaSandbox({ rateLimit: { rateLimitPerSecond: 25, rateLimitBurst: 20 } });
  });
  after(async () => {
    await Promise.allSettled([wd.close(), coupa.close()]);
  });

  it('lets a burst through, then answers 429 with Retry-After, and logs every request per second', async () => {
    const workers = `${wd.paths.staffing}/workers`;
    const answers = await burst(workers, 12);
    const limited = answers.filter((a) => a.status === 429);
    // A full bucket of 5 passes (401: no token, but not throttled); the rest are refused (a few ms refill at 2/s gives no token).
    assert.equal(answers.length - limited.length, 5);
    assert.equal(limited.length, 7);
    for (const a of limited) assert.ok(Number(a.retryAfter) >= 1, `Retry-After ${a.retryAfter}`);
    const log = (await admin(wd.url, 'GET', '/_sandbox/rate-log')).seconds as RateLogSecond[];
    assert.equal(log.reduce((n, s) => n + s.requests, 0), 12);
    assert.equal(log.reduce((n, s) => n + s.limited, 0), 7);
  });

  it('keeps the configured limit when a test replaces the other fault settings, and drops it on request', async () => {
    const set = await admin(wd.url, 'PUT', '/_sandbox/faults', { latencyMs: 0 });
    assert.equal(set.rateLimitPerSecond, 2);
    assert.equal(set.rateLimitBurst, 5);
    const off = await admin(wd.url, 'PUT', '/_sandbox/faults', { rateLimitPerSecond: null });
    assert.equal(off.rateLimitPerSecond, null);
    await admin(wd.url, 'DELETE', '/_sandbox/rate-log');
    const answers = await burst(`${wd.paths.staffing}/workers`, 30);
    assert.equal(answers.filter((a) => a.status === 429).length, 0);
    // Reset brings back the limit the sandbox was started with.
    await admin(wd.url, 'DELETE', '/_sandbox/faults');
    assert.equal((await admin(wd.url, 'GET', '/_sandbox/faults')).rateLimitPerSecond, 2);
  });

  it('counts token requests unless told not to', async () => {
    await admin(wd.url, 'PUT', '/_sandbox/faults', { rateLimitPerSecond: 1, rateLimitBurst: 1, rateLimitTokenRequests: false });
    const token = `${wd.url}/ccx/oauth2/${wd.tenant}/token`;
    const tokenAnswers = await Promise.all(Array.from({ length: 4 }, () => fetch(token, { method: 'POST' }).then((r) => r.status)));
    assert.ok(!tokenAnswers.includes(429), `token answers ${tokenAnswers.join(',')}`);
    await admin(wd.url, 'PUT', '/_sandbox/faults', { rateLimitPerSecond: 1, rateLimitBurst: 1, rateLimitTokenRequests: true });
    const counted = await Promise.all(Array.from({ length: 4 }, () => fetch(token, { method: 'POST' }).then((r) => r.status)));
    assert.equal(counted.filter((s) => s === 429).length, 3);
  });

  it('Coupa: 25 req/s with a burst of 20, as Coupa documents', async () => {
    const answers = await burst(`${coupa.url}/api/users`, 30);
    // 20 at once, plus what the bucket refills (25/s) while the 30 requests arrive.
    const passed = answers.filter((a) => a.status !== 429).length;
    assert.ok(passed >= 20 && passed <= 23, `${passed} passed`);
    const limited = answers.find((a) => a.status === 429);
    assert.ok(limited && Number(limited.retryAfter) >= 1);
    // After the bucket refills, a request passes again.
    await new Promise((r) => setTimeout(r, 200));
    assert.notEqual((await burst(`${coupa.url}/api/users`, 1))[0]!.status, 429);
  });
});
