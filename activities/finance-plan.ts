// Plans finance postings with the mapping file as it is now (an admin's fix applies on the next retry): invoice → accrual journal or hand-over; PO version → obligation, reversal and budget-check delta.
import { ApplicationFailure } from '@temporalio/activity';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { loadMappingFile } from '../infra/mapping-file';
import {
  budgetCheckDelta,
  obligationReleaseReference,
  planInvoicePosting,
  planObligation,
  reversalOf,
  type BudgetCheckLine,
  type CoupaInvoiceReading,
  type CoupaPurchaseOrderReading,
  type InvoicePostingPlan,
  type JournalPlan,
  type PlanOutcome,
} from '../mapping/finance';
import type { FinanceConfig } from '../mapping/finance-config';

export interface ObligationPlan {
  journal: JournalPlan;
  /** The previous version's obligation taken off first (null for the first version). */
  reversal: JournalPlan | null;
  /** Increases only; empty when the new version needs no more budget. */
  budgetCheck: BudgetCheckLine[];
  company: string;
  overBudget: FinanceConfig['obligations']['overBudget'];
}

function financeSection(mappingFile: string): FinanceConfig | undefined {
  try {
    return loadMappingFile(mappingFile).finance;
  } catch (err) {
    throw ApplicationFailure.create({ type: BusinessFailureTypes.MappingConfigError, nonRetryable: true, message: err instanceof Error ? err.message : String(err) });
  }
}

function unwrap<T>(what: string, outcome: PlanOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw ApplicationFailure.create({
    type: outcome.fixIn === 'mapping-file' ? BusinessFailureTypes.MappingMissing : BusinessFailureTypes.SourceDataIncomplete,
    nonRetryable: true,
    message: `${what}: ${outcome.problems.join('; ')}`,
  });
}

export function createFinancePlanActivities(mappingFile: string) {
  return {
    async planInvoicePostingFromCoupa(invoice: CoupaInvoiceReading): Promise<InvoicePostingPlan> {
      return unwrap(`Coupa invoice ${invoice.invoiceNumber} cannot be posted`, planInvoicePosting(invoice, financeSection(mappingFile)));
    },

    async planObligationFromCoupa(input: { po: CoupaPurchaseOrderReading; posted: JournalPlan | null; postedVersion: number | null }): Promise<ObligationPlan> {
      const finance = financeSection(mappingFile);
      const journal = unwrap(`Coupa PO ${input.po.poNumber} v${input.po.version} cannot be encumbered`, planObligation(input.po, finance));
      const reversal =
        input.posted && input.postedVersion !== null
          ? reversalOf(input.posted, obligationReleaseReference(input.po.id, input.postedVersion), input.po.versionDate, `Coupa PO ${input.po.poNumber} v${input.postedVersion} superseded by v${input.po.version}`)
          : null;
      return { journal, reversal, budgetCheck: budgetCheckDelta(journal, input.posted), company: journal.company, overBudget: finance!.obligations.overBudget };
    },

    /** Close or cancel: what remains of the posted obligation comes off the ledger. */
    async planObligationRelease(input: { po: CoupaPurchaseOrderReading; posted: JournalPlan; postedVersion: number }): Promise<JournalPlan> {
      return reversalOf(input.posted, obligationReleaseReference(input.po.id, input.postedVersion), input.po.versionDate, `Coupa PO ${input.po.poNumber} ${input.po.status}: obligation released`);
    },
  };
}
