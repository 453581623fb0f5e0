// Accounts payable of the simulated tenant: a minimal supplier seed, supplier invoices (submit, duplicates, cancel, paid status) and the payments settlement runs make.
import { companies } from '../seed/reference-data';
import { wid, WorkdayStoreError, type WorkdayStore } from './store';

/** Just enough of a supplier to resolve Supplier_ID on an invoice; the supplier sync owns the full record. */
export interface StoredSupplier {
  wid: string;
  supplierId: string;
  name: string;
  currency: string;
  inactive: boolean;
}

export interface StoredSupplierInvoiceLine {
  lineOrder: number;
  description: string;
  spendCategoryId: string;
  quantity: string;
  unitCost: string;
  extendedAmountCents: number;
  worktags: { type: string; id: string }[];
}

export type SupplierInvoiceStatus = 'Approved' | 'Canceled';
export type SupplierInvoicePaymentStatus = 'Unpaid' | 'Partially Paid' | 'Paid';

export interface StoredSupplierInvoice {
  wid: string;
  /** The integration's reference ID (Supplier_Invoice_ID), e.g. COUPA-INV-6001. */
  supplierInvoiceId: string;
  /** Workday's own document number. */
  invoiceNumber: string;
  suppliersInvoiceNumber: string;
  supplierId: string;
  companyCode: string;
  currency: string;
  invoiceDate: string;
  dueDate: string;
  controlTotalCents: number;
  lines: StoredSupplierInvoiceLine[];
  status: SupplierInvoiceStatus;
  paidCents: number;
  submittedAt: number;
  canceledAt: number | null;
}

export interface StoredRemittance {
  supplierInvoiceId: string;
  suppliersInvoiceNumber: string;
  amountCents: number;
}

export interface StoredPayment {
  wid: string;
  paymentId: string;
  settlementRunId: string;
  paymentDate: string;
  /** When the settlement run entered it (epoch ms). */
  enteredAt: number;
  amountCents: number;
  currency: string;
  /** What the supplier sees on the remittance: check or transfer number. */
  referenceNumber: string;
  supplierId: string;
  companyCode: string;
  status: 'Paid';
  remittances: StoredRemittance[];
}

export interface SubmitSupplierInvoiceInput {
  supplierInvoiceId: string | null;
  suppliersInvoiceNumber: string;
  supplierId: string;
  companyCode: string;
  currency: string;
  invoiceDate: string;
  dueDate: string | null;
  controlTotalCents: number;
  lines: StoredSupplierInvoiceLine[];
}

export interface SettlementRunInput {
  /** YYYY-MM-DD; default today (UTC). */
  paymentDate?: string;
  /** Invoices to pay, by the integration's Supplier_Invoice_ID or the supplier's invoice number; amount (decimal) default: what is still owed. */
  invoices: { supplierInvoiceId?: string; suppliersInvoiceNumber?: string; amount?: string | number }[];
}

/** Suppliers the sandbox tenant knows from the start (Supplier_ID as the Coupa sandbox's invoice suppliers carry it). */
export const SEEDED_SUPPLIERS: readonly Omit<StoredSupplier, 'wid'>[] = [
  { supplierId: 'SUP-000101', name: 'Northwind Office Supply', currency: 'USD', inactive: false },
  { supplierId: 'SUP-000102', name: 'Contoso Hardware', currency: 'USD', inactive: false },
  { supplierId: 'SUP-000103', name: 'Fabrikam Consulting', currency: 'USD', inactive: false },
  { supplierId: 'SUP-000104', name: 'Tailspin Logistics', currency: 'GBP', inactive: false },
  { supplierId: 'SUP-000199', name: 'Dormant Supplies Ltd', currency: 'USD', inactive: true },
];

export function toCents(amount: string | number): number {
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount.trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) throw new WorkdayStoreError(`"${text}" is not an amount with at most 2 decimals`);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export class PayablesStore {
  readonly suppliers = new Map<string, StoredSupplier>();
  readonly invoices: StoredSupplierInvoice[] = [];
  readonly payments: StoredPayment[] = [];
  private settlementRuns = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.suppliers.clear();
    for (const s of SEEDED_SUPPLIERS) this.suppliers.set(s.supplierId, { ...s, wid: wid('supplier', s.supplierId) });
    this.invoices.length = 0;
    this.payments.length = 0;
    this.settlementRuns = 0;
  }

  addSupplier(input: { supplierId: string; name: string; currency?: string }): StoredSupplier {
    const supplier: StoredSupplier = { supplierId: input.supplierId, name: input.name, currency: input.currency ?? 'USD', inactive: false, wid: wid('supplier', input.supplierId) };
    this.suppliers.set(supplier.supplierId, supplier);
    return supplier;
  }

  companyExists(code: string): boolean {
    return companies.some((c) => c.code === code);
  }

  /** The invoice a supplier already has under this number (Workday refuses a second one). */
  duplicateOf(supplierId: string, suppliersInvoiceNumber: string): StoredSupplierInvoice | undefined {
    return this.invoices.find((i) => i.supplierId === supplierId && i.suppliersInvoiceNumber === suppliersInvoiceNumber && i.status !== 'Canceled');
  }

  findInvoice(key: { supplierInvoiceId?: string; wid?: string; suppliersInvoiceNumber?: string }): StoredSupplierInvoice | undefined {
    return this.invoices.find(
      (i) =>
        (key.supplierInvoiceId !== undefined && i.supplierInvoiceId === key.supplierInvoiceId) ||
        (key.wid !== undefined && i.wid === key.wid) ||
        (key.suppliersInvoiceNumber !== undefined && i.suppliersInvoiceNumber === key.suppliersInvoiceNumber),
    );
  }

  submit(input: SubmitSupplierInvoiceInput, at: number): StoredSupplierInvoice {
    const sequence = this.invoices.length + 1;
    const supplierInvoiceId = input.supplierInvoiceId ?? `SUPPLIER_INVOICE-6-${sequence}`;
    const invoice: StoredSupplierInvoice = {
      wid: wid('supplier-invoice', supplierInvoiceId),
      supplierInvoiceId,
      invoiceNumber: `SI-${String(sequence).padStart(7, '0')}`,
      suppliersInvoiceNumber: input.suppliersInvoiceNumber,
      supplierId: input.supplierId,
      companyCode: input.companyCode,
      currency: input.currency,
      invoiceDate: input.invoiceDate,
      dueDate: input.dueDate ?? addDays(input.invoiceDate, 30),
      controlTotalCents: input.controlTotalCents,
      lines: input.lines,
      status: 'Approved',
      paidCents: 0,
      submittedAt: at,
      canceledAt: null,
    };
    this.invoices.push(invoice);
    return invoice;
  }

  paymentStatus(invoice: StoredSupplierInvoice): SupplierInvoicePaymentStatus {
    if (invoice.paidCents <= 0) return 'Unpaid';
    return invoice.paidCents >= invoice.controlTotalCents ? 'Paid' : 'Partially Paid';
  }

  /** A settlement run: one payment per invoice (a partial one when the amount is less than owed). */
  settle(input: SettlementRunInput, at: number): { settlementRunId: string; payments: StoredPayment[] } {
    if (!Array.isArray(input.invoices) || input.invoices.length === 0) throw new WorkdayStoreError('a settlement run pays at least one invoice');
    const paymentDate = input.paymentDate ?? new Date(at).toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paymentDate)) throw new WorkdayStoreError(`paymentDate "${paymentDate}" is not YYYY-MM-DD`);
    this.settlementRuns += 1;
    const settlementRunId = `SETTLEMENT_RUN-${this.settlementRuns}`;
    // Check everything first: a run either pays all its invoices or none.
    const planned = input.invoices.map((wanted) => {
      const invoice = this.findInvoice({
        ...(wanted.supplierInvoiceId !== undefined ? { supplierInvoiceId: wanted.supplierInvoiceId } : {}),
        ...(wanted.suppliersInvoiceNumber !== undefined ? { suppliersInvoiceNumber: wanted.suppliersInvoiceNumber } : {}),
      });
      if (!invoice) throw new WorkdayStoreError(`no supplier invoice ${wanted.supplierInvoiceId ?? wanted.suppliersInvoiceNumber ?? '(none named)'}`, true);
      if (invoice.status === 'Canceled') throw new WorkdayStoreError(`supplier invoice ${invoice.supplierInvoiceId} is canceled and cannot be paid`);
      const owed = invoice.controlTotalCents - invoice.paidCents;
      const amountCents = wanted.amount === undefined ? owed : toCents(wanted.amount);
      if (amountCents <= 0) throw new WorkdayStoreError(`nothing to pay on supplier invoice ${invoice.supplierInvoiceId}`);
      return { invoice, amountCents };
    });
    const payments = planned.map(({ invoice, amountCents }) => {
      invoice.paidCents += amountCents;
      const sequence = this.payments.length + 1;
      const payment: StoredPayment = {
        wid: wid('payment', `${settlementRunId}/${sequence}`),
        paymentId: `PAYMENT-${String(sequence).padStart(6, '0')}`,
        settlementRunId,
        paymentDate,
        enteredAt: at,
        amountCents,
        currency: invoice.currency,
        referenceNumber: `EFT-${String(100000 + sequence)}`,
        supplierId: invoice.supplierId,
        companyCode: invoice.companyCode,
        status: 'Paid',
        remittances: [{ supplierInvoiceId: invoice.supplierInvoiceId, suppliersInvoiceNumber: invoice.suppliersInvoiceNumber, amountCents }],
      };
      this.payments.push(payment);
      return payment;
    });
    return { settlementRunId, payments };
  }

  /** Payments whose payment date lies in the window (inclusive), in the order they were made. */
  paymentsBetween(from: string | undefined, to: string | undefined): StoredPayment[] {
    return this.payments.filter((p) => (from === undefined || p.paymentDate >= from) && (to === undefined || p.paymentDate <= to));
  }

  snapshot() {
    return {
      suppliers: [...this.suppliers.values()],
      supplierInvoices: this.invoices.map((i) => ({ ...i, controlTotal: formatCents(i.controlTotalCents), paid: formatCents(i.paidCents), paymentStatus: this.paymentStatus(i) })),
      payments: this.payments.map((p) => ({ ...p, amount: formatCents(p.amountCents) })),
    };
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const stores = new WeakMap<WorkdayStore, PayablesStore>();

/** The payables of one simulated tenant (kept beside its WorkdayStore, reset with it by the sandbox). */
export function payablesOf(store: WorkdayStore): PayablesStore {
  let payables = stores.get(store);
  if (!payables) {
    payables = new PayablesStore();
    stores.set(store, payables);
  }
  return payables;
}
