// Coupa group ids are reference data cached in the worker: the org sync's group page reads fill the cache, so provisioning adds a membership with one request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa';
import { CoupaClient } from '../../connectors/coupa';
import { createCoupaActivities } from '../../activities';
import { CoupaGroupIdCache } from '../../activities/provisioning-economy';

let coupa: CoupaSandbox;
let client: CoupaClient;

before(async () => {
  coupa = await startCoupaSandbox();
  client = new CoupaClient({ baseUrl: coupa.url, clientId: coupa.credentials.clientId, clientSecret: coupa.credentials.clientSecret, scopes: coupa.credentials.scopes, logger: pino({ level: 'silent' }) });
});

after(async () => {
  await coupa?.close();
});

test('after the org sync read the group pages, a membership add is one request; on a cold cache it is one lookup more', async () => {
  const users = coupa.store.snapshot().users as Array<{ id: number }>;
  const groups = coupa.store.snapshot().userGroups as Array<{ id: number; name: string }>;
  const [first, second] = groups;
  assert.ok(first && second && users[0] && users[1]);
  const env = new MockActivityEnvironment();

  const warm = createCoupaActivities({ coupa: client }, new CoupaGroupIdCache());
  await env.run(() => warm.readCoupaUserGroupsPage({ offset: 0 }));
  coupa.controls.resetCalls();
  await env.run(() => warm.addCoupaMembership({ userId: users[0]!.id, group: first.name }));
  assert.deepEqual(coupa.controls.callCounts().byRoute, { 'POST /api/user_group_memberships': 1 });

  const cold = createCoupaActivities({ coupa: client }, new CoupaGroupIdCache());
  coupa.controls.resetCalls();
  await env.run(() => cold.addCoupaMembership({ userId: users[1]!.id, group: second.name }));
  assert.deepEqual(coupa.controls.callCounts().byRoute, { 'GET /api/user_groups': 1, 'POST /api/user_group_memberships': 1 });
});
