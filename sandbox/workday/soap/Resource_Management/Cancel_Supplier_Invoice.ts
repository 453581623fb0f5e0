// Resource_Management Cancel_Supplier_Invoice: cancels an unpaid supplier invoice; a paid or already canceled one is refused.
import { child } from '../../../kit/soap';
import { payablesOf } from '../../payables-store';
import { invalidIdValue, xpathOf } from '../faults';
import type { SoapOperation } from '../operation';
import { badValue, ref, referenceId } from '../payables-xml';

const REQUEST = 'Cancel_Supplier_Invoice_Request';

export const cancelSupplierInvoice: SoapOperation = {
  service: 'Resource_Management',
  operation: 'Cancel_Supplier_Invoice',
  handle(request, ctx) {
    const payables = payablesOf(ctx.store);
    const reference = child(request, 'Supplier_Invoice_Reference');
    const supplierInvoiceId = referenceId(reference, 'Supplier_Invoice_ID');
    const byWid = referenceId(reference, 'WID');
    const invoice = payables.findInvoice({ ...(supplierInvoiceId ? { supplierInvoiceId } : {}), ...(byWid ? { wid: byWid } : {}) });
    const where = xpathOf([REQUEST], ['Supplier_Invoice_Reference'], ['ID']);
    if (!invoice) throw invalidIdValue(supplierInvoiceId ?? byWid ?? '', supplierInvoiceId ? 'Supplier_Invoice_ID' : 'WID', where);
    if (invoice.status === 'Canceled') throw badValue(`Supplier Invoice ${invoice.invoiceNumber} is already Canceled`, where);
    if (invoice.paidCents > 0) throw badValue(`Supplier Invoice ${invoice.invoiceNumber} has payments and cannot be canceled`, where);
    invoice.status = 'Canceled';
    invoice.canceledAt = ctx.now;
    return { Supplier_Invoice_Reference: ref('Supplier_Invoice_ID', invoice.supplierInvoiceId, invoice.wid) };
  },
};
