// The supplier merge decides field by field: owner, non-owner revert or park, conflicts by owner or later change, echoes, bank holds; and the canonical forms and masks behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SUPPLIER_MAPPING, SUPPLIER_FIELDS, supplierMappingSchema, type SupplierField } from '../../mapping/supplier-config';
import { canonicalText, displayValue, maskLast4, normaliseSupplier, normaliseSupplierName, normaliseTaxId, type SupplierValues } from '../../mapping/supplier-fields';
import { laterSystem, planSupplierMerge, type BankHold, type MergeInput, type SupplierMemory, type SupplierReadings } from '../../mapping/supplier-merge';
import { parseMappingText } from '../../infra/mapping-file';
import { supplierKeyOf, supplierSyncWorkflowId } from '../../workflows/supplier-sync';
import fs from 'node:fs';
import path from 'node:path';

const rules = DEFAULT_SUPPLIER_MAPPING.fields;

/** Readings where every field has fingerprint `<field>-<tag>` unless overridden. */
function readings(tag: string, overrides: Partial<Record<SupplierField, string | null>> = {}): SupplierReadings {
  return Object.fromEntries(
    SUPPLIER_FIELDS.map((f) => {
      const fp = f in overrides ? (overrides[f] ?? null) : `${f}-${tag}`;
      return [f, { fp, display: fp === null ? '(none)' : `shown ${fp}` }];
    }),
  ) as SupplierReadings;
}

function agreedMemory(tag: string, written: Partial<Record<SupplierField, { coupa?: string; workday?: string }>> = {}): SupplierMemory {
  return Object.fromEntries(SUPPLIER_FIELDS.map((f) => [f, { agreed: `${f}-${tag}`, agreedDisplay: `shown ${f}-${tag}`, written: written[f] ?? {} }]));
}

function input(partial: Partial<MergeInput>): MergeInput {
  return { rules, memory: agreedMemory('a'), coupa: readings('a'), workday: readings('a'), changedAt: { coupa: null, workday: null }, pendingBank: null, ...partial };
}

test('in step: nothing to copy, nothing held, memory keeps the agreed values', () => {
  const plan = planSupplierMerge(input({}));
  assert.deepEqual(plan.copies, { coupa: {}, workday: {} });
  assert.equal(plan.bankHold, null);
  assert.deepEqual(plan.audit, []);
  assert.equal(plan.memoryAfter.name?.agreed, 'name-a');
});

test("an owner's change is copied to the other system, and only there", () => {
  const plan = planSupplierMerge(input({ coupa: readings('a', { addresses: 'addresses-b' }) }));
  assert.deepEqual(plan.copies, { coupa: {}, workday: { addresses: 'addresses-b' } });
  assert.equal(plan.audit[0]?.kind, 'copied');
  assert.equal(plan.memoryAfter.addresses?.agreed, 'addresses-b');
  assert.equal(plan.memoryAfter.addresses?.written.workday, 'addresses-b');
});

test("a non-owner's change is reverted to the owner's value when the file says revert", () => {
  // name is owned by Coupa; Workday changed it.
  const plan = planSupplierMerge(input({ workday: readings('a', { name: 'name-b' }) }));
  assert.deepEqual(plan.copies, { coupa: {}, workday: { name: 'name-a' } });
  assert.equal(plan.audit[0]?.kind, 'reverted');
  assert.deepEqual(plan.audit[0]?.lost, { system: 'workday', value: 'shown name-b' });
});

test("a non-owner's change parks when the file says park, and a skipped (accepted) divergence is not parked again", () => {
  // taxIds: Workday owns, park.
  const plan = planSupplierMerge(input({ coupa: readings('a', { taxIds: 'taxIds-b' }) }));
  assert.deepEqual(plan.copies, { coupa: {}, workday: {} });
  assert.equal(plan.parks.length, 1);
  assert.equal(plan.parks[0]?.field, 'taxIds');
  assert.equal(plan.parks[0]?.owner, 'workday');
  const memory = agreedMemory('a');
  memory.taxIds = { ...memory.taxIds!, accepted: { coupa: 'taxIds-b', workday: 'taxIds-a' } };
  const again = planSupplierMerge(input({ memory, coupa: readings('a', { taxIds: 'taxIds-b' }) }));
  assert.equal(again.parks.length, 0);
  const changedAgain = planSupplierMerge(input({ memory, coupa: readings('a', { taxIds: 'taxIds-c' }) }));
  assert.equal(changedAgain.parks.length, 1);
});

test('a conflict within one window goes to the owner, the loser in the audit trail', () => {
  const plan = planSupplierMerge(input({ coupa: readings('a', { name: 'name-c' }), workday: readings('a', { name: 'name-w' }), changedAt: { coupa: '2026-01-01T00:00:00Z', workday: '2026-01-01T00:00:05Z' } }));
  assert.deepEqual(plan.copies.workday, { name: 'name-c' });
  const entry = plan.audit.find((a) => a.field === 'name');
  assert.equal(entry?.kind, 'conflict');
  assert.deepEqual(entry?.lost, { system: 'workday', value: 'shown name-w' });
});

test('a conflict on a latest-wins field goes to the later change; Coupa on a tie or when neither says', () => {
  const later = planSupplierMerge(input({ coupa: readings('a', { contacts: 'contacts-c' }), workday: readings('a', { contacts: 'contacts-w' }), changedAt: { coupa: '2026-01-01T00:00:00Z', workday: '2026-01-01T00:00:05+01:00' } }));
  // 00:00:05+01:00 is 23:00:05Z the day before: Coupa is later.
  assert.deepEqual(later.copies.workday, { contacts: 'contacts-c' });
  const workdayLater = planSupplierMerge(input({ coupa: readings('a', { contacts: 'contacts-c' }), workday: readings('a', { contacts: 'contacts-w' }), changedAt: { coupa: '2026-01-01T00:00:00Z', workday: '2026-01-01T00:00:05Z' } }));
  assert.deepEqual(workdayLater.copies.coupa, { contacts: 'contacts-w' });
  assert.equal(laterSystem({ coupa: null, workday: null }), 'coupa');
  assert.equal(laterSystem({ coupa: null, workday: '2026-01-01T00:00:00Z' }), 'workday');
  assert.equal(laterSystem({ coupa: '2026-01-01T00:00:00Z', workday: '2026-01-01T00:00:00Z' }), 'coupa');
});

test("the run's own write read back is an echo: nothing to copy, and the echo is named", () => {
  const memory = agreedMemory('a', { addresses: { workday: 'addresses-a' } });
  const plan = planSupplierMerge(input({ memory }));
  assert.deepEqual(plan.copies, { coupa: {}, workday: {} });
  assert.deepEqual(plan.echoes, ['workday']);
  // A real change on that side is no echo.
  const real = planSupplierMerge(input({ memory, workday: readings('a', { contacts: 'contacts-z' }) }));
  assert.deepEqual(real.echoes, []);
});

test('every field changed on one side makes one copy per field, gathered for one write per system', () => {
  const plan = planSupplierMerge(input({ coupa: readings('b', { taxIds: 'taxIds-a', paymentTerms: 'paymentTerms-a', bankAccounts: 'bankAccounts-a' }) }));
  assert.deepEqual(Object.keys(plan.copies.workday).sort(), ['addresses', 'contacts', 'name', 'status']);
  assert.deepEqual(plan.copies.coupa, {});
});

test('bank details are never copied: a change is held with masked old and new, from either side, even from the owner', () => {
  const plan = planSupplierMerge(input({ coupa: readings('a', { bankAccounts: 'bankAccounts-new' }) }));
  assert.deepEqual(plan.copies, { coupa: {}, workday: {} });
  assert.deepEqual(plan.bankHold, { origin: 'coupa', toFp: 'bankAccounts-new', toDisplay: 'shown bankAccounts-new', fromFp: 'bankAccounts-a', fromDisplay: 'shown bankAccounts-a', originOwnsField: true });
  assert.equal(plan.audit[0]?.kind, 'bank-held');
  const fromWorkday = planSupplierMerge(input({ workday: readings('a', { bankAccounts: 'bankAccounts-w' }) }));
  assert.equal(fromWorkday.bankHold?.origin, 'workday');
  assert.equal(fromWorkday.bankHold?.originOwnsField, false);
  // The same hold again: kept as it is (no second audit entry), so its request time stays.
  const pending: BankHold = fromWorkday.bankHold!;
  const again = planSupplierMerge(input({ workday: readings('a', { bankAccounts: 'bankAccounts-w' }), pendingBank: pending }));
  assert.equal(again.bankHold, pending);
  assert.equal(again.audit.length, 0);
  assert.equal(again.memoryAfter.bankAccounts?.agreed, 'bankAccounts-a', 'the agreed value stays until a person decides');
});

test('a first sync of a linked pair that differs: owner (or Coupa for latest wins) decides; a new supplier without bank details in the target holds them', () => {
  const plan = planSupplierMerge(input({ memory: {}, coupa: readings('c'), workday: readings('w') }));
  assert.equal(plan.copies.workday.name, 'name-c');
  assert.equal(plan.copies.coupa.taxIds, 'taxIds-w');
  assert.ok(plan.audit.filter((a) => a.field !== 'bankAccounts').every((a) => a.kind === 'initial'));
  const created = planSupplierMerge(input({ memory: {}, coupa: readings('a'), workday: readings('a', { bankAccounts: null }) }));
  assert.equal(created.bankHold?.origin, 'coupa');
  assert.equal(created.bankHold?.fromDisplay, '(none)');
  // Also when the file lets Workday own bank details: the side that has them is where they came from.
  const workdayOwns = planSupplierMerge(input({ rules: { ...rules, bankAccounts: { owner: 'workday', nonOwnerChange: 'park' } }, memory: {}, coupa: readings('a'), workday: readings('a', { bankAccounts: null }) }));
  assert.equal(workdayOwns.bankHold?.origin, 'coupa');
  assert.equal(workdayOwns.bankHold?.originOwnsField, false);
});

// ---- canonical forms and masks ----

const sample: SupplierValues = {
  name: '  Initech   LLC ',
  addresses: { street1: '1 Main St', street2: '', city: 'Austin', state: 'tx', postalCode: '78744', country: 'us' },
  contacts: { email: 'AP@Initech.Example', phone: '+1 (512) 555-0199' },
  taxIds: '77-7654321',
  paymentTerms: 'Net 30',
  bankAccounts: { accountNumber: '0001 2345 6789', routingNumber: '111000025', iban: null, swift: null },
  status: 'active',
};

test('formatting is no change: spaces, case of codes, dashes in numbers', () => {
  const a = normaliseSupplier(sample);
  const b = normaliseSupplier({ ...sample, name: 'Initech LLC', contacts: { email: 'ap@initech.example', phone: '+15125550199' }, taxIds: '777654321', bankAccounts: { accountNumber: '000123456789', routingNumber: '111000025', iban: '', swift: null } });
  for (const f of SUPPLIER_FIELDS) if (f !== 'addresses') assert.equal(canonicalText(f, a), canonicalText(f, b), f);
  assert.equal(a.addresses?.country, 'US');
  assert.equal(a.addresses?.street2, null);
  assert.equal(canonicalText('addresses', normaliseSupplier({ ...sample, addresses: null })), null);
});

test('support sees tax IDs and bank details masked to the last four, contacts reduced', () => {
  const n = normaliseSupplier(sample);
  assert.equal(displayValue('taxIds', n), 'tax ID ••••4321');
  assert.equal(displayValue('bankAccounts', n), 'account ••••6789, routing ••••0025');
  assert.equal(displayValue('contacts', n), 'email ••••@initech.example, phone ••••99');
  assert.equal(displayValue('name', n), 'Initech LLC');
  assert.equal(maskLast4('123'), '••••');
  assert.equal(maskLast4(null), '(none)');
  for (const f of SUPPLIER_FIELDS) assert.doesNotMatch(displayValue(f, n), /7654321|123456789|5550199/);
});

test('duplicates are compared by tax ID and by name without legal forms, accents or punctuation', () => {
  assert.equal(normaliseSupplierName('Globex Corporation'), normaliseSupplierName('GLOBEX corp.'));
  assert.equal(normaliseSupplierName('Müller GmbH & Co. KG'), 'muller and');
  assert.notEqual(normaliseSupplierName('Globex'), normaliseSupplierName('Globe X Logistics'));
  assert.equal(normaliseTaxId('94-123 4567'), normaliseTaxId('941234567'));
});

test('the suppliers section of the mapping file: defaults, and a wrong owner named by its path', () => {
  const file = fs.readFileSync(path.resolve(__dirname, '../../config/mapping.yaml'), 'utf8');
  const parsed = parseMappingText(file, 'mapping.yaml');
  assert.equal(parsed.suppliers.fields.bankAccounts.owner, 'coupa');
  assert.equal(parsed.suppliers.paymentTerms['Net 30'], 'NET_30');
  assert.throws(() => parseMappingText(file.replace('name: { owner: coupa, nonOwnerChange: revert }', 'name: { owner: sap }'), 'mapping.yaml'), /suppliers\.fields\.name\.owner/);
  assert.throws(() => parseMappingText(file.replace('createInCoupa: false', 'createInCoupa: false\n  createInSap: true'), 'mapping.yaml'), /suppliers\.createInSap: unknown key/);
  assert.deepEqual(supplierMappingSchema.parse({}).fields, rules);
});

test('one run per real supplier: the key is the Workday Supplier ID when the change knows it, else the Coupa number', () => {
  // Coupa's event for a linked supplier carries the custom field: the same run as Workday's event.
  assert.equal(supplierKeyOf({ system: 'coupa', coupaSupplierId: 501, coupaSupplierNumber: 'N-1', workdaySupplierId: 'S-1002' }), 'S-1002');
  assert.equal(supplierKeyOf({ system: 'workday', workdaySupplierId: 'S-1002', coupaSupplierNumber: 'N-1' }), 'S-1002');
  // A new Coupa supplier: its number, which becomes its Workday Supplier ID when created there.
  assert.equal(supplierKeyOf({ system: 'coupa', coupaSupplierId: 600, coupaSupplierNumber: 'C-7001' }), 'C-7001');
  assert.equal(supplierKeyOf({ system: 'coupa', coupaSupplierId: 600 }), 'coupa-id-600');
  assert.throws(() => supplierKeyOf({ system: 'workday' }), /names no supplier/);
  assert.equal(supplierSyncWorkflowId('S-1002'), 'supplier-sync/S-1002');
});
