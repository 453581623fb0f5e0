// Resource_Management Get_Suppliers: suppliers by reference (Supplier_ID or WID) or by update window (Updated_From_Date / Updated_To_Date), paged per Response_Filter.
import { child, children, parseXsBoolean, type XmlElement, type XmlObject } from '../../../kit/soap';
import { parseXsDateTime } from '../../../kit/xsd-time';
import { supplierStoreOf, type StoredSupplier } from '../../supplier-store';
import { invalidIdValue, validationFault, xpathOf } from '../faults';
import type { SoapOperation, SoapOperationContext } from '../operation';
import { renderSupplierData, supplierReference } from './supplier-xml';

const REQUEST = 'Get_Suppliers_Request';

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const suppliers = supplierStoreOf(ctx.store);
  suppliers.operationCalls['Get_Suppliers'] = (suppliers.operationCalls['Get_Suppliers'] ?? 0) + 1;
  const offset = ctx.config.tenantUtcOffset;
  let found: StoredSupplier[];
  const references = child(request, 'Request_References');
  if (references) {
    const skip = parseXsBoolean(references.attrs['Skip_Non_Existing_Instances']) === true;
    found = [];
    children(references, 'Supplier_Reference').forEach((ref, r) => {
      children(ref, 'ID').forEach((idEl, i) => {
        const type = idEl.attrs['type'] ?? '';
        const match = type === 'WID' ? suppliers.byWid(idEl.text) : type === 'Supplier_ID' ? suppliers.get(idEl.text) : undefined;
        if (!match) {
          if (skip) return;
          throw invalidIdValue(idEl.text, type, xpathOf([REQUEST], ['Request_References'], ['Supplier_Reference', r + 1], ['ID', i + 1]));
        }
        if (!found.includes(match)) found.push(match);
      });
    });
  } else {
    found = suppliers.all();
    const criteria = child(request, 'Request_Criteria');
    if (criteria) {
      const moment = (name: string): number | undefined => {
        const el = child(criteria, name);
        if (!el) return undefined;
        const ms = parseXsDateTime(el.text, offset);
        if (ms === null) throw validationFault([{ message: `Invalid date/time value '${el.text}' for ${name}`, xpath: xpathOf([REQUEST], ['Request_Criteria'], [name]) }]);
        return ms;
      };
      const from = moment('Updated_From_Date');
      const to = moment('Updated_To_Date');
      // [U] Both ends inclusive.
      if (from !== undefined) found = found.filter((s) => s.updatedAt >= from);
      if (to !== undefined) found = found.filter((s) => s.updatedAt <= to);
    }
  }
  found.sort((a, b) => a.supplierId.localeCompare(b.supplierId));

  const filter = child(request, 'Response_Filter');
  const num = (name: string, fallback: number) => {
    const t = filter ? child(filter, name)?.text : undefined;
    if (t === undefined || t === '') return fallback;
    if (!/^\d+$/.test(t) || Number(t) < 1) throw validationFault([{ message: `${name} must be a whole number of at least 1, not '${t}'`, xpath: xpathOf([REQUEST], ['Response_Filter'], [name]) }]);
    return Number(t);
  };
  const page = num('Page', 1);
  const count = Math.min(num('Count', ctx.config.defaultCount), ctx.config.maxCount);
  const totalPages = Math.max(1, Math.ceil(found.length / count));
  const items = found.slice((page - 1) * count, page * count);
  return {
    Response_Filter: { Page: page, Count: count },
    Response_Results: { Total_Results: found.length, Total_Pages: found.length === 0 ? 0 : totalPages, Page_Results: items.length, Page: page },
    Response_Data: { Supplier: items.map((s) => ({ Supplier_Reference: supplierReference(s, ctx.includeDescriptors), Supplier_Data: renderSupplierData(s, suppliers.coupaNumberElement) })) },
  };
}

export const getSuppliers: SoapOperation = { service: 'Resource_Management', operation: 'Get_Suppliers', handle };
