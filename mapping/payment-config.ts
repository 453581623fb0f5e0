// The `supplierInvoices` section of config/mapping.yaml: how a Coupa invoice becomes a Workday supplier invoice, and when an unpaid one is overdue.
//
// Pure (zod only): read by the planning activity of invoiceToPayment; workflows import only its types.
import { z } from 'zod';

const text = z.string().trim().min(1, { message: 'must not be empty' });
const days = z.number().int().nonnegative();

/**
 * Where the Workday Supplier_ID of a Coupa supplier is found. The supplier sync keeps it in a custom
 * field of the Coupa supplier (`customField`); tenants whose supplier numbers are Workday's IDs use
 * `supplierNumber`.
 */
const workdaySupplierId = z.discriminatedUnion('from', [
  z.strictObject({ from: z.literal('customField'), field: text }),
  z.strictObject({ from: z.literal('supplierNumber') }),
]);

/** A worktag taken from an account segment of the invoice line, e.g. the cost center in segment 2. */
const worktagFromSegment = z.strictObject({
  /** Workday reference ID type, e.g. Cost_Center_Reference_ID, Project_ID, Region_Reference_ID. */
  type: text,
  /** 1-based account segment (Coupa's segment-N). */
  segment: z.number().int().min(1).max(20),
});

export const supplierInvoiceMappingSchema = z
  .strictObject({
    workdaySupplierId,
    /** Coupa commodity name → Workday Spend_Category_ID. */
    spendCategoriesByCommodity: z.record(z.string(), text).default({}),
    /** Spend_Category_ID for lines whose commodity is not listed; null: such a line parks the run (config). */
    defaultSpendCategory: text.nullable().default(null),
    worktagsFromAccountSegments: z.array(worktagFromSegment).default([]),
    /** Prefix of the Supplier_Invoice_ID the integration gives each Workday invoice: prefix + Coupa invoice id. */
    supplierInvoiceIdPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,20}$/, { message: 'must be 1-20 letters, digits, - or _' })
      .default('COUPA-INV-'),
    /** Days after the due date before an unpaid invoice is flagged overdue (ProcessState=overdue). */
    overdueGraceDays: days.default(5),
    /** Days after the due date before an unpaid invoice is escalated a second time (ProcessState=escalated). */
    escalationDays: days.default(30),
  })
  .superRefine((section, ctx) => {
    if (section.escalationDays <= section.overdueGraceDays) {
      ctx.addIssue({ code: 'custom', path: ['escalationDays'], message: `must be more than overdueGraceDays (${section.overdueGraceDays})` });
    }
  });

export type SupplierInvoiceMapping = z.output<typeof supplierInvoiceMappingSchema>;
