// The request gate under a tenant tighter than configured: a 429 reaches the gate run, which holds every process until Retry-After and grants a smaller share of the rate until the API stops refusing; every hire still lands.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { apiRequestGateWorkflowId } from '../../workers/request-gate';
import { requestGateStateQuery } from '../../workflows/api-request-gate';

let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  // Configured for 40 req/s; the tenant allows 8 (burst 4): only the API's answers can teach the difference.
  await h.startWorkers({ coupa: 40, workday: 40 }, { pacing: 'cluster' });
  for (const code of ['SUP-EXEC', 'SUP-ENG']) {
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === code)!.managerEmployeeId!;
    await (await h.provision(manager, 'manual')).result();
  }
});

after(async () => {
  await h?.close();
});

test('a 429 slows every request down through the gate run, and the hires all land', { timeout: 180_000 }, async () => {
  h.coupa.controls.setFaults({ rateLimitPerSecond: 8, rateLimitBurst: 4, retryAfterSeconds: 1 });
  h.coupa.controls.resetRateLog();
  const people = Array.from({ length: 30 }, (_, i) => h.workday.store.hire({ firstName: `Gate${i}`, lastName: 'Slow', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' }));
  const results = await Promise.all(people.map(async (p) => (await h.provision(p.employeeId)).result()));
  assert.ok(results.every((r) => r.outcome === 'created'), JSON.stringify(results.map((r) => r.outcome)));

  const log = h.coupa.controls.rateLogSeconds();
  const limited = log.reduce((n, s) => n + s.limited, 0);
  const requests = log.reduce((n, s) => n + s.requests, 0);
  console.log(`coupa: ${requests} requests, per second ${log.map((s) => `${s.requests}/${s.limited}`).join(' ')}`);
  assert.ok(limited > 0, 'the tenant refused some requests (else this test shows nothing)');
  const gate = await h.temporal.env.client.workflow.getHandle(apiRequestGateWorkflowId(`${h.temporal.queues.workflows}-gate`, 'coupa')).query(requestGateStateQuery);
  // The 429s reached the gate: it held the cluster and lowered the share it grants.
  assert.ok(gate.heldUntil > 0, `gate never held: ${JSON.stringify(gate)}`);
  assert.ok(gate.share < 1, `gate still grants the full configured rate: ${JSON.stringify(gate)}`);
});
