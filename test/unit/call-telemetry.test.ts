// Route templates keep metric labels bounded and spans free of personal data; every connector call reaches the listeners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { routeTemplate, addHttpCallListener, type HttpCallRecord, type TokenRefreshRecord } from '../../connectors/http/call-telemetry';
import { CoupaClient } from '../../connectors/coupa';
import { startCoupaSandbox } from '../../sandbox/coupa';

test('ids, WIDs, natural keys and anything like an e-mail become placeholders; the rest of the path stays', () => {
  assert.equal(routeTemplate('/api/users/123'), '/api/users/:id');
  assert.equal(routeTemplate('/ccx/api/v1/acme/workers/3aa5550b7fe348b98d7b5741afc65534'), '/ccx/api/v1/acme/workers/:wid');
  assert.equal(routeTemplate('/ccx/api/v1/acme/workers/Employee_ID=21001/jobs'), '/ccx/api/v1/acme/workers/Employee_ID=:key/jobs');
  assert.equal(routeTemplate('/ccx/api/v1/acme/workers/Employee_ID%3D21001'), '/ccx/api/v1/acme/workers/Employee_ID=:key');
  assert.equal(routeTemplate('/api/users/jane.doe%40example.com'), '/api/users/:value');
  assert.equal(routeTemplate('/api/users?employee-number=21001'), '/api/users');
  assert.equal(routeTemplate('/oauth2/token'), '/oauth2/token');
});

test('a Coupa call and its token request reach the listeners with route, status and outcome', async () => {
  const coupa = await startCoupaSandbox();
  const calls: HttpCallRecord[] = [];
  const refreshes: TokenRefreshRecord[] = [];
  const remove = addHttpCallListener({ onHttpCall: (c) => calls.push(c), onTokenRefresh: (r) => refreshes.push(r) });
  try {
    const client = new CoupaClient({ baseUrl: coupa.url, ...coupa.credentials, logger: pino({ level: 'silent' }) });
    await client.listUsers({ 'employee-number': 'no-such-employee' });
    coupa.controls.setFaults({ failNext: [{ status: 429, pathContains: '/api/users' }] });
    await assert.rejects(client.listUsers({ 'employee-number': 'no-such-employee' }));
    assert.deepEqual(refreshes, [{ api: 'coupa', outcome: 'ok' }]);
    const statuses = calls.filter((c) => c.route === '/api/users').map((c) => `${c.method} ${c.status}`);
    assert.deepEqual(statuses, ['GET 200', 'GET 429']);
    assert.ok(calls.some((c) => c.route.endsWith('/token') && c.status === 200), 'the token call is observed too');
    assert.ok(calls.every((c) => c.durationMs >= 0 && !JSON.stringify(c).includes('no-such-employee')), 'no query value in a record');
  } finally {
    remove();
    coupa.controls.setFaults({});
    await coupa.close();
  }
});
