// Activities of invoice to payment: read the approved Coupa invoice, plan and submit the Workday supplier invoice, mark exported, record payments, cancel, and read Workday's payments.
import { ApplicationFailure, Context, heartbeat } from '@temporalio/activity';
import { CoupaInvoicePaymentsClient, type CoupaClient, type CoupaInvoicePaymentWrite, type CoupaPayableInvoice, type CoupaPaymentsPut } from '../connectors/coupa';
import {
  cancelSupplierInvoice,
  listPaymentPages,
  submitSupplierInvoice,
  type SupplierInvoiceSubmission,
  type SupplierInvoiceSubmitted,
  type WorkdayPayment,
  type WorkdaySoapClient,
} from '../connectors/workday';
import { BusinessFailureTypes, ConnectorErrorTypes } from '../connectors/http/error-types';
import { loadMappingFile } from '../infra/mapping-file';
import type { SupplierInvoiceMapping } from '../mapping/payment-config';

const signal = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

/** What the Coupa invoice says, as the run needs it (no personal data: a supplier is a business). */
export interface CoupaInvoiceFacts {
  coupaInvoiceId: number;
  invoiceNumber: string;
  status: string;
  documentType: string;
  currency: string;
  total: string;
  invoiceDate: string | null;
  netDueDate: string | null;
  supplier: { coupaId: number | null; name: string; number: string | null; customFields: Record<string, string> };
  lines: { lineNum: number; description: string; quantity: string; price: string; total: string; commodity: string | null; accountSegments: string[] }[];
  exported: boolean;
  paid: boolean;
}

/** The Workday supplier invoice to submit and the terms the run waits by, decided from the mapping file as it is now. */
export interface SupplierInvoicePlan {
  submission: SupplierInvoiceSubmission;
  owedCents: number;
  currency: string;
  /** YYYY-MM-DD: Coupa's net due date, or the invoice date + 30 days when Coupa has none. */
  dueDate: string;
  overdueGraceDays: number;
  escalationDays: number;
}

export function centsOf(amount: string): number {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new Error(`"${amount}" is not an amount`);
  const cents = Number(m[2]) * 100 + Math.round(Number(`0.${m[3] ?? '0'}`) * 100);
  return m[1] ? -cents : cents;
}

export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function segmentsOf(account: Record<string, unknown> | null | undefined): string[] {
  if (!account) return [];
  const segments: string[] = [];
  for (let i = 1; i <= 20; i += 1) {
    const value = account[`segment-${i}`];
    if (typeof value !== 'string' || value === '') break;
    segments.push(value);
  }
  if (segments.length === 0 && typeof account['code'] === 'string') return account['code'].split('-');
  return segments;
}

function factsOf(invoice: CoupaPayableInvoice): CoupaInvoiceFacts {
  const customFields: Record<string, string> = {};
  for (const [key, value] of Object.entries(invoice.supplier?.['custom-fields'] ?? {})) if (typeof value === 'string' || typeof value === 'number') customFields[key] = String(value);
  // Legacy custom fields sit at the top level of the supplier (reference §2): read those too.
  for (const [key, value] of Object.entries(invoice.supplier ?? {})) if (!(key in customFields) && typeof value === 'string' && !['name', 'number'].includes(key)) customFields[key] = value;
  return {
    coupaInvoiceId: invoice.id,
    invoiceNumber: invoice['invoice-number'] ?? String(invoice.id),
    status: invoice.status ?? 'unknown',
    documentType: invoice['document-type'] ?? 'Invoice',
    currency: invoice.currency?.code ?? '',
    total: invoice['total-with-taxes'] ?? '0',
    invoiceDate: invoice['invoice-date']?.slice(0, 10) ?? null,
    netDueDate: invoice['net-due-date']?.slice(0, 10) ?? null,
    supplier: { coupaId: invoice.supplier?.id ?? null, name: invoice.supplier?.name ?? '', number: invoice.supplier?.number ?? null, customFields },
    lines: (invoice['invoice-lines'] ?? []).map((line, index) => ({
      lineNum: line['line-num'] ?? index + 1,
      description: line.description ?? '',
      quantity: line.quantity ?? '1',
      price: line.price ?? line.total ?? '0',
      total: line.total ?? '0',
      commodity: line.commodity?.name ?? null,
      accountSegments: segmentsOf(line.account),
    })),
    exported: invoice.exported === true,
    paid: invoice.paid === true,
  };
}

function failure(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The plan, from the invoice and the mapping file: pure, so the unit tests call it directly. */
export function planSupplierInvoice(invoice: CoupaInvoiceFacts, companyCode: string, mapping: SupplierInvoiceMapping | undefined): SupplierInvoicePlan {
  if (!mapping) throw failure(BusinessFailureTypes.MappingMissing, 'The mapping file has no supplierInvoices section: add it (see config/mapping.yaml) so Coupa invoices can become Workday supplier invoices, then retry.');
  if (invoice.status !== 'approved') throw failure(BusinessFailureTypes.BusinessRuleViolation, `Coupa invoice ${invoice.invoiceNumber} is ${invoice.status}, not approved: only approved invoices go to Workday.`);
  if (invoice.documentType !== 'Invoice') throw failure(BusinessFailureTypes.BusinessRuleViolation, `Coupa ${invoice.documentType} ${invoice.invoiceNumber} is not an invoice: credit notes are not sent to Workday as supplier invoices.`);
  const source = mapping.workdaySupplierId;
  const supplierId = source.from === 'customField' ? invoice.supplier.customFields[source.field] : invoice.supplier.number;
  if (!supplierId) {
    throw failure(
      BusinessFailureTypes.SourceDataIncomplete,
      source.from === 'customField'
        ? `Coupa supplier ${invoice.supplier.name} (id ${invoice.supplier.coupaId ?? '?'}) has no Workday Supplier ID in its custom field "${source.field}": run the supplier sync for it (or fill the field), then retry.`
        : `Coupa supplier ${invoice.supplier.name} has no supplier number to use as the Workday Supplier ID: fill it in Coupa, then retry.`,
    );
  }
  if (invoice.lines.length === 0) throw failure(BusinessFailureTypes.SourceDataIncomplete, `Coupa invoice ${invoice.invoiceNumber} has no lines.`);
  if (!invoice.currency) throw failure(BusinessFailureTypes.SourceDataIncomplete, `Coupa invoice ${invoice.invoiceNumber} has no currency.`);
  const lines = invoice.lines.map((line, index) => {
    const spendCategoryId = (line.commodity !== null ? mapping.spendCategoriesByCommodity[line.commodity] : undefined) ?? mapping.defaultSpendCategory;
    if (!spendCategoryId) {
      throw failure(BusinessFailureTypes.MappingMissing, `No spend category for commodity "${line.commodity ?? '(none)'}" of line ${line.lineNum}: add it to supplierInvoices.spendCategoriesByCommodity (or set defaultSpendCategory) in the mapping file, then retry.`);
    }
    const worktags = mapping.worktagsFromAccountSegments.flatMap((w) => {
      const id = line.accountSegments[w.segment - 1];
      return id ? [{ type: w.type, id }] : [];
    });
    return {
      lineOrder: index + 1,
      description: line.description || `Coupa invoice ${invoice.invoiceNumber} line ${line.lineNum}`,
      spendCategoryId,
      quantity: line.quantity,
      unitCost: line.price,
      extendedAmount: formatCents(centsOf(line.total)),
      worktags,
    };
  });
  const owedCents = lines.reduce((sum, l) => sum + centsOf(l.extendedAmount), 0);
  const invoiceDate = invoice.invoiceDate ?? new Date().toISOString().slice(0, 10);
  const dueDate = invoice.netDueDate ?? addDays(invoiceDate, 30);
  return {
    submission: {
      supplierInvoiceId: `${mapping.supplierInvoiceIdPrefix}${invoice.coupaInvoiceId}`,
      supplierId,
      companyCode,
      currency: invoice.currency,
      invoiceDate,
      dueDate: invoice.netDueDate,
      suppliersInvoiceNumber: invoice.invoiceNumber,
      controlTotal: formatCents(owedCents),
      lines,
    },
    owedCents,
    currency: invoice.currency,
    dueDate,
    overdueGraceDays: mapping.overdueGraceDays,
    escalationDays: mapping.escalationDays,
  };
}

export function createInvoicePaymentCoupaActivities(coupa: CoupaClient, paymentsPut: CoupaPaymentsPut = 'append') {
  const invoices = new CoupaInvoicePaymentsClient(coupa, paymentsPut);
  return {
    async readCoupaInvoiceForPayment(coupaInvoiceId: number): Promise<CoupaInvoiceFacts> {
      return factsOf(await invoices.getInvoice(coupaInvoiceId, signal()));
    },
    async markCoupaInvoiceExported(coupaInvoiceId: number): Promise<{ changed: boolean }> {
      return invoices.markExported(coupaInvoiceId, signal());
    },
    async recordCoupaInvoicePayments(input: { coupaInvoiceId: number; payments: CoupaInvoicePaymentWrite[]; paidInFull: boolean }): Promise<{ written: string[]; paid: boolean }> {
      return invoices.recordPayments(input.coupaInvoiceId, input.payments, input.paidInFull, signal());
    },
  };
}

export function createInvoicePaymentWorkdayActivities(soap: WorkdaySoapClient) {
  return {
    async submitWorkdaySupplierInvoice(submission: SupplierInvoiceSubmission): Promise<SupplierInvoiceSubmitted> {
      return submitSupplierInvoice(soap, submission, {}, signal());
    },
    async cancelWorkdaySupplierInvoice(supplierInvoiceId: string): Promise<'canceled' | 'already-canceled'> {
      try {
        return await cancelSupplierInvoice(soap, supplierInvoiceId, {}, signal());
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.ValidationFailed && /payment/i.test(err.message)) {
          throw failure(BusinessFailureTypes.PaymentMismatch, `Workday refused to cancel supplier invoice ${supplierInvoiceId}: ${err.message}. It has been paid (at least partly): a refund is a person's decision.`);
        }
        throw err;
      }
    },
    /** Every payment dated in [from, to]; heartbeats per page. */
    async readWorkdayPayments(window: { from: string; to: string }): Promise<WorkdayPayment[]> {
      const all: WorkdayPayment[] = [];
      for await (const page of listPaymentPages(soap, window, {}, signal())) {
        heartbeat({ page: page.page });
        all.push(...page.items);
      }
      return all;
    },
  };
}

export function createInvoicePaymentPlanActivities(mappingFile: string) {
  return {
    async planSupplierInvoice(input: { invoice: CoupaInvoiceFacts; companyCode: string }): Promise<SupplierInvoicePlan> {
      let mapping;
      try {
        mapping = loadMappingFile(mappingFile).supplierInvoices;
      } catch (err) {
        throw failure(BusinessFailureTypes.MappingConfigError, err instanceof Error ? err.message : String(err));
      }
      return planSupplierInvoice(input.invoice, input.companyCode, mapping);
    },
  };
}

/** A Workday payment matched to the invoice run that waits for it. */
export interface MatchedPayment {
  /** `{paymentId}/{supplierInvoiceId}`: one payment may settle several invoices. */
  key: string;
  paymentDate: string;
  coupaInvoiceId: string | null;
  supplierInvoiceId: string | null;
  confirmation: { amount: string; currency: string; paymentDate: string; reference: string; source: 'workday-poller' };
}

/** Which invoice run each remittance line belongs to: the Supplier_Invoice_ID the integration gave the invoice (prefix + Coupa invoice id). */
export function matchWorkdayPayments(payments: readonly WorkdayPayment[], prefix: string): MatchedPayment[] {
  return payments.flatMap((payment) =>
    payment.remittances.map((r): MatchedPayment => {
      const id = r.supplierInvoiceId;
      const coupaInvoiceId = id && id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)) ? id.slice(prefix.length) : null;
      // The reference Coupa shows: the payment's own reference number when Workday has one, else its ID.
      const reference = payment.remittances.length > 1 ? `${payment.referenceNumber ?? payment.paymentId}/${id ?? r.suppliersInvoiceNumber ?? ''}` : payment.referenceNumber ?? payment.paymentId;
      return {
        key: `${payment.paymentId}/${id ?? r.suppliersInvoiceNumber ?? ''}`,
        paymentDate: payment.paymentDate,
        coupaInvoiceId,
        supplierInvoiceId: id,
        confirmation: { amount: formatCents(centsOf(r.amountPaid)), currency: payment.currency, paymentDate: payment.paymentDate, reference, source: 'workday-poller' },
      };
    }),
  );
}

export function createPaymentMatchingActivities(mappingFile: string) {
  return {
    async matchWorkdayPaymentsToInvoices(payments: WorkdayPayment[]): Promise<MatchedPayment[]> {
      let prefix = 'COUPA-INV-';
      try {
        prefix = loadMappingFile(mappingFile).supplierInvoices?.supplierInvoiceIdPrefix ?? prefix;
      } catch (err) {
        throw failure(BusinessFailureTypes.MappingConfigError, err instanceof Error ? err.message : String(err));
      }
      return matchWorkdayPayments(payments, prefix);
    },
  };
}
