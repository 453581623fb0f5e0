// API economy of provisioning, counted through the sandboxes: a new hire costs at most 3 calls plus one per approval-group membership; an unchanged re-run writes nothing and reads at most twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';

let h: ProvisioningHarness;

/** API calls (token requests left out: a worker makes one per token lifetime, not one per event). */
function apiCalls(byRoute: Record<string, number>): { reads: number; writes: number; memberships: number; byRoute: Record<string, number> } {
  const api = Object.entries(byRoute).filter(([route]) => !route.includes('/oauth2/'));
  const isRead = (route: string) => route.startsWith('GET ') || route.includes('/ccx/service/'); // SOAP Get_ operations are POSTed reads
  const sum = (rows: Array<[string, number]>) => rows.reduce((n, [, c]) => n + c, 0);
  return {
    reads: sum(api.filter(([r]) => isRead(r))),
    writes: sum(api.filter(([r]) => !isRead(r))),
    memberships: sum(api.filter(([r]) => r === 'POST /api/user_group_memberships')),
    byRoute: Object.fromEntries(api),
  };
}

function resetCounts(): void {
  h.coupa.controls.resetCalls();
  h.workday.controls.resetCalls();
}

function counted() {
  const coupa = apiCalls(h.coupa.controls.callCounts().byRoute);
  const workday = apiCalls(h.workday.controls.callCounts().byRoute);
  return { coupa, workday, total: coupa.reads + coupa.writes + workday.reads + workday.writes };
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  // The manager chain exists, and one hire of the team has warmed the worker's group-id cache.
  for (const code of ['SUP-EXEC', 'SUP-ENG']) {
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === code)!.managerEmployeeId!;
    await (await h.provision(manager, 'manual')).result();
  }
  const first = h.workday.store.hire({ firstName: 'Warm', lastName: 'Cache', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
  await (await h.provision(first.employeeId)).result();
});

after(async () => {
  await h?.close();
});

test('a new hire: at most 3 API calls in all, plus one per approval-group membership', { timeout: 120_000 }, async () => {
  const hire = h.workday.store.hire({ firstName: 'Counted', lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
  resetCounts();
  const result = await (await h.provision(hire.employeeId)).result();
  assert.equal(result.outcome, 'created');
  const calls = counted();
  const detail = JSON.stringify({ coupa: calls.coupa.byRoute, workday: calls.workday.byRoute });
  assert.equal(calls.workday.reads + calls.workday.writes, 1, `one Workday read for the whole worker: ${detail}`);
  assert.ok(calls.total - calls.coupa.memberships <= 3, `new hire: ${calls.total} calls, ${calls.coupa.memberships} of them memberships: ${detail}`);

  // Unchanged: the same employee again writes nothing and reads at most twice (Workday once, Coupa once).
  resetCounts();
  const again = await (await h.provision(hire.employeeId, 'manual')).result();
  assert.equal(again.outcome, 'unchanged');
  const rerun = counted();
  const rerunDetail = JSON.stringify({ coupa: rerun.coupa.byRoute, workday: rerun.workday.byRoute });
  assert.equal(rerun.coupa.writes + rerun.workday.writes, 0, `unchanged re-run writes nothing: ${rerunDetail}`);
  assert.ok(rerun.coupa.reads + rerun.workday.reads <= 2, `unchanged re-run: ${rerun.total} reads: ${rerunDetail}`);
});
