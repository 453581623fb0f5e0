// One log line per failed attempt, without a stack for expected failures; a warning once the retry window runs low.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure, ApplicationFailureCategory, type LogLevel, type LogMetadata } from '@temporalio/common';
import { attemptLoggingInterceptor } from '../../workers/attempt-logging';

interface Line {
  level: LogLevel;
  message: string;
  meta?: LogMetadata;
}

function environment(info: { attempt: number; usedMs: number }) {
  const lines: Line[] = [];
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => lines.push({ level, message, ...(meta ? { meta } : {}) });
  const logger = {
    log,
    trace: (m: string, meta?: LogMetadata) => log('TRACE', m, meta),
    debug: (m: string, meta?: LogMetadata) => log('DEBUG', m, meta),
    info: (m: string, meta?: LogMetadata) => log('INFO', m, meta),
    warn: (m: string, meta?: LogMetadata) => log('WARN', m, meta),
    error: (m: string, meta?: LogMetadata) => log('ERROR', m, meta),
  };
  const env = new MockActivityEnvironment(
    { activityType: 'findCoupaUserId', attempt: info.attempt, scheduleToCloseTimeoutMs: 100_000, scheduledTimestampMs: Date.now() - info.usedMs },
    { logger, interceptors: [(ctx) => ({ inbound: attemptLoggingInterceptor(ctx) })] },
  );
  return { env, lines };
}

const throttled = () => ApplicationFailure.create({ type: 'RateLimited', message: 'coupa GET /api/users → 429: rate limited', nextRetryDelay: 1000 });

test('an expected 429 gets one line without a stack, and is marked benign so the SDK does not log it again', async () => {
  const { env, lines } = environment({ attempt: 2, usedMs: 1000 });
  const err = await env.run(async () => {
    throw throttled();
  }).catch((e: unknown) => e);
  assert.ok(err instanceof ApplicationFailure);
  assert.equal(err.type, 'RateLimited');
  assert.equal(err.category, ApplicationFailureCategory.BENIGN);
  assert.equal(err.nextRetryDelay, 1000, 'Retry-After still reaches Temporal');
  const ours = lines.filter((l) => l.message.includes('attempt 2 failed'));
  assert.equal(ours.length, 1);
  assert.equal(ours[0]!.level, 'INFO');
  assert.match(ours[0]!.message, /findCoupaUserId attempt 2 failed \(RateLimited\).*Temporal retries it/);
  assert.ok(!lines.some((l) => l.level === 'WARN' || JSON.stringify(l.meta ?? {}).includes('    at ')), 'no warning, no stack');
});

test('once 75% of the retry window is spent, each attempt warns that the run is about to park', async () => {
  const { env, lines } = environment({ attempt: 9, usedMs: 80_000 });
  await env.run(async () => {
    throw throttled();
  }).catch(() => undefined);
  const warning = lines.find((l) => l.level === 'WARN' && /retry budget running low/.test(l.message));
  assert.ok(warning, lines.map((l) => l.message).join('\n'));
  assert.match(warning.message, /80% of its 100 s retry window used/);
});

test('an unexpected error keeps its stack and is not made benign: it is a bug to look at', async () => {
  const { env, lines } = environment({ attempt: 1, usedMs: 0 });
  const err = await env.run(async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'id')");
  }).catch((e: unknown) => e);
  assert.ok(err instanceof TypeError);
  const sdkLine = lines.find((l) => l.message === 'Activity failed');
  assert.ok(sdkLine && sdkLine.level === 'WARN', 'the SDK warns, with the error and its stack');
});
