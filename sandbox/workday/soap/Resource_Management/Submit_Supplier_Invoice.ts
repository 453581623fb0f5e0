// Resource_Management Submit_Supplier_Invoice: a supplier invoice with lines (spend category, worktags); Workday refuses a second invoice with the same supplier's invoice number.
import { child, children, readBoolean, type XmlElement } from '../../../kit/soap';
import { costCenters } from '../../../seed/reference-data';
import { payablesOf, type StoredSupplier, type StoredSupplierInvoiceLine } from '../../payables-store';
import { supplierStoreOf } from '../../supplier-store';
import type { WorkdayStore } from '../../store';
import { invalidIdValue, validationFault, xpathOf } from '../faults';
import type { SoapOperation } from '../operation';
import { badValue, cents, ref, referenceId, text } from '../payables-xml';

const REQUEST = 'Submit_Supplier_Invoice_Request';

/** Spend categories (resource categories) the sandbox tenant has. */
export const SANDBOX_SPEND_CATEGORIES: readonly string[] = ['SC_OFFICE_SUPPLIES', 'SC_IT_HARDWARE', 'SC_PROFESSIONAL_SERVICES', 'SC_GENERAL', 'SC_TRAVEL'];

const at = (...steps: Array<[string, number?]>) => xpathOf([REQUEST], ['Supplier_Invoice_Data'], ...steps);

/** A supplier of the tenant: the supplier master (kept by the supplier sync's Put_Supplier) or the payables seed. */
function knownSupplier(store: WorkdayStore, supplierId: string): StoredSupplier | undefined {
  const master = supplierStoreOf(store).get(supplierId);
  if (master) return { wid: master.wid, supplierId: master.supplierId, name: master.name, currency: 'USD', inactive: master.status === 'Inactive' };
  return payablesOf(store).suppliers.get(supplierId);
}

function readLine(line: XmlElement, index: number): StoredSupplierInvoiceLine {
  const where = (name: string) => at(['Invoice_Line_Replacement_Data', index + 1], [name]);
  const spendCategoryId = referenceId(child(line, 'Spend_Category_Reference'), 'Spend_Category_ID');
  if (!spendCategoryId) throw badValue('Spend Category is required on every invoice line', where('Spend_Category_Reference'));
  if (!SANDBOX_SPEND_CATEGORIES.includes(spendCategoryId)) throw invalidIdValue(spendCategoryId, 'Spend_Category_ID', where('Spend_Category_Reference'));
  const worktags = children(line, 'Worktags_Reference').flatMap((w) => children(w, 'ID').map((id) => ({ type: id.attrs['type'] ?? '', id: id.text })));
  for (const tag of worktags) {
    if (tag.type === 'Cost_Center_Reference_ID' && !costCenters.some((c) => c.code === tag.id)) throw invalidIdValue(tag.id, tag.type, where('Worktags_Reference'));
  }
  const extended = cents(line, 'Extended_Amount', where('Extended_Amount'));
  if (extended === undefined) throw badValue('Extended Amount is required on every invoice line', where('Extended_Amount'));
  return {
    lineOrder: Number(text(line, 'Line_Order') ?? index + 1),
    description: text(line, 'Item_Description') ?? '',
    spendCategoryId,
    quantity: text(line, 'Quantity') ?? '1',
    unitCost: text(line, 'Unit_Cost') ?? '',
    extendedAmountCents: extended,
    worktags,
  };
}

export const submitSupplierInvoice: SoapOperation = {
  service: 'Resource_Management',
  operation: 'Submit_Supplier_Invoice',
  handle(request, ctx) {
    const payables = payablesOf(ctx.store);
    const data = child(request, 'Supplier_Invoice_Data');
    if (!data) throw validationFault([{ message: 'Supplier_Invoice_Data is required', xpath: xpathOf([REQUEST]) }]);

    const supplierId = referenceId(child(data, 'Supplier_Reference'), 'Supplier_ID');
    const supplier = supplierId ? knownSupplier(ctx.store, supplierId) : undefined;
    if (!supplierId || !supplier) throw invalidIdValue(supplierId ?? '', 'Supplier_ID', at(['Supplier_Reference'], ['ID']));
    if (supplier.inactive) throw badValue(`Supplier ${supplier.name} is inactive and cannot be invoiced`, at(['Supplier_Reference']));
    const companyCode = referenceId(child(data, 'Company_Reference'), 'Company_Reference_ID');
    if (!companyCode || !payables.companyExists(companyCode)) throw invalidIdValue(companyCode ?? '', 'Company_Reference_ID', at(['Company_Reference'], ['ID']));
    const currency = referenceId(child(data, 'Currency_Reference'), 'Currency_ID') ?? supplier.currency;
    const invoiceDate = text(data, 'Invoice_Date');
    if (!invoiceDate || !/^\d{4}-\d{2}-\d{2}/.test(invoiceDate)) throw badValue('Invoice Date is required', at(['Invoice_Date']));
    const suppliersInvoiceNumber = text(data, 'Suppliers_Invoice_Number');
    if (!suppliersInvoiceNumber) throw badValue("Supplier's Invoice Number is required", at(['Suppliers_Invoice_Number']));
    const supplierInvoiceId = text(data, 'Supplier_Invoice_ID') ?? null;

    // Workday's duplicate check: one invoice per supplier and supplier's invoice number; Add_Only refuses a taken reference ID.
    const duplicate = payables.duplicateOf(supplierId, suppliersInvoiceNumber);
    if (duplicate) {
      throw badValue(
        `Duplicate invoice: Supplier Invoice ${duplicate.invoiceNumber} already exists for supplier ${supplier.name} with Supplier's Invoice Number ${suppliersInvoiceNumber}`,
        at(['Suppliers_Invoice_Number']),
      );
    }
    if (supplierInvoiceId && payables.findInvoice({ supplierInvoiceId })) {
      throw badValue(`The Supplier_Invoice_ID ${supplierInvoiceId} is already in use`, at(['Supplier_Invoice_ID']));
    }

    const lines = children(data, 'Invoice_Line_Replacement_Data').map(readLine);
    if (lines.length === 0) throw badValue('A supplier invoice needs at least one line', at(['Invoice_Line_Replacement_Data']));
    const lineTotal = lines.reduce((sum, l) => sum + l.extendedAmountCents, 0);
    const controlTotal = cents(data, 'Control_Amount_Total', at(['Control_Amount_Total'])) ?? lineTotal;
    if (controlTotal !== lineTotal) throw badValue('The Control Amount Total does not match the total of the invoice lines', at(['Control_Amount_Total']));
    const dueDate = text(data, 'Due_Date_Override') ?? null;

    // Submit=false keeps a draft in a tenant; the sandbox has no drafts, so the flag is only checked for being a boolean.
    if (readBoolean(child(data, 'Submit')) === null) throw badValue('Invalid boolean value for Submit', at(['Submit']));
    const invoice = payables.submit(
      { supplierInvoiceId, suppliersInvoiceNumber, supplierId, companyCode, currency, invoiceDate: invoiceDate.slice(0, 10), dueDate: dueDate ? dueDate.slice(0, 10) : null, controlTotalCents: controlTotal, lines },
      ctx.now,
    );
    return {
      Supplier_Invoice_Reference: ref('Supplier_Invoice_ID', invoice.supplierInvoiceId, invoice.wid),
      Supplier_Invoice_Document_Number: invoice.invoiceNumber,
    };
  },
};
