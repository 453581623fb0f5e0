// Backfills through Temporal: the CLI starts the backfill workflow and follows its progress; reads and starts run at the task queues' rates.
import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { backfillProgressQuery, workdayHiresBackfill, workdayHiresBackfillWorkflowId, WORKDAY_HIRES_BACKFILL, type BackfillProgress } from '../workflows/workday-hires-backfill';
import { BusinessProcessKey, SyncStateKey } from '../workflows/sync-state';
import type { QueueConfig } from './employee-provisioning';

export function assertBackfillDate(since: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00Z`))) throw new Error(`"${since}" is not a date (YYYY-MM-DD)`);
}

/** Starts (or joins, while one runs) the backfill of hires effective since `since`. */
export async function startWorkdayHiresBackfill(client: Client, queues: QueueConfig, since: string, options: { pageSize?: number } = {}): Promise<WorkflowHandle<typeof workdayHiresBackfill>> {
  assertBackfillDate(since);
  return client.workflow.start(workdayHiresBackfill, {
    workflowId: workdayHiresBackfillWorkflowId(since),
    taskQueue: queues.TASK_QUEUE_WORKFLOWS,
    args: [{ since, ...options }],
    // The same backfill asked for twice while it runs is one backfill; run again later it is harmless (every start is idempotent).
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    staticSummary: `Backfill: Workday hires effective since ${since} → employee provisioning`,
    typedSearchAttributes: [
      { key: BusinessProcessKey, value: WORKDAY_HIRES_BACKFILL },
      { key: SyncStateKey, value: 'running' },
    ],
  });
}

/** Calls `onProgress` as the backfill reads pages, until it finishes; returns its final figures. */
export async function followBackfill(handle: WorkflowHandle<typeof workdayHiresBackfill>, onProgress: (p: BackfillProgress) => void, intervalMs = 500): Promise<BackfillProgress> {
  const result = handle.result();
  let finished = false;
  void result.then(
    () => (finished = true),
    () => (finished = true),
  );
  while (!finished) {
    try {
      onProgress(await handle.query(backfillProgressQuery));
    } catch {
      // Not picked up by a worker yet: no progress to show.
    }
    await Promise.race([result.catch(() => undefined), new Promise((r) => setTimeout(r, intervalMs))]);
  }
  const final = await result;
  onProgress(final);
  return final;
}
