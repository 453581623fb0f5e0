// The gate's arithmetic: whatever the pattern of reservations, no one-second window holds more than the rate, the sandbox's token bucket never refuses, and the rate is used in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptySchedule, grantSendTimes, holdUntil, type RequestLimits } from '../../workflows/request-schedule';

/** The sandbox's bucket (sandbox/common/controls.ts): `burst` tokens, refilled at `rate`; true = accepted. */
function tokenBucket(rate: number, burst: number): (at: number) => boolean {
  let tokens = burst;
  let last = 0;
  return (at) => {
    tokens = Math.min(burst, tokens + ((at - last) * rate) / 1000);
    last = at;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  };
}

function mostInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

for (const limits of [
  { perSecond: 10, burst: 10, marginMs: 10 },
  { perSecond: 25, burst: 20, marginMs: 10 },
  { perSecond: 7.5, burst: 3, marginMs: 0 },
] satisfies RequestLimits[]) {
  test(`any pattern of reservations: at most ${limits.perSecond}/s in any window, burst ${limits.burst}, no 429 from the API's bucket`, () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seeded(seed);
      const schedule = emptySchedule();
      const times: number[] = [];
      let now = 0;
      for (let r = 0; r < 300; r++) {
        // Lulls, trickles and floods, from several processes.
        now += random() < 0.1 ? random() * 5000 : random() * 80;
        times.push(...grantSendTimes(schedule, limits, 1 + Math.floor(random() * 12), now));
      }
      assert.ok(mostInAnyWindow(times, 1000) <= Math.floor(limits.perSecond), `seed ${seed}: ${mostInAnyWindow(times, 1000)} in one second`);
      const accepts = tokenBucket(limits.perSecond, limits.burst);
      const refused = [...times].sort((a, b) => a - b).filter((t) => !accepts(t)).length;
      assert.equal(refused, 0, `seed ${seed}: the API's bucket refused ${refused}`);
    }
  });
}

test('a flood uses the whole rate: 1000 requests at 10/s take about 100 s, not more', () => {
  const limits = { perSecond: 10, burst: 10, marginMs: 10 };
  const schedule = emptySchedule();
  const times: number[] = [];
  for (let i = 0; i < 100; i++) times.push(...grantSendTimes(schedule, limits, 10, 0));
  const spanS = (times.at(-1)! - times[0]!) / 1000;
  // 100 windows of 1.01 s, the last one's requests at its start.
  assert.ok(spanS <= 99 * 1.01 + 0.001 && spanS >= 99, `span ${spanS} s`);
  // Each request as early as the limits allow: 10 at the start of every window.
  assert.deepEqual(times.slice(0, 11), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1010]);
});

test('requests apart by more than a second are sent at once; a 429 holds every grant until the API said', () => {
  const limits = { perSecond: 10, burst: 10, marginMs: 10 };
  const schedule = emptySchedule();
  assert.deepEqual(grantSendTimes(schedule, limits, 1, 5000), [5000]);
  assert.deepEqual(grantSendTimes(schedule, limits, 1, 9000), [9000]);
  holdUntil(schedule, 12_000);
  assert.deepEqual(grantSendTimes(schedule, limits, 2, 9500), [12_000, 12_000]);
});
