// Pure planning of the finance postings: a Coupa invoice → its accrual journal (or the hand-over to supplier-invoice mode), a Coupa PO version → its obligation journal, reversals and budget-check deltas.
import type { FinanceConfig, PostingMode } from './finance-config';

/** A Coupa account as a line carries it: its code and segment values by number (1-based). */
export interface CoupaAccountReading {
  code: string | null;
  segments: Record<number, string>;
}

/** One invoice or order line, as the finance flows need it (no personal data). */
export interface CoupaFinanceLine {
  lineNum: number;
  /** Money string; a credit note's lines may be negative (Coupa's convention) or positive. */
  total: string;
  account: CoupaAccountReading | null;
  commodity: string | null;
}

export interface CoupaInvoiceReading {
  id: number;
  invoiceNumber: string;
  documentType: 'Invoice' | 'Credit Note';
  status: string;
  /** YYYY-MM-DD: the accrual journal's accounting date. */
  invoiceDate: string;
  currency: string | null;
  exported: boolean;
  lines: CoupaFinanceLine[];
}

export interface CoupaPurchaseOrderReading {
  id: number;
  poNumber: string;
  version: number;
  status: string;
  currency: string | null;
  /** YYYY-MM-DD of the version (Coupa's updated-at): the obligation's accounting date. */
  versionDate: string;
  lines: CoupaFinanceLine[];
}

export interface JournalLinePlan {
  lineOrder: number;
  ledgerAccount: string;
  /** Money strings with two decimals; one of them is "0.00". */
  debit: string;
  credit: string;
  /** Cost_Center_Reference_ID worktag, null on the balancing line. */
  costCenter: string | null;
  memo: string;
  /** The Coupa line this journal line books (null for the balancing line). */
  coupaLineNum: number | null;
}

export interface JournalPlan {
  /** External_Reference_ID: the Coupa document (and version) this journal books; how a repeat finds it. */
  externalReferenceId: string;
  company: string;
  currency: string;
  ledgerType: string;
  source: string;
  accountingDate: string;
  memo: string;
  lines: JournalLinePlan[];
  /** Control_Total_Amount: the sum of the debits. */
  controlTotal: string;
}

export type PlanOutcome<T> = { ok: true; value: T } | { ok: false; fixIn: 'mapping-file' | 'coupa'; problems: string[] };

export type InvoicePostingPlan =
  | { mode: 'journal'; companyCode: string; journal: JournalPlan }
  | { mode: 'supplier-invoice'; companyCode: string };

// ---- money in cents: journals must balance to the cent ----

export function toCents(amount: string): number {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new Error(`not a money amount: ${JSON.stringify(amount)}`);
  const fraction = (m[3] ?? '').padEnd(3, '0');
  const cents = Number(m[2]) * 100 + Number(fraction.slice(0, 2)) + (Number(fraction[2]) >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const invoiceJournalReference = (invoiceId: number): string => `coupa-invoice/${invoiceId}`;
export const obligationJournalReference = (poId: number, version: number): string => `coupa-po/${poId}/v${version}`;
export const obligationReleaseReference = (poId: number, version: number): string => `coupa-po/${poId}/v${version}/release`;

interface MappedLine {
  coupaLineNum: number;
  ledgerAccount: string;
  costCenter: string;
  cents: number;
}

/** Company, ledger account and cost center worktag of every line; every problem named, line by line. */
function mapLines(
  what: string,
  lines: readonly CoupaFinanceLine[],
  finance: FinanceConfig,
): PlanOutcome<{ companyCode: string; mapped: MappedLine[] }> {
  const { accountSegments, ledgerAccounts, costCenterWorktags, companies } = finance;
  const mappingProblems: string[] = [];
  const dataProblems: string[] = [];
  const companyCodes = new Set<string>();
  const mapped: MappedLine[] = [];
  if (lines.length === 0) return { ok: false, fixIn: 'coupa', problems: [`${what} has no lines`] };
  for (const line of lines) {
    const label = `line ${line.lineNum}`;
    const segment = (n: number): string | undefined => line.account?.segments[n]?.trim() || undefined;
    if (!line.account) {
      dataProblems.push(`${label} has no account in Coupa`);
      continue;
    }
    const company = segment(accountSegments.company);
    const costCenterSegment = segment(accountSegments.costCenter);
    const glSegment = segment(accountSegments.glAccount);
    if (company) companyCodes.add(company);
    else dataProblems.push(`${label} (account ${line.account.code ?? '?'}) has no company in segment-${accountSegments.company}`);

    let ledgerAccount: string | undefined = glSegment !== undefined ? ledgerAccounts.byAccountSegment[glSegment] : undefined;
    if (ledgerAccount === undefined && line.commodity) ledgerAccount = ledgerAccounts.byCommodity[line.commodity];
    if (ledgerAccount === undefined) {
      mappingProblems.push(
        `${label} (account ${line.account.code ?? '?'}${line.commodity ? `, commodity "${line.commodity}"` : ''}) has no ledger account: ` +
          `add finance.ledgerAccounts.byAccountSegment."${glSegment ?? '(no GL segment)'}"` +
          (line.commodity ? ` or finance.ledgerAccounts.byCommodity."${line.commodity}"` : ''),
      );
    }
    const costCenter = costCenterSegment !== undefined ? costCenterWorktags[costCenterSegment] : undefined;
    if (costCenterSegment === undefined) dataProblems.push(`${label} (account ${line.account.code ?? '?'}) has no cost center in segment-${accountSegments.costCenter}`);
    else if (costCenter === undefined) mappingProblems.push(`${label} (account ${line.account.code ?? '?'}) has no cost center worktag: add finance.costCenterWorktags.${costCenterSegment}`);
    if (ledgerAccount !== undefined && costCenter !== undefined) mapped.push({ coupaLineNum: line.lineNum, ledgerAccount, costCenter, cents: toCents(line.total) });
  }
  if (companyCodes.size > 1) dataProblems.push(`${what} books to more than one company (${[...companyCodes].sort().join(', ')}); split it in Coupa`);
  const companyCode = [...companyCodes][0];
  if (companyCode !== undefined && companyCodes.size === 1 && !companies[companyCode]) {
    mappingProblems.push(`company ${companyCode} is not in the mapping file: add finance.companies.${companyCode}`);
  }
  if (dataProblems.length > 0) return { ok: false, fixIn: 'coupa', problems: [...dataProblems, ...mappingProblems] };
  if (mappingProblems.length > 0) return { ok: false, fixIn: 'mapping-file', problems: mappingProblems };
  return { ok: true, value: { companyCode: companyCode!, mapped } };
}

function journalFrom(
  base: Omit<JournalPlan, 'lines' | 'controlTotal'>,
  mapped: readonly MappedLine[],
  balancingAccount: string,
  memoOf: (line: MappedLine) => string,
): JournalPlan {
  const lines: JournalLinePlan[] = [];
  let net = 0;
  for (const line of mapped) {
    net += line.cents;
    lines.push({
      lineOrder: lines.length + 1,
      ledgerAccount: line.ledgerAccount,
      debit: fromCents(Math.max(line.cents, 0)),
      credit: fromCents(Math.max(-line.cents, 0)),
      costCenter: line.costCenter,
      memo: memoOf(line),
      coupaLineNum: line.coupaLineNum,
    });
  }
  lines.push({
    lineOrder: lines.length + 1,
    ledgerAccount: balancingAccount,
    debit: fromCents(Math.max(-net, 0)),
    credit: fromCents(Math.max(net, 0)),
    costCenter: null,
    memo: `${base.memo}: balancing line`,
    coupaLineNum: null,
  });
  const debits = lines.reduce((sum, l) => sum + toCents(l.debit), 0);
  return { ...base, lines, controlTotal: fromCents(debits) };
}

/**
 * An approved invoice's posting: the company's mode, and in journal mode the accrual journal (each line's
 * ledger account and cost center worktag by the mapping, balanced against the AP accrual account). A
 * credit note books the same lines with reversed signs.
 */
export function planInvoicePosting(invoice: CoupaInvoiceReading, finance: FinanceConfig | undefined): PlanOutcome<InvoicePostingPlan> {
  if (!finance) return { ok: false, fixIn: 'mapping-file', problems: ['the mapping file has no finance section'] };
  const what = `invoice ${invoice.invoiceNumber} (Coupa id ${invoice.id})`;
  const outcome = mapLines(what, invoice.lines, finance);
  if (!outcome.ok) return outcome;
  const { companyCode, mapped } = outcome.value;
  const company = finance.companies[companyCode]!;
  if (company.postingMode === 'supplier-invoice') return { ok: true, value: { mode: 'supplier-invoice', companyCode } };
  if (invoice.currency && invoice.currency !== company.currency) {
    return { ok: false, fixIn: 'coupa', problems: [`${what} is in ${invoice.currency}, but company ${companyCode} books in ${company.currency}`] };
  }
  const creditNote = invoice.documentType === 'Credit Note';
  // Coupa writes credit note lines as negative amounts; a positive one is still a credit.
  const signed = mapped.map((line) => ({ ...line, cents: creditNote ? -Math.abs(line.cents) : line.cents }));
  const kind = creditNote ? 'credit note' : 'invoice';
  const journal = journalFrom(
    {
      externalReferenceId: invoiceJournalReference(invoice.id),
      company: company.workdayCompany,
      currency: company.currency,
      ledgerType: finance.journals.actualsLedger,
      source: finance.journals.source,
      accountingDate: invoice.invoiceDate,
      memo: `Coupa ${kind} ${invoice.invoiceNumber}`,
    },
    signed,
    company.apAccrualAccount,
    (line) => `Coupa ${kind} ${invoice.invoiceNumber} line ${line.coupaLineNum}`,
  );
  return { ok: true, value: { mode: 'journal', companyCode, journal } };
}

/** A PO version's obligation: each line's amount on the obligation ledger, balanced against the obligation reserve. */
export function planObligation(po: CoupaPurchaseOrderReading, finance: FinanceConfig | undefined): PlanOutcome<JournalPlan> {
  if (!finance) return { ok: false, fixIn: 'mapping-file', problems: ['the mapping file has no finance section'] };
  const what = `PO ${po.poNumber} version ${po.version} (Coupa id ${po.id})`;
  const outcome = mapLines(what, po.lines, finance);
  if (!outcome.ok) return outcome;
  const { companyCode, mapped } = outcome.value;
  const company = finance.companies[companyCode]!;
  return {
    ok: true,
    value: journalFrom(
      {
        externalReferenceId: obligationJournalReference(po.id, po.version),
        company: company.workdayCompany,
        currency: company.currency,
        ledgerType: finance.obligations.ledger,
        source: finance.journals.source,
        accountingDate: po.versionDate,
        memo: `Coupa PO ${po.poNumber} v${po.version} obligation`,
      },
      mapped,
      finance.obligations.offsetAccount,
      (line) => `Coupa PO ${po.poNumber} v${po.version} line ${line.coupaLineNum}`,
    ),
  };
}

/** The journal that takes `journal` back off the ledger: the same lines, debits and credits swapped. */
export function reversalOf(journal: JournalPlan, externalReferenceId: string, accountingDate: string, memo: string): JournalPlan {
  return {
    ...journal,
    externalReferenceId,
    accountingDate,
    memo,
    lines: journal.lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit, memo: `${memo}: ${l.memo}` })),
    controlTotal: fromCents(journal.lines.reduce((sum, l) => sum + toCents(l.credit), 0)),
  };
}

export interface BudgetCheckLine {
  ledgerAccount: string;
  costCenter: string;
  /** The additional commitment asked for: positive. */
  amount: string;
}

/** Net (debit − credit) per ledger account + cost center of a journal's worktagged lines. */
function netByKey(journal: JournalPlan | null): Map<string, number> {
  const net = new Map<string, number>();
  for (const l of journal?.lines ?? []) {
    if (l.costCenter === null) continue;
    const key = `${l.ledgerAccount}|${l.costCenter}`;
    net.set(key, (net.get(key) ?? 0) + toCents(l.debit) - toCents(l.credit));
  }
  return net;
}

/**
 * What a new obligation adds to budget consumption beyond what the posted one already holds: only increases
 * need the budget check (a revision down or an unchanged line consumes nothing new).
 */
export function budgetCheckDelta(next: JournalPlan, posted: JournalPlan | null): BudgetCheckLine[] {
  const before = netByKey(posted);
  const out: BudgetCheckLine[] = [];
  for (const [key, cents] of netByKey(next)) {
    const delta = cents - (before.get(key) ?? 0);
    if (delta <= 0) continue;
    const [ledgerAccount, costCenter] = key.split('|') as [string, string];
    out.push({ ledgerAccount, costCenter, amount: fromCents(delta) });
  }
  return out;
}

export type { FinanceConfig, PostingMode } from './finance-config';
