// supplierSync end to end on the dev server against both sandboxes: ownership, echoes, conflicts, bank approval, duplicates, masking, and 100 concurrent edits converging.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REQUIRED_SUPPLIER_SYNC_HISTORIES } from '../histories/record-supplier-sync';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Payload } from '@temporalio/common';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { testDataConverter } from '../helpers/temporal';
import { coupaPuts, coupaSupplier, createInCoupa, editCoupa, editWorkday, setSyncWindow, settled, supplierHandle, supplierStatus, wireNotices, workdayPuts, workdaySupplier } from '../helpers/supplier-sync';
import { requestSupplierSync, decideBankChange, pendingBankChange } from '../../clients/supplier-sync';
import { supplierStoreOf } from '../../sandbox/workday/supplier-store';
import { skipUpdate } from '../../workflows/sync-state';

async function send(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

let h: ProvisioningHarness;
let unwire: () => void;
const KEY = 'S-1002';
const COUPA_ID = 501;

before(async () => {
  h = await startProvisioningHarness();
  setSyncWindow(h, 1);
  await h.startWorkers();
  unwire = wireNotices(h);
  // First sync of the seeded, linked pair: both systems agree, so nothing is written.
  await requestSupplierSync(h.temporal.env.client, h.queueConfig, { system: 'coupa', coupaSupplierId: COUPA_ID, coupaSupplierNumber: KEY, workdaySupplierId: KEY, trigger: 'manual' });
  await eventually(async () => ((await settled(h, KEY)) && Object.keys((await supplierStatus(h, KEY))!.supplier.fields).length === 7 ? true : undefined), 'the first sync of S-1002');
});

after(async () => {
  unwire?.();
  await h?.close();
});

/** Waits until the run has handled everything and the check holds. */
async function until<T>(check: () => T | undefined | false, what: string, key = KEY, timeoutMs = 60_000): Promise<T> {
  return eventually(async () => {
    const value = check();
    if (value === undefined || value === false) return undefined;
    return (await settled(h, key)) ? value : undefined;
  }, what, timeoutMs);
}

test('an address change in Coupa reaches Workday once, and the echo from Workday writes nothing', async () => {
  const putsBefore = workdayPuts(h);
  const coupaBefore = coupaPuts(h);
  await editCoupa(h, COUPA_ID, { changes: { addresses: { street1: '1 Echo Street' } }, by: 'alice' });
  await until(() => workdaySupplier(h, KEY)?.address?.line1 === '1 Echo Street', 'the new address in Workday');
  // The Put_Supplier made Workday notify a change: the run must see it as its own echo.
  const echo = await eventually(async () => (await supplierStatus(h, KEY))?.supplier.audit.find((a) => a.kind === 'echo' && a.from === 'workday'), 'the echo recognised');
  assert.ok(echo);
  await eventually(async () => settled(h, KEY), 'the run settled after the echo');
  assert.equal(workdayPuts(h) - putsBefore, 1, 'exactly one Put_Supplier for one real change');
  assert.equal(coupaPuts(h) - coupaBefore, 0, 'the echo caused no write back to Coupa');
});

test('simultaneous edits of one field resolve by its owner, and the loser is in the audit trail; latest wins where the file says so', async () => {
  const at = new Date().toISOString();
  const later = new Date(Date.parse(at) + 1000).toISOString();
  await Promise.all([
    editCoupa(h, COUPA_ID, { changes: { name: 'Initech Global', contacts: { email: 'old@initech.example' } }, changedAt: at, by: 'alice' }),
    editWorkday(h, KEY, { changes: { name: 'Initech Worldwide', contacts: { email: 'new@initech.example' } }, changedAt: later, by: 'bob' }),
  ]);
  await until(() => workdaySupplier(h, KEY)?.name === 'Initech Global' && coupaSupplier(h, COUPA_ID).supplier?.contactEmail === 'new@initech.example', 'name from Coupa (owner), contact from Workday (later)');
  assert.equal(coupaSupplier(h, COUPA_ID).supplier?.name, 'Initech Global');
  assert.equal(workdaySupplier(h, KEY)?.email, 'new@initech.example');
  const s = (await supplierStatus(h, KEY))!;
  const conflict = s.supplier.audit.find((a) => a.kind === 'conflict' && a.field === 'name');
  assert.ok(conflict, JSON.stringify(s.supplier.audit));
  assert.deepEqual(conflict.lost, { system: 'workday', value: 'Initech Worldwide' });
  assert.equal(conflict.from, 'coupa');
});

test('a bank change waits for approval; approved it reaches Workday, a rejected one is reverted at its origin and goes nowhere', async () => {
  await editCoupa(h, COUPA_ID, { changes: { bankAccounts: { accountNumber: '999988887777' } }, by: 'mallory@initech' });
  const held = await eventually(async () => (await pendingBankChange(h.temporal.env.client, KEY)) ?? undefined, 'the bank change held');
  assert.equal(held.origin, 'coupa');
  assert.match(held.toDisplay, /••••7777/);
  assert.match(held.fromDisplay, /••••6789/);
  assert.equal(held.requestedBy, 'mallory@initech');
  assert.doesNotMatch(JSON.stringify(held), /999988887777|000123456789/);
  const waiting = (await supplierStatus(h, KEY))!;
  assert.equal(waiting.syncState, 'needs-attention');
  assert.equal(workdaySupplier(h, KEY)?.settlementAccounts[0]?.accountNumber, '000123456789', 'nothing propagated before approval');

  await assert.rejects(decideBankChange(h.temporal.env.client, KEY, 'reject', 'carol'), /reason/);
  const answer = await decideBankChange(h.temporal.env.client, KEY, 'approve', 'carol');
  assert.match(answer, /approved by carol/);
  assert.doesNotMatch(answer, /999988887777/);
  await until(() => workdaySupplier(h, KEY)?.settlementAccounts[0]?.accountNumber === '999988887777', 'the approved account in Workday');

  // Now a change entered in Workday, rejected: Workday is put back, Coupa never sees it.
  const coupaWritesBefore = coupaPuts(h);
  await editWorkday(h, KEY, { changes: { bankAccounts: { accountNumber: '555544443333' } }, by: 'eve' });
  const second = await eventually(async () => {
    const p = await pendingBankChange(h.temporal.env.client, KEY);
    return p && p.origin === 'workday' ? p : undefined;
  }, 'the Workday bank change held');
  assert.equal(second.originOwnsField, false);
  await assert.rejects(decideBankChange(h.temporal.env.client, 'S-1001-none', 'approve', 'x'));
  await decideBankChange(h.temporal.env.client, KEY, 'reject', 'carol', 'not requested by the supplier');
  await until(() => workdaySupplier(h, KEY)?.settlementAccounts[0]?.accountNumber === '999988887777', 'Workday reverted');
  assert.equal(coupaSupplier(h, COUPA_ID).bank?.bankAccountNumber, '999988887777');
  assert.equal(coupaPuts(h) - coupaWritesBefore, 0, 'the rejected change reached Coupa');
  const s = (await supplierStatus(h, KEY))!;
  assert.ok(s.supplier.audit.some((a) => a.kind === 'bank-rejected' && a.note.includes('carol')));
  assert.equal(await pendingBankChange(h.temporal.env.client, KEY), null);
});

test('a Coupa supplier whose tax ID matches a Workday supplier parks as a likely duplicate, creating nothing', async () => {
  const created = await createInCoupa(h, { changes: { name: 'Globex Holdings', number: 'C-9001', taxIds: '94 1234567', status: 'active' }, by: 'alice' });
  const key = 'C-9001';
  const s = await eventually(async () => {
    const st = await supplierStatus(h, key);
    return st?.parking ? st : undefined;
  }, 'the duplicate parked');
  assert.equal(s.parking?.failureType, 'LikelyDuplicateSupplier');
  assert.equal(s.parking?.category, 'data');
  assert.match(s.parking?.reason ?? '', /S-1001/);
  assert.doesNotMatch(s.parking?.reason ?? '', /1234567/);
  assert.equal(workdaySupplier(h, key), undefined);
  void created;
});

test('an approved Coupa supplier is created in Workday with the cross-reference; its history holds no plaintext account number or tax ID and its status shows them masked', async () => {
  const created = await createInCoupa(h, {
    changes: { name: 'Umbrella Pharmaceuticals', number: 'C-7001', taxIds: '12-3456789', status: 'active', paymentTerms: 'Net 30', addresses: { street1: '1 Raccoon Road', city: 'Raccoon City', country: 'US' }, bankAccounts: { accountNumber: '11112222333344', routingNumber: '021000021' } },
    by: 'alice',
  });
  const key = 'C-7001';
  await until(() => workdaySupplier(h, key)?.coupaNumber === key, 'the Workday supplier created', key);
  assert.equal(coupaSupplier(h, created.id).supplier?.customFields['workday-supplier-id'], key);
  assert.equal(workdaySupplier(h, key)?.taxIds[0]?.text, '123456789');
  assert.equal(workdaySupplier(h, key)?.settlementAccounts.length, 0, 'bank details wait for approval even for a new supplier');
  await eventually(async () => (await pendingBankChange(h.temporal.env.client, key)) ?? undefined, 'the new supplier bank details held');
  await decideBankChange(h.temporal.env.client, key, 'approve', 'carol');
  await until(() => workdaySupplier(h, key)?.settlementAccounts[0]?.accountNumber === '11112222333344', 'the approved account in Workday', key);

  const status = (await supplierStatus(h, key))!;
  const text = JSON.stringify(status);
  assert.doesNotMatch(text, /11112222333344|12-?3456789|021000021/);
  assert.match(status.supplier.fields.taxIds ?? '', /tax ID ••••6789/);
  assert.match(status.supplier.fields.bankAccounts ?? '', /account ••••3344/);

  const history = await supplierHandle(h, key).fetchHistory();
  const raw = historyToJSON(history);
  assert.doesNotMatch(raw, /11112222333344|3456789|021000021/);
  // Decrypted too: the workflow never held the raw values (fingerprints and masked forms only).
  const payloads: Payload[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if ('data' in v && 'metadata' in v && (v as Payload).data instanceof Uint8Array) payloads.push(v as Payload);
    else for (const inner of Object.values(v)) walk(inner);
  };
  walk(history);
  assert.ok(payloads.length > 10);
  const decoded = await testDataConverter.payloadCodecs![0]!.decode(payloads);
  const plain = decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
  assert.match(plain, /Umbrella/, 'the decoded history is readable');
  assert.doesNotMatch(plain, /11112222333344|3456789|021000021/);
});

test('100 random edits on both sides, applied concurrently, converge to what ownership dictates, with at most one write per side per real change', async () => {
  const workdayBefore = workdayPuts(h);
  const coupaBefore = coupaPuts(h);
  // name, addresses: Coupa owns (revert); paymentTerms: Workday owns (revert); contacts: latest wins.
  const fields = ['name', 'addresses', 'contacts', 'paymentTerms'] as const;
  const owner: Record<(typeof fields)[number], 'coupa' | 'workday' | null> = { name: 'coupa', addresses: 'coupa', contacts: null, paymentTerms: 'workday' };
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const terms = { coupa: ['Net 15', 'Net 30', 'Net 60'], workday: ['NET_15', 'NET_30', 'NET_60'] };
  const edits = Array.from({ length: 100 }, (_, i) => {
    const side: 'coupa' | 'workday' = random() < 0.5 ? 'coupa' : 'workday';
    const field = fields[Math.floor(random() * fields.length)]!;
    const t = Math.floor(random() * 3);
    const changes =
      field === 'name' ? { name: `Initech ${side} ${i}` } : field === 'addresses' ? { addresses: { street1: `${i} ${side} Avenue` } } : field === 'contacts' ? { contacts: { email: `ap${i}@initech.example` } } : { paymentTerms: terms[side][t]! };
    return { i, side, field, changes, term: t, delay: Math.floor(random() * 4000) };
  });
  const last: Partial<Record<string, (typeof edits)[number]>> = {};
  for (const e of [...edits].sort((a, b) => a.delay - b.delay)) if (owner[e.field] === e.side) last[e.field] = e;
  await Promise.all(
    edits.map(async (e) => {
      await new Promise((r) => setTimeout(r, e.delay));
      if (e.side === 'coupa') await editCoupa(h, COUPA_ID, { changes: e.changes, by: 'random' });
      else await editWorkday(h, KEY, { changes: e.changes, by: 'random' });
    }),
  );
  const expectedName = last['name'] ? `Initech coupa ${last['name'].i}` : coupaSupplier(h, COUPA_ID).supplier?.name;
  const expectedStreet = last['addresses'] ? `${last['addresses'].i} coupa Avenue` : undefined;
  const expectedTerm = last['paymentTerms'] ? terms.workday[last['paymentTerms'].term] : undefined;
  const converged = () => {
    const c = coupaSupplier(h, COUPA_ID).supplier!;
    const w = workdaySupplier(h, KEY)!;
    return (
      c.name === expectedName &&
      w.name === expectedName &&
      (expectedStreet === undefined || (c.primaryAddress?.street1 === expectedStreet && w.address?.line1 === expectedStreet)) &&
      (expectedTerm === undefined || (w.paymentTermsId === expectedTerm && c.paymentTermCode === terms.coupa[terms.workday.indexOf(expectedTerm)])) &&
      c.contactEmail === w.email
    );
  };
  await until(converged, 'both systems converged', KEY, 120_000);
  // Still so after more than a sync window: no late write undoes it.
  await new Promise((r) => setTimeout(r, 2500));
  await until(converged, 'both systems still converged', KEY, 30_000);
  // Every edit is one real change at most; each needs at most one write to the other side (or one revert at its own).
  const workdayWrites = workdayPuts(h) - workdayBefore;
  const coupaWrites = coupaPuts(h) - coupaBefore;
  const bound = { workday: 0, coupa: 0 };
  for (const e of edits) {
    const o = owner[e.field];
    const target = o === null || o === e.side ? (e.side === 'coupa' ? 'workday' : 'coupa') : e.side;
    bound[target] += 1;
  }
  assert.ok(workdayWrites <= bound.workday, `${workdayWrites} Workday writes for ${bound.workday} changes needing one`);
  assert.ok(coupaWrites <= bound.coupa, `${coupaWrites} Coupa writes for ${bound.coupa} changes needing one`);
  // Batching may fold many edits into one write per side (fewer is fine); none at all would mean nothing synced.
  assert.ok(workdayWrites + coupaWrites > 0, `writes: Workday ${workdayWrites}, Coupa ${coupaWrites}`);
  assert.equal(supplierStoreOf(h.workday.store).get(KEY)?.coupaNumber, KEY);
});

test('the run continues as new after the configured number of syncs, carrying its memory: the next echo is still recognised', async () => {
  const text = fs.readFileSync(h.mappingFile, 'utf8');
  fs.writeFileSync(h.mappingFile, text.replace(/cyclesPerRun: \d+/, 'cyclesPerRun: 1'));
  try {
    const firstRun = (await supplierHandle(h, KEY).describe()).runId;
    const putsBefore = workdayPuts(h);
    await editCoupa(h, COUPA_ID, { changes: { addresses: { street1: '2 Continued Street' } }, by: 'alice' });
    await until(() => workdaySupplier(h, KEY)?.address?.line1 === '2 Continued Street', 'the address after continue-as-new');
    await eventually(async () => ((await supplierHandle(h, KEY).describe()).runId !== firstRun ? true : undefined), 'a new run');
    await eventually(async () => settled(h, KEY), 'settled');
    await new Promise((r) => setTimeout(r, 2500));
    await eventually(async () => settled(h, KEY), 'settled after the echo');
    const s = (await supplierStatus(h, KEY))!;
    assert.equal(Object.keys(s.supplier.fields).length, 7, 'the memory was carried');
    assert.equal(s.supplier.workdayId, KEY);
    assert.equal(workdayPuts(h) - putsBefore, 1, 'one write; the echo in the next run wrote nothing');
  } finally {
    fs.writeFileSync(h.mappingFile, text);
  }
});

test('a value the other system cannot hold parks the run instead of writing both systems forever; fixing it resumes', async () => {
  const putsBefore = workdayPuts(h);
  await editCoupa(h, COUPA_ID, { changes: { status: 'draft' }, by: 'alice' });
  const parked = await eventually(async () => {
    const st = await supplierStatus(h, KEY);
    return st?.parking ? st : undefined;
  }, 'the run parked');
  assert.equal(parked.parking?.failureType, 'BusinessRuleViolation');
  assert.match(parked.parking?.reason ?? '', /Workday cannot hold the synced value of status/);
  assert.equal(workdayPuts(h) - putsBefore, 0);
  // Fixed in Coupa: the change event retries the parked run by itself.
  await editCoupa(h, COUPA_ID, { changes: { status: 'active' }, by: 'alice' });
  await until(() => true, 'back in step');
  const st = (await supplierStatus(h, KEY))!;
  assert.equal(st.parking, null);
  assert.equal(st.syncState, 'waiting');
  assert.equal(workdayPuts(h) - putsBefore, 0);
});

test('a supplier created in Workday waits while createInCoupa is off, and once on is created in Coupa (after a duplicate check) with the cross-reference both ways', async () => {
  const key = 'W-5001';
  await send(`${h.workday.url}/_sandbox/suppliers`, { changes: { name: 'Wayne Enterprises', number: key, taxIds: '33-3333333', paymentTerms: 'NET_30', bankAccounts: { accountNumber: '777766665555' } }, by: 'bruce' });
  const waiting = await eventually(async () => {
    const st = await settled(h, key);
    return st?.warnings.some((w) => w.includes('createInCoupa off')) ? st : undefined;
  }, 'the Workday-only supplier waiting');
  assert.equal(waiting.syncState, 'waiting');
  const text = fs.readFileSync(h.mappingFile, 'utf8');
  fs.writeFileSync(h.mappingFile, text.replace('createInCoupa: false', 'createInCoupa: true'));
  try {
    await requestSupplierSync(h.temporal.env.client, h.queueConfig, { system: 'workday', workdaySupplierId: key, trigger: 'manual' });
    const held = await eventually(async () => (await pendingBankChange(h.temporal.env.client, key)) ?? undefined, 'created in Coupa, bank details held');
    assert.equal(held.origin, 'workday');
    const st = (await supplierStatus(h, key))!;
    const coupa = coupaSupplier(h, st.supplier.coupaId!);
    assert.equal(coupa.supplier?.number, key);
    assert.equal(coupa.supplier?.customFields['workday-supplier-id'], key);
    assert.equal(coupa.supplier?.paymentTermCode, 'Net 30');
    assert.equal(coupa.bank, undefined, 'no bank details before approval');
    assert.equal(workdaySupplier(h, key)?.coupaNumber, key);
  } finally {
    fs.writeFileSync(h.mappingFile, text);
  }
});

test("a non-owner change the file says to park waits for a person; skip leaves it, and the owner's next change syncs again", async () => {
  // Tax IDs: Workday owns them, park.
  await editCoupa(h, COUPA_ID, { changes: { taxIds: '11-2223333' }, by: 'alice' });
  const parked = await eventually(async () => {
    const st = await supplierStatus(h, KEY);
    return st?.parking ? st : undefined;
  }, 'parked on the non-owner change');
  assert.equal(parked.parking?.failureType, 'NonOwnerChange');
  assert.match(parked.parking?.reason ?? '', /taxIds changed in coupa, but workday owns it/);
  assert.match(parked.parking?.reason ?? '', /••••3333/);
  assert.doesNotMatch(parked.parking?.reason ?? '', /2223333/);
  await supplierHandle(h, KEY).executeUpdate(skipUpdate, { args: ['the supplier gave Coupa the new tax ID first; Workday follows'] });
  await until(() => true, 'settled after skip');
  assert.equal(workdaySupplier(h, KEY)?.taxIds[0]?.text, '77-7654321', 'nothing was written');
  await editWorkday(h, KEY, { changes: { taxIds: '11-2223333' }, by: 'bob' });
  // The owner's change arrives by its own notification: wait for the run to have taken it, not just to be idle.
  const st = await eventually(async () => {
    const status = await supplierStatus(h, KEY);
    return status?.supplier.fields.taxIds === 'tax ID ••••3333' && (await settled(h, KEY)) ? status : undefined;
  }, "the owner's change synced");
  assert.equal(st.parking, null);
});

test('there is a saved history for every path of supplierSync', () => {
  const dir = path.resolve(__dirname, '../histories');
  for (const name of REQUIRED_SUPPLIER_SYNC_HISTORIES) assert.ok(fs.existsSync(path.join(dir, `${name}.json`)), `test/histories/${name}.json is missing: run npx tsx test/histories/record-supplier-sync.ts`);
});
