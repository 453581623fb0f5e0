// The Coupa simulator's requisitions and approvals answer as Coupa does: filters, paging, actions, 400 on a decided step, add_approver and remove_approval.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index.js';

type JsonRecord = Record<string, unknown>;
type Approval = JsonRecord & { id: number; status: string; approver: JsonRecord; position: number; type: string };
type Requisition = JsonRecord & { id: number; status: string; 'requested-by': JsonRecord; approvals: Approval[]; 'current-approval': Approval | null };

let coupa: CoupaSandbox;
let token: string;

interface ApiReply<T> {
  status: number;
  body: T;
}

async function api<T = unknown>(method: string, path: string, options: { body?: unknown; bearer?: string } = {}): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${options.bearer ?? token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${coupa.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

async function admin<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiReply<T>> {
  const res = await fetch(`${coupa.url}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

/** Offset paging the way a client must do it: until a short page. */
async function all<T>(path: string): Promise<T[]> {
  const rows: T[] = [];
  const join = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += 50) {
    const page = await api<T[]>('GET', `${path}${join}offset=${offset}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    rows.push(...page.body);
    if (page.body.length < 50) return rows;
  }
}

function user(login: string) {
  const found = coupa.store.findUserByLogin(login);
  assert.ok(found, `seeded user ${login}`);
  return found;
}

/** A contractor whose manager is proc.admin.N, with a pending requisition waiting on the given approvers. */
async function pendingRequisition(requester: string, approvers: string[] | undefined, lines?: unknown[]): Promise<Requisition> {
  const res = await admin<Requisition>('POST', '/requisitions', {
    requester: { login: requester },
    ...(approvers === undefined ? {} : { approvers: approvers.map((login) => ({ login })) }),
    ...(lines === undefined ? {} : { lines }),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** A seeded active contractor with a manager (proc.admin.2, whose manager is proc.admin.1); set in before(). */
let requesterLogin = '';

before(async () => {
  coupa = await startCoupaSandbox();
  // Every granted scope, plus reading invoices (not granted by default) to check their status.
  token = coupa.mintToken([...coupa.credentials.scopes, 'core.invoice.read']).access_token;
  const contractor = coupa.store.users.all().find((u) => u.login.startsWith('ctr.') && u.active && u.managerId !== null);
  assert.ok(contractor);
  requesterLogin = contractor.login;
});

after(async () => {
  await coupa?.close();
});

beforeEach(async () => {
  assert.equal((await admin('POST', '/reset')).status, 200);
});

describe('requisitions: reading', () => {
  test('the seed has pending requisitions for several users, each waiting on its requester\'s manager', async () => {
    const pending = await all<Requisition>('/api/requisitions?status=pending_approval');
    const requesters = new Set(pending.map((r) => r['requested-by'].login));
    assert.ok(pending.length >= 5 && requesters.size >= 3, `${pending.length} pending from ${requesters.size} requesters`);
    for (const req of pending) {
      const requester = user(String(req['requested-by'].login));
      assert.equal(req['current-approval']?.status, 'pending_approval');
      assert.equal(req['current-approval']?.approver.id, requester.managerId);
      assert.ok(req['requisition-lines'] && (req['requisition-lines'] as unknown[]).length > 0);
      assert.match(String(req.total), /^\d+\.\d{2}$/);
    }
  });

  test('filters by requester through the association: id, employee-number, login, and the requested_by_id shorthand', async () => {
    const requester = user(requesterLogin);
    const expected = coupa.snapshot().requisitions.filter((r) => (r['requested-by'] as JsonRecord).id === requester.id).map((r) => r.id);
    assert.ok(expected.length > 0);
    const byId = await api<Requisition[]>('GET', `/api/requisitions?requested-by[id]=${requester.id}`);
    const byNumber = await api<Requisition[]>('GET', `/api/requisitions?requested-by[employee-number]=${requester.employeeNumber ?? ''}`);
    const byLogin = await api<Requisition[]>('GET', `/api/requisitions?requested_by[login]=${requester.login}`);
    const shorthand = await api<Requisition[]>('GET', `/api/requisitions?requested_by_id=${requester.id}`);
    for (const reply of [byId, byNumber, byLogin, shorthand]) {
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body.map((r) => r.id), expected);
    }
  });

  test('filters by status[in] and by updated-at[gt] (a watermark)', async () => {
    const snapshot = coupa.snapshot().requisitions;
    const open = await all<Requisition>('/api/requisitions?status[in]=pending_approval,draft');
    assert.deepEqual(
      open.map((r) => r.id),
      snapshot.filter((r) => r.status === 'pending_approval' || r.status === 'draft').map((r) => r.id),
    );
    const latest = Math.max(...snapshot.map((r) => Date.parse(String(r['updated-at']))));
    const watermark = String(snapshot.find((r) => Date.parse(String(r['updated-at'])) === latest)?.['updated-at']);
    const none = await api<Requisition[]>('GET', `/api/requisitions?updated-at[gt]=${encodeURIComponent(watermark)}`);
    assert.deepEqual(none.body, []);
    const created = await pendingRequisition(requesterLogin, undefined);
    const since = await api<Requisition[]>('GET', `/api/requisitions?updated_at[gt]=${encodeURIComponent(watermark)}`);
    assert.deepEqual(since.body.map((r) => r.id), [created.id]);
  });

  test('pages past 50 rows: 50, then the rest, and a larger limit is capped at 50', async () => {
    const requester = user(requesterLogin);
    const before = coupa.store.requisitions.all().filter((r) => r.requestedById === requester.id).length;
    for (let i = 0; i < 55; i += 1) await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const first = await api<Requisition[]>('GET', `/api/requisitions?requested-by[id]=${requester.id}&limit=100`);
    assert.equal(first.body.length, 50);
    const second = await api<Requisition[]>('GET', `/api/requisitions?requested-by[id]=${requester.id}&offset=50`);
    assert.equal(second.body.length, before + 55 - 50);
    const ids = [...first.body, ...second.body].map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ascending by id');
    assert.equal(new Set(ids).size, ids.length);
  });

  test('an unknown id is 404 with Coupa\'s error body; an unknown filter attribute is 400', async () => {
    const missing = await api<JsonRecord>('GET', '/api/requisitions/999999');
    assert.equal(missing.status, 404);
    assert.ok((missing.body.errors as JsonRecord).base);
    assert.equal((await api('GET', '/api/requisitions?requestor[id]=1')).status, 400);
  });
});

describe('requisitions: writing', () => {
  const lines = [{ description: 'USB-C hub', quantity: 2, 'unit-price': '39.90' }];

  test('POST creates a draft (201, no approvals); DELETE removes a draft and refuses a submitted one', async () => {
    const created = await api<Requisition>('POST', '/api/requisitions', { body: { requester: { login: requesterLogin }, requisition_lines: lines } });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'draft');
    assert.deepEqual(created.body.approvals, []);
    assert.equal(created.body.total, '79.80');
    assert.equal(created.body['requested-by'].login, requesterLogin);

    const deleted = await api<Requisition>('DELETE', `/api/requisitions/${created.body.id}`);
    assert.equal(deleted.status, 200);
    assert.equal((await api('GET', `/api/requisitions/${created.body.id}`)).status, 404);

    const pending = await pendingRequisition(requesterLogin, undefined);
    const refused = await api<{ errors: Record<string, string[]> }>('DELETE', `/api/requisitions/${pending.id}`);
    assert.equal(refused.status, 400);
    assert.match(refused.body.errors['requisition-header']?.[0] ?? '', /draft/);
  });

  test('validation failures answer 400 {"errors":{"requisition-header":[…]}} with every problem', async () => {
    const res = await api<{ errors: Record<string, string[]> }>('POST', '/api/requisitions', {
      body: { requisition_lines: [{ description: '', 'unit-price': 'abc' }] },
    });
    assert.equal(res.status, 400);
    const messages = res.body.errors['requisition-header'] ?? [];
    assert.ok(messages.some((m) => m.includes("Requester can't be blank")), messages.join('; '));
    assert.ok(messages.some((m) => m.includes("description can't be blank")));
    assert.ok(messages.some((m) => m.includes('unit price is not a number')));
  });

  test('submit_for_approval creates and submits: pending approval by the requester\'s manager', async () => {
    const requester = user(requesterLogin);
    const res = await api<Requisition>('POST', '/api/requisitions/submit_for_approval', { body: { requester: { id: requester.id }, 'requisition-lines': lines } });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'pending_approval');
    assert.equal(res.body['current-approval']?.approver.id, requester.managerId);
    assert.equal(res.body['current-approval']?.type, 'ManagementHierarchyApproval');
    assert.ok(res.body['submitted-at']);
  });

  test('a manager\'s limit below the total climbs to the next level, the higher step waiting as "created"', async () => {
    const res = await pendingRequisition(requesterLogin, undefined, [{ description: 'Build servers', quantity: 3, 'unit-price': 40000 }]);
    const [first, second] = res.approvals;
    assert.equal(res.approvals.length, 2);
    assert.equal(first?.status, 'pending_approval');
    assert.equal(second?.status, 'created');
    assert.equal(second?.approver.login, 'proc.admin.1');
  });

  test('rerouting to the manager: PUT requester on a pending requisition changes requested-by and keeps the approvals', async () => {
    const pending = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const manager = user('proc.admin.4');
    const res = await api<Requisition>('PUT', `/api/requisitions/${pending.id}`, { body: { requester: { id: manager.id } } });
    assert.equal(res.status, 200);
    assert.equal(res.body['requested-by'].id, manager.id);
    assert.equal(res.body.status, 'pending_approval');
    assert.deepEqual(res.body.approvals.map((a) => a.id), pending.approvals.map((a) => a.id));
    assert.ok(String(res.body['updated-at']) > String(pending['updated-at']));
    const listed = await api<Requisition[]>('GET', `/api/requisitions?requested-by[id]=${user(requesterLogin).id}&status=pending_approval`);
    assert.ok(!listed.body.some((r) => r.id === pending.id));
  });

  test('requested-by is output only: sent in a PUT it is ignored by default, refused or accepted when configured [U]', async () => {
    const pending = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const manager = user('proc.admin.4');
    const ignored = await api<Requisition>('PUT', `/api/requisitions/${pending.id}`, { body: { 'requested-by': { id: manager.id } } });
    assert.equal(ignored.status, 200);
    assert.equal(ignored.body['requested-by'].login, requesterLogin);

    assert.equal((await admin('PUT', '/approvals/config', { requestedByOnInput: 'reject' })).status, 200);
    const refused = await api<{ errors: Record<string, string[]> }>('PUT', `/api/requisitions/${pending.id}`, { body: { 'requested-by': { id: manager.id } } });
    assert.equal(refused.status, 400);

    await admin('PUT', '/approvals/config', { requestedByOnInput: 'accept' });
    const accepted = await api<Requisition>('PUT', `/api/requisitions/${pending.id}`, { body: { requested_by: { id: manager.id } } });
    assert.equal(accepted.body['requested-by'].id, manager.id);
  });

  test('a requester change can be refused after submit [U], and an inactive requester is always refused', async () => {
    const pending = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const inactive = coupa.store.users.all().find((u) => !u.active);
    assert.ok(inactive);
    const toInactive = await api<{ errors: Record<string, string[]> }>('PUT', `/api/requisitions/${pending.id}`, { body: { requester: { id: inactive.id } } });
    assert.equal(toInactive.status, 400);
    assert.match(toInactive.body.errors['requisition-header']?.[0] ?? '', /not an active user/);

    await admin('PUT', '/approvals/config', { changeRequesterAfterSubmit: false });
    const refused = await api('PUT', `/api/requisitions/${pending.id}`, { body: { requester: { login: 'proc.admin.4' } } });
    assert.equal(refused.status, 400);
  });
});

describe('approvals', () => {
  test('lists by approver[id], status, approvable-type and approvable-id', async () => {
    const approver = user('proc.admin.3');
    const expected = coupa
      .snapshot()
      .approvals.filter((a) => (a.approver as JsonRecord | null)?.id === approver.id && a.status === 'pending_approval')
      .map((a) => a.id);
    const mine = await all<Approval>(`/api/approvals?approver[id]=${approver.id}&status=pending_approval`);
    assert.deepEqual(mine.map((a) => a.id), expected);
    const types = new Set(mine.map((a) => a['approvable-type']));
    assert.ok(types.has('RequisitionHeader') && types.has('OrderHeader'), [...types].join(','));

    const onePo = mine.find((a) => a['approvable-type'] === 'OrderHeader');
    assert.ok(onePo);
    const byDocument = await api<Approval[]>('GET', `/api/approvals?approvable-type=OrderHeader&approvable-id=${String(onePo['approvable-id'])}`);
    assert.deepEqual(byDocument.body.map((a) => a.id), [onePo.id]);
  });

  test('approving each step moves the chain on; the last approval approves the requisition', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2', 'proc.admin.1']);
    const [first, second] = req.approvals;
    assert.ok(first && second);
    const approved = await api<Approval>('PUT', `/api/approvals/${first.id}/approve`);
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, 'approved');
    assert.ok(approved.body['approval-date']);
    let doc = (await api<Requisition>('GET', `/api/requisitions/${req.id}`)).body;
    assert.equal(doc.status, 'pending_approval');
    assert.equal(doc['current-approval']?.id, second.id);
    await api('PUT', `/api/approvals/${second.id}/approve`);
    doc = (await api<Requisition>('GET', `/api/requisitions/${req.id}`)).body;
    assert.equal(doc.status, 'approved');
    assert.equal(doc['current-approval'], null);
  });

  test('acting on an approval that is not pending answers 400 with Coupa\'s error body', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2', 'proc.admin.1']);
    const [first, second] = req.approvals;
    assert.ok(first && second);
    // Not reached yet.
    const early = await api<{ errors: Record<string, string[]> }>('PUT', `/api/approvals/${second.id}/approve`);
    assert.equal(early.status, 400);
    assert.match(early.body.errors.approval?.[0] ?? '', /created, not pending_approval/);
    await api('PUT', `/api/approvals/${first.id}/approve`);
    for (const action of ['approve', 'reject', 'hold']) {
      const again: ApiReply<{ errors: Record<string, string[]> }> = await api('PUT', `/api/approvals/${first.id}/${action}`);
      assert.equal(again.status, 400, action);
      assert.ok(again.body.errors.approval, action);
    }
    assert.equal((await api('PUT', '/api/approvals/999999/approve')).status, 404);
  });

  test('reject?reason= keeps the reason, drops the steps not reached and sends the requisition back as a draft', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2', 'proc.admin.1']);
    const [first, second] = req.approvals;
    assert.ok(first && second);
    const rejected = await api<Approval>('PUT', `/api/approvals/${first.id}/reject?reason=${encodeURIComponent('Over budget')}`);
    assert.equal(rejected.body.status, 'rejected');
    assert.equal(rejected.body.note, 'Over budget');
    assert.equal((await api('GET', `/api/approvals/${second.id}`)).status, 404);
    const doc = (await api<Requisition>('GET', `/api/requisitions/${req.id}`)).body;
    assert.equal(doc.status, 'draft');
    assert.equal(doc['reject-reason-comment'], 'Over budget');
  });

  test('hold puts a pending approval on hold; it can still be approved, not held twice', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const step = req.approvals[0];
    assert.ok(step);
    const held = await api<Approval>('PUT', `/api/approvals/${step.id}/hold`);
    assert.equal(held.body.status, 'on_hold');
    assert.equal((await api('PUT', `/api/approvals/${step.id}/hold`)).status, 400);
    assert.equal((await api<Approval>('PUT', `/api/approvals/${step.id}/approve`)).body.status, 'approved');
  });

  test('approve needs core.approval.write; listing needs core.approval.read', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const readOnly = coupa.mintToken(['core.approval.read']).access_token;
    assert.equal((await api('GET', '/api/approvals?limit=1', { bearer: readOnly })).status, 200);
    assert.equal((await api('PUT', `/api/approvals/${req.approvals[0]?.id}/approve`, { bearer: readOnly })).status, 403);
    const noApprovals = coupa.mintToken(['core.requisition.read']).access_token;
    assert.equal((await api('GET', '/api/approvals?limit=1', { bearer: noApprovals })).status, 403);
  });
});

describe('add_approver and remove_approval', () => {
  test('add_approver?approver_id= inserts a manual step after the current one; removing the current step hands over to it', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2', 'proc.admin.1']);
    const manager = user('proc.admin.4');
    const added = await api<Requisition>('PUT', `/api/requisitions/${req.id}/add_approver?approver_id=${manager.id}`);
    assert.equal(added.status, 200);
    assert.deepEqual(
      added.body.approvals.map((a) => [a.position, a.approver.login, a.status, a.type]),
      [
        [1, 'proc.admin.2', 'pending_approval', 'ManagementHierarchyApproval'],
        [2, 'proc.admin.4', 'created', 'ManualApproval'],
        [3, 'proc.admin.1', 'created', 'ManagementHierarchyApproval'],
      ],
    );
    const leaverStep = req.approvals[0];
    assert.ok(leaverStep);
    const removed = await api<Requisition>('PUT', `/api/requisitions/${req.id}/remove_approval?approval_id=${leaverStep.id}`);
    assert.equal(removed.status, 200);
    assert.equal(removed.body['current-approval']?.approver.id, manager.id);
    assert.equal(removed.body['current-approval']?.status, 'pending_approval');
    assert.deepEqual(removed.body.approvals.map((a) => a.position), [1, 2]);
    const waitingOnLeaver = await api<Approval[]>('GET', `/api/approvals?approver[id]=${user('proc.admin.2').id}&approvable-id=${req.id}`);
    assert.deepEqual(waitingOnLeaver.body, []);
  });

  test('remove_approval refuses a decided step, a step of another document and a missing approval_id (400)', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2', 'proc.admin.1']);
    const other = await pendingRequisition(requesterLogin, ['proc.admin.3']);
    const [first] = req.approvals;
    assert.ok(first);
    await api('PUT', `/api/approvals/${first.id}/approve`);
    const decided = await api<{ errors: Record<string, string[]> }>('PUT', `/api/requisitions/${req.id}/remove_approval?approval_id=${first.id}`);
    assert.equal(decided.status, 400);
    assert.match(decided.body.errors.approval?.[0] ?? '', /not pending_approval/);
    const foreign = await api('PUT', `/api/requisitions/${req.id}/remove_approval?approval_id=${other.approvals[0]?.id}`);
    assert.equal(foreign.status, 400);
    assert.equal((await api('PUT', `/api/requisitions/${req.id}/remove_approval`)).status, 400);
  });

  test('removing the only open step approves the document (nothing left to wait on)', async () => {
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const res = await api<Requisition>('PUT', `/api/requisitions/${req.id}/remove_approval`, { body: { approval_id: req.approvals[0]?.id } });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'approved');
  });

  test('with removeApproval=manual-only [U], only a step add_approver created can be removed', async () => {
    assert.equal((await admin('PUT', '/approvals/config', { removeApproval: 'manual-only' })).status, 200);
    const req = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const refused = await api<{ errors: Record<string, string[]> }>('PUT', `/api/requisitions/${req.id}/remove_approval?approval_id=${req.approvals[0]?.id}`);
    assert.equal(refused.status, 400);
    assert.match(refused.body.errors['requisition-header']?.[0] ?? '', /not added manually/);
    const added = await api<Requisition>('PUT', `/api/requisitions/${req.id}/add_approver?approver_id=${user('proc.admin.4').id}`);
    const manual = added.body.approvals.find((a) => a.type === 'ManualApproval');
    assert.ok(manual);
    assert.equal((await api('PUT', `/api/requisitions/${req.id}/remove_approval?approval_id=${manual.id}`)).status, 200);
    // Reset restores the documented-by-reference default.
    await admin('POST', '/reset');
    assert.equal((await admin<JsonRecord>('GET', '/approvals/config')).body.removeApproval, 'any-open');
  });

  test('add_approver refuses a document not pending approval, an inactive user and a missing approver_id', async () => {
    const draft = await admin<Requisition>('POST', '/requisitions', { requester: { login: requesterLogin }, status: 'draft' });
    const manager = user('proc.admin.4');
    assert.equal((await api('PUT', `/api/requisitions/${draft.body.id}/add_approver?approver_id=${manager.id}`)).status, 400);
    const pending = await pendingRequisition(requesterLogin, ['proc.admin.2']);
    const inactive = coupa.store.users.all().find((u) => !u.active);
    assert.ok(inactive);
    assert.equal((await api('PUT', `/api/requisitions/${pending.id}/add_approver?approver_id=${inactive.id}`)).status, 400);
    assert.equal((await api('PUT', `/api/requisitions/${pending.id}/add_approver`)).status, 400);
    assert.equal((await api('PUT', `/api/requisitions/999999/add_approver?approver_id=${manager.id}`)).status, 404);
  });

  test('invoices and purchase orders take the same actions on their own paths; their last approval approves or issues them', async () => {
    const leaver = user('ext.approver.2');
    const manager = user('proc.admin.4');
    const invoice = await admin<JsonRecord & { id: number; approvals: Approval[] }>('POST', '/invoices', { approvers: [{ id: leaver.id }] });
    assert.equal(invoice.status, 201);
    const po = await admin<JsonRecord & { id: number; approvals: Approval[] }>('POST', '/purchase_orders', { approvers: [{ login: leaver.login }] });
    assert.equal(po.status, 201);

    for (const [path, doc, done] of [
      ['invoices', invoice.body, 'approved'],
      ['purchase_orders', po.body, 'issued'],
    ] as const) {
      const added = await api<{ approvals: Approval[] }>('PUT', `/api/${path}/${doc.id}/add_approver?approver_id=${manager.id}`);
      assert.equal(added.status, 200, path);
      const removed = await api<{ approvals: Approval[]; 'current-approval': Approval }>(
        'PUT',
        `/api/${path}/${doc.id}/remove_approval?approval_id=${doc.approvals[0]?.id}`,
      );
      assert.equal(removed.body['current-approval'].approver.id, manager.id, path);
      await api('PUT', `/api/approvals/${removed.body['current-approval'].id}/approve`);
      assert.equal((await api<JsonRecord>('GET', `/api/${path}/${doc.id}`)).body.status, done, path);
    }
  });

  test('the admin route names users by employee number and refuses an unknown one', async () => {
    const requester = user(requesterLogin);
    const ok = await admin<Requisition>('POST', '/requisitions', { requester: { 'employee-number': requester.employeeNumber }, approvers: [] });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.status, 'approved');
    const unknown = await admin<{ issues: { path: unknown[] }[] }>('POST', '/requisitions', { requester: { login: 'nobody' } });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.issues[0]?.path, ['requester']);
  });
});

describe('seed', () => {
  test('is deterministic with documents too, and reset brings it back', async () => {
    const other = await startCoupaSandbox();
    try {
      assert.deepEqual(other.snapshot(), coupa.snapshot());
    } finally {
      await other.close();
    }
    const before = coupa.snapshot().requisitions.length;
    await pendingRequisition(requesterLogin, undefined);
    await admin('POST', '/reset');
    assert.equal(coupa.snapshot().requisitions.length, before);
  });
});
