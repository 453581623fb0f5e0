// invoicePosting end to end on the dev server: approved Coupa invoices become balanced accrual journals in Workday, line by line as the mapping file says, exactly once, and Coupa marks them exported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { cents, financeAdmin, type LineInput, type PostedJournalView } from '../helpers/finance';
import { requestInvoicePosting } from '../../clients/finance';
import { loadMappingFile } from '../../infra/mapping-file';
import { retryUpdate, statusQuery } from '../../workflows/sync-state';
import { invoicePaymentWorkflowId } from '../../workflows/invoice-to-payment';
import { coupaInvoicesSchema } from '../../connectors/coupa';

let h: ProvisioningHarness;
let admin: ReturnType<typeof financeAdmin>;

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  admin = financeAdmin(h);
});

after(async () => {
  await h?.close();
});

const post = (id: number, trigger: 'approval-event' | 'manual' = 'approval-event') => requestInvoicePosting(h.temporal.env.client, h.queueConfig, String(id), trigger);
const journalsFor = async (invoiceId: number): Promise<PostedJournalView[]> => (await admin.journals()).filter((j) => j.externalReferenceId === `coupa-invoice/${invoiceId}`);

// GL segments and commodities a Coupa user codes invoices with; 6999 is unmapped, so those lines need their commodity.
const US_COST_CENTERS = ['CC1100', 'CC1200', 'CC1400', 'CC1500', 'CC1700'];
const GB_COST_CENTERS = ['CC1610', 'CC1810'];
const GL_SEGMENTS: { gl: string; commodity: string | null }[] = [
  { gl: '6100', commodity: null },
  { gl: '6200', commodity: 'Consulting' },
  { gl: '5010', commodity: null },
  { gl: '6400', commodity: null },
  { gl: '6999', commodity: 'Cloud Services' },
];

function linesOf(i: number): LineInput[] {
  const gb = i % 5 === 4;
  const count = 1 + (i % 4);
  return Array.from({ length: count }, (_, n) => {
    const cc = gb ? GB_COST_CENTERS[(i + n) % GB_COST_CENTERS.length]! : US_COST_CENTERS[(i + n) % US_COST_CENTERS.length]!;
    const coding = GL_SEGMENTS[(i * 3 + n) % GL_SEGMENTS.length]!;
    return { account: [gb ? 'GB01' : 'US01', cc, coding.gl], total: `${(i + 1) * 37 + n * 11}.${String((i * 7 + n) % 100).padStart(2, '0')}`, commodity: coding.commodity };
  });
}

/** What the mapping file says one Coupa line books to, worked out here from the file's own words (not the code's). */
function expectedLine(line: LineInput): { ledgerAccount: string; costCenter: string } {
  const finance = loadMappingFile(h.mappingFile).finance!;
  const gl = line.account[2]!;
  const ledgerAccount = finance.ledgerAccounts.byAccountSegment[gl] ?? (line.commodity ? finance.ledgerAccounts.byCommodity[line.commodity] : undefined);
  assert.ok(ledgerAccount, `test data: GL ${gl} must be mapped`);
  return { ledgerAccount, costCenter: finance.costCenterWorktags[line.account[1]!]! };
}

function assertBalanced(journal: PostedJournalView): void {
  const debits = journal.lines.reduce((s, l) => s + cents(l.debit), 0);
  const credits = journal.lines.reduce((s, l) => s + cents(l.credit), 0);
  assert.equal(debits, credits, `${journal.journalNumber} balances`);
}

test('50 approved invoices in journal mode: 50 balanced journals matching the mapping line by line, all exported; replaying the approvals posts nothing twice', { timeout: 240_000 }, async () => {
  const invoices: { id: number; lines: LineInput[]; company: string }[] = [];
  for (let i = 0; i < 50; i++) {
    const lines = linesOf(i);
    const created = await admin.createInvoice({ lines, currency: lines[0]!.account[0] === 'GB01' ? 'GBP' : 'USD', 'invoice-date': '2026-03-15' });
    invoices.push({ id: created.id, lines, company: lines[0]!.account[0]! });
  }
  const handles = await Promise.all(invoices.map((inv) => post(inv.id)));
  const results = await Promise.all(handles.map(({ handle }) => handle.result()));
  assert.deepEqual(new Set(results.map((r) => r.outcome)), new Set(['posted']));

  const finance = loadMappingFile(h.mappingFile).finance!;
  for (const inv of invoices) {
    const journals = await journalsFor(inv.id);
    assert.equal(journals.length, 1, `one journal for invoice ${inv.id}`);
    const journal = journals[0]!;
    assertBalanced(journal);
    assert.equal(journal.company, inv.company);
    assert.equal(journal.ledgerType, 'Actuals');
    assert.equal(journal.source, 'Coupa');
    assert.equal(journal.accountingDate, '2026-03-15');
    assert.equal(journal.lines.length, inv.lines.length + 1, 'one line per Coupa line plus the AP accrual line');
    inv.lines.forEach((line, n) => {
      const booked = journal.lines[n]!;
      const expected = expectedLine(line);
      assert.equal(booked.ledgerAccount, expected.ledgerAccount, `invoice ${inv.id} line ${n + 1} ledger account`);
      assert.equal(booked.costCenter, expected.costCenter, `invoice ${inv.id} line ${n + 1} cost center worktag`);
      assert.equal(cents(booked.debit), cents(line.total), `invoice ${inv.id} line ${n + 1} debit`);
      assert.equal(cents(booked.credit), 0);
    });
    const accrual = journal.lines[inv.lines.length]!;
    assert.equal(accrual.ledgerAccount, finance.companies[inv.company]!.apAccrualAccount);
    assert.equal(cents(accrual.credit), inv.lines.reduce((s, l) => s + cents(l.total), 0));
    assert.equal(h.coupa.store.invoices.get(inv.id)?.exported, true, `invoice ${inv.id} exported in Coupa`);
  }
  const stillToExport = await h.coupaClient.http.get(coupaInvoicesSchema, '/invoices', { exported: 'false', status: 'approved' });
  assert.ok(!stillToExport.some((i) => invoices.some((inv) => inv.id === i.id)), 'no posted invoice is left in exported=false');

  // Every approval event again (finished runs start anew), and three invoices a UI edit un-exported: Workday already has each journal.
  const before = (await admin.journals()).length;
  for (const inv of invoices.slice(0, 3)) await admin.resetInvoiceExport(inv.id);
  const replays = await Promise.all(invoices.map((inv) => post(inv.id)));
  const replayed = await Promise.all(replays.map(({ handle }) => handle.result()));
  assert.deepEqual(new Set(replayed.map((r) => r.outcome)), new Set(['already-posted']));
  assert.equal((await admin.journals()).length, before, 'no second journal');
  for (const inv of invoices.slice(0, 3)) assert.equal(h.coupa.store.invoices.get(inv.id)?.exported, true, 'exported again');
});

test('a credit note posts with reversed signs: the expense is credited and the AP accrual debited', { timeout: 60_000 }, async () => {
  const lines: LineInput[] = [
    { account: ['US01', 'CC1100', '6100'], total: '400.00' },
    { account: ['US01', 'CC1400', '5010'], total: '1250.50' },
  ];
  const invoice = await admin.createInvoice({ lines, 'invoice-date': '2026-04-01' });
  const credit = await admin.createInvoice({ lines: lines.map((l) => ({ ...l, total: `-${l.total}` })), 'document-type': 'Credit Note', 'invoice-date': '2026-04-20' });
  for (const id of [invoice.id, credit.id]) assert.equal((await (await post(id)).handle.result()).outcome, 'posted');

  const [creditJournal] = await journalsFor(credit.id);
  assert.ok(creditJournal);
  assertBalanced(creditJournal);
  assert.deepEqual(
    creditJournal.lines.map((l) => [l.ledgerAccount, l.costCenter, l.debit, l.credit]),
    [
      ['6100', 'CC1100', '0.00', '400.00'],
      ['6300', 'CC1400', '0.00', '1250.50'],
      ['2105', null, '1650.50', '0.00'],
    ],
  );
  // Invoice and credit note together leave nothing on any account.
  const [invoiceJournal] = await journalsFor(invoice.id);
  const net = new Map<string, number>();
  for (const l of [...invoiceJournal!.lines, ...creditJournal.lines]) net.set(`${l.ledgerAccount}/${l.costCenter}`, (net.get(`${l.ledgerAccount}/${l.costCenter}`) ?? 0) + cents(l.debit) - cents(l.credit));
  assert.ok([...net.values()].every((v) => v === 0), 'the credit note reverses the invoice');
});

test('an unmappable line parks the run naming the line and the missing mapping, writes Coupa integration history, and a retry after the mapping fix posts it', { timeout: 90_000 }, async () => {
  const invoice = await admin.createInvoice({
    lines: [
      { account: ['US01', 'CC1200', '6100'], total: '90.00' },
      { account: ['US01', 'CC1200', '7150'], total: '310.00', commodity: 'Catering' },
    ],
    'invoice-date': '2026-05-05',
  });
  const { handle } = await post(invoice.id);
  const parked = await eventually(async () => {
    const status = await handle.query(statusQuery);
    return status.syncState === 'needs-attention' ? status : undefined;
  }, 'the run to park');
  assert.equal(parked.parking?.category, 'config');
  assert.equal(parked.parking?.failureType, 'MappingMissing');
  assert.match(parked.parking?.reason ?? '', /line 2 \(account US01-CC1200-7150, commodity "Catering"\) has no ledger account/);
  assert.match(parked.parking?.reason ?? '', /finance\.ledgerAccounts\.byAccountSegment\."7150"/);
  assert.equal((await journalsFor(invoice.id)).length, 0, 'nothing posted');
  assert.equal(h.coupa.store.invoices.get(invoice.id)?.exported, false);
  const history = await eventually(async () => h.coupa.store.integrationHistoryRecords.all().find((r) => r.documentId === invoice.id), 'the integration history record');
  assert.equal(history.status, 'error');
  assert.equal(history.documentType, 'InvoiceHeader');
  assert.match(history.responses[0]?.responseMessage ?? '', /line 2/);

  // The fix: map GL 7150 (Catering) to Office Supplies; the worker re-reads the file on retry.
  fs.writeFileSync(h.mappingFile, fs.readFileSync(h.mappingFile, 'utf8').replace('      "6100": "6100" # Office Supplies', '      "6100": "6100" # Office Supplies\n      "7150": "6100" # Catering'));
  await handle.executeUpdate(retryUpdate);
  const result = await handle.result();
  assert.equal(result.outcome, 'posted');
  const [journal] = await journalsFor(invoice.id);
  assert.deepEqual(journal!.lines.map((l) => l.ledgerAccount), ['6100', '6100', '2105']);
  assert.equal(h.coupa.store.invoices.get(invoice.id)?.exported, true);
});

test("a Workday Validation_Fault (closed period) parks with Workday's own message; reopened, a retry posts", { timeout: 90_000 }, async () => {
  await admin.setPeriod({ company: 'US01', period: '2026-01', closed: true });
  try {
    const invoice = await admin.createInvoice({ lines: [{ account: ['US01', 'CC1300', '6200'], total: '75.00' }], 'invoice-date': '2026-01-20' });
    const { handle } = await post(invoice.id);
    const parked = await eventually(async () => {
      const status = await handle.query(statusQuery);
      return status.syncState === 'needs-attention' ? status : undefined;
    }, 'the run to park');
    assert.equal(parked.parking?.category, 'data');
    assert.equal(parked.parking?.failureType, 'ValidationFailed');
    assert.match(parked.parking?.reason ?? '', /The Accounting Date 2026-01-20 is not in an open period for company US01/);
    await admin.setPeriod({ company: 'US01', period: '2026-01', closed: false });
    await handle.executeUpdate(retryUpdate);
    assert.equal((await handle.result()).outcome, 'posted');
    assert.equal((await journalsFor(invoice.id)).length, 1);
  } finally {
    await admin.setPeriod({ company: 'US01', period: '2026-01', closed: false });
  }
});

test('supplier-invoice mode posts no journal and hands over to invoiceToPayment', { timeout: 60_000 }, async () => {
  const invoice = await admin.createInvoice({ lines: [{ account: ['DE01', 'CC2100', '6200'], total: '980.00' }], currency: 'EUR', 'invoice-date': '2026-06-02' });
  const result = await (await post(invoice.id)).handle.result();
  assert.equal(result.outcome, 'handed-to-payment');
  assert.equal(result.mode, 'supplier-invoice');
  assert.equal(result.companyCode, 'DE01');
  assert.equal((await journalsFor(invoice.id)).length, 0, 'never both: no journal in supplier-invoice mode');
  const child = h.temporal.env.client.workflow.getHandle(invoicePaymentWorkflowId(String(invoice.id)));
  const description = await child.describe();
  assert.equal(description.type, 'invoiceToPayment');
  // invoiceToPayment belongs to another branch: this worker does not run it.
  await child.terminate('test: invoiceToPayment is not registered on this branch');
});

test('an invoice that is not approved is not posted', { timeout: 60_000 }, async () => {
  const invoice = await admin.createInvoice({ lines: [{ account: ['US01', 'CC1100', '6100'], total: '10.00' }], approved: false });
  const result = await (await post(invoice.id, 'manual')).handle.result();
  assert.equal(result.outcome, 'not-approved');
  assert.equal((await journalsFor(invoice.id)).length, 0);
});
