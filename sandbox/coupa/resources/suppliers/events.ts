// /_sandbox/suppliers admin routes of the Coupa simulator: create or edit a supplier as a person (or the supplier, for bank details) would, optionally notifying; read raw; notice settings.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { notifySettingsSchema, supplierEditSchema, type SupplierEdit } from '../../../common/supplier-edits.js';
import type { CoupaStore } from '../../store.js';
import { supplierTablesOf, type SupplierRecord } from './record.js';
import { renderSupplier } from './view.js';

function bad(res: Response, err: z.ZodError): void {
  res.status(400).json({ errors: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
}

/** Applies an admin edit to a supplier and its bank details; returns whether anything changed. */
function applyEdit(store: CoupaStore, s: SupplierRecord, changes: SupplierEdit['changes'], at: number): boolean {
  const t = supplierTablesOf(store);
  const before = JSON.stringify([s, t.informationOf(s.id) ?? null]);
  if (changes.name !== undefined) s.name = changes.name;
  if (changes.number !== undefined) s.number = changes.number;
  if (changes.status !== undefined) s.status = changes.status;
  if (changes.taxIds !== undefined) s.taxId = changes.taxIds;
  if (changes.paymentTerms !== undefined) s.paymentTermCode = changes.paymentTerms;
  if (changes.addresses !== undefined) {
    const a = changes.addresses;
    const was = s.primaryAddress;
    s.primaryAddress = a === null ? null : { street1: a.street1 !== undefined ? a.street1 : (was?.street1 ?? null), street2: a.street2 !== undefined ? a.street2 : (was?.street2 ?? null), city: a.city !== undefined ? a.city : (was?.city ?? null), state: a.state !== undefined ? a.state : (was?.state ?? null), postalCode: a.postalCode !== undefined ? a.postalCode : (was?.postalCode ?? null), country: a.country !== undefined ? a.country : (was?.country ?? null) };
  }
  if (changes.contacts !== undefined) {
    if (changes.contacts === null) Object.assign(s, { contactEmail: null, contactPhone: null });
    else {
      if (changes.contacts.email !== undefined) s.contactEmail = changes.contacts.email;
      if (changes.contacts.phone !== undefined) s.contactPhone = changes.contacts.phone;
    }
  }
  if (changes.crossReference !== undefined) s.customFields[t.workdayIdField] = changes.crossReference;
  if (changes.bankAccounts !== undefined) {
    let info = t.informationOf(s.id);
    if (!info) {
      info = { id: t.newId('information'), supplierId: s.id, bankAccountNumber: null, bankRoutingNumber: null, ibanNumber: null, swiftCode: null, updatedAt: at };
      t.information.set(info.id, info);
    }
    const b = changes.bankAccounts;
    if (b === null) Object.assign(info, { bankAccountNumber: null, bankRoutingNumber: null, ibanNumber: null, swiftCode: null });
    else {
      if (b.accountNumber !== undefined) info.bankAccountNumber = b.accountNumber;
      if (b.routingNumber !== undefined) info.bankRoutingNumber = b.routingNumber;
      if (b.iban !== undefined) info.ibanNumber = b.iban;
      if (b.swift !== undefined) info.swiftCode = b.swift;
    }
    info.updatedAt = at;
  }
  const changed = JSON.stringify([s, t.informationOf(s.id) ?? null]) !== before;
  if (changed) s.updatedAt = at;
  return changed;
}

export function supplierEventsRouter(store: CoupaStore): Router {
  const router = Router();
  const t = () => supplierTablesOf(store);

  router.get('/_sandbox/suppliers/:id', (req: Request, res: Response) => {
    const s = t().suppliers.get(Number(req.params['id']));
    if (!s) return void res.status(404).json({ errors: [`unknown supplier ${String(req.params['id'])}`] });
    res.json({ ...renderSupplier(t(), s), 'supplier-information': t().informationOf(s.id) ?? null });
  });

  router.put('/_sandbox/suppliers/notify', (req: Request, res: Response) => {
    const parsed = notifySettingsSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(res, parsed.error);
    const notices = t().notices;
    if (parsed.data.url !== undefined) notices.webhookUrl = parsed.data.url;
    if (parsed.data.enabled !== undefined) notices.enabled = parsed.data.enabled;
    res.json({ url: notices.webhookUrl, enabled: notices.enabled });
  });

  // A supplier created by a person in Coupa (status draft unless given; `active` = approved).
  router.post('/_sandbox/suppliers', (req: Request, res: Response) => {
    const parsed = supplierEditSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(res, parsed.error);
    const { changes, by, changedAt, notify } = parsed.data;
    if (!changes.name) return void res.status(400).json({ errors: ['changes.name: Required'] });
    const tables = t();
    if ([...tables.suppliers.values()].some((x) => x.name.toLowerCase() === changes.name!.toLowerCase())) return void res.status(400).json({ errors: { supplier: ['Name has already been taken'] } });
    if (changes.number && tables.findByNumber(changes.number)) return void res.status(400).json({ errors: { supplier: ['Number has already been taken'] } });
    const at = changedAt ? Date.parse(changedAt) : store.now();
    const s: SupplierRecord = { id: tables.newId('supplier'), name: changes.name, number: changes.number ?? null, status: 'draft', taxId: null, primaryAddress: null, contactEmail: null, contactPhone: null, paymentTermCode: null, customFields: {}, createdAt: at, updatedAt: at };
    tables.suppliers.set(s.id, s);
    applyEdit(store, s, changes, at);
    tables.notifyChange(store, s, 'admin', by, notify !== false);
    res.status(201).json(renderSupplier(tables, s));
  });

  // A person's edit in Coupa; `changedAt` lets two edits (here and in Workday) be simultaneous.
  router.patch('/_sandbox/suppliers/:id', (req: Request, res: Response) => {
    const parsed = supplierEditSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(res, parsed.error);
    const s = t().suppliers.get(Number(req.params['id']));
    if (!s) return void res.status(404).json({ errors: [`unknown supplier ${String(req.params['id'])}`] });
    const { changes, by, changedAt, notify } = parsed.data;
    const changed = applyEdit(store, s, changes, changedAt ? Date.parse(changedAt) : store.now());
    if (changed) t().notifyChange(store, s, 'admin', by, notify !== false);
    res.json({ changed, supplier: renderSupplier(t(), s) });
  });
  return router;
}
