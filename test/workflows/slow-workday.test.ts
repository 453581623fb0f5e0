// A slow Workday (5 s per call) delays provisioning but never makes attempts overlap or writes twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';

let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  h.workday.controls.setFaults({});
  await h?.close();
});

test('at 5 s of added Workday latency per call, provisioning completes with one attempt per activity and one Coupa write', { timeout: 180_000 }, async () => {
  const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === 'SUP-EXEC')!.managerEmployeeId!;
  h.workday.controls.setFaults({ latencyMs: 5000 });
  h.coupa.controls.resetCalls();
  const handle = await h.provision(manager, 'manual');
  const result = await handle.result();
  assert.equal(result.outcome, 'created');

  // Every activity finished on its first attempt: no timed-out attempt kept running beside a retry.
  const history = await handle.fetchHistory();
  // Workday read, the Coupa user (read + write in one since user-in-one-activity), membership; the plan is a local activity.
  const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 1);
  assert.ok(attempts.length >= 3, `activities ran (${attempts.length})`);
  assert.deepEqual([...new Set(attempts)], [1], 'no activity needed a second attempt');
  assert.equal((history.events ?? []).filter((e) => e.activityTaskTimedOutEventAttributes).length, 0);

  const writes = Object.entries(h.coupa.controls.callCounts().byRoute).filter(([route]) => /^(POST|PUT|DELETE) \/api/.test(route));
  // The executive gets a user and joins the executive approval group: each written exactly once.
  assert.deepEqual(Object.fromEntries(writes), { 'POST /api/user_group_memberships': 1, 'POST /api/users': 1 }, 'nothing written twice');
  assert.equal((await h.coupaClient.listUsers({ 'employee-number': manager })).length, 1);
});
