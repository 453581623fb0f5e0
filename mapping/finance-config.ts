// The `finance` section of the mapping file: Coupa account segments and commodities → Workday ledger accounts, cost center worktags, companies with their posting mode, the AP accrual and obligation ledger settings.
//
// Pure (zod only): validated with the rest of config/mapping.yaml by mapping/config.ts.
import { z } from 'zod';

const text = z.string().trim().min(1, { message: 'must not be empty' });
/** Workday IDs are text even when they look like numbers: YAML must not turn "6100" into 6100 and drop leading zeros. */
const workdayId = z.union([text, z.number().int().nonnegative().transform(String)]);

/** How one company's approved Coupa invoices reach Workday: never both (the spend would count twice). */
export const POSTING_MODES = ['journal', 'supplier-invoice'] as const;
export type PostingMode = (typeof POSTING_MODES)[number];

const financeCompany = z.strictObject({
  /** Workday Company_Reference_ID. */
  workdayCompany: text,
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be a three-letter currency code like USD' }),
  /** `journal`: Coupa pays, Workday gets an accrual journal. `supplier-invoice`: Workday pays and does the accounting itself. */
  postingMode: z.enum(POSTING_MODES),
  /** Ledger account (Ledger_Account_ID) every accrual journal balances against. */
  apAccrualAccount: workdayId,
});

const segmentNumber = z.number().int().min(1).max(20);

export const financeConfigSchema = z.strictObject({
  /** Which segment of a Coupa account (segment-1 … segment-20) holds the company, the cost center and the natural GL account. */
  accountSegments: z.strictObject({
    company: segmentNumber,
    costCenter: segmentNumber,
    glAccount: segmentNumber,
  }),
  /** Coupa company segment value → the Workday company and how its invoices are posted. */
  companies: z.record(z.string(), financeCompany),
  /** Where a line's Workday ledger account comes from: the account's GL segment first, then the line's commodity. */
  ledgerAccounts: z.strictObject({
    /** Coupa GL segment value (e.g. "6100") → Workday Ledger_Account_ID. */
    byAccountSegment: z.record(z.string(), workdayId).default({}),
    /** Coupa commodity name → Workday Ledger_Account_ID, for lines whose account has no mapped GL segment. */
    byCommodity: z.record(z.string(), workdayId).default({}),
  }),
  /** Coupa cost center segment value → Workday Cost_Center_Reference_ID (the journal line's worktag). */
  costCenterWorktags: z.record(z.string(), workdayId),
  /** Every journal this integration submits. */
  journals: z.strictObject({
    /** Journal_Source_Reference (Journal_Source_ID) of journals from Coupa: also what Get_Journals filters on to find them again. */
    source: text,
    /** Ledger_Type_Reference (Ledger_Type_ID) of accrual journals. */
    actualsLedger: text,
  }),
  /** Purchase-order obligations (encumbrances). */
  obligations: z.strictObject({
    /** Ledger_Type_ID of the obligation ledger. */
    ledger: text,
    /** Ledger account the obligation lines balance against (a reserve for obligations). */
    offsetAccount: workdayId,
    /**
     * What an over-budget PO does: `hold` parks the run (needs-attention, ProcessState=over-budget) until finance
     * amends the budget and sends retry, or skip; `post-and-flag` records the obligation anyway and flags it.
     */
    overBudget: z.enum(['hold', 'post-and-flag']).default('hold'),
  }),
});

export type FinanceConfig = z.output<typeof financeConfigSchema>;
