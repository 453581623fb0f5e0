// employeeProvisioning on a real Temporal dev server against both sandboxes over HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolveTemporalCli } from '../../scripts/dev-server';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { statusQuery, retrySignal, skipSignal, SyncStateKey } from '../../workflows/sync-state';
import type { CoupaUser } from '../../connectors/coupa';

let h: ProvisioningHarness;

async function hire(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${h.workday.url}/_sandbox/hire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { employeeId: string }).employeeId;
}

async function coupaUsersWithEmployeeNumber(employeeNumber: string): Promise<CoupaUser[]> {
  return h.coupaClient.listUsers({ 'employee-number': employeeNumber });
}

function writesTo(prefix: string, byRoute: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(byRoute).filter(([route]) => /^(POST|PUT|PATCH|DELETE) /.test(route) && route.split(' ')[1]!.startsWith(prefix)),
  );
}

function managerOf(orgCode: string): string {
  const org = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === orgCode);
  assert.ok(org?.managerEmployeeId, `org ${orgCode} has a manager`);
  return org.managerEmployeeId;
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  // The Finance org's manager chain must exist in Coupa before people are hired under it.
  for (const org of ['SUP-EXEC', 'SUP-FIN', 'SUP-OPS']) {
    const result = await (await h.provision(managerOf(org), 'manual')).result();
    assert.notEqual(result.outcome, 'skipped');
  }
});

after(async () => {
  await h?.close();
});

describe('given a Workday hire', { timeout: 120_000 }, () => {
  let employeeId: string;

  test('then Coupa has the user the mapping says, every field', async () => {
    employeeId = await hire({
      firstName: 'Zoë',
      lastName: 'Ångström-Núñez',
      supervisoryOrgCode: 'SUP-FIN',
      jobProfileCode: 'JP-SR-ACCT',
      costCenterCode: 'CC1100',
    });
    const result = await (await h.provision(employeeId)).result();
    assert.equal(result.outcome, 'created');
    assert.equal(result.status.syncState, 'done');

    const [user, ...others] = await coupaUsersWithEmployeeNumber(employeeId);
    assert.ok(user, 'a Coupa user exists');
    assert.equal(others.length, 0);
    assert.equal(result.coupaUserId, user.id);
    const worker = h.workday.store.snapshot().workers.find((w) => w.employeeId === employeeId)!;
    assert.ok(worker.workEmail);
    assert.equal(user.login, worker.workEmail.toLowerCase());
    assert.equal(user.email, worker.workEmail.toLowerCase());
    assert.equal(user.firstname, 'Zoë');
    assert.equal(user.lastname, 'Ångström-Núñez');
    assert.equal(user['employee-number'], employeeId);
    assert.equal(user.active, true);
    assert.equal(user.manager?.['employee-number'], managerOf('SUP-FIN'));
    assert.equal(user['default-account']?.code, 'US01-CC1100');
    assert.equal(user['default-account']?.['account-type']?.name, 'Acme US');
    assert.equal(user['default-currency']?.code, 'USD');
    assert.equal(Number(user['requisition-approval-limit']?.amount), 2500);
    assert.equal(user['requisition-approval-limit']?.currency?.code, 'USD');
    assert.equal(Number(user['invoice-approval-limit']?.amount), 10000);
    assert.deepEqual((user.roles ?? []).map((r) => r.name).sort(), ['Approver', 'Requester', 'User']);
    // A Senior Accountant is not an approver level: no approval-group membership.
    assert.deepEqual((user['approval-groups'] ?? []).map((g) => g.name), []);
  });

  test("the run's history in Temporal holds the worker's name and email only encrypted", () => {
    const worker = h.workday.store.snapshot().workers.find((w) => w.employeeId === employeeId)!;
    // Read the history raw, as anyone with access to Temporal's database could, with no codec.
    const raw = execFileSync(resolveTemporalCli(), ['workflow', 'show', '--address', h.temporal.address, '--namespace', h.temporal.namespace, '-w', `employee-provisioning/${employeeId}`, '-o', 'json'], {
      encoding: 'utf8',
    });
    const decodedBase64 = [...raw.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8')).join('\n');
    assert.ok(raw.includes('EVENT_TYPE_ACTIVITY_TASK_COMPLETED'), 'the history was read');
    for (const secret of [worker.workEmail!, 'Ångström-Núñez', worker.workEmail!.split('@')[0]!]) {
      assert.ok(!raw.includes(secret) && !decodedBase64.includes(secret), `${secret} is not in the history in plaintext`);
    }
  });

  test('running it again writes nothing to Coupa', async () => {
    h.coupa.controls.resetCalls();
    const result = await (await h.provision(employeeId, 'manual')).result();
    assert.equal(result.outcome, 'unchanged');
    const calls = h.coupa.controls.callCounts();
    assert.ok(calls.total > 0, 'the run did read Coupa');
    assert.deepEqual(writesTo('/api', calls.byRoute), {});
  });

  test('a job change updates the same user, writing only what changed', async () => {
    const res = await fetch(`${h.workday.url}/_sandbox/workers/${employeeId}/job-change`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobProfileCode: 'JP-MGR', costCenterCode: 'CC1120' }),
    });
    assert.equal(res.status, 200, await res.text());
    h.coupa.controls.resetCalls();
    const result = await (await h.provision(employeeId, 'job-change')).result();
    assert.equal(result.outcome, 'updated');

    const users = await coupaUsersWithEmployeeNumber(employeeId);
    assert.equal(users.length, 1);
    const user = users[0]!;
    assert.equal(user['default-account']?.code, 'US01-CC1120');
    assert.equal(Number(user['requisition-approval-limit']?.amount), 25000);
    assert.equal(Number(user['invoice-approval-limit']?.amount), 25000);
    // A manager joins the org's approval group.
    assert.deepEqual((user['approval-groups'] ?? []).map((g) => g.name), ['Finance Approvers']);
    const writes = writesTo('/api', h.coupa.controls.callCounts().byRoute);
    assert.equal(writes['POST /api/users'], undefined, 'no second user is created');
    assert.equal(writes['PUT /api/users/:id'], 1);
  });
});

test('two starts for the same employee run once and create one user', { timeout: 60_000 }, async () => {
  const employeeId = await hire({ firstName: 'Søren', lastName: 'Kierkegård', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT' });
  const [first, second] = await Promise.all([h.provision(employeeId), h.provision(employeeId)]);
  assert.equal(first.signaledRunId, second.signaledRunId, 'both events landed on one run');
  await first.result();
  const runs = [];
  for await (const run of h.temporal.env.client.workflow.list({ query: `WorkflowId = '${first.workflowId}'` })) runs.push(run);
  assert.equal(runs.length, 1);
  assert.equal((await coupaUsersWithEmployeeNumber(employeeId)).length, 1);
});

test('a cost center without a mapping parks the run until the mapping is fixed and support sends retry', { timeout: 60_000 }, async () => {
  const employeeId = await hire({
    firstName: 'Łukasz',
    lastName: 'Żółć',
    supervisoryOrgCode: 'SUP-OPS',
    jobProfileCode: 'JP-ANALYST',
    costCenterCode: 'CC2400',
  });
  const handle = await h.provision(employeeId);
  const parked = await eventually(async () => {
    const status = await handle.query(statusQuery);
    return status.syncState === 'needs-attention' ? status : undefined;
  }, 'the run to park');
  assert.match(parked.lastError ?? '', /CC2400/);
  const description = await handle.describe();
  assert.equal(description.typedSearchAttributes.get(SyncStateKey), 'needs-attention');
  assert.equal((await coupaUsersWithEmployeeNumber(employeeId)).length, 0, 'nothing written while parked');

  // Support's fix: the account is set up in Coupa and the cost center added to the mapping file.
  const token = await coupaAdminToken();
  const created = await fetch(`${h.coupa.url}/api/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name: 'Field Operations', active: true, 'account-type': { name: 'Acme US' }, 'segment-1': 'US01', 'segment-2': 'CC2400' }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const yaml = fs.readFileSync(h.mappingFile, 'utf8').replace(
    /^costCenters:\n/m,
    'costCenters:\n  CC2400: { accountType: Acme US, segments: [US01, CC2400], currency: USD }\n',
  );
  fs.writeFileSync(h.mappingFile, yaml);

  await handle.signal(retrySignal);
  const result = await handle.result();
  assert.equal(result.outcome, 'created');
  assert.equal(result.status.retries, 1);
  const [user] = await coupaUsersWithEmployeeNumber(employeeId);
  assert.equal(user?.['default-account']?.code, 'US01-CC2400');
  assert.equal((await handle.describe()).typedSearchAttributes.get(SyncStateKey), 'done');
});

async function coupaAdminToken(): Promise<string> {
  const res = await fetch(`${h.coupa.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: h.coupa.credentials.clientId,
      client_secret: h.coupa.credentials.clientSecret,
      scope: 'core.accounting.write core.accounting.read',
    }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { access_token: string }).access_token;
}

test('Coupa throttling and outages delay the run but do not fail it', { timeout: 90_000 }, async () => {
  const employeeId = await hire({ firstName: 'José Luis', lastName: 'Núñez', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT' });
  h.coupa.controls.setFaults({
    failNext: [
      { status: 429, retryAfterSeconds: 1, pathContains: '/api/users' },
      { status: 503, pathContains: '/api/users' },
      { status: 429, retryAfterSeconds: null, pathContains: '/api/users' },
    ],
  });
  const result = await (await h.provision(employeeId)).result();
  assert.equal(result.outcome, 'created');
  assert.deepEqual(h.coupa.controls.faults.failNext, [], 'every injected failure was met');
  assert.equal((await coupaUsersWithEmployeeNumber(employeeId)).length, 1);
  h.coupa.controls.setFaults({});
});

test('a parked run retries by itself when Workday reports a change that fixes the data', { timeout: 60_000 }, async () => {
  // Given Facilities' cost center CC2000 is not (or no longer) mapped.
  const original = fs.readFileSync(h.mappingFile, 'utf8');
  const withoutFacilities = original.replace(/^\s*CC2000:.*\n/m, '');
  assert.notEqual(withoutFacilities, original);
  fs.writeFileSync(h.mappingFile, withoutFacilities);
  const employeeId = await hire({ firstName: 'Ana', lastName: 'Costa', supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST', costCenterCode: 'CC2000' });
  const handle = await h.provision(employeeId);
  const parked = await eventually(async () => {
    const status = await handle.query(statusQuery);
    return status.syncState === 'needs-attention' ? status : undefined;
  }, 'the run to park');
  assert.match(parked.lastError ?? '', /CC2000/);
  try {
    // HR moves the person to Finance's cost center; the job-change event lands on the parked run.
    const moved = await fetch(`${h.workday.url}/_sandbox/workers/${employeeId}/job-change`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ costCenterCode: 'CC1100' }),
    });
    assert.equal(moved.status, 200);
    const again = await h.provision(employeeId, 'job-change');
    assert.equal(again.signaledRunId, handle.signaledRunId, 'the event reached the parked run');

    const result = await handle.result();
    assert.equal(result.outcome, 'created');
    assert.equal(result.status.retries, 0, 'no one had to send retry');
    const [user] = await coupaUsersWithEmployeeNumber(employeeId);
    assert.equal(user?.['default-account']?.code, 'US01-CC1100');
  } finally {
    fs.writeFileSync(h.mappingFile, original);
  }
});

test('a late event for someone Workday shows as terminated creates no Coupa user', { timeout: 60_000 }, async () => {
  const terminated = h.workday.store.snapshot().workers.find((w) => w.terminated);
  assert.ok(terminated, 'the seed has a terminated worker');
  const result = await (await h.provision(terminated.employeeId, 'job-change')).result();
  assert.equal(result.outcome, 'terminated');
  assert.equal(result.coupaUserId, null);
  assert.match(result.status.warnings.join(' '), /terminated in Workday/);
  assert.equal((await coupaUsersWithEmployeeNumber(terminated.employeeId)).length, 0);
});

test('an employee ID Workday does not know parks the run with a readable reason', { timeout: 60_000 }, async () => {
  const handle = await h.provision('99999');
  const parked = await eventually(async () => {
    const status = await handle.query(statusQuery);
    return status.syncState === 'needs-attention' ? status : undefined;
  }, 'the run to park');
  assert.match(parked.lastError ?? '', /Employee 99999 was not found in Workday/);
  // The failure text travels encrypted: it is not in the raw history.
  const raw = execFileSync(resolveTemporalCli(), ['workflow', 'show', '--address', h.temporal.address, '--namespace', h.temporal.namespace, '-w', handle.workflowId, '-o', 'json'], { encoding: 'utf8' });
  assert.ok(raw.includes('EVENT_TYPE_ACTIVITY_TASK_FAILED'), 'the history holds the failed activity');
  assert.ok(!raw.includes('was not found in Workday'), 'failure messages are encrypted in the history');
  await handle.signal(skipSignal, 'typo in the event');
  assert.equal((await handle.result()).outcome, 'skipped');
});

test('a Coupa login already held by someone else parks the run instead of hijacking that user', { timeout: 60_000 }, async () => {
  const employeeId = await hire({ firstName: 'Kai', lastName: 'Moana', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT' });
  const worker = h.workday.store.snapshot().workers.find((w) => w.employeeId === employeeId)!;
  const squatter = await h.coupaClient.createUser({
    login: worker.workEmail!.toLowerCase(),
    email: `contractor.${employeeId}@partner.example`,
    firstname: 'Kai',
    lastname: 'Contractor',
  });
  const handle = await h.provision(employeeId);
  const parked = await eventually(async () => {
    const status = await handle.query(statusQuery);
    return status.syncState === 'needs-attention' ? status : undefined;
  }, 'the run to park');
  assert.match(parked.lastError ?? '', new RegExp(`already belongs to Coupa user ${squatter.id}`));
  assert.ok(!(parked.lastError ?? '').includes(worker.workEmail!), 'no email in the failure text');
  const untouched = await h.coupaClient.getUser(squatter.id);
  assert.equal(untouched['employee-number'] ?? null, null, 'the other user was not taken over');
  await handle.signal(skipSignal);
  assert.equal((await handle.result()).outcome, 'skipped');
});
