// Resource_Management Put_Supplier: creates a supplier (Supplier_ID given or assigned) or replaces an existing one's Supplier_Data, settlement bank accounts and tax IDs included.
import { child, children, parseXsBoolean, type XmlElement, type XmlObject } from '../../../kit/soap';
import { supplierStoreOf } from '../../supplier-store';
import { invalidIdValue, validationFault, xpathOf } from '../faults';
import type { SoapOperation, SoapOperationContext } from '../operation';
import { readSupplierData, supplierReference } from './supplier-xml';

const REQUEST = 'Put_Supplier_Request';

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const suppliers = supplierStoreOf(ctx.store);
  suppliers.operationCalls['Put_Supplier'] = (suppliers.operationCalls['Put_Supplier'] ?? 0) + 1;
  const addOnly = parseXsBoolean(request.attrs['Add_Only']) === true;
  const reference = child(request, 'Supplier_Reference');
  let existing = undefined as ReturnType<typeof suppliers.get>;
  if (reference) {
    const ids = children(reference, 'ID');
    ids.forEach((idEl, i) => {
      const type = idEl.attrs['type'] ?? '';
      const match = type === 'WID' ? suppliers.byWid(idEl.text) : type === 'Supplier_ID' ? suppliers.get(idEl.text) : undefined;
      if (!match) throw invalidIdValue(idEl.text, type, xpathOf([REQUEST], ['Supplier_Reference'], ['ID', i + 1]));
      existing ??= match;
    });
  }
  const dataEl = child(request, 'Supplier_Data');
  if (!dataEl) throw validationFault([{ message: 'Supplier_Data is required', xpath: xpathOf([REQUEST]) }]);
  const data = readSupplierData(dataEl, suppliers.coupaNumberElement, existing);
  if (!existing && data.supplierId) existing = suppliers.get(data.supplierId);
  if (existing && addOnly) throw validationFault([{ message: `Supplier_ID '${existing.supplierId}' is already in use`, xpath: xpathOf([REQUEST], ['Supplier_Data'], ['Supplier_ID']) }]);
  if (existing && data.supplierId && data.supplierId !== existing.supplierId && suppliers.get(data.supplierId)) {
    throw validationFault([{ message: `Supplier_ID '${data.supplierId}' is already in use`, xpath: xpathOf([REQUEST], ['Supplier_Data'], ['Supplier_ID']) }]);
  }
  const supplierId = existing?.supplierId ?? data.supplierId ?? suppliers.nextSupplierId();
  // [U] Put replaces the supplier's data with what was sent (the integration always sends the whole record).
  const { supplier } = suppliers.save({ ...data, supplierId }, 'api');
  return { Supplier_Reference: supplierReference(supplier, ctx.includeDescriptors) };
}

export const putSupplier: SoapOperation = { service: 'Resource_Management', operation: 'Put_Supplier', handle };
