// The costCenterSync section of the mapping file: which Coupa lookup holds Workday's companies, business units and cost centers, and how a cost center becomes a Coupa account.
//
// Pure (zod only): the planner reads it inside an activity.
import { z } from 'zod';

const text = z.string().trim().min(1, { message: 'must not be empty' });

/** Workday values an account segment can take. */
export const ACCOUNT_SEGMENT_SOURCES = ['company', 'businessUnit', 'costCenter'] as const;
export type AccountSegmentSource = (typeof ACCOUNT_SEGMENT_SOURCES)[number];

/** Workday levels above the cost center hierarchy that can become lookup values of their own. */
export const LOOKUP_LEVELS = ['company', 'businessUnit'] as const;
export type LookupLevel = (typeof LOOKUP_LEVELS)[number];

const noRepeats = <T>(items: readonly T[]): boolean => new Set(items).size === items.length;

export const costCenterSyncConfigSchema = z.strictObject({
  /**
   * The Coupa lookup that holds the tree (it must exist in Coupa: the sync never creates lookups).
   * Every value in it with an external-ref-num belongs to the sync; values without one are left alone.
   */
  lookup: text,
  /**
   * Levels above the cost centers, top down: each becomes a lookup value (external-ref-num = company
   * code or business unit ID) that the level below hangs from. [] puts top-level cost centers at the root.
   */
  levels: z
    .array(z.enum(LOOKUP_LEVELS, { error: (issue) => `must be one of ${LOOKUP_LEVELS.join(', ')} (found ${JSON.stringify(issue.input)})` }))
    .refine(noRepeats, { message: 'must not repeat a level' })
    .refine((levels) => levels.indexOf('company') <= 0, { message: 'company, when listed, comes first (business units sit under companies)' }),
  accounts: z.strictObject({
    /** false: lookup values only (a dynamic chart of accounts builds accounts from them: Coupa says not to POST those). */
    enabled: z.boolean(),
    /** Workday company code → the Coupa chart of accounts (account type) its cost centers' accounts belong to. */
    accountTypeByCompany: z.record(z.string(), text).default({}),
    /** The account's segments in order (segment-1, segment-2, …); the account code is them joined by "-". */
    segments: z
      .array(z.enum(ACCOUNT_SEGMENT_SOURCES, { error: (issue) => `must be one of ${ACCOUNT_SEGMENT_SOURCES.join(', ')} (found ${JSON.stringify(issue.input)})` }))
      .min(1, { message: 'must list at least one segment' })
      .max(20, { message: 'Coupa accounts have at most 20 segments' })
      .refine(noRepeats, { message: 'must not repeat a segment' })
      .refine((segments) => segments.includes('costCenter'), { message: 'must include costCenter (one account per cost center)' }),
  }),
});

export type CostCenterSyncConfig = z.output<typeof costCenterSyncConfigSchema>;
