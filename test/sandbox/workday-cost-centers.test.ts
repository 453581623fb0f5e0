// Workday sandbox Financial_Management getters and the cost center restructure admin routes, over HTTP through the one SOAP connector: paging per Response_Results, the hierarchy, refusals.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';
import { getBusinessUnitsPage, getCompaniesPage, getCostCentersPage, WorkdaySoapClient, type WorkdayCostCenter } from '../../connectors/workday';
import { costCenters as seedCostCenters } from '../../sandbox/seed/reference-data';

describe('Workday sandbox: cost centers, companies, business units', () => {
  let wd: WorkdaySandbox;
  let soap: WorkdaySoapClient;
  let small: WorkdaySoapClient;

  before(async () => {
    wd = await startWorkdaySandbox();
    const auth = { type: 'usernameToken' as const, username: wd.credentials.isuUsername, password: wd.credentials.isuPassword };
    soap = new WorkdaySoapClient({ baseUrl: wd.url, tenant: wd.tenant, auth });
    small = new WorkdaySoapClient({ baseUrl: wd.url, tenant: wd.tenant, auth, pageSize: 10 });
  });
  after(async () => {
    await wd?.close();
  });
  beforeEach(() => {
    wd.reset();
  });

  const admin = async (path: string, method = 'POST', body?: unknown) => {
    const res = await fetch(`${wd.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  async function allCostCenters(client: WorkdaySoapClient): Promise<{ items: WorkdayCostCenter[]; pages: number }> {
    const items: WorkdayCostCenter[] = [];
    let pages = 0;
    for (let page: number | null = 1; page !== null; pages++) {
      const read: Awaited<ReturnType<typeof getCostCentersPage>> = await getCostCentersPage(client, page);
      items.push(...read.items);
      page = read.nextPage;
    }
    return { items, pages };
  }

  it('Get_Cost_Centers pages per Response_Filter Count and Response_Results, and carries company, business unit and superior', async () => {
    const { items, pages } = await allCostCenters(small);
    assert.equal(items.length, seedCostCenters.length);
    assert.equal(pages, Math.ceil(seedCostCenters.length / 10));
    assert.deepEqual(new Set(items.map((c) => c.code)), new Set(seedCostCenters.map((c) => c.code)));
    const cc1510 = items.find((c) => c.code === 'CC1510');
    assert.deepEqual({ ...cc1510, wid: undefined }, { wid: undefined, code: 'CC1510', name: 'Engineering Product', companyCode: 'US01', businessUnitId: 'BU-TECH', parentCode: 'CC1500', inactive: false });
    assert.equal(items.find((c) => c.code === 'CC1000')?.parentCode, null);
  });

  it('Get_Workday_Companies and Get_Business_Units list the seeded organizations', async () => {
    const companies = await getCompaniesPage(soap, 1);
    assert.deepEqual(companies.items.map((c) => [c.code, c.currency]), [['DE01', 'EUR'], ['GB01', 'GBP'], ['US01', 'USD']]);
    assert.equal(companies.nextPage, null);
    const units = await getBusinessUnitsPage(soap, 1);
    assert.equal(units.items.length, 6);
    assert.equal(units.items.find((u) => u.id === 'BU-UK')?.companyCode, 'GB01');
  });

  it('a restructure shows in the next read: created, renamed, moved, inactivated, removed', async () => {
    const done = await admin('/_sandbox/cost-centers/restructure', 'POST', {
      steps: [
        { action: 'create', code: 'CC2500', name: 'Chief Technology Office', companyCode: 'US01', businessUnitId: 'BU-TECH', parentCode: null },
        { action: 'rename', code: 'CC1700', name: 'Brand & Marketing' },
        { action: 'move', code: 'CC1500', parentCode: 'CC2500' },
        { action: 'inactivate', code: 'CC1120' },
        { action: 'remove', code: 'CC1810' },
      ],
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const { items } = await allCostCenters(soap);
    const by = new Map(items.map((c) => [c.code, c]));
    assert.equal(by.get('CC2500')?.businessUnitId, 'BU-TECH');
    assert.equal(by.get('CC1700')?.name, 'Brand & Marketing');
    assert.equal(by.get('CC1500')?.parentCode, 'CC2500');
    assert.equal(by.get('CC1510')?.parentCode, 'CC1500', 'children stay under the moved cost center');
    assert.equal(by.get('CC1120')?.inactive, true, 'an inactive cost center is still listed, flagged');
    assert.equal(by.has('CC1810'), false, 'a removed one is gone');
    assert.ok(wd.store.costCenters.has('CC2500'), 'workers can be hired into the new cost center');
  });

  it('refuses what Workday refuses: a loop, inactivating a parent with active children, an unknown cost center', async () => {
    const loop = await admin('/_sandbox/cost-centers/CC1500/move', 'POST', { parentCode: 'CC1510' });
    assert.equal(loop.status, 400);
    assert.match(String(loop.body.error), /itself or below it/);
    const parent = await admin('/_sandbox/cost-centers/CC1500/inactivate');
    assert.equal(parent.status, 400);
    assert.match(String(parent.body.error), /active cost centers under it/);
    assert.equal((await admin('/_sandbox/cost-centers/CC9999/rename', 'POST', { name: 'x' })).status, 404);
    const bad = await admin('/_sandbox/cost-centers/restructure', 'POST', { steps: [{ action: 'explode', code: 'CC1000' }] });
    assert.equal(bad.status, 400);
  });

  it('an over-limit Count is a Validation_Fault the connector reports as a validation failure', async () => {
    const huge = new WorkdaySoapClient({ baseUrl: wd.url, tenant: wd.tenant, auth: { type: 'usernameToken', username: wd.credentials.isuUsername, password: wd.credentials.isuPassword }, pageSize: 5000 });
    await assert.rejects(getCostCentersPage(huge, 1), (err: unknown) => err instanceof ApplicationFailure && /Count must not exceed/.test(err.message));
  });
});
