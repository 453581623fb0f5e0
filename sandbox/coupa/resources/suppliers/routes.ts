// /api/suppliers (GET, POST, PUT; unique name and number, statuses, custom fields), /api/suppliers/:id/addresses (remit-to) and /api/supplier_information (bank details [U: path]).
import type { Request, Response, Router } from 'express';
import { requireScope, type CoupaAuth } from '../../oauth.js';
import { mountResource } from '../../resource.js';
import type { CoupaStore } from '../../store.js';
import { hyphenateKeys, isJsonObject, recordNotFound, validationError, type JsonObject } from '../../wire.js';
import { COUPA_PAYMENT_TERMS, supplierTablesOf, type SupplierAddressRecord, type SupplierRecord, type SupplierStatus } from './record.js';
import { renderRemitTo, renderSupplier, renderSupplierInformation } from './view.js';

export const SUPPLIER_ATTRIBUTES = ['id', 'created-at', 'updated-at', 'name', 'number', 'status', 'tax-id', 'primary-address', 'primary-contact', 'payment-term', 'custom-fields'] as const;

const STATUSES: readonly SupplierStatus[] = ['active', 'inactive', 'draft'];

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);

function readAddress(v: unknown, before: SupplierAddressRecord | null): SupplierAddressRecord | null {
  if (v === null) return null;
  if (!isJsonObject(v)) return before;
  const country = isJsonObject(v['country']) ? str(v['country']['code']) : str(v['country']);
  const pick = (k: string, was: string | null | undefined) => (k in v ? str(v[k]) : (was ?? null));
  return { street1: pick('street1', before?.street1), street2: pick('street2', before?.street2), city: pick('city', before?.city), state: pick('state', before?.state), postalCode: pick('postal-code', before?.postalCode), country: 'country' in v ? country : (before?.country ?? null) };
}

/** Applies a PUT/POST body to a supplier (partial: only keys sent change); throws Coupa's 400 for what it refuses. */
export function applySupplierBody(store: CoupaStore, body: JsonObject, current: SupplierRecord | null): Omit<SupplierRecord, 'id' | 'createdAt' | 'updatedAt'> {
  const t = supplierTablesOf(store);
  const problems: string[] = [];
  const next: Omit<SupplierRecord, 'id' | 'createdAt' | 'updatedAt'> = current
    ? structuredClone({ name: current.name, number: current.number, status: current.status, taxId: current.taxId, primaryAddress: current.primaryAddress, contactEmail: current.contactEmail, contactPhone: current.contactPhone, paymentTermCode: current.paymentTermCode, customFields: current.customFields })
    : { name: '', number: null, status: 'draft', taxId: null, primaryAddress: null, contactEmail: null, contactPhone: null, paymentTermCode: null, customFields: {} };
  if ('name' in body) next.name = str(body['name']) ?? '';
  if ('number' in body) next.number = str(body['number']);
  if ('status' in body) {
    const s = str(body['status']);
    if (s === null || !STATUSES.includes(s as SupplierStatus)) problems.push(`Status is not included in the list (${STATUSES.join(', ')})`);
    else next.status = s as SupplierStatus;
  }
  if ('tax-id' in body) next.taxId = str(body['tax-id']);
  if ('primary-address' in body) next.primaryAddress = readAddress(body['primary-address'], next.primaryAddress);
  if ('primary-contact' in body) {
    const c = body['primary-contact'];
    if (c === null) Object.assign(next, { contactEmail: null, contactPhone: null });
    else if (isJsonObject(c)) {
      if ('email' in c) next.contactEmail = str(c['email']);
      if ('phone-work' in c) next.contactPhone = isJsonObject(c['phone-work']) ? str(c['phone-work']['number']) : str(c['phone-work']);
    }
  }
  if ('payment-term' in body) {
    const p = body['payment-term'];
    const code = p === null ? null : isJsonObject(p) ? str(p['code']) : str(p);
    if (code !== null && !COUPA_PAYMENT_TERMS.includes(code)) problems.push(`Unable to find valid payment term record for code "${code}". Possible keys are [id, code]`);
    else next.paymentTermCode = code;
  }
  if ('custom-fields' in body && isJsonObject(body['custom-fields'])) {
    for (const [k, v] of Object.entries(body['custom-fields'])) next.customFields[k] = str(v);
  }
  if (next.name.trim() === '') problems.push("Name can't be blank");
  const others = [...t.suppliers.values()].filter((s) => s.id !== current?.id);
  if (others.some((s) => s.name.toLowerCase() === next.name.toLowerCase())) problems.push('Name has already been taken');
  if (next.number !== null && others.some((s) => s.number === next.number)) problems.push('Number has already been taken');
  if (problems.length > 0) throw validationError('supplier', problems);
  return next;
}

function body(req: Request): JsonObject {
  const folded = hyphenateKeys(req.body ?? {});
  return isJsonObject(folded) ? folded : {};
}

export function mountSuppliers(api: Router, auth: CoupaAuth, store: CoupaStore): void {
  const t = supplierTablesOf(store);
  mountResource(api, auth, {
    path: '/suppliers',
    scope: 'core.supplier',
    schema: { resource: 'suppliers', attributes: SUPPLIER_ATTRIBUTES },
    list: () => [...t.suppliers.values()].map((s) => renderSupplier(t, s)),
    show: (id) => {
      const s = t.suppliers.get(id);
      return s ? renderSupplier(t, s) : undefined;
    },
    create: (b) => {
      const data = applySupplierBody(store, b, null);
      const at = store.now();
      const s: SupplierRecord = { ...data, id: t.newId('supplier'), createdAt: at, updatedAt: at };
      t.suppliers.set(s.id, s);
      t.notifyChange(store, s, 'api');
      return s.id;
    },
    update: (id, b) => {
      const s = t.suppliers.get(id);
      if (!s) throw recordNotFound();
      const next = applySupplierBody(store, b, s);
      const before = JSON.stringify({ ...s, updatedAt: 0 });
      Object.assign(s, next);
      // As Rails does: updated-at moves (and a change is reported) only when something changed.
      if (JSON.stringify({ ...s, updatedAt: 0 }) !== before) {
        s.updatedAt = store.now();
        t.notifyChange(store, s, 'api');
      }
    },
  });

  // Remit-to addresses: /api/suppliers/:id/addresses (GET, POST, PUT, DELETE).
  const read = requireScope(auth, 'core.supplier.read');
  const write = requireScope(auth, 'core.supplier.write');
  const supplierOf = (req: Request): SupplierRecord => {
    const s = t.suppliers.get(Number(req.params['id']));
    if (!s) throw recordNotFound();
    return s;
  };
  api.get('/api/suppliers/:id/addresses', read, (req: Request, res: Response) => {
    const s = supplierOf(req);
    res.json([...t.remitTos.values()].filter((r) => r.supplierId === s.id).map(renderRemitTo));
  });
  api.post('/api/suppliers/:id/addresses', write, (req: Request, res: Response) => {
    const s = supplierOf(req);
    const b = body(req);
    const a = readAddress(b, null);
    const r = { ...(a ?? { street1: null, street2: null, city: null, state: null, postalCode: null, country: null }), id: t.newId('remitTo'), supplierId: s.id, name: str(b['name']), remitToCode: str(b['remit-to-code']), active: b['active'] !== false, externalSrcRef: str(b['external-src-ref']) };
    t.remitTos.set(r.id, r);
    res.status(201).json(renderRemitTo(r));
  });
  api.put('/api/suppliers/:id/addresses/:addressId', write, (req: Request, res: Response) => {
    const s = supplierOf(req);
    const r = t.remitTos.get(Number(req.params['addressId']));
    if (!r || r.supplierId !== s.id) throw recordNotFound();
    const b = body(req);
    Object.assign(r, readAddress(b, r), 'name' in b ? { name: str(b['name']) } : {}, 'remit-to-code' in b ? { remitToCode: str(b['remit-to-code']) } : {}, 'active' in b ? { active: b['active'] !== false } : {});
    res.json(renderRemitTo(r));
  });
  api.delete('/api/suppliers/:id/addresses/:addressId', write, (req: Request, res: Response) => {
    const s = supplierOf(req);
    const r = t.remitTos.get(Number(req.params['addressId']));
    if (!r || r.supplierId !== s.id) throw recordNotFound();
    t.remitTos.delete(r.id);
    res.json(renderRemitTo(r));
  });

  // Supplier information (bank details of the RTA address) [U: path and writability; Coupa documents it as supplier-owned, mostly read-only].
  mountResource(api, auth, {
    path: '/supplier_information',
    scope: 'core.supplier',
    schema: { resource: 'supplier information', attributes: ['id', 'updated-at', 'supplier'] },
    list: () => [...t.information.values()].map((i) => renderSupplierInformation(t, i)),
    show: (id) => {
      const i = t.information.get(id);
      return i ? renderSupplierInformation(t, i) : undefined;
    },
    create: (b) => {
      const supplier = isJsonObject(b['supplier']) ? t.suppliers.get(Number(b['supplier']['id'])) : undefined;
      if (!supplier) throw validationError('supplier_information', ['Supplier must exist']);
      if (t.informationOf(supplier.id)) throw validationError('supplier_information', ['Supplier has already been taken']);
      const at = store.now();
      const i = { id: t.newId('information'), supplierId: supplier.id, bankAccountNumber: null, bankRoutingNumber: null, ibanNumber: null, swiftCode: null, updatedAt: at };
      applyBank(i, b);
      t.information.set(i.id, i);
      t.notifyChange(store, { ...supplier, updatedAt: at }, 'api');
      return i.id;
    },
    update: (id, b) => {
      const i = t.information.get(id);
      if (!i) throw recordNotFound();
      const before = JSON.stringify(i);
      applyBank(i, b);
      if (JSON.stringify(i) !== before) {
        i.updatedAt = store.now();
        const s = t.suppliers.get(i.supplierId);
        if (s) t.notifyChange(store, { ...s, updatedAt: i.updatedAt }, 'api');
      }
    },
  });
}

function applyBank(i: { bankAccountNumber: string | null; bankRoutingNumber: string | null; ibanNumber: string | null; swiftCode: string | null }, b: JsonObject): void {
  const list = b['supplier-information-addresses'];
  const rta = Array.isArray(list) ? list.find((a) => isJsonObject(a) && (a['kind'] === undefined || a['kind'] === 'RTA')) : undefined;
  if (!isJsonObject(rta)) return;
  if ('bank-account-number' in rta) i.bankAccountNumber = str(rta['bank-account-number']);
  if ('bank-routing-number' in rta) i.bankRoutingNumber = str(rta['bank-routing-number']);
  if ('iban-number' in rta) i.ibanNumber = str(rta['iban-number']);
  if ('swift-code' in rta) i.swiftCode = str(rta['swift-code']);
}
