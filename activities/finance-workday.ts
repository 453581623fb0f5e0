// Workday side of invoice posting and PO encumbrances: post a journal exactly once (looked up by its External_Reference_ID first), and run the budget check.
import { Context, log } from '@temporalio/activity';
import { findJournalByExternalReference, runBudgetCheck, submitAccountingJournal, type BudgetCheckRequest, type BudgetCheckResult, type WorkdayClient, type WorkdaySoapClient } from '../connectors/workday';
import type { JournalPlan } from '../mapping/finance';

const call = () => ({ signal: Context.current().cancellationSignal });

export interface JournalPosting {
  journalId: string;
  journalNumber: string | null;
  externalReferenceId: string;
  /** True when Workday already had it: a repeat (a replayed event, a retry after a lost reply) posted nothing. */
  alreadyPosted: boolean;
}

export interface FinanceWorkdayOptions {
  /** Below /ccx/api, with {tenant}. */
  budgetCheckPath: string;
}

export function createFinanceWorkdayActivities(workday: WorkdayClient, soap: WorkdaySoapClient, options: FinanceWorkdayOptions) {
  return {
    /** One lookup (Get_Journals by company, source, ledger and date; matched on External_Reference_ID), then at most one Submit_Accounting_Journal. */
    async postJournalOnce(journal: JournalPlan): Promise<JournalPosting> {
      const existing = await findJournalByExternalReference(
        soap,
        { company: journal.company, source: journal.source, ledgerType: journal.ledgerType, accountingDate: journal.accountingDate, externalReferenceId: journal.externalReferenceId },
        call(),
      );
      if (existing) {
        log.info('journal already in Workday: not posting again', { externalReferenceId: journal.externalReferenceId, journalNumber: existing.journalNumber });
        return { journalId: existing.id, journalNumber: existing.journalNumber, externalReferenceId: journal.externalReferenceId, alreadyPosted: true };
      }
      const posted = await submitAccountingJournal(soap, { ...journal, lines: journal.lines.map(({ coupaLineNum: _line, ...line }) => line) }, call());
      return { journalId: posted.id, journalNumber: posted.journalNumber, externalReferenceId: journal.externalReferenceId, alreadyPosted: false };
    },

    async checkWorkdayBudget(request: BudgetCheckRequest): Promise<BudgetCheckResult> {
      return runBudgetCheck(workday, request, options.budgetCheckPath, call());
    },
  };
}
