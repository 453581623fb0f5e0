// API requests a sandbox answered, split into reads and writes: REST by method, SOAP by operation (they share one route); token and admin requests left out.
import type { CallCounts } from '../../sandbox/common/controls';

const isTokenOrAdmin = (route: string): boolean => route.includes('/oauth2/') || route.includes('/_sandbox');
const SOAP_ROUTE = 'POST /ccx/service/:tenant/:service/:version';
/** Requests that are POSTed but change nothing: Workday's budget check answers whether funds are there. */
const isPostedRead = (route: string): boolean => route.startsWith('POST ') && route.endsWith('/runBudgetCheck');
/** A SOAP Get_ is a read; Put_, Submit_, Cancel_ and the like change Workday. */
const isSoapRead = (operation: string): boolean => operation.startsWith('Get_');

/** Reads and writes of one sandbox's counts: REST by method (GET reads), SOAP by operation. */
export function split(counts: CallCounts): { reads: number; writes: number; detail: Record<string, number> } {
  let reads = 0;
  let writes = 0;
  const detail: Record<string, number> = {};
  for (const [route, n] of Object.entries(counts.byRoute)) {
    if (isTokenOrAdmin(route) || route === SOAP_ROUTE) continue;
    detail[route] = n;
    if (route.startsWith('GET ') || isPostedRead(route)) reads += n;
    else writes += n;
  }
  for (const [operation, n] of Object.entries(counts.byOperation)) {
    detail[`SOAP ${operation}`] = n;
    if (isSoapRead(operation)) reads += n;
    else writes += n;
  }
  return { reads, writes, detail };
}


export interface EventCalls {
  coupa: { reads: number; writes: number };
  workday: { reads: number; writes: number };
  total: number;
  /** By route (Coupa, Workday REST) and by SOAP operation ("workday SOAP Get_Workers"). */
  detail: Record<string, number>;
}

/** Resets both sandboxes' counters, runs one business event, and returns what it cost. */
export async function callsOf(sandboxes: { coupa: { controls: { resetCalls(): void; callCounts(): CallCounts } }; workday: { controls: { resetCalls(): void; callCounts(): CallCounts } } }, run: () => Promise<unknown>): Promise<EventCalls> {
  sandboxes.coupa.controls.resetCalls();
  sandboxes.workday.controls.resetCalls();
  await run();
  const coupa = split(sandboxes.coupa.controls.callCounts());
  const workday = split(sandboxes.workday.controls.callCounts());
  return {
    coupa: { reads: coupa.reads, writes: coupa.writes },
    workday: { reads: workday.reads, writes: workday.writes },
    total: coupa.reads + coupa.writes + workday.reads + workday.writes,
    detail: { ...coupa.detail, ...Object.fromEntries(Object.entries(workday.detail).map(([k, v]) => [`workday ${k}`, v])) },
  };
}
