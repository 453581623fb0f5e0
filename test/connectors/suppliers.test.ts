// Supplier connectors against the in-process sandboxes: Workday Get_Suppliers (by ID, by update window) and Put_Supplier with bank accounts and tax IDs and their faults; Coupa suppliers (unique name and number, statuses, custom fields) and supplier information.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { ConnectorErrorTypes } from '../../connectors/http';
import { getWorkdaySupplier, listWorkdaySupplierPages, putWorkdaySupplier, WorkdaySoapClient } from '../../connectors/workday';
import { CoupaClient } from '../../connectors/coupa';
import { CoupaSuppliersClient } from '../../connectors/coupa/suppliers';
import { admin, expectFailure } from './helpers';

const opts = { coupaNumberElement: 'External_Entity_ID' };

describe('Workday supplier SOAP operations', () => {
  let sandbox: WorkdaySandbox;
  let soap: WorkdaySoapClient;
  before(async () => {
    sandbox = await startWorkdaySandbox();
    soap = new WorkdaySoapClient({ baseUrl: sandbox.url, tenant: sandbox.tenant, auth: { type: 'usernameToken', username: sandbox.credentials.isuUsername, password: sandbox.credentials.isuPassword }, timeoutMs: 5_000 });
  });
  after(async () => sandbox?.close());
  beforeEach(async () => {
    await admin(sandbox.url, 'POST', '/_sandbox/reset');
  });

  it('reads a supplier by Supplier_ID with tax IDs, payment terms, contact data, settlement account and the Coupa number; an unknown one is null', async () => {
    const s = await getWorkdaySupplier(soap, 'S-1002', opts);
    assert.equal(s?.name, 'Initech LLC');
    assert.equal(s?.taxIds[0]?.text, '77-7654321');
    assert.equal(s?.paymentTermsId, 'NET_45');
    assert.equal(s?.address?.line2, 'Suite 200');
    assert.equal(s?.settlementAccounts[0]?.accountNumber, '000123456789');
    assert.equal(s?.coupaNumber, 'S-1002');
    assert.match(s?.wid ?? '', /^[0-9a-f]{32}$/);
    assert.equal(await getWorkdaySupplier(soap, 'S-404', opts), null);
  });

  it('lists suppliers updated inside an Updated_From_Date window, page by page', async () => {
    const since = new Date();
    await admin(sandbox.url, 'PATCH', '/_sandbox/suppliers/S-1001', { changes: { name: 'Globex Corp' } });
    const pages = [];
    for await (const page of listWorkdaySupplierPages(soap, { updatedFrom: since, pageSize: 1 }, opts)) pages.push(page);
    assert.deepEqual(pages.flatMap((p) => p.items.map((s) => s.supplierId)), ['S-1001']);
    const all = [];
    for await (const page of listWorkdaySupplierPages(soap, { pageSize: 1 }, opts)) all.push(...page.items);
    assert.deepEqual(all.map((s) => s.supplierId), ['S-1001', 'S-1002']);
  });

  it('Put_Supplier creates with a given Supplier_ID, replaces on update, and refuses what Workday refuses', async () => {
    const created = await putWorkdaySupplier(
      soap,
      { supplierId: 'C-1', name: 'Acme Parts', status: 'Active', taxIds: [{ text: '11-1111111', type: 'USA-EIN', primary: true }], paymentTermsId: 'NET_30', address: null, email: null, phone: null, settlementAccounts: [{ id: null, bankName: null, routingNumber: '021000021', accountNumber: '123123123', iban: null, swift: null, inactive: false }], coupaNumber: 'C-1' },
      opts,
    );
    assert.equal(created.supplierId, 'C-1');
    const read = await getWorkdaySupplier(soap, 'C-1', opts);
    assert.equal(read?.settlementAccounts[0]?.accountNumber, '123123123');
    const { wid: _w, ...current } = read!;
    await putWorkdaySupplier(soap, { ...current, name: 'Acme Parts Inc' }, { ...opts, existingSupplierId: 'C-1' });
    assert.equal((await getWorkdaySupplier(soap, 'C-1', opts))?.name, 'Acme Parts Inc');

    const duplicate = await expectFailure(putWorkdaySupplier(soap, { ...current }, opts));
    assert.equal(duplicate.type, ConnectorErrorTypes.ValidationFailed);
    assert.match(duplicate.message, /already in use/);
    const badTerms = await expectFailure(putWorkdaySupplier(soap, { ...current, paymentTermsId: 'NET_999' }, { ...opts, existingSupplierId: 'C-1' }));
    assert.match(badTerms.message, /NET_999/);
    const unknown = await expectFailure(putWorkdaySupplier(soap, { ...current }, { ...opts, existingSupplierId: 'S-404' }));
    assert.match(unknown.message, /Invalid ID value/);
  });
});

describe('Coupa suppliers', () => {
  let sandbox: CoupaSandbox;
  let suppliers: CoupaSuppliersClient;
  before(async () => {
    sandbox = await startCoupaSandbox();
    suppliers = new CoupaSuppliersClient(new CoupaClient({ baseUrl: sandbox.url, clientId: sandbox.credentials.clientId, clientSecret: sandbox.credentials.clientSecret, scopes: sandbox.credentials.scopes }));
  });
  after(async () => sandbox?.close());
  beforeEach(async () => {
    await admin(sandbox.url, 'POST', '/_sandbox/reset');
  });

  it('finds a supplier by number and by the Workday ID custom field; names and numbers are unique; statuses are checked', async () => {
    const byNumber = await suppliers.findSupplierByNumber('S-1002');
    assert.equal(byNumber?.name, 'Initech LLC');
    assert.equal((await suppliers.findSupplierByCustomField('workday-supplier-id', 'S-1002'))?.id, byNumber?.id);
    assert.equal(await suppliers.findSupplierByCustomField('workday-supplier-id', 'S-404'), null);
    const taken = await expectFailure(suppliers.createSupplier({ name: 'initech llc', number: 'X-1' }));
    assert.equal(taken.type, ConnectorErrorTypes.ValidationFailed);
    assert.match(taken.message, /Name has already been taken/);
    assert.match((await expectFailure(suppliers.createSupplier({ name: 'Other', number: 'S-1002' }))).message, /Number has already been taken/);
    assert.match((await expectFailure(suppliers.updateSupplier(byNumber!.id, { status: 'approved' }))).message, /Status/);
    const created = await suppliers.createSupplier({ name: 'Other', number: 'X-2', 'custom-fields': { 'workday-supplier-id': 'W-9' } });
    assert.equal(created.status, 'draft');
    assert.equal((await suppliers.findSupplierByCustomField('workday-supplier-id', 'W-9'))?.id, created.id);
  });

  it('reads and writes bank details through supplier information', async () => {
    const s = (await suppliers.findSupplierByNumber('S-1002'))!;
    const before = await suppliers.getBankDetails(s.id);
    assert.equal(before.bank?.accountNumber, '000123456789');
    await suppliers.setBankDetails(s.id, before.informationId, { accountNumber: '42424242', routingNumber: null, iban: null, swift: null });
    assert.equal((await suppliers.getBankDetails(s.id)).bank?.accountNumber, '42424242');
    const other = await suppliers.createSupplier({ name: 'No Bank Yet' });
    assert.deepEqual(await suppliers.getBankDetails(other.id), { informationId: null, bank: null });
    await suppliers.setBankDetails(other.id, null, { accountNumber: '77', routingNumber: null, iban: 'DE89370400440532013000', swift: null });
    assert.equal((await suppliers.getBankDetails(other.id)).bank?.iban, 'DE89370400440532013000');
  });
});
