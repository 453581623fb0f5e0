// The finance section of the mapping file and the pure planning of journals: validation naming bad keys, accrual and credit-note journals, obligations, reversals and budget-check deltas.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { loadMappingFile } from '../../infra/mapping-file';
import { MappingConfigError, parseMappingConfig } from '../../mapping';
import { budgetCheckDelta, planInvoicePosting, planObligation, reversalOf, toCents, type CoupaInvoiceReading } from '../../mapping/finance';
import { companies, costCenters } from '../../sandbox/seed/reference-data';

const DEFAULT_FILE = path.resolve(__dirname, '../../config/mapping.yaml');
const finance = () => loadMappingFile(DEFAULT_FILE).finance!;
const account = (...segments: string[]) => ({ code: segments.join('-'), segments: Object.fromEntries(segments.map((s, i) => [i + 1, s])) });

const invoice = (overrides: Partial<CoupaInvoiceReading> = {}): CoupaInvoiceReading => ({
  id: 6001,
  invoiceNumber: 'INV-1',
  documentType: 'Invoice',
  status: 'approved',
  invoiceDate: '2026-03-01',
  currency: 'USD',
  exported: false,
  lines: [
    { lineNum: 1, total: '100.10', account: account('US01', 'CC1100', '6100'), commodity: null },
    { lineNum: 2, total: '50.05', account: account('US01', 'CC1400', '6999'), commodity: 'Cloud Services' },
  ],
  ...overrides,
});

describe('the finance mapping', () => {
  it('the default file maps every company and every Coupa cost center but CC2400', () => {
    const f = finance();
    for (const c of companies) assert.ok(f.companies[c.code], `company ${c.code}`);
    for (const cc of costCenters.filter((c) => c.inCoupa)) assert.ok(f.costCenterWorktags[cc.code], `cost center ${cc.code}`);
    assert.equal(f.costCenterWorktags['CC2400'], undefined);
    assert.equal(f.companies['DE01']?.postingMode, 'supplier-invoice');
  });

  it('a bad finance section is refused naming every bad key', () => {
    const raw = parse(readFileSync(DEFAULT_FILE, 'utf8')) as { finance: Record<string, unknown> };
    const companiesSection = raw.finance['companies'] as Record<string, Record<string, unknown>>;
    companiesSection['US01']!['postingMode'] = 'both';
    delete (raw.finance['journals'] as Record<string, unknown>)['source'];
    (raw.finance as Record<string, unknown>)['ledgerAcounts'] = {};
    try {
      parseMappingConfig(raw, 'mapping.yaml');
      assert.fail('expected a MappingConfigError');
    } catch (err) {
      assert.ok(err instanceof MappingConfigError);
      const text = err.problems.join('\n');
      assert.match(text, /finance\.companies\.US01\.postingMode: must be one of journal, supplier-invoice/);
      assert.match(text, /finance\.journals\.source: Required/);
      assert.match(text, /finance\.ledgerAcounts: unknown key \(did you mean ledgerAccounts\?\)/);
    }
  });
});

describe('planning journals', () => {
  it('an invoice: a debit per line by GL segment or commodity with its cost center, balanced on the AP accrual account', () => {
    const plan = planInvoicePosting(invoice(), finance());
    assert.ok(plan.ok && plan.value.mode === 'journal');
    const j = plan.value.journal;
    assert.equal(j.externalReferenceId, 'coupa-invoice/6001');
    assert.deepEqual(j.lines.map((l) => [l.ledgerAccount, l.costCenter, l.debit, l.credit]), [
      ['6100', 'CC1100', '100.10', '0.00'],
      ['6150', 'CC1400', '50.05', '0.00'],
      ['2105', null, '0.00', '150.15'],
    ]);
    assert.equal(j.controlTotal, '150.15');
  });

  it('a credit note reverses the signs, whether Coupa writes its lines negative or not', () => {
    for (const sign of ['-', '']) {
      const plan = planInvoicePosting(invoice({ documentType: 'Credit Note', lines: [{ lineNum: 1, total: `${sign}80.00`, account: account('US01', 'CC1100', '6100'), commodity: null }] }), finance());
      assert.ok(plan.ok && plan.value.mode === 'journal');
      assert.deepEqual(plan.value.journal.lines.map((l) => [l.ledgerAccount, l.debit, l.credit]), [
        ['6100', '0.00', '80.00'],
        ['2105', '80.00', '0.00'],
      ]);
    }
  });

  it('an unmappable line names the line and the key to add; a line of another company is a data problem', () => {
    const unmapped = planInvoicePosting(invoice({ lines: [{ lineNum: 3, total: '1.00', account: account('US01', 'CC2400', '7150'), commodity: 'Catering' }] }), finance());
    assert.ok(!unmapped.ok);
    assert.equal(unmapped.fixIn, 'mapping-file');
    assert.match(unmapped.problems.join(' '), /line 3 .* no ledger account: add finance\.ledgerAccounts\.byAccountSegment\."7150" or finance\.ledgerAccounts\.byCommodity\."Catering"/);
    assert.match(unmapped.problems.join(' '), /add finance\.costCenterWorktags\.CC2400/);
    const mixed = planInvoicePosting(invoice({ lines: [...invoice().lines, { lineNum: 3, total: '1.00', account: account('GB01', 'CC1610', '6100'), commodity: null }] }), finance());
    assert.ok(!mixed.ok);
    assert.equal(mixed.fixIn, 'coupa');
  });

  it('supplier-invoice mode plans no journal', () => {
    const plan = planInvoicePosting(invoice({ currency: 'EUR', lines: [{ lineNum: 1, total: '5.00', account: account('DE01', 'CC2100', '6200'), commodity: null }] }), finance());
    assert.deepEqual(plan, { ok: true, value: { mode: 'supplier-invoice', companyCode: 'DE01' } });
  });

  it('a revision checks only what it adds; a reversal swaps debits and credits', () => {
    const po = (version: number, total: string) => ({ id: 7001, poNumber: 'PO-1', version, status: 'issued', currency: 'USD', versionDate: '2026-04-01', lines: [{ lineNum: 1, total, account: account('US01', 'CC1500', '6100'), commodity: null }] });
    const v1 = planObligation(po(1, '1000.00'), finance());
    const v2 = planObligation(po(2, '1300.00'), finance());
    assert.ok(v1.ok && v2.ok);
    assert.equal(v1.value.ledgerType, 'Obligation');
    assert.deepEqual(budgetCheckDelta(v2.value, v1.value), [{ ledgerAccount: '6100', costCenter: 'CC1500', amount: '300.00' }]);
    assert.deepEqual(budgetCheckDelta(v1.value, v2.value), [], 'a revision down needs no budget');
    const reversal = reversalOf(v1.value, 'coupa-po/7001/v1/release', '2026-04-02', 'released');
    const net = [...v1.value.lines, ...reversal.lines].reduce((s, l) => s + toCents(l.debit) - toCents(l.credit), 0);
    assert.equal(net, 0);
    assert.equal(reversal.lines[0]?.credit, '1000.00');
  });
});
