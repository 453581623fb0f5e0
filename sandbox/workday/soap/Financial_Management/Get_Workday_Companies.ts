// Financial_Management Get_Workday_Companies: companies with name, currency and inactive flag, paged per Response_Filter.
import type { XmlElement, XmlObject } from '../../../kit/soap';
import { costCenterStoreOf, type StoredFinCompany } from '../../cost-center-store';
import type { SoapOperation, SoapOperationContext } from '../operation';
import { id, pageOf, readPageFilter, readReferences } from './common';

const REQUEST = 'Get_Workday_Companies_Request';

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const store = costCenterStoreOf(ctx.store);
  const filter = readPageFilter(request, REQUEST, ctx);
  const all = [...store.companies.values()].sort((a, b) => a.code.localeCompare(b.code));
  const referenced = readReferences(request, REQUEST, 'Company_Reference', (type, text) =>
    all.find((c) => (type === 'WID' && c.wid === text) || ((type === 'Company_Reference_ID' || type === 'Organization_Reference_ID') && c.code === text)),
  );
  const view = (c: StoredFinCompany): XmlObject => ({
    Company_Reference: { ...(ctx.includeDescriptors ? { '@Descriptor': c.name } : {}), ID: [id('WID', c.wid), id('Organization_Reference_ID', c.code), id('Company_Reference_ID', c.code)] },
    Company_Data: {
      ID: c.code,
      Organization_Data: { ID: c.code, Organization_Code: c.code, Organization_Name: c.name, Inactive: c.inactive },
      Currency_Reference: { ID: [id('Currency_ID', c.currency)] },
    },
  });
  return pageOf(referenced ?? all, filter, 'Company', view);
}

export const getWorkdayCompanies: SoapOperation = { service: 'Financial_Management', operation: 'Get_Workday_Companies', handle };
