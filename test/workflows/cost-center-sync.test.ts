// costCenterSync end to end on the dev server: a Workday restructure is mirrored in Coupa's lookup tree and accounts exactly, the dry run lists exactly it first, and a repeat writes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { ACCEPTANCE_RESTRUCTURE, assertCoupaMirrorsWorkday, coupaAccounts, coupaLookupValues, restructureWorkday } from '../helpers/cost-centers';
import { COST_CENTER_SYNC_SCHEDULE_ID, installCostCenterSyncSchedule, removeCostCenterSyncSchedule, requestCostCenterSync } from '../../clients/cost-center-sync';
import { countWrites, type CostCenterWrite } from '../../mapping/cost-center-sync';
import { retryUpdate, statusQuery } from '../../workflows/sync-state';
import { historiesDir } from '../histories/history-files';
import { REQUIRED_COST_CENTER_HISTORIES } from '../histories/record-cost-center-sync';

const repoRoot = path.resolve(__dirname, '../..');
let h: ProvisioningHarness;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await removeCostCenterSyncSchedule(h.temporal.env.client).catch(() => undefined);
  await h?.close();
});

const coupaWrites = (): Record<string, number> =>
  Object.fromEntries(Object.entries(h.coupa.controls.callCounts().byRoute).filter(([route]) => /^(PUT|POST|DELETE) \/api/.test(route)));

const refNums = (writes: CostCenterWrite[], kind: CostCenterWrite['kind']): string[] =>
  writes
    .filter((w) => w.kind === kind)
    .map((w) => ('refNum' in w ? w.refNum : 'costCenter' in w ? w.costCenter : ''))
    .sort();

async function sync(dryRun = false) {
  const handle = await requestCostCenterSync(h.temporal.env.client, h.queueConfig, { dryRun });
  return handle.result();
}

test('the first sync builds the tree (companies, business units, cost center hierarchy) and accounts; a second writes nothing', { timeout: 120_000 }, async () => {
  const first = await sync();
  assert.equal(first.outcome, 'synced');
  // Coupa had a flat list of cost centers and no CC2400: they move under their business units, CC2400 arrives.
  assert.equal(first.applied['create-value'], 3 + 6 + 1, 'three companies, six business units and CC2400 created');
  assert.equal(first.applied['create-account'], 1, "CC2400's account created");
  await assertCoupaMirrorsWorkday(h.coupaClient, h.workday.url, h.mappingFile);

  h.coupa.controls.resetCalls();
  const second = await sync();
  assert.equal(second.outcome, 'unchanged');
  assert.deepEqual(coupaWrites(), {}, 'no write reached Coupa');
});

test('a Workday restructure: the dry run lists exactly it, the sync mirrors it exactly, a repeat writes nothing', { timeout: 120_000 }, async () => {
  await restructureWorkday(h.workday.url, ACCEPTANCE_RESTRUCTURE);

  h.coupa.controls.resetCalls();
  const preview = await sync(true);
  assert.equal(preview.outcome, 'planned');
  assert.deepEqual(coupaWrites(), {}, 'the dry run wrote nothing');
  const writes = preview.plan?.writes ?? [];
  assert.deepEqual(refNums(writes, 'create-value'), ['CC2500', 'CC2510', 'CC2610']);
  assert.deepEqual(refNums(writes, 'update-value'), ['CC1500', 'CC1520', 'CC1700']);
  const move = writes.find((w) => w.kind === 'update-value' && w.refNum === 'CC1500');
  assert.ok(move && move.kind === 'update-value');
  assert.deepEqual(move.changes, { parentRefNum: 'CC2500' }, 'CC1500 only moves');
  assert.deepEqual([...move.cascade].sort(), ['CC1510', 'CC1520', 'CC2200', 'CC2300'], 'its four children follow');
  assert.deepEqual(refNums(writes, 'follow-parent'), ['CC1510', 'CC1520', 'CC2200', 'CC2300']);
  for (const code of ['CC1520', 'CC1700']) {
    const rename = writes.find((w) => w.kind === 'update-value' && w.refNum === code);
    assert.ok(rename && rename.kind === 'update-value' && rename.changes.name !== undefined && rename.changes.parentRefNum === undefined, `${code} is renamed in place`);
  }
  assert.deepEqual(refNums(writes, 'deactivate-value'), ['CC1120', 'CC1810']);
  assert.deepEqual(refNums(writes, 'create-account'), ['CC2500', 'CC2510', 'CC2610']);
  assert.deepEqual(refNums(writes, 'update-account'), ['CC1520', 'CC1700']);
  assert.deepEqual(refNums(writes, 'deactivate-account'), ['CC1120', 'CC1810']);
  assert.equal(writes.length, 3 + 3 + 4 + 2 + 3 + 2 + 2, 'nothing else');
  assert.equal(preview.changes.length, writes.length, 'one readable line per change');
  assert.ok(preview.changes.some((line) => line.includes('CC1500') && line.includes('CC2500') && line.includes('4 below it')), preview.changes.join('\n'));

  h.coupa.controls.resetCalls();
  const done = await sync();
  assert.equal(done.outcome, 'synced');
  assert.deepEqual(
    { ...done.applied },
    { ...countWrites(writes), 'follow-parent': 0 },
    "every planned write changed Coupa; the children's paths already followed their parent (Coupa derives them)",
  );
  assert.equal(coupaWrites()['POST /api/lookup_values'], 3);
  assert.equal(coupaWrites()['PUT /api/lookup_values/:id'], 3 + 2);
  await assertCoupaMirrorsWorkday(h.coupaClient, h.workday.url, h.mappingFile);
  const values = await coupaLookupValues(h.coupaClient, 'Cost Center');
  const cc1510 = values.find((v) => v['external-ref-num'] === 'CC1510');
  assert.equal(cc1510?.['external-ref-code'], 'US01-BU-TECH-CC2500-CC1500-CC1510', 'a child of the moved cost center has the new path');

  h.coupa.controls.resetCalls();
  const again = await sync();
  assert.equal(again.outcome, 'unchanged');
  assert.deepEqual(coupaWrites(), {}, 'a second sync writes nothing');
});

test('a cost center removed from Workday is deactivated in Coupa, never deleted', { timeout: 120_000 }, async () => {
  const res = await fetch(`${h.workday.url}/_sandbox/cost-centers/CC2610`, { method: 'DELETE' });
  assert.equal(res.status, 200);
  h.coupa.controls.resetCalls();
  const result = await sync();
  assert.equal(result.applied['deactivate-value'], 1);
  assert.equal(result.applied['deactivate-account'], 1);
  assert.equal(Object.keys(coupaWrites()).filter((r) => r.startsWith('DELETE')).length, 0, 'nothing deleted');
  const value = (await coupaLookupValues(h.coupaClient, 'Cost Center')).find((v) => v['external-ref-num'] === 'CC2610');
  assert.equal(value?.active, false);
  const account = (await coupaAccounts(h.coupaClient, 'Acme US')).find((a) => a.code === 'US01-CC2610');
  assert.equal(account?.active, false);
  await assertCoupaMirrorsWorkday(h.coupaClient, h.workday.url, h.mappingFile);
});

test('where Coupa keeps each path as written [U], the values below a moved one are written again so their paths follow', { timeout: 120_000 }, async () => {
  const configure = (body: unknown) => fetch(`${h.coupa.url}/_sandbox/lookup_values/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await configure({ externalRefCode: 'stored' })).status, 200);
  try {
    await restructureWorkday(h.workday.url, [{ action: 'move', code: 'CC1500', parentCode: null }]);
    h.coupa.controls.resetCalls();
    const result = await sync();
    assert.equal(result.applied['update-value'], 1, 'CC1500 moved');
    assert.equal(result.applied['follow-parent'], 4, 'each of its four children written again');
    assert.equal(coupaWrites()['PUT /api/lookup_values/:id'], 5);
    await assertCoupaMirrorsWorkday(h.coupaClient, h.workday.url, h.mappingFile);
    h.coupa.controls.resetCalls();
    assert.equal((await sync()).outcome, 'unchanged');
    assert.deepEqual(coupaWrites(), {});
  } finally {
    await configure({ externalRefCode: 'derived' });
  }
});

test("a value Coupa refuses (400) parks the run as data with Coupa's message; the Workday fix and a retry finish it", { timeout: 120_000 }, async () => {
  // CC2610 "Partner Sales" was removed from Workday but stays in Coupa (inactive) under CC1600: a new sibling of that name is refused.
  await restructureWorkday(h.workday.url, [{ action: 'create', code: 'CC2620', name: 'Partner Sales', parentCode: 'CC1600' }]);
  const handle = await requestCostCenterSync(h.temporal.env.client, h.queueConfig);
  const parked = await eventually(async () => {
    const status = await handle.query(statusQuery);
    return status.syncState === 'needs-attention' ? status : undefined;
  }, 'the sync to park');
  assert.equal(parked.parking?.category, 'data');
  assert.match(parked.parking?.reason ?? '', /Name has already been taken/);
  await restructureWorkday(h.workday.url, [{ action: 'rename', code: 'CC2620', name: 'Partner Sales EMEA' }]);
  await handle.executeUpdate(retryUpdate);
  const result = await handle.result();
  assert.equal(result.outcome, 'synced');
  assert.equal(result.applied['create-value'], 1);
  assert.equal(result.applied['create-account'], 1);
  await assertCoupaMirrorsWorkday(h.coupaClient, h.workday.url, h.mappingFile);
});

test('a lookup missing in Coupa parks the run as config; the mapping fix and a retry finish it', { timeout: 120_000 }, async () => {
  const original = fs.readFileSync(h.mappingFile, 'utf8');
  fs.writeFileSync(h.mappingFile, original.replace('  lookup: Cost Center', '  lookup: Cost Centres'));
  try {
    await restructureWorkday(h.workday.url, [{ action: 'rename', code: 'CC2000', name: 'Facilities & Workplace' }]);
    const handle = await requestCostCenterSync(h.temporal.env.client, h.queueConfig);
    const parked = await eventually(async () => {
      const status = await handle.query(statusQuery);
      return status.syncState === 'needs-attention' ? status : undefined;
    }, 'the sync to park');
    assert.equal(parked.parking?.category, 'config');
    assert.match(parked.parking?.reason ?? '', /Cost Centres/);
    fs.writeFileSync(h.mappingFile, original);
    await handle.executeUpdate(retryUpdate);
    const result = await handle.result();
    assert.equal(result.outcome, 'synced');
    assert.equal(result.applied['update-value'], 1);
  } finally {
    fs.writeFileSync(h.mappingFile, original);
  }
});

test('the schedule is installed (overlap SKIP), updated and removed, also through the CLI; the CLI previews a sync', { timeout: 120_000 }, async () => {
  assert.equal(await installCostCenterSyncSchedule(h.temporal.env.client, h.queueConfig, { every: '30m' }), 'created');
  assert.equal(await installCostCenterSyncSchedule(h.temporal.env.client, h.queueConfig, { every: '2h' }), 'updated');
  const described = await h.temporal.env.client.schedule.getHandle(COST_CENTER_SYNC_SCHEDULE_ID).describe();
  assert.equal(described.policies.overlap, ScheduleOverlapPolicy.SKIP);
  assert.equal(described.spec.intervals?.[0]?.every, 2 * 60 * 60 * 1000);
  assert.equal(described.action.workflowType, 'costCenterSync');
  assert.deepEqual(described.action.args, [{ scope: 'all', trigger: 'schedule' }]);
  assert.equal(await removeCostCenterSyncSchedule(h.temporal.env.client), 'removed');
  assert.equal(await removeCostCenterSyncSchedule(h.temporal.env.client), 'absent');

  // The same through the project CLI, as an operator installs it.
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address },
    });
  assert.match((await cli(['cost-center-sync-schedule', 'install', '--every', '45m'])).stdout, /created schedule cost-center-sync-schedule/);
  assert.equal((await h.temporal.env.client.schedule.getHandle(COST_CENTER_SYNC_SCHEDULE_ID).describe()).spec.intervals?.[0]?.every, 45 * 60 * 1000);
  assert.match((await cli(['cost-center-sync-schedule', 'remove'])).stdout, /removed schedule/);
  const preview = await cli(['cost-center-sync', '--dry-run']);
  assert.match(preview.stdout, /nothing to write/, preview.stdout);
});

test('there is a saved history for every path of costCenterSync', () => {
  for (const name of REQUIRED_COST_CENTER_HISTORIES) assert.ok(fs.existsSync(`${historiesDir}/${name}.json`), `test/histories/${name}.json: run npx tsx test/histories/record-cost-center-sync.ts`);
});
