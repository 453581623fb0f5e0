// Coupa approvals connector against the in-process sandbox: a leaver's pending requisitions and approvals found, moved to their manager, and a repeat writes nothing.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { CoupaApprovalsClient, CoupaClient, type CoupaApprovableType } from '../../connectors/coupa';
import { ConnectorErrorTypes } from '../../connectors/http';
import { admin, callCounts, callsTo, expectFailure } from './helpers';

interface Document {
  id: number;
  approvals: { id: number; approver: { id: number } }[];
}

/** Every write the sandbox saw (PUT/POST/DELETE on /api), by route. */
async function apiWrites(baseUrl: string): Promise<Record<string, number>> {
  const { byRoute } = await callCounts(baseUrl);
  return Object.fromEntries(Object.entries(byRoute).filter(([route]) => /^(PUT|POST|DELETE|PATCH) \/api\//.test(route)));
}

describe('Coupa approvals connector', () => {
  let sandbox: CoupaSandbox;

  before(async () => {
    sandbox = await startCoupaSandbox();
  });
  after(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    await admin(sandbox.url, 'POST', '/_sandbox/reset');
  });

  const approvals = () =>
    new CoupaApprovalsClient(
      new CoupaClient({
        baseUrl: sandbox.url,
        clientId: sandbox.credentials.clientId,
        clientSecret: sandbox.credentials.clientSecret,
        scopes: sandbox.credentials.scopes,
        timeoutMs: 5_000,
      }),
    );

  const userId = (login: string): number => {
    const user = sandbox.store.findUserByLogin(login);
    assert.ok(user, login);
    return user.id;
  };

  const requisition = async (body: unknown): Promise<Document> => (await admin(sandbox.url, 'POST', '/_sandbox/requisitions', body)) as Document;
  const invoice = async (body: unknown): Promise<Document> => (await admin(sandbox.url, 'POST', '/_sandbox/invoices', body)) as Document;

  /**
   * An auditor about to leave (their manager is proc.admin.2): three pending requisitions of their
   * own, one requisition and one invoice waiting on their approval; plus work that must not move:
   * a draft, a step they already approved, and a colleague's pending approval.
   */
  async function leaverWithWork() {
    const leaver = 'ext.auditor.1';
    const leaverId = userId(leaver);
    const managerId = sandbox.store.users.get(leaverId)?.managerId;
    assert.ok(managerId, 'the leaver has a manager');
    const own = [];
    for (let i = 0; i < 3; i += 1) own.push(await requisition({ requester: { login: leaver }, approvers: [{ login: 'proc.admin.3' }] }));
    await requisition({ requester: { login: leaver }, status: 'draft' });
    const toApprove = await requisition({ requester: { login: 'ctr.gray.okafor' }, approvers: [{ login: leaver }, { login: 'proc.admin.1' }] });
    const invoiceToApprove = await invoice({ approvers: [{ login: leaver }] });
    const alreadyApproved = await invoice({ approvers: [{ login: leaver }, { login: 'proc.admin.1' }] });
    const decided = alreadyApproved.approvals[0];
    assert.ok(decided);
    const token = sandbox.mintToken().access_token;
    const approved = await fetch(`${sandbox.url}/api/approvals/${decided.id}/approve`, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
    assert.equal(approved.status, 200);
    return { leaverId, managerId, own, toApprove, invoiceToApprove };
  }

  /** The offboarding's Coupa part, as its activities will run it: requesters first, then approvers. */
  async function reroute(client: CoupaApprovalsClient, toUserId: number, work: { requisitionIds: number[]; steps: { type: CoupaApprovableType; documentId: number; approvalId: number }[] }) {
    const results = [];
    for (const id of work.requisitionIds) results.push(await client.reassignRequisitionRequester(id, toUserId));
    for (const step of work.steps) {
      results.push(await client.addApprover(step.type, step.documentId, toUserId));
      results.push(await client.removeApproval(step.type, step.documentId, step.approvalId));
    }
    return results;
  }

  it('finds exactly a leaver\'s three pending requisitions and two pending approvals (one requisition, one invoice)', async () => {
    const work = await leaverWithWork();
    const client = approvals();
    const requisitions = await client.listPendingRequisitionsRequestedBy(work.leaverId);
    assert.deepEqual(
      requisitions.map((r) => r.id),
      work.own.map((r) => r.id),
    );
    const steps = await client.listPendingApprovalsOf(work.leaverId);
    assert.deepEqual(
      steps.map((a) => [a['approvable-type'], a['approvable-id'], a.status]),
      [
        ['RequisitionHeader', work.toApprove.id, 'pending_approval'],
        ['InvoiceHeader', work.invoiceToApprove.id, 'pending_approval'],
      ],
    );
  });

  it('moves all of it to the manager, leaving nothing on the leaver; run again, it writes nothing', async () => {
    const work = await leaverWithWork();
    const client = approvals();
    const plan = {
      requisitionIds: (await client.listPendingRequisitionsRequestedBy(work.leaverId)).map((r) => r.id),
      steps: (await client.listPendingApprovalsOf(work.leaverId)).map((a) => ({
        type: a['approvable-type'] as CoupaApprovableType,
        documentId: a['approvable-id'] ?? 0,
        approvalId: a.id,
      })),
    };

    const first = await reroute(client, work.managerId, plan);
    assert.ok(first.every((r) => r.changed));
    assert.deepEqual(await client.listPendingRequisitionsRequestedBy(work.leaverId), []);
    assert.deepEqual(await client.listPendingApprovalsOf(work.leaverId), []);
    const managersRequisitions = (await client.listPendingRequisitionsRequestedBy(work.managerId)).map((r) => r.id);
    for (const id of plan.requisitionIds) assert.ok(managersRequisitions.includes(id), `requisition ${id} is the manager's`);
    const managersSteps = await client.listPendingApprovalsOf(work.managerId);
    for (const step of plan.steps) {
      const moved = managersSteps.find((a) => a['approvable-type'] === step.type && a['approvable-id'] === step.documentId);
      assert.ok(moved, `${step.type} ${step.documentId} waits on the manager`);
      // The leaver's step was current, so the manager's is now: the document is not stuck.
      assert.equal(moved.status, 'pending_approval');
      assert.equal(moved.type, 'ManualApproval');
    }
    assert.equal(await callsTo(sandbox.url, 'PUT /api/requisitions/:id'), 3);
    assert.equal(await callsTo(sandbox.url, 'PUT /api/requisitions/:id/add_approver'), 1);
    assert.equal(await callsTo(sandbox.url, 'PUT /api/invoices/:id/remove_approval'), 1);

    // A second run (a retry, or a restart after a crash) with the same plan changes nothing.
    await admin(sandbox.url, 'DELETE', '/_sandbox/calls');
    const second = await reroute(client, work.managerId, plan);
    assert.ok(second.every((r) => !r.changed), JSON.stringify(second));
    assert.deepEqual(await apiWrites(sandbox.url), {});
    assert.deepEqual(
      second.filter((r) => 'outcome' in r).map((r) => ('outcome' in r ? r.outcome : null)),
      ['already-removed', 'already-removed'],
    );
  });

  it('after a crash between adding the manager and removing the leaver, the rerun only removes', async () => {
    const work = await leaverWithWork();
    const client = approvals();
    const step = work.invoiceToApprove.approvals[0];
    assert.ok(step);
    const added = await client.addApprover('InvoiceHeader', work.invoiceToApprove.id, work.managerId);
    assert.ok(added.changed && added.approvalId !== null);
    // Crash. The rerun:
    await admin(sandbox.url, 'DELETE', '/_sandbox/calls');
    const again = await client.addApprover('InvoiceHeader', work.invoiceToApprove.id, work.managerId);
    assert.deepEqual({ changed: again.changed, approvalId: again.approvalId }, { changed: false, approvalId: added.approvalId });
    const removed = await client.removeApproval('InvoiceHeader', work.invoiceToApprove.id, step.id);
    assert.equal(removed.outcome, 'removed');
    assert.deepEqual(await apiWrites(sandbox.url), { 'PUT /api/invoices/:id/remove_approval': 1 });
  });

  it('leaves an approval the leaver decided meanwhile alone: already decided, no write', async () => {
    const work = await leaverWithWork();
    const client = approvals();
    const step = work.toApprove.approvals[0];
    assert.ok(step);
    const token = sandbox.mintToken().access_token;
    await fetch(`${sandbox.url}/api/approvals/${step.id}/approve`, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
    await admin(sandbox.url, 'DELETE', '/_sandbox/calls');
    const removal = await client.removeApproval('RequisitionHeader', work.toApprove.id, step.id);
    assert.deepEqual({ outcome: removal.outcome, status: removal.status, changed: removal.changed }, { outcome: 'already-decided', status: 'approved', changed: false });
    assert.deepEqual(await apiWrites(sandbox.url), {});
  });

  it('reroutes a purchase order\'s approval on its own path', async () => {
    const leaverId = userId('proc.admin.6');
    const managerId = userId('proc.admin.1');
    const po = (await admin(sandbox.url, 'POST', '/_sandbox/purchase_orders', { approvers: [{ id: leaverId }] })) as Document;
    const client = approvals();
    const [step] = (await client.listPendingApprovalsOf(leaverId)).filter((a) => a['approvable-type'] === 'OrderHeader');
    assert.ok(step);
    await client.addApprover('OrderHeader', po.id, managerId);
    await client.removeApproval('OrderHeader', po.id, step.id);
    assert.equal(await callsTo(sandbox.url, 'PUT /api/purchase_orders/:id/add_approver'), 1);
    assert.ok((await client.listPendingApprovalsOf(managerId)).some((a) => a['approvable-id'] === po.id));
  });

  it('pages through more than 50 approvals waiting on one person', async () => {
    const approverId = userId('ext.approver.3');
    for (let i = 0; i < 55; i += 1) await invoice({ approvers: [{ id: approverId }] });
    await admin(sandbox.url, 'DELETE', '/_sandbox/calls');
    const steps = await approvals().listPendingApprovalsOf(approverId);
    assert.equal(steps.length, 55);
    assert.equal(await callsTo(sandbox.url, 'GET /api/approvals'), 2);
  });

  it('counts a step not reached yet as waiting on its approver, and moves it', async () => {
    const leaverId = userId('ext.auditor.2');
    const doc = await requisition({ requester: { login: 'ctr.gray.okafor' }, approvers: [{ login: 'proc.admin.3' }, { id: leaverId }] });
    const client = approvals();
    const [queued] = await client.listPendingApprovalsOf(leaverId);
    assert.equal(queued?.status, 'created');
    assert.ok(queued);
    await client.addApprover('RequisitionHeader', doc.id, userId('proc.admin.2'));
    const removal = await client.removeApproval('RequisitionHeader', doc.id, queued.id);
    assert.equal(removal.outcome, 'removed');
    assert.deepEqual(await client.listPendingApprovalsOf(leaverId), []);
  });

  it('surfaces Coupa\'s refusals as typed, non-retryable failures with its message', async () => {
    const work = await leaverWithWork();
    const client = approvals();
    // A tenant that forbids a requester change after submit [U].
    await admin(sandbox.url, 'PUT', '/_sandbox/approvals/config', { changeRequesterAfterSubmit: false });
    const refused = await expectFailure(client.reassignRequisitionRequester(work.own[0]?.id ?? 0, work.managerId));
    assert.equal(refused.type, ConnectorErrorTypes.ValidationFailed);
    assert.equal(refused.nonRetryable, true);
    assert.match(refused.message, /Requester cannot be changed/);

    // A tenant where remove_approval only removes manually added steps [U].
    await admin(sandbox.url, 'PUT', '/_sandbox/approvals/config', { removeApproval: 'manual-only' });
    const step = work.toApprove.approvals[0];
    assert.ok(step);
    const notManual = await expectFailure(client.removeApproval('RequisitionHeader', work.toApprove.id, step.id));
    assert.equal(notManual.type, ConnectorErrorTypes.ValidationFailed);

    // An approval named with the wrong document is a caller's mistake, refused before any write.
    const wrongDocument = await expectFailure(client.removeApproval('InvoiceHeader', work.invoiceToApprove.id, step.id));
    assert.equal(wrongDocument.type, ConnectorErrorTypes.ValidationFailed);
  });

  it('stops at once when the activity is cancelled: no page is asked for', async () => {
    const controller = new AbortController();
    controller.abort(new Error('activity cancelled'));
    await admin(sandbox.url, 'DELETE', '/_sandbox/calls');
    await assert.rejects(approvals().listPendingApprovalsOf(userId('proc.admin.3'), { signal: controller.signal }), /activity cancelled/);
    assert.equal(await callsTo(sandbox.url, 'GET /api/approvals'), 0);
  });
});
