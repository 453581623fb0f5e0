// Starting or nudging supplierSync (signal-with-start of supplierChanged), and a person's decision on a held bank change, with masked old and new details.
import { WorkflowUpdateFailedError, type Client, type WorkflowHandleWithSignaledRunId } from '@temporalio/client';
import {
  approveBankChangeUpdate,
  pendingBankChangeQuery,
  rejectBankChangeUpdate,
  supplierChangedSignal,
  supplierKeyOf,
  supplierSync,
  supplierSyncWorkflowId,
  SUPPLIER_SYNC,
  type PendingBankChange,
  type SupplierChange,
} from '../workflows/supplier-sync';
import { BusinessProcessKey, SupplierIdKey, SyncStateKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Hands one supplier change to the supplier's run: starts it if none runs, else signals it. Both
 * systems' events for one supplier land on one run (see supplierKeyOf); duplicates and echoes are
 * harmless, the run re-reads both systems. Ingress and pollers call this.
 */
export async function requestSupplierSync(client: Client, config: QueueConfig, change: SupplierChange): Promise<WorkflowHandleWithSignaledRunId<typeof supplierSync>> {
  const key = supplierKeyOf(change);
  if (!KEY.test(key)) throw new Error(`"${key}" is not a supplier key (letters, digits, . _ -)`);
  return client.workflow.signalWithStart(supplierSync, {
    workflowId: supplierSyncWorkflowId(key),
    taskQueue: config.TASK_QUEUE_WORKFLOWS,
    args: [{ supplierKey: key }],
    // Process and key only: supplier names and bank details stay out of the summary.
    staticSummary: `Supplier sync: supplier ${key} between Coupa and Workday`,
    signal: supplierChangedSignal,
    signalArgs: [{ ...change, trigger: change.trigger ?? 'event' }],
    typedSearchAttributes: [
      { key: BusinessProcessKey, value: SUPPLIER_SYNC },
      { key: SupplierIdKey, value: key },
      { key: SyncStateKey, value: 'running' },
    ],
  });
}

/** The bank change waiting on a supplier's run (masked), or null. */
export async function pendingBankChange(client: Client, supplierKey: string): Promise<PendingBankChange | null> {
  return client.workflow.getHandle(supplierSyncWorkflowId(supplierKey)).query(pendingBankChangeQuery);
}

/** One line for a person deciding: masked old and new, where, who asked and when. */
export function describeBankChange(p: PendingBankChange): string {
  return [
    `bank details changed in ${p.origin}${p.originOwnsField ? '' : ` (which does not own bank details in the mapping file)`}`,
    `  old: ${p.fromDisplay}`,
    `  new: ${p.toDisplay}`,
    `  asked by ${p.requestedBy}, detected at ${p.detectedAt}`,
  ].join('\n');
}

/** Approves (copies to the other system) or rejects (reverts at the origin) the held change; the run refuses when none waits. */
export async function decideBankChange(client: Client, supplierKey: string, decision: 'approve' | 'reject', by: string, reason?: string): Promise<string> {
  const handle = client.workflow.getHandle(supplierSyncWorkflowId(supplierKey));
  const args = [{ by, ...(reason ? { reason } : {}) }] as [{ by: string; reason?: string }];
  try {
    return decision === 'approve' ? await handle.executeUpdate(approveBankChangeUpdate, { args }) : await handle.executeUpdate(rejectBankChangeUpdate, { args });
  } catch (err) {
    // The run's refusal (nothing waits, no reason given) is the message a person needs, not "Workflow Update failed".
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof Error) throw new Error(`supplier ${supplierKey}: ${err.cause.message}`);
    throw err;
  }
}
