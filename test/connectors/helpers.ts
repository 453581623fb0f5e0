// Small helpers the connector tests share: sandbox admin calls, call counts, failure assertions.
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';

/** Calls a sandbox admin route (`/_sandbox/...`) and returns its JSON. */
export async function admin(baseUrl: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

export interface CallCounts {
  total: number;
  byRoute: Record<string, number>;
  /** Most API calls in progress at once since the counts were last cleared. */
  maxInFlight: number;
}

export async function callCounts(baseUrl: string): Promise<CallCounts> {
  return (await admin(baseUrl, 'GET', '/_sandbox/calls')) as CallCounts;
}

/** Number of calls to the route template, e.g. "POST /oauth2/token". */
export async function callsTo(baseUrl: string, route: string): Promise<number> {
  return (await callCounts(baseUrl)).byRoute[route] ?? 0;
}

/** Sum of calls whose route key contains `fragment` (401s answered before routing count under the raw path). */
export async function callsMatching(baseUrl: string, fragment: string): Promise<number> {
  const { byRoute } = await callCounts(baseUrl);
  return Object.entries(byRoute)
    .filter(([route]) => route.includes(fragment))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Calls to the system itself (token endpoint and API), leaving out the /_sandbox admin routes. */
export async function systemCalls(baseUrl: string): Promise<number> {
  const { byRoute } = await callCounts(baseUrl);
  return Object.entries(byRoute)
    .filter(([route]) => !route.includes('/_sandbox'))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Awaits `promise`, expecting a connector ApplicationFailure, and returns it. */
export async function expectFailure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApplicationFailure, `expected an ApplicationFailure, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
