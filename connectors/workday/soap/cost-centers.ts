// Financial_Management reads of the cost center sync: cost centers (with company, business unit and superior), companies and business units, one Response_Filter page per call.
//
// [U] Element names inside Cost_Center_Data for the hierarchy (Organization_Container_Reference), the
// business unit (Business_Unit_Reference) and the inactive flag (Organization_Data/Inactive) are not in
// reference/workday-api.md; they are read here and nowhere else.
import { z } from 'zod';
import { present, refId, responseResultsSchema, wdBoolean, wdReferenceSchema, wdText, type WdReference } from './schemas';
import type { SoapCallOptions, WorkdaySoapClient } from './soap-client';

export interface WorkdayCostCenter {
  wid: string;
  /** Cost_Center_Reference_ID: the code people and Coupa segments use (CC1100). */
  code: string;
  name: string;
  companyCode: string | null;
  businessUnitId: string | null;
  /** Code of the superior cost center in the hierarchy; null at the top. */
  parentCode: string | null;
  inactive: boolean;
}

export interface WorkdayCompany {
  wid: string;
  code: string;
  name: string;
  currency: string | null;
  inactive: boolean;
}

export interface WorkdayBusinessUnit {
  wid: string;
  id: string;
  name: string;
  companyCode: string | null;
  inactive: boolean;
}

/** One page of a Get_ operation and the number of the next (null after the last). */
export interface WorkdaySoapPageRead<T> {
  items: T[];
  nextPage: number | null;
}

// `ID` inside these parses as a list (references' IDs repeat), so codes are read from the references and Organization_Code.
const organizationDataSchema = z.object({
  Organization_Code: present(wdText),
  Organization_Name: present(wdText),
  Inactive: present(wdBoolean),
});

const costCenterSchema = z.object({
  Cost_Center_Reference: present(wdReferenceSchema),
  Cost_Center_Data: z.object({
    Cost_Center_ID: present(wdText),
    Organization_Data: present(organizationDataSchema),
    Restricted_To_Company_Reference: present(wdReferenceSchema),
    Business_Unit_Reference: present(wdReferenceSchema),
    Organization_Container_Reference: present(wdReferenceSchema),
  }),
});

const companySchema = z.object({
  Company_Reference: present(wdReferenceSchema),
  Company_Data: z.object({
    Organization_Data: present(organizationDataSchema),
    Currency_Reference: present(wdReferenceSchema),
  }),
});

const businessUnitSchema = z.object({
  Business_Unit_Reference: present(wdReferenceSchema),
  Business_Unit_Data: z.object({
    Organization_Data: present(organizationDataSchema),
    Company_Reference: present(wdReferenceSchema),
  }),
});

function pagedResponse<T extends z.ZodType>(element: string, item: T) {
  return z.object({
    Response_Results: present(responseResultsSchema),
    Response_Data: present(z.object({ [element]: present(z.array(item)) })),
  });
}

const costCentersResponse = pagedResponse('Cost_Center', costCenterSchema);
const companiesResponse = pagedResponse('Company', companySchema);
const businessUnitsResponse = pagedResponse('Business_Unit', businessUnitSchema);

const companyCodeOf = (ref: WdReference | undefined): string | null => refId(ref, 'Company_Reference_ID') ?? refId(ref, 'Organization_Reference_ID') ?? null;

function nextPage(results: z.output<typeof responseResultsSchema> | undefined, page: number, items: number): number | null {
  const totalPages = results?.Total_Pages ?? (items > 0 ? page : 0);
  return page < totalPages && items > 0 ? page + 1 : null;
}

/** Every cost center, inactive ones too (their flag says so); one page per call. */
export async function getCostCentersPage(client: WorkdaySoapClient, page: number, call: SoapCallOptions = {}): Promise<WorkdaySoapPageRead<WorkdayCostCenter>> {
  const response = await client.call(
    {
      service: 'Financial_Management',
      operation: 'Get_Cost_Centers',
      body: { Response_Filter: { Page: page, Count: client.pageSize }, Response_Group: { Include_Reference: true, Include_Cost_Center_Data: true } },
      schema: costCentersResponse,
      arrayElements: ['Cost_Center'],
    },
    call,
  );
  const rows = (response.Response_Data?.['Cost_Center'] ?? []) as Array<z.output<typeof costCenterSchema>>;
  const items = rows.flatMap((row): WorkdayCostCenter[] => {
    const data = row.Cost_Center_Data;
    const code = refId(row.Cost_Center_Reference, 'Cost_Center_Reference_ID') ?? data.Cost_Center_ID ?? data.Organization_Data?.Organization_Code;
    if (!code) return [];
    const parent = data.Organization_Container_Reference;
    return [
      {
        wid: refId(row.Cost_Center_Reference, 'WID') ?? '',
        code,
        name: data.Organization_Data?.Organization_Name?.trim() || code,
        companyCode: companyCodeOf(data.Restricted_To_Company_Reference),
        businessUnitId: refId(data.Business_Unit_Reference, 'Organization_Reference_ID') ?? null,
        parentCode: refId(parent, 'Cost_Center_Reference_ID') ?? refId(parent, 'Organization_Reference_ID') ?? null,
        inactive: data.Organization_Data?.Inactive ?? false,
      },
    ];
  });
  return { items, nextPage: nextPage(response.Response_Results, page, rows.length) };
}

/** Every company, inactive ones too. */
export async function getCompaniesPage(client: WorkdaySoapClient, page: number, call: SoapCallOptions = {}): Promise<WorkdaySoapPageRead<WorkdayCompany>> {
  const response = await client.call(
    {
      service: 'Financial_Management',
      operation: 'Get_Workday_Companies',
      body: { Response_Filter: { Page: page, Count: client.pageSize }, Response_Group: { Include_Reference: true, Include_Company_Data: true } },
      schema: companiesResponse,
      arrayElements: ['Company'],
    },
    call,
  );
  const rows = (response.Response_Data?.['Company'] ?? []) as Array<z.output<typeof companySchema>>;
  const items = rows.flatMap((row): WorkdayCompany[] => {
    const code = companyCodeOf(row.Company_Reference) ?? row.Company_Data.Organization_Data?.Organization_Code;
    if (!code) return [];
    return [
      {
        wid: refId(row.Company_Reference, 'WID') ?? '',
        code,
        name: row.Company_Data.Organization_Data?.Organization_Name?.trim() || code,
        currency: refId(row.Company_Data.Currency_Reference, 'Currency_ID') ?? null,
        inactive: row.Company_Data.Organization_Data?.Inactive ?? false,
      },
    ];
  });
  return { items, nextPage: nextPage(response.Response_Results, page, rows.length) };
}

/** Every business unit, inactive ones too. */
export async function getBusinessUnitsPage(client: WorkdaySoapClient, page: number, call: SoapCallOptions = {}): Promise<WorkdaySoapPageRead<WorkdayBusinessUnit>> {
  const response = await client.call(
    {
      service: 'Financial_Management',
      operation: 'Get_Business_Units',
      body: { Response_Filter: { Page: page, Count: client.pageSize }, Response_Group: { Include_Reference: true } },
      schema: businessUnitsResponse,
      arrayElements: ['Business_Unit'],
    },
    call,
  );
  const rows = (response.Response_Data?.['Business_Unit'] ?? []) as Array<z.output<typeof businessUnitSchema>>;
  const items = rows.flatMap((row): WorkdayBusinessUnit[] => {
    const id = refId(row.Business_Unit_Reference, 'Organization_Reference_ID') ?? row.Business_Unit_Data.Organization_Data?.Organization_Code;
    if (!id) return [];
    return [
      {
        wid: refId(row.Business_Unit_Reference, 'WID') ?? '',
        id,
        name: row.Business_Unit_Data.Organization_Data?.Organization_Name?.trim() || id,
        companyCode: companyCodeOf(row.Business_Unit_Data.Company_Reference),
        inactive: row.Business_Unit_Data.Organization_Data?.Inactive ?? false,
      },
    ];
  });
  return { items, nextPage: nextPage(response.Response_Results, page, rows.length) };
}
