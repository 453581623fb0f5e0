// One supplier as both systems see it, in canonical form: normalisation (so formatting differences are no change), masking for people, and names compared for duplicates.
//
// Pure: no Node built-ins. Activities hash `canonicalText` into fingerprints; workflows only ever see fingerprints and masked forms.
import type { SupplierField } from './supplier-config';

export type SupplierSystem = 'coupa' | 'workday';

export interface SupplierAddress {
  street1: string | null;
  street2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  /** ISO 3166 alpha-2. */
  country: string | null;
}

export interface SupplierContact {
  email: string | null;
  phone: string | null;
}

/** The remittance account (Coupa: the supplier information's RTA address; Workday: the first active settlement account). */
export interface SupplierBankAccount {
  accountNumber: string | null;
  routingNumber: string | null;
  iban: string | null;
  swift: string | null;
}

export type SupplierStatus = 'active' | 'inactive';

/** The synced fields of one supplier, as read from either system; null = not set there. */
export interface SupplierValues {
  name: string | null;
  addresses: SupplierAddress | null;
  contacts: SupplierContact | null;
  taxIds: string | null;
  paymentTerms: string | null;
  bankAccounts: SupplierBankAccount | null;
  status: SupplierStatus | null;
}

/** Fields whose values are never shown or logged in clear: only their last four characters. */
export const SENSITIVE_FIELDS: ReadonlySet<SupplierField> = new Set(['taxIds', 'bankAccounts']);

const blankToNull = (v: string | null | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const t = v.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};
const compact = (v: string | null | undefined): string | null => {
  const t = blankToNull(v);
  return t === null ? null : t.replace(/[\s-]/g, '').toUpperCase();
};

/** Formatting that means nothing (spaces, case of codes, dashes in numbers) is removed, so only real changes differ. */
export function normaliseSupplier(v: SupplierValues): SupplierValues {
  const address = v.addresses;
  const a: SupplierAddress | null = address
    ? {
        street1: blankToNull(address.street1),
        street2: blankToNull(address.street2),
        city: blankToNull(address.city),
        state: blankToNull(address.state),
        postalCode: blankToNull(address.postalCode)?.toUpperCase() ?? null,
        country: blankToNull(address.country)?.toUpperCase() ?? null,
      }
    : null;
  const c: SupplierContact | null = v.contacts ? { email: blankToNull(v.contacts.email)?.toLowerCase() ?? null, phone: blankToNull(v.contacts.phone)?.replace(/[^\d+]/g, '') ?? null } : null;
  const b: SupplierBankAccount | null = v.bankAccounts
    ? {
        accountNumber: compact(v.bankAccounts.accountNumber),
        routingNumber: compact(v.bankAccounts.routingNumber),
        iban: compact(v.bankAccounts.iban),
        swift: compact(v.bankAccounts.swift),
      }
    : null;
  const allNull = (o: object | null): boolean => o === null || Object.values(o).every((x) => x === null);
  return {
    name: blankToNull(v.name),
    addresses: allNull(a) ? null : a,
    contacts: allNull(c) ? null : c,
    taxIds: compact(v.taxIds),
    paymentTerms: blankToNull(v.paymentTerms),
    bankAccounts: allNull(b) ? null : b,
    status: v.status,
  };
}

/** The text a field's fingerprint is the hash of (field name included, so equal texts of two fields differ); null for an empty field. */
export function canonicalText(field: SupplierField, normalised: SupplierValues): string | null {
  const value = normalised[field];
  return value === null ? null : `${field}:${JSON.stringify(value)}`;
}

/** `••••6789`: the last four characters, the rest hidden (short values are hidden entirely). */
export function maskLast4(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '(none)';
  const v = value.replace(/\s+/g, '');
  return v.length <= 4 ? '••••' : `••••${v.slice(-4)}`;
}

/** What a support person may see of a field's value: addresses and names in clear, tax IDs and bank details masked, contacts reduced. */
export function displayValue(field: SupplierField, normalised: SupplierValues): string {
  switch (field) {
    case 'name':
      return normalised.name ?? '(none)';
    case 'addresses': {
      const a = normalised.addresses;
      return a ? [a.street1, a.street2, a.city, a.state, a.postalCode, a.country].filter((x) => x !== null).join(', ') : '(none)';
    }
    case 'contacts': {
      // Contact emails and phones are personal data: only the mail domain and the phone's last two digits.
      const c = normalised.contacts;
      if (!c) return '(none)';
      const domain = c.email?.split('@')[1];
      return `email ${c.email ? `••••@${domain ?? '?'}` : '(none)'}, phone ${c.phone ? `••••${c.phone.slice(-2)}` : '(none)'}`;
    }
    case 'taxIds':
      return `tax ID ${maskLast4(normalised.taxIds)}`;
    case 'paymentTerms':
      return normalised.paymentTerms ?? '(none)';
    case 'bankAccounts': {
      const b = normalised.bankAccounts;
      if (!b) return '(none)';
      const parts = [b.accountNumber ? `account ${maskLast4(b.accountNumber)}` : null, b.iban ? `IBAN ${maskLast4(b.iban)}` : null, b.routingNumber ? `routing ${maskLast4(b.routingNumber)}` : null, b.swift ? `SWIFT ${maskLast4(b.swift)}` : null];
      return parts.filter((p) => p !== null).join(', ') || '(no account details)';
    }
    case 'status':
      return normalised.status ?? '(none)';
  }
}

const LEGAL_FORMS = /\b(inc|incorporated|llc|ltd|limited|plc|gmbh|ag|sa|sas|bv|nv|corp|corporation|co|company|srl|spa|oy|ab|as|kg|pty)\b/g;

/** A name compared for duplicates: lowercase, accents and punctuation gone, legal forms (Inc, GmbH, Ltd…) dropped. */
export function normaliseSupplierName(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Tax IDs compared for duplicates: no spaces, dashes or dots, uppercase. */
export function normaliseTaxId(taxId: string | null | undefined): string {
  return (taxId ?? '').replace(/[\s.\-/]/g, '').toUpperCase();
}
