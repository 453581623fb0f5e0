// A team hired in one batch with its new manager, provisioned in any order: every report ends with the manager set in Coupa, nobody involved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { statusQuery } from '../../workflows/sync-state';

let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await h?.close();
});

/** Fisher-Yates with a fixed seed: "random order" that repeats run to run. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test('a new manager and ten reports hired in one batch, started in random order, all end with the manager chain set', { timeout: 180_000 }, async () => {
  // A new engineering manager takes over SUP-ENG; nobody in the chain above has a Coupa user yet.
  const manager = h.workday.store.hire({ firstName: 'New', lastName: 'Manager', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-MGR', costCenterCode: 'CC1500' });
  const assigned = await fetch(`${h.workday.url}/_sandbox/supervisoryOrganizations/SUP-ENG/manager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ employeeId: manager.employeeId }),
  });
  assert.equal(assigned.status, 200, await assigned.text());
  const reports = Array.from({ length: 10 }, (_, i) =>
    h.workday.store.hire({ firstName: `Report${i}`, lastName: 'Batch', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE', costCenterCode: 'CC1500' }),
  );
  const executive = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === 'SUP-EXEC')!.managerEmployeeId!;

  const order = shuffled([manager, ...reports].map((w) => w.employeeId));
  const handles = await Promise.all(order.map((id) => h.provision(id, 'hire')));
  const results = await Promise.all(handles.map((handle) => handle.result()));
  for (const result of results) assert.notEqual(result.outcome, 'skipped', `${result.employeeId}: ${result.status.lastError}`);

  for (const report of reports) {
    const [user] = await h.coupaClient.listUsers({ 'employee-number': report.employeeId });
    assert.equal(user?.manager?.['employee-number'], manager.employeeId, `report ${report.employeeId} has the new manager`);
  }
  const [managerUser] = await h.coupaClient.listUsers({ 'employee-number': manager.employeeId });
  assert.equal(managerUser?.manager?.['employee-number'], executive, "the manager's own manager was provisioned and set too");
  const [executiveUser] = await h.coupaClient.listUsers({ 'employee-number': executive });
  assert.ok(executiveUser, "the chain's top was provisioned by the runs that needed it");

  // Someone who waited says so in the audit: a manager field set on the second pass.
  const waited = results.filter((r) => r.status.warnings.some((w) => /has no Coupa user yet/.test(w)));
  assert.ok(waited.length > 0, 'some runs found their manager missing and waited');
  for (const handle of handles) assert.equal((await handle.query(statusQuery)).syncState, 'done');
});
