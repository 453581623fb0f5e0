// What a gateway tool is: a name, a description written for a model, a zod input schema, the access it needs, and what it does.
import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { TemporalConfig } from '../../infra/config';
import type { PendingActionRequest, PendingActionStatus } from '../../workflows/pending-action';
import type { McpCaller, ToolAccess } from './governance';

/** What tools need from the gateway's configuration. */
export interface GatewaySettings extends Pick<TemporalConfig, 'TASK_QUEUE_WORKFLOWS' | 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'> {
  pendingActionTtlSeconds: number;
  previewTimeoutSeconds: number;
}

export interface ToolContext {
  client: Client;
  caller: McpCaller;
  settings: GatewaySettings;
  /** Holds a write for a person: starts a pending action with this caller, tool and masked arguments; answers with its ID. */
  requestPendingAction(request: PendingActionRequest): Promise<ToolAnswer>;
  /** Feeds the approval-latency metric from any status the gateway sees. */
  observePendingAction(status: PendingActionStatus): void;
}

/** A tool's answer: data for the model, and the workflow it touched for the audit trail. */
export interface ToolAnswer {
  data: Record<string, unknown>;
  workflowId?: string | null;
  pendingActionId?: string | null;
}

/** A refusal the model can act on (bad state, nothing found): answered as a tool error, nothing started. */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    message: string,
    readonly workflowId: string | null = null,
  ) {
    super(message);
  }
}

export interface GatewayTool {
  name: string;
  title: string;
  description: string;
  access: ToolAccess;
  input: z.ZodObject;
  /** Argument names holding free text (reasons): masked in the audit trail and pending actions. */
  freeText: readonly string[];
  /** Called with arguments the input schema has parsed. */
  run(args: unknown, ctx: ToolContext): Promise<ToolAnswer>;
}

/** Keeps the run function typed by its own schema while the registry holds every tool alike. */
export function defineTool<S extends z.ZodObject>(tool: {
  name: string;
  title: string;
  description: string;
  access: ToolAccess;
  input: S;
  freeText?: readonly string[];
  run(args: z.output<S>, ctx: ToolContext): Promise<ToolAnswer>;
}): GatewayTool {
  return { ...tool, freeText: tool.freeText ?? [], run: (args, ctx) => tool.run(args as z.output<S>, ctx) };
}
