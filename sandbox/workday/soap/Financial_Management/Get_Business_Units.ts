// Financial_Management Get_Business_Units: business units with name, company and inactive flag, paged per Response_Filter.
//
// [U] The operation's service and the business unit's company element (Company_Reference here) are
// not in the reference; a tenant without business units is configured by leaving them out of the mapping.
import type { XmlElement, XmlObject } from '../../../kit/soap';
import { costCenterStoreOf, type StoredBusinessUnit } from '../../cost-center-store';
import type { SoapOperation, SoapOperationContext } from '../operation';
import { id, pageOf, readPageFilter, readReferences } from './common';

const REQUEST = 'Get_Business_Units_Request';

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const store = costCenterStoreOf(ctx.store);
  const filter = readPageFilter(request, REQUEST, ctx);
  const all = [...store.businessUnits.values()].sort((a, b) => a.id.localeCompare(b.id));
  const referenced = readReferences(request, REQUEST, 'Business_Unit_Reference', (type, text) =>
    all.find((u) => (type === 'WID' && u.wid === text) || (type === 'Organization_Reference_ID' && u.id === text)),
  );
  const view = (u: StoredBusinessUnit): XmlObject => {
    const company = store.companies.get(u.companyCode);
    return {
      Business_Unit_Reference: { ...(ctx.includeDescriptors ? { '@Descriptor': u.name } : {}), ID: [id('WID', u.wid), id('Organization_Reference_ID', u.id)] },
      Business_Unit_Data: {
        ID: u.id,
        Organization_Data: { ID: u.id, Organization_Code: u.id, Organization_Name: u.name, Inactive: u.inactive },
        ...(company ? { Company_Reference: { ID: [id('WID', company.wid), id('Company_Reference_ID', company.code)] } } : {}),
      },
    };
  };
  return pageOf(referenced ?? all, filter, 'Business_Unit', view);
}

export const getBusinessUnits: SoapOperation = { service: 'Financial_Management', operation: 'Get_Business_Units', handle };
