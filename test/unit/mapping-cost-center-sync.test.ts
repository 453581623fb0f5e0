// The cost center planner and its mapping section: the tree Coupa must hold, the writes in their order, and a config refused with the key named.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadMappingFile } from '../../infra/mapping-file';
import { MappingConfigError, parseMappingConfig } from '../../mapping';
import type { CostCenterSyncConfig } from '../../mapping/cost-center-config';
import { countWrites, planCostCenterSync, type CoupaAccountState, type CoupaFinanceReadings, type CoupaValueState, type CostCenterWrite, type WorkdayFinanceReadings } from '../../mapping/cost-center-sync';

const config: CostCenterSyncConfig = {
  lookup: 'Cost Center',
  levels: ['company'],
  accounts: { enabled: true, accountTypeByCompany: { US01: 'Acme US' }, segments: ['company', 'costCenter'] },
};

const workday = (): WorkdayFinanceReadings => ({
  companies: [{ code: 'US01', name: 'Acme US', inactive: false }],
  businessUnits: [],
  costCenters: [
    { code: 'CC1', name: 'Top', companyCode: 'US01', businessUnitId: null, parentCode: null, inactive: false },
    { code: 'CC2', name: 'Middle', companyCode: 'US01', businessUnitId: null, parentCode: 'CC1', inactive: false },
    { code: 'CC3', name: 'Leaf', companyCode: 'US01', businessUnitId: null, parentCode: 'CC2', inactive: false },
    { code: 'CC4', name: 'Other', companyCode: 'US01', businessUnitId: null, parentCode: null, inactive: false },
  ],
});

/** Coupa exactly as Workday above: US01 at the root, CC1 and CC4 under it, CC2 under CC1, CC3 under CC2. */
function coupaInStep(): CoupaFinanceReadings {
  const values: CoupaValueState[] = [
    { id: 1, name: 'Acme US', active: true, refNum: 'US01', parentId: null, refCode: 'US01' },
    { id: 2, name: 'Top', active: true, refNum: 'CC1', parentId: 1, refCode: 'US01-CC1' },
    { id: 3, name: 'Middle', active: true, refNum: 'CC2', parentId: 2, refCode: 'US01-CC1-CC2' },
    { id: 4, name: 'Leaf', active: true, refNum: 'CC3', parentId: 3, refCode: 'US01-CC1-CC2-CC3' },
    { id: 5, name: 'Other', active: true, refNum: 'CC4', parentId: 1, refCode: 'US01-CC4' },
    { id: 6, name: 'Hand-made value', active: true, refNum: null, parentId: null, refCode: null },
  ];
  const account = (id: number, cc: string, name: string): CoupaAccountState => ({ id, name, active: true, accountTypeName: 'Acme US', segments: ['US01', cc, ...Array<null>(18).fill(null)] });
  return {
    lookup: { id: 9, name: 'Cost Center' },
    values,
    accounts: [account(11, 'CC1', 'Top'), account(12, 'CC2', 'Middle'), account(13, 'CC3', 'Leaf'), account(14, 'CC4', 'Other'), { ...account(15, '6000', 'Travel GL') }],
    accountTypes: ['Acme US'],
  };
}

function plan(w: WorkdayFinanceReadings, c: CoupaFinanceReadings = coupaInStep()): CostCenterWrite[] {
  const outcome = planCostCenterSync(w, c, config);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.problems.join('; '));
  return outcome.value.writes;
}

describe('planCostCenterSync', () => {
  it('writes nothing when Coupa matches (values without a ref-num and other accounts are left alone)', () => {
    assert.deepEqual(plan(workday()), []);
  });

  it('a move is one parent change; the moved subtree follows, the rest stays', () => {
    const w = workday();
    (w.costCenters[1] as { parentCode: string | null }).parentCode = 'CC4';
    const writes = plan(w);
    assert.deepEqual(
      writes.map((x) => [x.kind, 'refNum' in x ? x.refNum : '']),
      [
        ['update-value', 'CC2'],
        ['follow-parent', 'CC3'],
      ],
    );
    const move = writes[0];
    assert.ok(move?.kind === 'update-value');
    assert.deepEqual(move.changes, { parentRefNum: 'CC4' });
    assert.equal(move.parentId, 5, 'the new parent by its Coupa id');
    assert.deepEqual(move.cascade, ['CC3']);
    assert.ok(writes[1]?.kind === 'follow-parent' && writes[1].expectedRefCode === 'US01-CC4-CC2-CC3');
  });

  it('creates top down (a new parent before the child under it), deactivates bottom up, then accounts', () => {
    const w = workday();
    w.costCenters.push({ code: 'CC5', name: 'New parent', companyCode: 'US01', businessUnitId: null, parentCode: null, inactive: false });
    w.costCenters.push({ code: 'CC6', name: 'New child', companyCode: 'US01', businessUnitId: null, parentCode: 'CC5', inactive: false });
    (w.costCenters[2] as { inactive: boolean }).inactive = true; // CC3 leaf
    const writes = plan(w);
    const kinds = writes.map((x) => `${x.kind}:${'refNum' in x ? x.refNum : 'costCenter' in x ? x.costCenter : ''}`);
    assert.deepEqual(kinds, ['create-value:CC5', 'create-value:CC6', 'deactivate-value:CC3', 'create-account:CC5', 'create-account:CC6', 'deactivate-account:CC3']);
    const child = writes[1];
    assert.ok(child?.kind === 'create-value' && child.parentRefNum === 'CC5' && child.parentId === null, 'the parent id comes from the create before it');
  });

  it('a renamed cost center renames its value and its account; a reactivated one comes back', () => {
    const w = workday();
    (w.costCenters[3] as { name: string }).name = 'Other, renamed';
    const c = coupaInStep();
    (c.values[2] as { active: boolean }).active = false;
    (c.accounts[1] as { active: boolean }).active = false;
    const counts = countWrites(plan(w, c));
    assert.equal(counts['update-value'], 2);
    assert.equal(counts['update-account'], 2);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 4);
  });

  it('a cost center gone from Workday is deactivated (value and account), never deleted', () => {
    const w = workday();
    w.costCenters.splice(3, 1); // CC4 removed
    const writes = plan(w);
    assert.deepEqual(
      writes.map((x) => x.kind),
      ['deactivate-value', 'deactivate-account'],
    );
  });

  it('a cost center moved to another company gets its account in that chart of accounts, and the old one is deactivated', () => {
    const w = workday();
    w.companies.push({ code: 'GB01', name: 'Acme UK', inactive: false });
    (w.costCenters[3] as { companyCode: string }).companyCode = 'GB01';
    const c = coupaInStep();
    c.accountTypes.push('Acme UK');
    const outcome = planCostCenterSync(w, c, { ...config, accounts: { ...config.accounts, accountTypeByCompany: { US01: 'Acme US', GB01: 'Acme UK' } } });
    assert.ok(outcome.ok);
    const accounts = outcome.value.writes.filter((x) => x.kind.endsWith('-account'));
    assert.deepEqual(
      accounts.map((x) => [x.kind, 'code' in x ? x.code : '', 'accountTypeName' in x ? x.accountTypeName : '']),
      [
        ['create-account', 'GB01-CC4', 'Acme UK'],
        ['deactivate-account', 'US01-CC4', 'Acme US'],
      ],
    );
  });

  it('without levels, top-level cost centers sit at the root and companies are not values (an old company value is deactivated)', () => {
    const outcome = planCostCenterSync(workday(), coupaInStep(), { ...config, levels: [] });
    assert.ok(outcome.ok);
    const kinds = outcome.value.writes.map((x) => `${x.kind}:${'refNum' in x ? x.refNum : ''}`);
    assert.deepEqual(kinds, ['update-value:CC1', 'update-value:CC4', 'follow-parent:CC2', 'follow-parent:CC3', 'deactivate-value:US01']);
    const move = outcome.value.writes[0];
    assert.ok(move?.kind === 'update-value' && move.changes.parentRefNum === null);
  });

  it('refuses ID clashes between levels and loops in the hierarchy', () => {
    const w = workday();
    w.costCenters.push({ code: 'US01', name: 'Clash', companyCode: 'US01', businessUnitId: null, parentCode: null, inactive: false });
    const clash = planCostCenterSync(w, coupaInStep(), config);
    assert.ok(!clash.ok && /same ID/.test(clash.problems.join()));
    const loop = workday();
    (loop.costCenters[0] as { parentCode: string | null }).parentCode = 'CC3';
    const looped = planCostCenterSync(loop, coupaInStep(), config);
    assert.ok(!looped.ok && /loops/.test(looped.problems.join()));
  });

  it('warns instead of writing when a company has no chart of accounts', () => {
    const w = workday();
    w.companies.push({ code: 'FR01', name: 'Acme France', inactive: false });
    w.costCenters.push({ code: 'CC9', name: 'Paris', companyCode: 'FR01', businessUnitId: null, parentCode: null, inactive: false });
    const outcome = planCostCenterSync(w, coupaInStep(), config);
    assert.ok(outcome.ok);
    assert.deepEqual(countWrites(outcome.value.writes)['create-account'], 0);
    assert.ok(outcome.value.warnings.some((x) => x.includes('FR01')));
  });
});

describe('costCenterSync mapping section', () => {
  it('the default mapping file has one', () => {
    const mapping = loadMappingFile(path.resolve(__dirname, '../../config/mapping.yaml'));
    assert.equal(mapping.costCenterSync?.lookup, 'Cost Center');
    assert.deepEqual(mapping.costCenterSync?.accounts.segments, ['company', 'costCenter']);
  });

  it('names every bad key', () => {
    const base = loadMappingFile(path.resolve(__dirname, '../../config/mapping.yaml'));
    const bad = { ...base, costCenterSync: { lookup: '', levels: ['businessUnit', 'company'], accounts: { enabled: true, segments: ['company', 'company'], accountTypes: {} } } };
    assert.throws(
      () => parseMappingConfig(bad, 'mapping.yaml'),
      (err: unknown) => {
        assert.ok(err instanceof MappingConfigError);
        const text = err.problems.join('\n');
        assert.match(text, /costCenterSync\.lookup: must not be empty/);
        assert.match(text, /costCenterSync\.levels: company, when listed, comes first/);
        assert.match(text, /costCenterSync\.accounts\.segments: must not repeat a segment/);
        assert.match(text, /costCenterSync\.accounts\.accountTypes: unknown key.*accountTypeByCompany/);
        return true;
      },
    );
  });
});
