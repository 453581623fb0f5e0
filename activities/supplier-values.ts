// Supplier values between the systems' shapes and the sync's canonical form, and the fingerprints and masked forms the workflow keeps instead of raw values.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { customField, type CoupaBankDetails, type CoupaSupplier } from '../connectors/coupa/suppliers';
import type { WorkdaySupplier } from '../connectors/workday/soap/suppliers';
import { SUPPLIER_FIELDS, type SupplierField, type SupplierMapping } from '../mapping/supplier-config';
import { canonicalText, displayValue, normaliseSupplier, type SupplierValues } from '../mapping/supplier-fields';
import type { SupplierReadings } from '../mapping/supplier-merge';

/** A fingerprint: enough to tell values apart, never to read them back from a status or a log. */
export function fingerprint(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** Fingerprints and masked forms of every field: what leaves the activity. */
export function readingsOf(values: SupplierValues): SupplierReadings {
  const n = normaliseSupplier(values);
  return Object.fromEntries(SUPPLIER_FIELDS.map((f) => [f, { fp: fingerprint(canonicalText(f, n)), display: displayValue(f, n) }])) as SupplierReadings;
}

export function fingerprintOf(values: SupplierValues, field: SupplierField): string | null {
  return fingerprint(canonicalText(field, normaliseSupplier(values)));
}

export function coupaValues(s: CoupaSupplier, bank: CoupaBankDetails | null): SupplierValues {
  const a = s['primary-address'];
  const c = s['primary-contact'];
  return {
    name: s.name,
    addresses: a ? { street1: a.street1, street2: a.street2, city: a.city, state: a.state, postalCode: a['postal-code'], country: a.country?.code ?? null } : null,
    contacts: c ? { email: c.email, phone: c['phone-work']?.number ?? null } : null,
    taxIds: s['tax-id'],
    paymentTerms: s['payment-term']?.code ?? null,
    bankAccounts: bank,
    status: s.status === 'active' ? 'active' : s.status === 'inactive' ? 'inactive' : null,
  };
}

export function workdayValues(s: WorkdaySupplier, mapping: SupplierMapping): SupplierValues {
  const a = s.address;
  const bank = s.settlementAccounts.find((b) => !b.inactive) ?? null;
  const coupaTerm = s.paymentTermsId === null ? null : (Object.entries(mapping.paymentTerms).find(([, id]) => id === s.paymentTermsId)?.[0] ?? `Workday ${s.paymentTermsId}`);
  const tax = s.taxIds.find((t) => t.primary) ?? s.taxIds[0];
  return {
    name: s.name,
    addresses: a ? { street1: a.line1, street2: a.line2, city: a.city, state: a.region, postalCode: a.postalCode, country: a.country } : null,
    contacts: s.email || s.phone ? { email: s.email, phone: s.phone } : null,
    taxIds: tax?.text ?? null,
    paymentTerms: coupaTerm,
    bankAccounts: bank ? { accountNumber: bank.accountNumber, routingNumber: bank.routingNumber, iban: bank.iban, swift: bank.swift } : null,
    status: s.status === 'Active' ? 'active' : s.status === 'Inactive' ? 'inactive' : null,
  };
}

function workdayPaymentTerm(code: string | null, mapping: SupplierMapping): string | null {
  if (code === null) return null;
  const id = mapping.paymentTerms[code];
  if (id) return id;
  throw ApplicationFailure.create({
    type: BusinessFailureTypes.MappingMissing,
    nonRetryable: true,
    message: `Coupa payment term "${code}" has no Workday Payment_Terms_ID in the mapping file (suppliers.paymentTerms). Add it, then retry.`,
  });
}

/** The Workday supplier with `fields` taken from `values` (the rest as it was). */
export function withWorkdayFields(target: Omit<WorkdaySupplier, 'wid'>, values: SupplierValues, fields: readonly SupplierField[], mapping: SupplierMapping): Omit<WorkdaySupplier, 'wid'> {
  const next = structuredClone(target);
  const v = normaliseSupplier(values);
  for (const f of fields) {
    switch (f) {
      case 'name':
        if (v.name) next.name = v.name;
        break;
      case 'addresses':
        next.address = v.addresses ? { line1: v.addresses.street1, line2: v.addresses.street2, city: v.addresses.city, region: v.addresses.state, postalCode: v.addresses.postalCode, country: v.addresses.country } : null;
        break;
      case 'contacts':
        next.email = v.contacts?.email ?? null;
        next.phone = v.contacts?.phone ?? null;
        break;
      case 'taxIds':
        next.taxIds = v.taxIds ? [{ text: v.taxIds, type: next.taxIds.find((t) => t.primary)?.type ?? next.taxIds[0]?.type ?? null, primary: true }, ...next.taxIds.filter((t) => !t.primary).slice(0)] : [];
        break;
      case 'paymentTerms':
        next.paymentTermsId = workdayPaymentTerm(v.paymentTerms, mapping);
        break;
      case 'status':
        next.status = v.status === 'inactive' ? 'Inactive' : 'Active';
        break;
      case 'bankAccounts': {
        const active = next.settlementAccounts.find((b) => !b.inactive);
        if (!v.bankAccounts) next.settlementAccounts = next.settlementAccounts.map((b) => ({ ...b, inactive: true }));
        else if (active) Object.assign(active, v.bankAccounts);
        else next.settlementAccounts.push({ id: null, bankName: null, ...v.bankAccounts, inactive: false });
        break;
      }
    }
  }
  return next;
}

/** A partial Coupa PUT body for `fields` (bank details go to supplier information separately). */
export function coupaPatch(values: SupplierValues, fields: readonly SupplierField[]): Record<string, unknown> {
  const v = normaliseSupplier(values);
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f) {
      case 'name':
        if (v.name) patch['name'] = v.name;
        break;
      case 'addresses':
        patch['primary-address'] = v.addresses ? { street1: v.addresses.street1, street2: v.addresses.street2, city: v.addresses.city, state: v.addresses.state, 'postal-code': v.addresses.postalCode, country: v.addresses.country ? { code: v.addresses.country } : null } : null;
        break;
      case 'contacts':
        patch['primary-contact'] = v.contacts ? { email: v.contacts.email, 'phone-work': v.contacts.phone ? { number: v.contacts.phone } : null } : null;
        break;
      case 'taxIds':
        patch['tax-id'] = v.taxIds;
        break;
      case 'paymentTerms':
        patch['payment-term'] = v.paymentTerms ? { code: v.paymentTerms } : null;
        break;
      case 'status':
        patch['status'] = v.status ?? 'active';
        break;
      case 'bankAccounts':
        break;
    }
  }
  return patch;
}

export { customField };
