// /_sandbox/suppliers admin routes of the Workday simulator: create or edit a supplier as a person in Workday would (optionally notifying), read it raw, set where notices go.
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { notifySettingsSchema, supplierEditSchema, type SupplierEdit } from '../common/supplier-edits';
import type { WorkdayStore } from './store';
import { supplierStoreOf, type StoredSupplier } from './supplier-store';

function bad(res: Response, err: z.ZodError): void {
  res.status(400).json({ error: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
}

/** Applies an edit (sync field names) to a stored supplier's data. */
export function applyWorkdayEdit(base: Omit<StoredSupplier, 'wid' | 'createdAt' | 'updatedAt'>, changes: SupplierEdit['changes']): Omit<StoredSupplier, 'wid' | 'createdAt' | 'updatedAt'> {
  const next = structuredClone(base);
  if (changes.name !== undefined) next.name = changes.name;
  if (changes.addresses !== undefined) {
    const a = changes.addresses;
    const was = next.address;
    next.address = a === null ? null : { line1: a.street1 !== undefined ? a.street1 : (was?.line1 ?? null), line2: a.street2 !== undefined ? a.street2 : (was?.line2 ?? null), city: a.city !== undefined ? a.city : (was?.city ?? null), region: a.state !== undefined ? a.state : (was?.region ?? null), postalCode: a.postalCode !== undefined ? a.postalCode : (was?.postalCode ?? null), country: a.country !== undefined ? a.country : (was?.country ?? null) };
  }
  if (changes.contacts !== undefined) {
    if (changes.contacts === null) Object.assign(next, { email: null, phone: null });
    else {
      if (changes.contacts.email !== undefined) next.email = changes.contacts.email;
      if (changes.contacts.phone !== undefined) next.phone = changes.contacts.phone;
    }
  }
  if (changes.taxIds !== undefined) next.taxIds = changes.taxIds === null ? [] : [{ text: changes.taxIds, type: next.taxIds[0]?.type ?? 'USA-EIN', primary: true }, ...next.taxIds.slice(1).map((t) => ({ ...t, primary: false }))];
  if (changes.paymentTerms !== undefined) next.paymentTermsId = changes.paymentTerms;
  if (changes.status !== undefined) next.status = changes.status === 'inactive' ? 'Inactive' : 'Active';
  if (changes.bankAccounts !== undefined) {
    const b = changes.bankAccounts;
    const first = next.settlementAccounts.find((x) => !x.inactive);
    if (b === null) next.settlementAccounts = next.settlementAccounts.map((x) => ({ ...x, inactive: true }));
    else if (first) Object.assign(first, Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)));
    else next.settlementAccounts.push({ id: `SBA-${next.supplierId}`, bankName: null, routingNumber: b.routingNumber ?? null, accountNumber: b.accountNumber ?? null, iban: b.iban ?? null, swift: b.swift ?? null, inactive: false });
  }
  if (changes.crossReference !== undefined) next.coupaNumber = changes.crossReference;
  return next;
}

export function supplierAdminRouter(store: WorkdayStore): Router {
  const router = express.Router();
  router.use('/_sandbox/suppliers', express.json());

  router.get('/_sandbox/suppliers', (_req, res) => {
    res.json(supplierStoreOf(store).all());
  });

  router.get('/_sandbox/suppliers/:supplierId', (req, res) => {
    const s = supplierStoreOf(store).get(req.params.supplierId);
    if (!s) return void res.status(404).json({ error: `unknown supplier ${req.params.supplierId}` });
    res.json(s);
  });

  // Body {url?: string|null, enabled?: boolean}: where change notices are POSTed; enabled false = silent edits.
  router.put('/_sandbox/suppliers/notify', (req, res) => {
    const parsed = notifySettingsSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(res, parsed.error);
    const notices = supplierStoreOf(store).notices;
    if (parsed.data.url !== undefined) notices.webhookUrl = parsed.data.url;
    if (parsed.data.enabled !== undefined) notices.enabled = parsed.data.enabled;
    res.json({ url: notices.webhookUrl, enabled: notices.enabled });
  });

  // Body SupplierEdit with changes.name required: a supplier created by a person in Workday.
  router.post('/_sandbox/suppliers', (req, res) => {
    const parsed = supplierEditSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(res, parsed.error);
    const { changes, by, changedAt, notify } = parsed.data;
    if (!changes.name) return void res.status(400).json({ error: 'changes.name: Required' });
    const suppliers = supplierStoreOf(store);
    const supplierId = changes.number ?? suppliers.nextSupplierId();
    if (suppliers.get(supplierId)) return void res.status(400).json({ error: `Supplier_ID ${supplierId} is already in use` });
    const base = { supplierId, name: changes.name, status: 'Active' as const, taxIds: [], paymentTermsId: null, address: null, email: null, phone: null, settlementAccounts: [], coupaNumber: null };
    const { supplier } = suppliers.save(applyWorkdayEdit(base, changes), 'admin', { ...(changedAt ? { changedAt: Date.parse(changedAt) } : {}), ...(by ? { changedBy: by } : {}), notify: notify !== false });
    res.status(201).json(supplier);
  });

  // Body SupplierEdit: a person's edit in Workday; `changedAt` lets two edits (here and in Coupa) be simultaneous.
  router.patch('/_sandbox/suppliers/:supplierId', (req, res) => {
    const parsed = supplierEditSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(res, parsed.error);
    const suppliers = supplierStoreOf(store);
    const current = suppliers.get(req.params.supplierId);
    if (!current) return void res.status(404).json({ error: `unknown supplier ${req.params.supplierId}` });
    const { wid: _w, createdAt: _c, updatedAt: _u, ...base } = current;
    const { changes, by, changedAt, notify } = parsed.data;
    const result = suppliers.save(applyWorkdayEdit(base, changes), 'admin', { ...(changedAt ? { changedAt: Date.parse(changedAt) } : {}), ...(by ? { changedBy: by } : {}), notify: notify !== false });
    res.json({ changed: result.changed, supplier: result.supplier });
  });
  return router;
}
