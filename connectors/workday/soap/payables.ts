// Workday accounts payable over SOAP: Submit_Supplier_Invoice (a duplicate is "already there"), Cancel_Supplier_Invoice, and Get_Payments by payment date.
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { ConnectorErrorTypes } from '../../http/error-types';
import type { WdObject } from './envelope';
import { present, refId, responseResultsSchema, wdDate, wdReferenceSchema, wdText } from './schemas';
import type { SoapCallOptions, SoapPage, WorkdaySoapClient } from './soap-client';

/** Where AP lives: supplier invoices in Resource_Management; payments in Settlement_Services (some tenants expose them in Cash_Management [U]). */
export interface PayablesServices {
  supplierInvoices: string;
  payments: string;
}
export const DEFAULT_PAYABLES_SERVICES: PayablesServices = { supplierInvoices: 'Resource_Management', payments: 'Settlement_Services' };

/**
 * [U] Workday's wording for a second invoice with a supplier's invoice number it already has (and for a
 * Supplier_Invoice_ID already in use under Add_Only): either means our earlier submit went through.
 */
export const DUPLICATE_SUPPLIER_INVOICE = /duplicate|already exists|already in use/i;
/** [U] The answer to cancelling an invoice that is already canceled. */
export const ALREADY_CANCELED = /already cancel/i;

export interface SupplierInvoiceLineSubmission {
  lineOrder: number;
  description: string;
  spendCategoryId: string;
  quantity: string;
  unitCost: string;
  /** Decimal string. */
  extendedAmount: string;
  worktags: { type: string; id: string }[];
}

export interface SupplierInvoiceSubmission {
  /** The integration's reference ID, e.g. COUPA-INV-6001: how payments are matched back. */
  supplierInvoiceId: string;
  supplierId: string;
  companyCode: string;
  currency: string;
  invoiceDate: string;
  dueDate: string | null;
  suppliersInvoiceNumber: string;
  /** Decimal string. */
  controlTotal: string;
  lines: SupplierInvoiceLineSubmission[];
}

export interface SupplierInvoiceSubmitted {
  outcome: 'submitted' | 'already-there';
  supplierInvoiceId: string;
  /** Workday's document number; null when it was already there (the duplicate fault does not give it back). */
  documentNumber: string | null;
}

const submitResponseSchema = z.object({
  Supplier_Invoice_Reference: present(wdReferenceSchema),
  Supplier_Invoice_Document_Number: present(wdText),
});

const cancelResponseSchema = z.object({ Supplier_Invoice_Reference: present(wdReferenceSchema) });

const ref = (type: string, id: string): WdObject => ({ ID: { '@type': type, '#text': id } });

function isValidationFailure(err: unknown, pattern: RegExp): boolean {
  return err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.ValidationFailed && pattern.test(err.message);
}

export async function submitSupplierInvoice(
  client: WorkdaySoapClient,
  invoice: SupplierInvoiceSubmission,
  options: { services?: PayablesServices; duplicatePattern?: RegExp } = {},
  call: SoapCallOptions = {},
): Promise<SupplierInvoiceSubmitted> {
  const services = options.services ?? DEFAULT_PAYABLES_SERVICES;
  try {
    const response = await client.call(
      {
        service: services.supplierInvoices,
        operation: 'Submit_Supplier_Invoice',
        body: {
          // Add_Only: never update an invoice someone else made with the same reference ID.
          '@Add_Only': true,
          Business_Process_Parameters: { Auto_Complete: true },
          Supplier_Invoice_Data: {
            Supplier_Invoice_ID: invoice.supplierInvoiceId,
            Submit: true,
            Company_Reference: ref('Company_Reference_ID', invoice.companyCode),
            Currency_Reference: ref('Currency_ID', invoice.currency),
            Supplier_Reference: ref('Supplier_ID', invoice.supplierId),
            Invoice_Date: invoice.invoiceDate,
            Due_Date_Override: invoice.dueDate ?? undefined,
            Control_Amount_Total: invoice.controlTotal,
            Suppliers_Invoice_Number: invoice.suppliersInvoiceNumber,
            Invoice_Line_Replacement_Data: invoice.lines.map((line) => ({
              Line_Order: line.lineOrder,
              Item_Description: line.description,
              Spend_Category_Reference: ref('Spend_Category_ID', line.spendCategoryId),
              Quantity: line.quantity,
              Unit_Cost: line.unitCost,
              Extended_Amount: line.extendedAmount,
              Worktags_Reference: line.worktags.map((w) => ref(w.type, w.id)),
            })),
          },
        },
        schema: submitResponseSchema,
      },
      call,
    );
    return {
      outcome: 'submitted',
      supplierInvoiceId: refId(response.Supplier_Invoice_Reference, 'Supplier_Invoice_ID') ?? invoice.supplierInvoiceId,
      documentNumber: response.Supplier_Invoice_Document_Number ?? null,
    };
  } catch (err) {
    // Idempotent by supplier + supplier's invoice number: Workday's refusal of a second one means the first went through.
    if (isValidationFailure(err, options.duplicatePattern ?? DUPLICATE_SUPPLIER_INVOICE)) return { outcome: 'already-there', supplierInvoiceId: invoice.supplierInvoiceId, documentNumber: null };
    throw err;
  }
}

/** Cancels an unpaid supplier invoice; an already canceled one is a success. An invoice with payments is refused (ValidationFailed). */
export async function cancelSupplierInvoice(
  client: WorkdaySoapClient,
  supplierInvoiceId: string,
  options: { services?: PayablesServices } = {},
  call: SoapCallOptions = {},
): Promise<'canceled' | 'already-canceled'> {
  try {
    await client.call(
      {
        service: (options.services ?? DEFAULT_PAYABLES_SERVICES).supplierInvoices,
        operation: 'Cancel_Supplier_Invoice',
        body: { Business_Process_Parameters: { Auto_Complete: true }, Supplier_Invoice_Reference: ref('Supplier_Invoice_ID', supplierInvoiceId) },
        schema: cancelResponseSchema,
      },
      call,
    );
    return 'canceled';
  } catch (err) {
    if (isValidationFailure(err, ALREADY_CANCELED)) return 'already-canceled';
    throw err;
  }
}

// ---- payments ----

/** One invoice a payment settles (a payment may settle several). */
export interface PaymentRemittance {
  /** The Supplier_Invoice_ID of the paid invoice, when Workday gives it. */
  supplierInvoiceId: string | null;
  suppliersInvoiceNumber: string | null;
  /** Decimal string: the part of the payment for this invoice. */
  amountPaid: string;
}

export interface WorkdayPayment {
  paymentId: string;
  paymentDate: string;
  status: string | null;
  /** Decimal string. */
  amount: string;
  currency: string;
  referenceNumber: string | null;
  supplierId: string | null;
  remittances: PaymentRemittance[];
}

const decimal = z.preprocess((v) => (v && typeof v === 'object' && '#text' in v ? (v as { '#text': unknown })['#text'] : v), z.union([z.string(), z.number()]).transform(String));

const paymentSchema = z.object({
  Payment_Reference: present(wdReferenceSchema),
  Payment_Data: z.object({
    Payment_ID: present(wdText),
    Payment_Date: wdDate,
    Payment_Status_Reference: present(wdReferenceSchema),
    Receiving_Party_Reference: present(wdReferenceSchema),
    Currency_Reference: present(wdReferenceSchema),
    Payment_Amount: decimal,
    Payment_Reference_Number: present(wdText),
    Remittance_Data: present(
      z.array(
        z.object({
          Supplier_Invoice_Reference: present(wdReferenceSchema),
          Suppliers_Invoice_Number: present(wdText),
          Amount_Paid: present(decimal),
        }),
      ),
    ),
  }),
});

const getPaymentsResponseSchema = z.object({
  Response_Results: present(responseResultsSchema),
  Response_Data: present(z.object({ Payment: present(z.array(paymentSchema)) })),
});

function toPayment(p: z.output<typeof paymentSchema>): WorkdayPayment {
  const data = p.Payment_Data;
  const paymentId = data.Payment_ID ?? refId(p.Payment_Reference, 'Payment_ID') ?? refId(p.Payment_Reference, 'WID') ?? '';
  return {
    paymentId,
    paymentDate: data.Payment_Date,
    status: refId(data.Payment_Status_Reference, 'Payment_Status_ID') ?? null,
    amount: data.Payment_Amount,
    currency: refId(data.Currency_Reference, 'Currency_ID') ?? '',
    referenceNumber: data.Payment_Reference_Number ?? null,
    supplierId: refId(data.Receiving_Party_Reference, 'Supplier_ID') ?? null,
    remittances: (data.Remittance_Data ?? []).map((r) => ({
      supplierInvoiceId: refId(r.Supplier_Invoice_Reference, 'Supplier_Invoice_ID') ?? null,
      suppliersInvoiceNumber: r.Suppliers_Invoice_Number ?? null,
      // A remittance without its own amount is the whole payment (one invoice per payment).
      amountPaid: r.Amount_Paid ?? data.Payment_Amount,
    })),
  };
}

/** Pages of payments whose payment date lies in [from, to] (YYYY-MM-DD, inclusive) [U: criteria element names]. Heartbeat between pages. */
export function listPaymentPages(
  client: WorkdaySoapClient,
  window: { from: string; to: string; pageSize?: number },
  options: { services?: PayablesServices } = {},
  call: SoapCallOptions = {},
): AsyncGenerator<SoapPage<WorkdayPayment>, void, undefined> {
  const service = (options.services ?? DEFAULT_PAYABLES_SERVICES).payments;
  return client.pages(
    (page, count) => ({
      service,
      operation: 'Get_Payments',
      body: {
        Request_Criteria: { Payment_Date_From: window.from, Payment_Date_To: window.to },
        Response_Filter: { Page: page, Count: count },
      },
      schema: getPaymentsResponseSchema,
      arrayElements: ['Payment', 'Remittance_Data'],
    }),
    (response) => ({ results: response.Response_Results, items: (response.Response_Data?.Payment ?? []).map(toPayment) }),
    { pageSize: window.pageSize, ...call },
  );
}
