// What one process's route is: which events it takes, and how an event starts or signals its workflow.
import type { Client } from '@temporalio/client';
import type { QueueConfig } from '../employee-provisioning';
import type { BusinessEvent, BusinessEventBody, BusinessEventKind } from './events';

export interface RouteOutcome {
  workflowId: string;
  /** The run started or signalled; null when the start was a duplicate the server refused. */
  runId: string | null;
  /** The workflow was already there (a duplicate delivery): nothing new happened. */
  duplicate?: boolean;
}

export interface EventRoute {
  /** The business process name (the BusinessProcess search attribute, the CLI's `start <process>`). */
  process: string;
  kinds: readonly BusinessEventKind[];
  /** What the business key is, for `start <process> <key>`'s help. */
  keyHelp: string;
  /** The workflow ID an event lands on. */
  workflowIdFor(event: BusinessEventBody): string;
  /** The event a person means by `start <process> <key>`. */
  eventForKey(key: string): BusinessEventBody;
  /** Starts or signals the workflow with a deterministic ID; idempotent for the same event. */
  start(client: Client, queues: QueueConfig, event: BusinessEvent): Promise<RouteOutcome>;
}
