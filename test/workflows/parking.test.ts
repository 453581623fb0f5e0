// No run ends Failed for a cause a person can fix: each system failure parks with its category, support finds it, fixes it, retries.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { statusQuery, retrySignal, retryUpdate, skipUpdate, SyncStateKey, type ParkingCategory, type ProcessStatus } from '../../workflows/sync-state';

let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  // Managers first, so every hire below has a complete Coupa user.
  for (const org of ['SUP-EXEC', 'SUP-FIN']) {
    const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;
    await (await h.provision(manager, 'manual')).result();
  }
});

after(async () => {
  h.coupa.controls.setFaults({});
  h.workday.controls.setFaults({});
  await h?.close();
});

async function hire(lastName: string): Promise<string> {
  const res = await fetch(`${h.workday.url}/_sandbox/hire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firstName: 'Parking', lastName, supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { employeeId: string }).employeeId;
}

async function parkedWith(handle: WorkflowHandle, category: ParkingCategory, timeoutMs = 30_000): Promise<ProcessStatus> {
  const status = await eventually(
    async () => {
      const s = await handle.query(statusQuery);
      return s.syncState === 'needs-attention' ? s : undefined;
    },
    `the run to park (${category})`,
    timeoutMs,
  );
  assert.equal(status.parking?.category, category, `parked as ${status.parking?.category}: ${status.parking?.reason}`);
  assert.ok(status.parking.whatToDo.length > 20, 'the status says what to do');
  assert.equal(status.lastError, `${category}: ${status.parking.reason}`);
  return status;
}

/** Support's search in the Web UI or CLI: every parked run, by the SyncState search attribute. */
async function foundAmongParkedRuns(workflowId: string): Promise<void> {
  await eventually(async () => {
    for await (const run of h.temporal.env.client.workflow.list({ query: `SyncState = 'needs-attention' AND WorkflowId = '${workflowId}'` })) {
      if (run.workflowId === workflowId) return true;
    }
    return undefined;
  }, `${workflowId} listed as needs-attention`);
}

async function completesAfterRetry(handle: WorkflowHandle, employeeId: string, via: 'signal' | 'update'): Promise<void> {
  if (via === 'update') {
    const answer = await handle.executeUpdate(retryUpdate);
    assert.match(answer, new RegExp(`retrying employee-provisioning ${employeeId}`));
  } else {
    await handle.signal(retrySignal);
  }
  const result = (await handle.result()) as { outcome: string; status: ProcessStatus };
  assert.equal(result.outcome, 'created');
  assert.equal(result.status.syncState, 'done');
  assert.equal(result.status.retries, 1);
  assert.equal((await handle.describe()).typedSearchAttributes.get(SyncStateKey), 'done');
  const users = await h.coupaClient.listUsers({ 'employee-number': employeeId });
  assert.equal(users.length, 1, 'exactly one Coupa user after the retry');
}

test('a Coupa 403 (a scope the OAuth client lacks) parks as auth, and a retry after the fix completes', { timeout: 60_000 }, async () => {
  const employeeId = await hire('Forbidden');
  h.coupa.controls.setFaults({ failNext: [{ status: 403, pathContains: '/api/users' }] });
  const handle = await h.provision(employeeId);
  const status = await parkedWith(handle, 'auth');
  assert.equal(status.parking?.failureType, 'AuthFailed');
  assert.match(status.parking?.reason ?? '', /403/);
  await foundAmongParkedRuns(handle.workflowId);
  // The injected 403 was consumed: as if the admin granted the scope.
  await completesAfterRetry(handle, employeeId, 'update');
});

test('a revoked Workday refresh token parks as auth; a new token and a retry complete the run', { timeout: 60_000 }, async () => {
  const employeeId = await hire('Revoked');
  const revoked = await fetch(`${h.workday.url}/_sandbox/tokens/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshTokens: true }),
  });
  assert.equal(revoked.status, 200);
  try {
    const handle = await h.provision(employeeId);
    const status = await parkedWith(handle, 'auth');
    assert.match(status.parking?.reason ?? '', /workday/i);
    await foundAmongParkedRuns(handle.workflowId);
    // The admin generates the integration's refresh token again.
    assert.equal((await fetch(`${h.workday.url}/_sandbox/tokens/reinstate`, { method: 'POST' })).status, 204);
    await completesAfterRetry(handle, employeeId, 'signal');
  } finally {
    await fetch(`${h.workday.url}/_sandbox/tokens/reinstate`, { method: 'POST' });
  }
});

test('an answer that does not match the API contract parks as contract, and a retry completes', { timeout: 60_000 }, async () => {
  const employeeId = await hire('Malformed');
  // Under /ccx/: the REST reads of old runs and the SOAP read of new ones.
  h.workday.controls.setFaults({ malformedNext: [{ pathContains: '/ccx/' }] });
  const handle = await h.provision(employeeId);
  const status = await parkedWith(handle, 'contract');
  assert.equal(status.parking?.failureType, 'InvalidResponse');
  await foundAmongParkedRuns(handle.workflowId);
  await completesAfterRetry(handle, employeeId, 'signal');
});

test('an outage longer than the retry window parks as outage, and a retry once it is over completes', { timeout: 90_000 }, async () => {
  const employeeId = await hire('Outage');
  h.runSettings.apiRetryWindowSeconds = 4;
  h.coupa.controls.setFaults({ errorRatio: 1, errorStatuses: [503], retryAfterSeconds: 1 });
  try {
    const handle = await h.provision(employeeId);
    const status = await parkedWith(handle, 'outage', 60_000);
    assert.match(status.parking?.failureType ?? '', /^(Timeout|Unavailable)/);
    assert.match(status.parking?.reason ?? '', /retry window/);
    assert.match(status.parking?.reason ?? '', /503/, 'the last attempt says what the system answered');
    await foundAmongParkedRuns(handle.workflowId);
    h.coupa.controls.setFaults({});
    h.runSettings.apiRetryWindowSeconds = 3600;
    await completesAfterRetry(handle, employeeId, 'signal');
  } finally {
    h.coupa.controls.setFaults({});
    h.runSettings.apiRetryWindowSeconds = 3600;
  }
});

test('retry or skip sent to a run that is not parked gets a clear answer, and the signal is noted, not lost silently', { timeout: 60_000 }, async () => {
  const employeeId = await hire('Busy');
  h.workday.controls.setFaults({ latencyMs: 1500 });
  try {
    const handle = await h.provision(employeeId);
    await eventually(async () => ((await handle.query(statusQuery)).step.startsWith('reading') ? true : undefined), 'the run to start reading');
    await assert.rejects(handle.executeUpdate(retryUpdate), (err: unknown) => {
      assert.ok(err instanceof WorkflowUpdateFailedError, String(err));
      assert.match(String((err.cause as Error | undefined)?.message), /is not parked, so there is nothing to retry: it is running/);
      return true;
    });
    await assert.rejects(handle.executeUpdate(skipUpdate, { args: ['not needed'] }), /not parked|Update failed/);
    await handle.signal(retrySignal);
    const result = (await handle.result()) as { outcome: string; status: ProcessStatus };
    assert.equal(result.outcome, 'created');
    assert.ok(
      result.status.warnings.some((w) => /retry signal arrived while the run was running/.test(w)),
      `warnings: ${result.status.warnings.join(' | ')}`,
    );
  } finally {
    h.workday.controls.setFaults({});
  }
});

test('a skipped run reads SyncState=skipped, not done, and the Web UI details say why it waited', { timeout: 60_000 }, async () => {
  // 21020 has no work email in Workday: a data problem.
  const handle = await h.provision('21020', 'manual');
  const status = await parkedWith(handle, 'data');
  assert.equal(status.parking?.failureType, 'SourceDataIncomplete');
  const metadata = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
  assert.match(metadata.currentDetails ?? '', /Needs attention \(data\)/);
  assert.match(metadata.currentDetails ?? '', /no work email/);
  assert.match(metadata.currentDetails ?? '', /What to do/);

  const answer = await handle.executeUpdate(skipUpdate, { args: ['contractor without email, provisioned by hand'] });
  assert.match(answer, /skipped employee-provisioning 21020/);
  const result = (await handle.result()) as { outcome: string; status: ProcessStatus };
  assert.equal(result.outcome, 'skipped');
  assert.equal(result.status.syncState, 'skipped');
  assert.equal((await handle.describe()).typedSearchAttributes.get(SyncStateKey), 'skipped');
  const description = await handle.describe();
  assert.match((await description.staticSummary()) ?? '', /Employee provisioning: Workday employee 21020/);
});
