// Resource_Management Get_Suppliers (by Supplier_ID, by update window) and Put_Supplier (create or replace, settlement bank accounts and tax IDs included).
import { z } from 'zod';
import type { WdObject } from './envelope';
import { present, refId, responseResultsSchema, wdBoolean, wdReferenceSchema, wdText } from './schemas';
import type { SoapCallOptions, SoapPage, WorkdaySoapClient } from './soap-client';

export interface WorkdaySettlementAccount {
  id: string | null;
  bankName: string | null;
  routingNumber: string | null;
  accountNumber: string | null;
  iban: string | null;
  swift: string | null;
  inactive: boolean;
}

/** A Workday supplier as the integration reads and writes it. Holds bank details and tax IDs: never log it. */
export interface WorkdaySupplier {
  wid: string | null;
  supplierId: string;
  name: string;
  /** Business_Entity_Status_Value_ID, e.g. Active, Inactive. */
  status: string | null;
  taxIds: Array<{ text: string; type: string | null; primary: boolean }>;
  paymentTermsId: string | null;
  address: { line1: string | null; line2: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null } | null;
  email: string | null;
  phone: string | null;
  settlementAccounts: WorkdaySettlementAccount[];
  /** The Coupa supplier number, from the element the mapping file names. */
  coupaNumber: string | null;
}

export interface SupplierElementOptions {
  /** Supplier_Data element carrying the Coupa supplier number (mapping: workdayCoupaNumberElement). */
  coupaNumberElement: string;
}

const SUPPLIER_ARRAYS = ['Supplier', 'Tax_ID_Data', 'Settlement_Account_Data', 'Address_Data', 'Address_Line_Data', 'Phone_Data', 'Email_Address_Data'];

const idOf = (ref: z.output<typeof wdReferenceSchema> | undefined): string | null => ref?.ID[0]?.['#text'] ?? null;
const optText = present(wdText);

const supplierDataSchema = z
  .object({
    Supplier_ID: optText,
    Supplier_Name: wdText,
    Supplier_Status_Data: present(z.object({ Status_Reference: present(wdReferenceSchema) })),
    Tax_ID_Data: present(z.array(z.object({ Tax_ID_Text: optText, Tax_ID_Type_Reference: present(wdReferenceSchema), Primary_Tax_ID: present(wdBoolean) }))),
    Payment_Terms_Reference: present(wdReferenceSchema),
    Business_Entity_Data: present(
      z.object({
        Contact_Data: present(
          z.object({
            Address_Data: present(
              z.array(
                z.object({
                  Country_Reference: present(wdReferenceSchema),
                  Address_Line_Data: present(z.array(z.union([z.string(), z.object({ '#text': z.string().optional(), '@_Type': z.string().optional() })]))),
                  Municipality: optText,
                  Country_Region_Descriptor: optText,
                  Postal_Code: optText,
                }),
              ),
            ),
            Phone_Data: present(z.array(z.object({ Phone_Number: optText }))),
            Email_Address_Data: present(z.array(z.object({ Email_Address: optText }))),
          }),
        ),
      }),
    ),
    Settlement_Account_Data: present(
      z.array(
        z.object({
          Settlement_Bank_Account_ID: optText,
          Bank_Name: optText,
          Routing_Transit_Number: optText,
          Bank_Account_Number: optText,
          IBAN: optText,
          SWIFT_Bank_Identification_Code: optText,
          Inactive: present(wdBoolean),
        }),
      ),
    ),
  })
  .passthrough();

const getSuppliersResponseSchema = z.object({
  Response_Results: present(responseResultsSchema),
  Response_Data: present(z.object({ Supplier: present(z.array(z.object({ Supplier_Reference: present(wdReferenceSchema), Supplier_Data: present(supplierDataSchema) }))) })),
});

const putSupplierResponseSchema = z.object({ Supplier_Reference: present(wdReferenceSchema) });

function toSupplier(entry: { Supplier_Reference?: z.output<typeof wdReferenceSchema> | undefined; Supplier_Data?: z.output<typeof supplierDataSchema> | undefined }, options: SupplierElementOptions): WorkdaySupplier | null {
  const d = entry.Supplier_Data;
  const supplierId = d?.Supplier_ID ?? refId(entry.Supplier_Reference, 'Supplier_ID');
  if (!d || !supplierId) return null;
  const contact = d.Business_Entity_Data?.Contact_Data;
  const a = contact?.Address_Data?.[0];
  const line = (type: string): string | null => {
    for (const l of a?.Address_Line_Data ?? []) {
      if (typeof l === 'object' && l['@_Type'] === type) return l['#text'] ?? null;
    }
    return null;
  };
  const raw = (d as Record<string, unknown>)[options.coupaNumberElement];
  const coupaNumber = typeof raw === 'string' ? raw : raw && typeof raw === 'object' && '#text' in raw ? String((raw as { '#text': unknown })['#text']) : null;
  return {
    wid: refId(entry.Supplier_Reference, 'WID') ?? null,
    supplierId,
    name: d.Supplier_Name,
    status: idOf(d.Supplier_Status_Data?.Status_Reference),
    taxIds: (d.Tax_ID_Data ?? []).flatMap((t) => (t.Tax_ID_Text ? [{ text: t.Tax_ID_Text, type: idOf(t.Tax_ID_Type_Reference), primary: t.Primary_Tax_ID ?? false }] : [])),
    paymentTermsId: idOf(d.Payment_Terms_Reference),
    address: a ? { line1: line('ADDRESS_LINE_1'), line2: line('ADDRESS_LINE_2'), city: a.Municipality ?? null, region: a.Country_Region_Descriptor ?? null, postalCode: a.Postal_Code ?? null, country: idOf(a.Country_Reference) } : null,
    email: contact?.Email_Address_Data?.[0]?.Email_Address ?? null,
    phone: contact?.Phone_Data?.[0]?.Phone_Number ?? null,
    settlementAccounts: (d.Settlement_Account_Data ?? []).map((b) => ({
      id: b.Settlement_Bank_Account_ID ?? null,
      bankName: b.Bank_Name ?? null,
      routingNumber: b.Routing_Transit_Number ?? null,
      accountNumber: b.Bank_Account_Number ?? null,
      iban: b.IBAN ?? null,
      swift: b.SWIFT_Bank_Identification_Code ?? null,
      inactive: b.Inactive ?? false,
    })),
    coupaNumber: coupaNumber && coupaNumber !== '' ? coupaNumber : null,
  };
}

const responseGroup = { Include_Reference: true, Include_Supplier_Data: true };

/** One supplier by Supplier_ID; null when Workday has none. */
export async function getWorkdaySupplier(client: WorkdaySoapClient, supplierId: string, options: SupplierElementOptions, call: SoapCallOptions = {}): Promise<WorkdaySupplier | null> {
  const response = await client.call(
    {
      service: 'Resource_Management',
      operation: 'Get_Suppliers',
      body: {
        Request_References: { '@Skip_Non_Existing_Instances': true, Supplier_Reference: { ID: { '@type': 'Supplier_ID', '#text': supplierId } } },
        Response_Group: responseGroup,
      },
      schema: getSuppliersResponseSchema,
      arrayElements: SUPPLIER_ARRAYS,
    },
    call,
  );
  const found = (response.Response_Data?.Supplier ?? []).map((e) => toSupplier(e, options)).find((s) => s?.supplierId === supplierId);
  return found ?? null;
}

/** Pages of suppliers, all or those updated inside the window (Updated_From_Date / Updated_To_Date). */
export function listWorkdaySupplierPages(
  client: WorkdaySoapClient,
  criteria: { updatedFrom?: Date; updatedTo?: Date; pageSize?: number },
  options: SupplierElementOptions,
  call: SoapCallOptions = {},
): AsyncGenerator<SoapPage<WorkdaySupplier>, void, undefined> {
  const criteriaBody: WdObject | undefined =
    criteria.updatedFrom || criteria.updatedTo ? { Updated_From_Date: criteria.updatedFrom?.toISOString(), Updated_To_Date: criteria.updatedTo?.toISOString() } : undefined;
  return client.pages(
    (page, count) => ({
      service: 'Resource_Management',
      operation: 'Get_Suppliers',
      body: { Request_Criteria: criteriaBody, Response_Filter: { Page: page, Count: count }, Response_Group: responseGroup },
      schema: getSuppliersResponseSchema,
      arrayElements: SUPPLIER_ARRAYS,
    }),
    (response) => ({ results: response.Response_Results, items: (response.Response_Data?.Supplier ?? []).flatMap((e) => toSupplier(e, options) ?? []) }),
    { pageSize: criteria.pageSize, ...call },
  );
}

/**
 * Creates (no `existingSupplierId`) or replaces a supplier's data. Sends the whole record: callers
 * read, change what they sync and write back, so fields the integration does not sync survive.
 */
export async function putWorkdaySupplier(
  client: WorkdaySoapClient,
  supplier: Omit<WorkdaySupplier, 'wid'>,
  options: SupplierElementOptions & { existingSupplierId?: string | null },
  call: SoapCallOptions = {},
): Promise<{ supplierId: string; wid: string | null }> {
  const a = supplier.address;
  const body: WdObject = {
    '@Add_Only': !options.existingSupplierId,
    Supplier_Reference: options.existingSupplierId ? { ID: { '@type': 'Supplier_ID', '#text': options.existingSupplierId } } : undefined,
    Supplier_Data: {
      Supplier_ID: supplier.supplierId || undefined,
      Supplier_Name: supplier.name,
      [options.coupaNumberElement]: supplier.coupaNumber ?? undefined,
      Supplier_Status_Data: supplier.status ? { Status_Reference: { ID: { '@type': 'Business_Entity_Status_Value_ID', '#text': supplier.status } } } : undefined,
      Tax_ID_Data: supplier.taxIds.map((t) => ({ Tax_ID_Text: t.text, Tax_ID_Type_Reference: t.type ? { ID: { '@type': 'Tax_ID_Type_ID', '#text': t.type } } : undefined, Primary_Tax_ID: t.primary })),
      Payment_Terms_Reference: supplier.paymentTermsId ? { ID: { '@type': 'Payment_Terms_ID', '#text': supplier.paymentTermsId } } : undefined,
      Business_Entity_Data: {
        Business_Entity_Name: supplier.name,
        Contact_Data: {
          Address_Data: a
            ? {
                Country_Reference: a.country ? { ID: { '@type': 'ISO_3166-1_Alpha-2_Code', '#text': a.country } } : undefined,
                Address_Line_Data: [a.line1 ? { '@Type': 'ADDRESS_LINE_1', '#text': a.line1 } : undefined, a.line2 ? { '@Type': 'ADDRESS_LINE_2', '#text': a.line2 } : undefined],
                Municipality: a.city ?? undefined,
                Country_Region_Descriptor: a.region ?? undefined,
                Postal_Code: a.postalCode ?? undefined,
              }
            : undefined,
          Phone_Data: supplier.phone ? { Phone_Number: supplier.phone } : undefined,
          Email_Address_Data: supplier.email ? { Email_Address: supplier.email } : undefined,
        },
      },
      Settlement_Account_Data: supplier.settlementAccounts.map((b) => ({
        Settlement_Bank_Account_ID: b.id ?? undefined,
        Bank_Name: b.bankName ?? undefined,
        Routing_Transit_Number: b.routingNumber ?? undefined,
        Bank_Account_Number: b.accountNumber ?? undefined,
        IBAN: b.iban ?? undefined,
        SWIFT_Bank_Identification_Code: b.swift ?? undefined,
        Inactive: b.inactive,
      })),
    },
  };
  const response = await client.call({ service: 'Resource_Management', operation: 'Put_Supplier', body, schema: putSupplierResponseSchema }, call);
  const supplierId = refId(response.Supplier_Reference, 'Supplier_ID') ?? supplier.supplierId;
  return { supplierId, wid: refId(response.Supplier_Reference, 'WID') ?? null };
}
