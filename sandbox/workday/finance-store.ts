// The simulated tenant's financials: ledger accounts, ledger types, journal sources, open and closed periods, posted accounting journals and budgets (consumed by obligations and actuals).
import type { WorkdayStore } from './store';
import { wid } from './store';

export interface StoredLedgerAccount {
  id: string;
  name: string;
}

export interface StoredJournalLine {
  lineOrder: number;
  ledgerAccount: string;
  /** Cents. */
  debit: number;
  credit: number;
  memo: string;
  costCenter: string | null;
}

export interface StoredJournal {
  wid: string;
  /** Accounting_Journal_ID, e.g. JE-000123. */
  journalNumber: string;
  company: string;
  currency: string;
  ledgerType: string;
  source: string;
  accountingDate: string;
  memo: string;
  externalReferenceId: string | null;
  status: 'Posted' | 'Draft';
  /** Epoch ms of entry (Get_Journals Updated_From/To_Date). */
  enteredAt: number;
  lines: StoredJournalLine[];
}

export interface StoredBudget {
  company: string;
  costCenter: string;
  ledgerAccount: string;
  fiscalYear: number;
  /** Cents. */
  amount: number;
}

export const LEDGER_ACCOUNTS: readonly StoredLedgerAccount[] = [
  { id: '2000', name: 'Accounts Payable' },
  { id: '2105', name: 'Accrued Liabilities - AP Accrual' },
  { id: '3950', name: 'Obligation Reserve' },
  { id: '6100', name: 'Office Supplies' },
  { id: '6150', name: 'Software Subscriptions' },
  { id: '6200', name: 'Professional Services' },
  { id: '6300', name: 'IT Hardware' },
  { id: '6400', name: 'Travel' },
  { id: '6500', name: 'Marketing Services' },
  { id: '6600', name: 'Facilities & Maintenance' },
];

export const LEDGER_TYPES = ['Actuals', 'Obligation', 'Commitment'] as const;
export const JOURNAL_SOURCES = ['Coupa', 'Manual', 'Spreadsheet_Upload'] as const;

/** Every expense account of every active cost center gets this budget per fiscal year, unless seeded otherwise. */
export const DEFAULT_BUDGET_CENTS = 250_000_00;
/** A tight budget, so "over budget" has a seeded example: Procurement's IT Hardware. */
export const TIGHT_BUDGETS: readonly { costCenter: string; ledgerAccount: string; cents: number }[] = [{ costCenter: 'CC1300', ledgerAccount: '6300', cents: 5_000_00 }];

const EXPENSE_ACCOUNTS = LEDGER_ACCOUNTS.filter((a) => a.id.startsWith('6')).map((a) => a.id);

export class FinanceStore {
  readonly ledgerAccounts = new Map<string, StoredLedgerAccount>();
  readonly journals: StoredJournal[] = [];
  /** YYYY-MM of closed periods, per company ('*' = every company). */
  readonly closedPeriods = new Set<string>();
  /** Explicit budgets by key; a key without one gets DEFAULT_BUDGET_CENTS. */
  readonly budgetOverrides = new Map<string, number>();
  private nextJournal = 1;

  constructor(private readonly workday: WorkdayStore) {
    this.reset();
  }

  reset(): void {
    this.ledgerAccounts.clear();
    for (const a of LEDGER_ACCOUNTS) this.ledgerAccounts.set(a.id, { ...a });
    this.journals.length = 0;
    this.closedPeriods.clear();
    // The year before the sandbox's seed data is closed: postings dated then are refused, as in a tenant.
    for (let m = 1; m <= 12; m++) this.closedPeriods.add(`*:2023-${String(m).padStart(2, '0')}`);
    this.budgetOverrides.clear();
    this.nextJournal = 1;
  }

  isPeriodClosed(company: string, accountingDate: string): boolean {
    const month = accountingDate.slice(0, 7);
    return this.closedPeriods.has(`*:${month}`) || this.closedPeriods.has(`${company}:${month}`);
  }

  companyExists(code: string): boolean {
    return this.workday.companies.has(code);
  }

  costCenterExists(code: string): boolean {
    return this.workday.costCenters.has(code);
  }

  costCenterCompany(code: string): string | undefined {
    return this.workday.costCenters.get(code)?.companyCode;
  }

  post(journal: Omit<StoredJournal, 'wid' | 'journalNumber' | 'status' | 'enteredAt'>, enteredAt: number): StoredJournal {
    const journalNumber = `JE-${String(this.nextJournal).padStart(6, '0')}`;
    this.nextJournal += 1;
    const stored: StoredJournal = { ...journal, wid: wid('journal', journalNumber), journalNumber, status: 'Posted', enteredAt };
    this.journals.push(stored);
    return stored;
  }

  private budgetKey(company: string, costCenter: string, ledgerAccount: string, fiscalYear: number): string {
    return `${company}|${costCenter}|${ledgerAccount}|${fiscalYear}`;
  }

  budgetOf(company: string, costCenter: string, ledgerAccount: string, fiscalYear: number): number {
    const override = this.budgetOverrides.get(this.budgetKey(company, costCenter, ledgerAccount, fiscalYear));
    if (override !== undefined) return override;
    const tight = TIGHT_BUDGETS.find((t) => t.costCenter === costCenter && t.ledgerAccount === ledgerAccount);
    return tight ? tight.cents : DEFAULT_BUDGET_CENTS;
  }

  setBudget(company: string, costCenter: string, ledgerAccount: string, fiscalYear: number, cents: number): void {
    this.budgetOverrides.set(this.budgetKey(company, costCenter, ledgerAccount, fiscalYear), cents);
  }

  /** Net debits on a ledger for one budget line in a fiscal year. */
  consumed(ledgerType: string, company: string, costCenter: string, ledgerAccount: string, fiscalYear: number): number {
    let cents = 0;
    for (const j of this.journals) {
      if (j.status !== 'Posted' || j.ledgerType !== ledgerType || j.company !== company || !j.accountingDate.startsWith(String(fiscalYear))) continue;
      for (const l of j.lines) if (l.ledgerAccount === ledgerAccount && l.costCenter === costCenter) cents += l.debit - l.credit;
    }
    return cents;
  }

  /** Budget, obligations, actuals and what is left, per budget line that has a budget or any consumption. */
  budgetView(fiscalYear: number): BudgetViewRow[] {
    const keys = new Set<string>();
    for (const cc of this.workday.costCenters.values()) for (const account of EXPENSE_ACCOUNTS) keys.add(`${cc.companyCode}|${cc.code}|${account}`);
    const rows: BudgetViewRow[] = [];
    for (const key of [...keys].sort()) {
      const [company, costCenter, ledgerAccount] = key.split('|') as [string, string, string];
      const budget = this.budgetOf(company, costCenter, ledgerAccount, fiscalYear);
      const obligated = this.consumed('Obligation', company, costCenter, ledgerAccount, fiscalYear);
      const actual = this.consumed('Actuals', company, costCenter, ledgerAccount, fiscalYear);
      rows.push({ company, costCenter, ledgerAccount, fiscalYear, budget, obligated, actual, available: budget - obligated - actual });
    }
    return rows;
  }
}

export interface BudgetViewRow {
  company: string;
  costCenter: string;
  ledgerAccount: string;
  fiscalYear: number;
  /** Cents. */
  budget: number;
  obligated: number;
  actual: number;
  available: number;
}

// One finance store per Workday store: kept beside the worker data without growing store.ts.
const stores = new WeakMap<WorkdayStore, FinanceStore>();

export function financeStoreOf(workday: WorkdayStore): FinanceStore {
  let finance = stores.get(workday);
  if (!finance) {
    finance = new FinanceStore(workday);
    stores.set(workday, finance);
  }
  return finance;
}

export function centsToMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A decimal string or number → cents; null when it is not one. */
export function moneyToCents(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!m) return null;
  const fraction = (m[3] ?? '').padEnd(3, '0');
  const cents = Number(m[2]) * 100 + Number(fraction.slice(0, 2)) + (Number(fraction[2]) >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}
