// Coupa's finance documents in the sandbox: invoices and POs with accounted lines, the ERP export flag (filter, mark, reset by a new PO version) and integration history records.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa';

let coupa: CoupaSandbox;
let token = '';

before(async () => {
  coupa = await startCoupaSandbox();
  token = coupa.mintToken().access_token;
});
after(async () => {
  await coupa?.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${coupa.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
const admin = (path: string, body: unknown = {}) => call('POST', path, body);

test('an approved invoice shows its lines with accounts and commodity, lists under exported=false until marked exported in its own request', async () => {
  const created = await admin('/_sandbox/finance/invoices', { approved: true, 'invoice-date': '2026-02-03', lines: [{ account: ['US01', 'CC1100', '6100'], total: '12.50', commodity: 'Stationery' }] });
  assert.equal(created.status, 201);
  const id = created.json.id as number;
  const shown = await call('GET', `/api/invoices/${id}`);
  assert.equal(shown.json.status, 'approved');
  assert.equal(shown.json['invoice-date'], '2026-02-03');
  assert.equal(shown.json['invoice-lines'][0].account['segment-3'], '6100');
  assert.equal(shown.json['invoice-lines'][0].account.code, 'US01-CC1100-6100');
  assert.equal(shown.json['invoice-lines'][0].commodity.name, 'Stationery');
  const pending = await call('GET', '/api/invoices?exported=false&status=approved');
  assert.ok(pending.json.some((i: { id: number }) => i.id === id));
  const marked = await call('PUT', `/api/invoices/${id}?exported=true`);
  assert.equal(marked.status, 200);
  assert.equal(marked.json.exported, true);
  assert.ok(marked.json['last-exported-at']);
  assert.ok(!(await call('GET', '/api/invoices?exported=false&status=approved')).json.some((i: { id: number }) => i.id === id));
});

test('a credit note carries its document type and negative lines', async () => {
  const created = await admin('/_sandbox/finance/invoices', { approved: true, 'document-type': 'Credit Note', lines: [{ account: ['US01', 'CC1100', '6100'], total: '-40.00' }] });
  assert.equal(created.json['document-type'], 'Credit Note');
  assert.equal(created.json['invoice-lines'][0].total, '-40.00');
  assert.equal(created.json['total-with-taxes'], '-40.00');
});

test('a PO revision is a new version with new lines and clears exported; close and cancel set the status', async () => {
  const po = (await admin('/_sandbox/finance/purchase_orders', { lines: [{ account: ['US01', 'CC1500', '6150'], total: '100.00' }] })).json;
  assert.equal(po.status, 'issued');
  assert.equal((await call('PUT', `/api/purchase_orders/${po.id}?exported=true`)).json.exported, true);
  const revised = (await admin(`/_sandbox/purchase_orders/${po.id}/revise`, { lines: [{ account: ['US01', 'CC1500', '6150'], total: '180.00' }] })).json;
  assert.equal(revised.version, 2);
  assert.equal(revised.exported, false);
  assert.equal(revised['order-lines'][0].total, '180.00');
  assert.equal((await call('GET', `/api/purchase_orders?exported=false&id=${po.id}`)).json.length, 1);
  assert.equal((await admin(`/_sandbox/purchase_orders/${po.id}/close`)).json.status, 'closed');
});

test('integration history records are created and listed', async () => {
  const created = await call('POST', '/api/integration_history_records', {
    'document-type': 'InvoiceHeader',
    'document-id': 6001,
    status: 'error',
    responses: [{ 'response-code': 'config/MappingMissing', 'response-message': 'line 2 has no ledger account' }],
  });
  assert.equal(created.status, 201);
  const listed = await call('GET', '/api/integration_history_records?document-type=InvoiceHeader');
  assert.equal(listed.json.at(-1).responses[0]['response-message'], 'line 2 has no ledger account');
  const invalid = await call('POST', '/api/integration_history_records', { status: 'error' });
  assert.equal(invalid.status, 400);
});
