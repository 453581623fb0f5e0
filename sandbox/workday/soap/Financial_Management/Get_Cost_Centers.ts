// Financial_Management Get_Cost_Centers: cost centers with their name, company, business unit, superior in the cost center hierarchy and inactive flag, paged per Response_Filter.
//
// [U] Where Workday puts the hierarchy and the business unit in Cost_Center_Data is not in the reference:
// the superior cost center is Organization_Container_Reference and the business unit
// Business_Unit_Reference here; the connector reads exactly these names (one place to change).
import type { XmlElement, XmlObject } from '../../../kit/soap';
import { costCenterStoreOf, type StoredHierCostCenter } from '../../cost-center-store';
import type { SoapOperation, SoapOperationContext } from '../operation';
import { id, isoDate, pageOf, readPageFilter, readReferences, readUpdatedWindow } from './common';

const REQUEST = 'Get_Cost_Centers_Request';

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const store = costCenterStoreOf(ctx.store);
  const filter = readPageFilter(request, REQUEST, ctx);
  const all = [...store.costCenters.values()].sort((a, b) => a.code.localeCompare(b.code));
  const referenced = readReferences(request, REQUEST, 'Cost_Center_Reference', (type, text) =>
    all.find((c) => (type === 'WID' && c.wid === text) || ((type === 'Cost_Center_Reference_ID' || type === 'Organization_Reference_ID') && c.code === text)),
  );
  const window = readUpdatedWindow(request, REQUEST, ctx);
  const selected = (referenced ?? all).filter((c) => (window.from === undefined || c.lastUpdated >= window.from) && (window.to === undefined || c.lastUpdated <= window.to));
  const descriptor = (text: string) => (ctx.includeDescriptors ? { '@Descriptor': text } : {});

  const view = (c: StoredHierCostCenter): XmlObject => {
    const company = store.companies.get(c.companyCode);
    const unit = c.businessUnitId ? store.businessUnits.get(c.businessUnitId) : undefined;
    const parent = c.parentCode ? store.costCenters.get(c.parentCode) : undefined;
    return {
      Cost_Center_Reference: { ...descriptor(`${c.code} ${c.name}`), ID: [id('WID', c.wid), id('Organization_Reference_ID', c.code), id('Cost_Center_Reference_ID', c.code)] },
      Cost_Center_Data: {
        Cost_Center_ID: c.code,
        Effective_Date: isoDate(c.lastUpdated),
        Organization_Data: {
          ID: c.code,
          Organization_Code: c.code,
          Include_Organization_Code_In_Name: true,
          Organization_Name: c.name,
          Availability_Date: '2024-01-01T00:00:00.000-08:00',
          Inactive: c.inactive,
        },
        ...(company ? { Restricted_To_Company_Reference: { ...descriptor(company.name), ID: [id('WID', company.wid), id('Company_Reference_ID', company.code)] } } : {}),
        ...(unit ? { Business_Unit_Reference: { ...descriptor(unit.name), ID: [id('WID', unit.wid), id('Organization_Reference_ID', unit.id)] } } : {}),
        ...(parent ? { Organization_Container_Reference: { ...descriptor(`${parent.code} ${parent.name}`), ID: [id('WID', parent.wid), id('Cost_Center_Reference_ID', parent.code)] } } : {}),
      },
    };
  };
  return pageOf(selected, filter, 'Cost_Center', view);
}

export const getCostCenters: SoapOperation = { service: 'Financial_Management', operation: 'Get_Cost_Centers', handle };
