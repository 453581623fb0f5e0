// employeeOffboarding end to end on the dev server: a leaving manager's work ends with their manager, then their Coupa user is inactive.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { requestEmployeeOffboarding } from '../../clients/employee-offboarding';
import { CoupaApprovalsClient } from '../../connectors/coupa';
import { statusQuery } from '../../workflows/sync-state';
import fs from 'node:fs';
import path from 'node:path';
import { historiesDir } from '../histories/history-files';
import { REQUIRED_OFFBOARDING_HISTORIES } from '../histories/record-offboarding';

let h: ProvisioningHarness;
let approvals: CoupaApprovalsClient;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  approvals = new CoupaApprovalsClient(h.coupaClient);
});

after(async () => {
  h.coupa.controls.setFaults({});
  await h?.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const managerOf = (org: string) => h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;

async function provisioned(employeeId: string): Promise<number> {
  const result = await (await h.provision(employeeId, 'manual')).result();
  assert.ok(result.coupaUserId, `employee ${employeeId} has a Coupa user`);
  return result.coupaUserId;
}

async function admin<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${h.coupa.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as T;
}

/** Work waiting on a person in Coupa: requisitions they asked for and approvals waiting on them. */
async function workFor(coupaUserId: number, counts: { requisitions: number; approvals: number }, someoneElse: number) {
  const requisitions: number[] = [];
  for (let i = 0; i < counts.requisitions; i += 1) {
    requisitions.push((await admin<{ id: number }>('/_sandbox/requisitions', { requester: { id: coupaUserId }, approvers: [{ id: someoneElse }] })).id);
  }
  const documents: { type: string; id: number }[] = [];
  for (let i = 0; i < counts.approvals; i += 1) {
    // One waiting requisition of a colleague, then invoices.
    const doc =
      i === 0
        ? { type: 'RequisitionHeader', id: (await admin<{ id: number }>('/_sandbox/requisitions', { requester: { id: someoneElse }, approvers: [{ id: coupaUserId }] })).id }
        : { type: 'InvoiceHeader', id: (await admin<{ id: number }>('/_sandbox/invoices', { approvers: [{ id: coupaUserId }] })).id };
    documents.push(doc);
  }
  return { requisitions, documents };
}

async function terminateToday(employeeId: string): Promise<void> {
  const res = await fetch(`${h.workday.url}/_sandbox/workers/${employeeId}/terminate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminationDate: today(), reason: 'Resignation' }),
  });
  assert.equal(res.status, 200, await res.text());
}

function coupaWrites(): Record<string, number> {
  return Object.fromEntries(Object.entries(h.coupa.controls.callCounts().byRoute).filter(([route]) => /^(PUT|POST|DELETE) \/api/.test(route)));
}

test("a terminated manager's three requisitions and two approvals end with their manager, then the user is inactive; a second run writes nothing", { timeout: 120_000 }, async () => {
  // Finance's manager leaves; they lead their own org, so their manager is the executive above it.
  const executive = managerOf('SUP-EXEC');
  const leaver = managerOf('SUP-FIN');
  const executiveId = await provisioned(executive);
  const leaverId = await provisioned(leaver);
  const colleague = (await h.coupaClient.listUsers({ login: 'proc.admin.1' }))[0]!.id;
  const work = await workFor(leaverId, { requisitions: 3, approvals: 2 }, colleague);
  await terminateToday(leaver);

  const handle = await requestEmployeeOffboarding(h.temporal.env.client, h.queueConfig, leaver);
  const result = await handle.result();
  assert.equal(result.outcome, 'offboarded');
  assert.equal(result.coupaUserId, leaverId);

  // Nothing is left waiting on the leaver; all of it waits on the executive.
  assert.deepEqual(await approvals.listPendingRequisitionsRequestedBy(leaverId), []);
  assert.deepEqual(await approvals.listPendingApprovalsOf(leaverId), []);
  const executivesRequisitions = (await approvals.listPendingRequisitionsRequestedBy(executiveId)).map((r) => r.id);
  for (const id of work.requisitions) assert.ok(executivesRequisitions.includes(id), `requisition ${id} is the executive's`);
  const executivesSteps = await approvals.listPendingApprovalsOf(executiveId);
  for (const doc of work.documents) {
    assert.ok(executivesSteps.some((a) => a['approvable-type'] === doc.type && a['approvable-id'] === doc.id), `${doc.type} ${doc.id} waits on the executive`);
  }
  assert.equal((await h.coupaClient.getUser(leaverId)).active, false, 'deactivated, not deleted');

  // The audit trail: each move, from whom, to whom, when; the deactivation last.
  const moves = result.audit.map((e) => `${e.action} ${e.fromCoupaUserId}→${e.toCoupaUserId ?? '-'}`);
  assert.deepEqual(moves, [
    ...work.requisitions.map(() => `requisition rerouted ${leaverId}→${executiveId}`),
    ...work.documents.map(() => `approval reassigned ${leaverId}→${executiveId}`),
    `user deactivated ${leaverId}→-`,
  ]);
  for (const entry of result.audit) assert.ok(!Number.isNaN(Date.parse(entry.at)), 'each entry says when');
  assert.ok(result.audit.filter((e) => e.toEmployeeId !== null).every((e) => e.toEmployeeId === executive));
  assert.equal((await handle.query(statusQuery)).changes.length, 6, 'the status query shows the same trail');

  // Run again (a duplicate event): nothing more to write.
  h.coupa.controls.resetCalls();
  const again = await (await requestEmployeeOffboarding(h.temporal.env.client, h.queueConfig, leaver)).result();
  assert.equal(again.outcome, 'offboarded');
  assert.deepEqual(again.audit, []);
  assert.deepEqual(coupaWrites(), {}, 'a second run makes no writes');
});

test('a crash after the reroute and before the deactivation finishes correctly on restart, writing nothing twice', { timeout: 180_000 }, async () => {
  const opsManager = managerOf('SUP-OPS');
  const managerId = await provisioned(opsManager);
  const { employeeId } = h.workday.store.hire({ firstName: 'Crash', lastName: 'Leaver', supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST', costCenterCode: 'CC2000' });
  const leaverId = await provisioned(employeeId);
  const colleague = (await h.coupaClient.listUsers({ login: 'proc.admin.1' }))[0]!.id;
  const work = await workFor(leaverId, { requisitions: 1, approvals: 1 }, colleague);
  await terminateToday(employeeId);

  // Coupa fails every read of the leaver's user record: the run gets past the reroute and hangs on the deactivation.
  h.coupa.controls.setFaults({ failNext: Array.from({ length: 50 }, () => ({ status: 503, retryAfterSeconds: 1, pathContains: `/api/users/${leaverId}` })) });
  h.coupa.controls.resetCalls();
  const handle = await requestEmployeeOffboarding(h.temporal.env.client, h.queueConfig, employeeId);
  await eventually(async () => ((await handle.query(statusQuery)).step === 'deactivating the Coupa user' ? true : undefined), 'the reroute to finish');
  assert.deepEqual(await approvals.listPendingRequisitionsRequestedBy(leaverId), [], 'the requisition moved before the crash');

  // The worker dies; Coupa recovers; a new worker picks the run up from its history.
  await h.stopWorkers();
  assert.equal((await h.coupaClient.getUser(managerId)).active, true);
  h.coupa.controls.setFaults({});
  await h.startWorkers();

  const result = await handle.result();
  assert.equal(result.outcome, 'offboarded');
  assert.equal((await h.coupaClient.getUser(leaverId)).active, false);
  assert.ok((await approvals.listPendingRequisitionsRequestedBy(managerId)).some((r) => r.id === work.requisitions[0]));
  const writes = coupaWrites();
  assert.equal(writes['PUT /api/requisitions/:id'], 1, `the requisition was rerouted once: ${JSON.stringify(writes)}`);
  assert.equal(writes['PUT /api/users/:id'], 1, 'one deactivation');
  assert.deepEqual(
    result.audit.map((e) => e.action),
    ['requisition rerouted', 'approval reassigned', 'user deactivated'],
  );
});

test('both paths of employeeOffboarding (before and since offboarding-fewer-reads) have a saved history that the replay test replays', () => {
  for (const name of REQUIRED_OFFBOARDING_HISTORIES) {
    assert.ok(fs.existsSync(path.join(historiesDir, `${name}.json`)), `test/histories/${name}.json is missing: run npx tsx test/histories/record-offboarding.ts`);
  }
});
