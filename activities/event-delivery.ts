// Hands business events found by pollers and backfills to their processes, through the same routing table as the ingress (the worker's own Temporal client), and keeps the pollers' cursors.
import { Context, activityInfo } from '@temporalio/activity';
import { WorkflowIdConflictPolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { advanceCursorUpdate, cursorQuery, pollerCursorWorkflowId, POLLER_CURSOR_TYPE } from '../workflows/poller-cursor';
import { deliverEvent, routeFor, UnroutableEventError } from '../clients/events/route-table';
import type { BusinessEvent } from '../clients/events/events';

export interface DeliveryReport {
  delivered: Array<{ eventId: string; workflowId: string; duplicate: boolean }>;
  /** Events no route takes or whose fields are wrong: reported, never retried. */
  refused: Array<{ eventId: string; reason: string }>;
}

export function createEventDeliveryActivities() {
  return {
    /**
     * Starts or signals each event's workflow (deterministic IDs, so a retried batch lands on the
     * same runs). Runs on the workflow task queue: that is where the started workflows go too.
     */
    async deliverBusinessEvents(events: BusinessEvent[]): Promise<DeliveryReport> {
      const { client } = Context.current();
      const info = activityInfo();
      const queues = { TASK_QUEUE_WORKFLOWS: info.taskQueue };
      const report: DeliveryReport = { delivered: [], refused: [] };
      for (const event of events) {
        try {
          // A retried batch (the worker died mid-batch): a run started since this batch was first
          // scheduled is this batch's own doing, so it is not signalled a second time.
          const workflowId = routeFor(event.kind)?.workflowIdFor(event);
          if (info.attempt > 1 && workflowId && (await startedSince(client, workflowId, info.scheduledTimestampMs))) {
            report.delivered.push({ eventId: event.eventId, workflowId, duplicate: true });
            continue;
          }
          const outcome = await deliverEvent(client, queues, event);
          report.delivered.push({ eventId: event.eventId, workflowId: outcome.workflowId, duplicate: outcome.duplicate === true });
        } catch (err) {
          if (!(err instanceof UnroutableEventError)) throw err;
          report.refused.push({ eventId: event.eventId, reason: err.message });
        }
        Context.current().heartbeat(event.eventId);
      }
      return report;
    },
  };
}

async function startedSince(client: Client, workflowId: string, sinceMs: number): Promise<boolean> {
  try {
    const { startTime } = await client.workflow.getHandle(workflowId).describe();
    return startTime.getTime() >= sinceMs;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** Reads a poller's cursor from its cursor workflow, starting that workflow with `initial` the first time. */
export function createPollerCursorActivities() {
  return {
    async loadPollerCursor(input: { poller: string; initial: unknown }): Promise<unknown> {
      const { client } = Context.current();
      const workflowId = pollerCursorWorkflowId(input.poller);
      await client.workflow.start(POLLER_CURSOR_TYPE, {
        workflowId,
        taskQueue: activityInfo().taskQueue,
        args: [{ poller: input.poller, cursor: input.initial }],
        // There already (the usual case): its cursor is the one that counts.
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        staticSummary: `Cursor of the ${input.poller} poller`,
      });
      const answer = (await client.workflow.getHandle(workflowId).query(cursorQuery)) as { cursor: unknown };
      return answer.cursor;
    },

    /** Moves the cursor: answered by the cursor workflow once it holds the new one. */
    async savePollerCursor(input: { poller: string; cursor: unknown }): Promise<number> {
      const { client } = Context.current();
      return client.workflow.getHandle(pollerCursorWorkflowId(input.poller)).executeUpdate(advanceCursorUpdate, { args: [input.cursor] });
    },
  };
}
