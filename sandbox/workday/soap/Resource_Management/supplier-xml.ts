// Supplier_Data as Workday writes and reads it (Resource_Management): the stored supplier rendered into XML content, and a Put_Supplier request's Supplier_Data read back.
import { child, children, readBoolean, type XmlElement, type XmlObject } from '../../../kit/soap';
import type { StoredSupplier } from '../../supplier-store';
import { WORKDAY_PAYMENT_TERMS } from '../../supplier-store';
import { invalidIdValue, validationFault, xpathOf } from '../faults';

const id = (type: string, text: string): XmlObject => ({ '@type': type, '#text': text });

export function supplierReference(s: StoredSupplier, descriptor: boolean): XmlObject {
  return { ...(descriptor ? { '@Descriptor': s.name } : {}), ID: [id('WID', s.wid), id('Supplier_ID', s.supplierId)] };
}

export function renderSupplierData(s: StoredSupplier, coupaNumberElement: string): XmlObject {
  const a = s.address;
  return {
    Supplier_ID: s.supplierId,
    Supplier_Name: s.name,
    ...(s.coupaNumber ? { [coupaNumberElement]: s.coupaNumber } : {}),
    Supplier_Status_Data: { Status_Reference: { ID: [id('Business_Entity_Status_Value_ID', s.status)] } },
    Tax_ID_Data: s.taxIds.map((t) => ({ Tax_ID_Text: t.text, Tax_ID_Type_Reference: { ID: [id('Tax_ID_Type_ID', t.type)] }, Primary_Tax_ID: t.primary })),
    ...(s.paymentTermsId ? { Payment_Terms_Reference: { ID: [id('Payment_Terms_ID', s.paymentTermsId)] } } : {}),
    Currency_Reference: { ID: [id('Currency_ID', 'USD')] },
    Business_Entity_Data: {
      Business_Entity_Name: s.name,
      Contact_Data: {
        ...(a
          ? {
              Address_Data: [
                {
                  ...(a.country ? { Country_Reference: { ID: [id('ISO_3166-1_Alpha-2_Code', a.country)] } } : {}),
                  Address_Line_Data: [
                    ...(a.line1 ? [{ '@Type': 'ADDRESS_LINE_1', '#text': a.line1 }] : []),
                    ...(a.line2 ? [{ '@Type': 'ADDRESS_LINE_2', '#text': a.line2 }] : []),
                  ],
                  ...(a.city ? { Municipality: a.city } : {}),
                  ...(a.region ? { Country_Region_Descriptor: a.region } : {}),
                  ...(a.postalCode ? { Postal_Code: a.postalCode } : {}),
                },
              ],
            }
          : {}),
        ...(s.phone ? { Phone_Data: [{ Phone_Number: s.phone }] } : {}),
        ...(s.email ? { Email_Address_Data: [{ Email_Address: s.email }] } : {}),
      },
    },
    Settlement_Account_Data: s.settlementAccounts.map((b) => ({
      Settlement_Bank_Account_ID: b.id,
      ...(b.bankName ? { Bank_Name: b.bankName } : {}),
      ...(b.routingNumber ? { Routing_Transit_Number: b.routingNumber } : {}),
      ...(b.accountNumber ? { Bank_Account_Number: b.accountNumber } : {}),
      ...(b.iban ? { IBAN: b.iban } : {}),
      ...(b.swift ? { SWIFT_Bank_Identification_Code: b.swift } : {}),
      Inactive: b.inactive,
    })),
  };
}

const REQUEST = 'Put_Supplier_Request';

/** Reads Supplier_Data of a Put_Supplier request; throws Workday's Validation_Fault for what a tenant refuses. */
export function readSupplierData(data: XmlElement, coupaNumberElement: string, existing: StoredSupplier | undefined): Omit<StoredSupplier, 'wid' | 'createdAt' | 'updatedAt' | 'supplierId'> & { supplierId: string | null } {
  const at = (...names: string[]) => xpathOf([REQUEST], ['Supplier_Data'], ...names.map((n): [string] => [n]));
  const text = (parent: XmlElement | undefined, name: string): string | null => {
    const t = parent ? child(parent, name)?.text : undefined;
    return t === undefined || t === '' ? null : t;
  };
  const name = text(data, 'Supplier_Name');
  if (!name) throw validationFault([{ message: 'Supplier Name is required', xpath: at('Supplier_Name') }]);
  const statusId = (() => {
    const ref = child(data, 'Supplier_Status_Data');
    const sid = ref ? children(child(ref, 'Status_Reference') ?? ref, 'ID')[0]?.text : undefined;
    return sid;
  })();
  if (statusId !== undefined && statusId !== 'Active' && statusId !== 'Inactive') throw invalidIdValue(statusId, 'Business_Entity_Status_Value_ID', at('Supplier_Status_Data', 'Status_Reference', 'ID'));
  const terms = (() => {
    const ref = child(data, 'Payment_Terms_Reference');
    return ref ? (children(ref, 'ID')[0]?.text ?? null) : null;
  })();
  if (terms !== null && !WORKDAY_PAYMENT_TERMS.includes(terms)) throw invalidIdValue(terms, 'Payment_Terms_ID', at('Payment_Terms_Reference', 'ID'));
  const contact = child(child(data, 'Business_Entity_Data') ?? data, 'Contact_Data');
  const addressEl = contact ? children(contact, 'Address_Data')[0] : undefined;
  const line = (type: string) => (addressEl ? (children(addressEl, 'Address_Line_Data').find((l) => l.attrs['Type'] === type)?.text ?? null) : null);
  const phoneEl = contact ? children(contact, 'Phone_Data')[0] : undefined;
  const emailEl = contact ? children(contact, 'Email_Address_Data')[0] : undefined;
  return {
    supplierId: text(data, 'Supplier_ID'),
    name,
    status: (statusId as 'Active' | 'Inactive' | undefined) ?? existing?.status ?? 'Active',
    taxIds: children(data, 'Tax_ID_Data').map((t) => ({
      text: text(t, 'Tax_ID_Text') ?? '',
      type: children(child(t, 'Tax_ID_Type_Reference') ?? t, 'ID')[0]?.text ?? 'TIN',
      primary: readBoolean(child(t, 'Primary_Tax_ID')) === true,
    })).filter((t) => t.text !== ''),
    paymentTermsId: terms,
    address: addressEl
      ? {
          line1: line('ADDRESS_LINE_1'),
          line2: line('ADDRESS_LINE_2'),
          city: text(addressEl, 'Municipality'),
          region: text(addressEl, 'Country_Region_Descriptor'),
          postalCode: text(addressEl, 'Postal_Code'),
          country: (() => {
            const ref = child(addressEl, 'Country_Reference');
            return ref ? (children(ref, 'ID')[0]?.text ?? null) : null;
          })(),
        }
      : null,
    phone: text(phoneEl, 'Phone_Number'),
    email: text(emailEl, 'Email_Address'),
    settlementAccounts: children(data, 'Settlement_Account_Data').map((b, i) => ({
      id: text(b, 'Settlement_Bank_Account_ID') ?? existing?.settlementAccounts[i]?.id ?? `SBA-${Date.now().toString(36)}-${i}`,
      bankName: text(b, 'Bank_Name'),
      routingNumber: text(b, 'Routing_Transit_Number'),
      accountNumber: text(b, 'Bank_Account_Number'),
      iban: text(b, 'IBAN'),
      swift: text(b, 'SWIFT_Bank_Identification_Code'),
      inactive: readBoolean(child(b, 'Inactive')) === true,
    })),
    coupaNumber: text(data, coupaNumberElement),
  };
}
