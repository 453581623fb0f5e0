// Supplier sync tests' access to both sandboxes: admin edits (as a person in Coupa or Workday would make them), raw records, notices wired to requestSupplierSync, and the run's status.
import fs from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import type { ProvisioningHarness } from './provisioning-harness';
import { requestSupplierSync } from '../../clients/supplier-sync';
import { supplierStoreOf, type StoredSupplier } from '../../sandbox/workday/supplier-store';
import { supplierTablesOf } from '../../sandbox/coupa/resources/suppliers/record';
import type { SupplierChangeNotice } from '../../sandbox/common/supplier-notices';
import type { SupplierEdit } from '../../sandbox/common/supplier-edits';
import { statusQuery } from '../../workflows/sync-state';
import { supplierSyncWorkflowId, type SupplierChange, type SupplierStatus } from '../../workflows/supplier-sync';

/** Sets the mapping file's supplier sync window (seconds) for this harness. */
export function setSyncWindow(h: ProvisioningHarness, seconds: number): void {
  const text = fs.readFileSync(h.mappingFile, 'utf8').replace(/syncWindowSeconds: \d+/, `syncWindowSeconds: ${seconds}`);
  fs.writeFileSync(h.mappingFile, text);
}

export function changeOf(n: SupplierChangeNotice): SupplierChange {
  const { via: _via, ...rest } = n;
  return rest;
}

/** Every change notice of both sandboxes goes to requestSupplierSync, as the ingress will do. Returns the unhook. */
export function wireNotices(h: ProvisioningHarness): () => void {
  const forward = (n: SupplierChangeNotice) => {
    void requestSupplierSync(h.temporal.env.client, h.queueConfig, changeOf(n)).catch((err: unknown) => console.error('requestSupplierSync failed', err));
  };
  const offs = [supplierStoreOf(h.workday.store).notices.onChange(forward), supplierTablesOf(h.coupa.store).notices.onChange(forward)];
  return () => offs.forEach((off) => off());
}

async function send(url: string, method: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const editCoupa = (h: ProvisioningHarness, coupaId: number, edit: SupplierEdit) => send(`${h.coupa.url}/_sandbox/suppliers/${coupaId}`, 'PATCH', edit);
export const editWorkday = (h: ProvisioningHarness, workdayId: string, edit: SupplierEdit) => send(`${h.workday.url}/_sandbox/suppliers/${workdayId}`, 'PATCH', edit);
export const createInCoupa = (h: ProvisioningHarness, edit: SupplierEdit) => send(`${h.coupa.url}/_sandbox/suppliers`, 'POST', edit) as Promise<{ id: number }>;

export function workdaySupplier(h: ProvisioningHarness, id: string): StoredSupplier | undefined {
  return supplierStoreOf(h.workday.store).get(id);
}

export function coupaSupplier(h: ProvisioningHarness, id: number) {
  const t = supplierTablesOf(h.coupa.store);
  return { supplier: t.suppliers.get(id), bank: t.informationOf(id) };
}

/** Put_Supplier requests the Workday sandbox answered (SOAP calls share one HTTP route, so they are counted by operation). */
export function workdayPuts(h: ProvisioningHarness): number {
  return supplierStoreOf(h.workday.store).operationCalls['Put_Supplier'] ?? 0;
}

/** PUT /api/suppliers/:id and PUT /api/supplier_information/:id requests Coupa answered. */
export function coupaPuts(h: ProvisioningHarness): number {
  const by = h.coupa.controls.callCounts().byRoute;
  return (by['PUT /api/suppliers/:id'] ?? 0) + (by['PUT /api/supplier_information/:id'] ?? 0) + (by['POST /api/supplier_information'] ?? 0);
}

export function supplierHandle(h: ProvisioningHarness, key: string): WorkflowHandle {
  return h.temporal.env.client.workflow.getHandle(supplierSyncWorkflowId(key));
}

export async function supplierStatus(h: ProvisioningHarness, key: string): Promise<SupplierStatus | undefined> {
  try {
    return (await supplierHandle(h, key).query(statusQuery)) as SupplierStatus;
  } catch {
    return undefined;
  }
}

/** The run has nothing left to do: waiting (or needs-attention) with no change in flight. */
export async function settled(h: ProvisioningHarness, key: string): Promise<SupplierStatus | undefined> {
  const s = await supplierStatus(h, key);
  return s && (s.syncState === 'waiting' || s.syncState === 'needs-attention') && !s.step.startsWith('writing') ? s : undefined;
}
