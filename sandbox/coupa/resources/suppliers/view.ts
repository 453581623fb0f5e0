// Renders suppliers, remit-to addresses and supplier information the way Coupa's JSON API does (hyphenated keys, nested objects, offset datetimes).
import { formatTimestamp, type JsonObject } from '../../wire.js';
import type { RemitToRecord, SupplierInformationRecord, SupplierRecord, CoupaSupplierTables } from './record.js';

export function renderRemitTo(r: RemitToRecord): JsonObject {
  return {
    id: r.id,
    name: r.name,
    'remit-to-code': r.remitToCode,
    street1: r.street1,
    street2: r.street2,
    city: r.city,
    state: r.state,
    'postal-code': r.postalCode,
    country: r.country ? { code: r.country } : null,
    active: r.active,
    'external-src-ref': r.externalSrcRef,
  };
}

export function renderSupplier(t: CoupaSupplierTables, s: SupplierRecord): JsonObject {
  const a = s.primaryAddress;
  return {
    id: s.id,
    'created-at': formatTimestamp(s.createdAt),
    'updated-at': formatTimestamp(s.updatedAt),
    name: s.name,
    number: s.number,
    status: s.status,
    'tax-id': s.taxId,
    'primary-address': a ? { street1: a.street1, street2: a.street2, city: a.city, state: a.state, 'postal-code': a.postalCode, country: a.country ? { code: a.country } : null } : null,
    'primary-contact': s.contactEmail || s.contactPhone ? { email: s.contactEmail, 'phone-work': s.contactPhone ? { number: s.contactPhone } : null } : null,
    'payment-term': s.paymentTermCode ? { code: s.paymentTermCode } : null,
    'remit-to-addresses': [...t.remitTos.values()].filter((r) => r.supplierId === s.id).map(renderRemitTo),
    'custom-fields': { ...s.customFields },
  };
}

export function renderSupplierInformation(t: CoupaSupplierTables, i: SupplierInformationRecord): JsonObject {
  const s = t.suppliers.get(i.supplierId);
  return {
    id: i.id,
    'updated-at': formatTimestamp(i.updatedAt),
    supplier: s ? { id: s.id, name: s.name, number: s.number } : null,
    'supplier-information-addresses': [
      { kind: 'RTA', 'bank-account-number': i.bankAccountNumber, 'bank-routing-number': i.bankRoutingNumber, 'iban-number': i.ibanNumber, 'swift-code': i.swiftCode },
    ],
  };
}
