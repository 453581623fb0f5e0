// One MCP server per caller: lists only the tools the caller's role allows, and runs every call through the governance (role, rate limit, input check, audit, metrics).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../infra/logger';
import { requestPendingAction } from '../pending-actions';
import { mayUse, maskArguments, type AuditRecord, type CallOutcome, type CallRateLimiter, type McpCaller } from './governance';
import type { GatewayMetrics } from './metrics';
import { ToolError, type GatewaySettings, type GatewayTool, type ToolAnswer, type ToolContext } from './tool';

export const GATEWAY_NAME = 'coupa-workday-sync';
export const GATEWAY_VERSION = '0.1.0';

export interface GatewayDeps {
  client: Client;
  settings: GatewaySettings;
  tools: readonly GatewayTool[];
  rateLimiter: CallRateLimiter;
  metrics: GatewayMetrics;
  /** Audit lines go here (and to every sink in `audit`): one per call. */
  logger: Logger;
  /** Extra audit sinks (tests read the trail through one). */
  audit?: (record: AuditRecord) => void;
}

const INSTRUCTIONS =
  'Tools for the Coupa–Workday integration. Read tools answer at once. Write tools never act at once: they create a pending action ' +
  'that a person approves or rejects; poll it with get_pending_action. A run with syncState "needs-attention" is parked: ' +
  'explain_parked_run says why and what fixes it. Tool errors say what was wrong and that nothing was started.';

/** The JSON schema clients see; zod's own conversion, of what callers send (defaults optional). */
function listed(tool: GatewayTool): Tool {
  const schema = z.toJSONSchema(tool.input, { io: 'input', target: 'draft-7' }) as Tool['inputSchema'];
  delete (schema as Record<string, unknown>)['$schema'];
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: schema,
    annotations: { title: tool.title, readOnlyHint: tool.access === 'read', destructiveHint: false, openWorldHint: false },
  };
}

const text = (message: string, isError: boolean, structured?: Record<string, unknown>): CallToolResult => ({
  content: [{ type: 'text', text: message }],
  ...(structured ? { structuredContent: structured } : {}),
  ...(isError ? { isError: true } : {}),
});

export function createCallerServer(deps: GatewayDeps, caller: McpCaller): Server {
  const server = new Server({ name: GATEWAY_NAME, version: GATEWAY_VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const visible = deps.tools.filter((t) => mayUse(caller.role, t.access));

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: visible.map(listed) }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const name = request.params.name;
    const rawArgs = request.params.arguments ?? {};
    const tool = deps.tools.find((t) => t.name === name);
    const audit = (outcome: CallOutcome, details: { message?: string | null; workflowId?: string | null; pendingActionId?: string | null } = {}): void => {
      const record: AuditRecord = {
        at: new Date().toISOString(),
        caller: caller.name,
        role: caller.role,
        tool: name,
        arguments: maskArguments(rawArgs, tool?.freeText ?? []),
        outcome,
        workflowId: details.workflowId ?? null,
        pendingActionId: details.pendingActionId ?? null,
        message: details.message ?? null,
      };
      deps.metrics.calls.inc({ tool: tool ? name : '(unknown)', role: caller.role, outcome });
      deps.logger.info({ audit: record }, `mcp ${caller.name} (${caller.role}) ${name}: ${outcome}`);
      deps.audit?.(record);
    };

    if (!tool) {
      audit('unknown-tool');
      return text(`There is no tool "${name}". Call tools/list for the tools your token may use.`, true);
    }
    // A tool the role may not use is refused as if it were not there, but counted and audited as a denial.
    if (!mayUse(caller.role, tool.access)) {
      deps.metrics.denials.inc({ reason: 'forbidden', tool: name });
      audit('denied', { message: `role ${caller.role} may not use ${tool.access} tools` });
      return text(`Not allowed: your token (role "${caller.role}") may not call ${name}. Nothing was done. Ask a person with the right role.`, true);
    }
    const limit = deps.rateLimiter.take(caller.name, name);
    if (!limit.allowed) {
      deps.metrics.rateLimited.inc({ tool: name, caller: caller.name });
      const message =
        `Rate limit: you may call ${name} at most ${limit.maxCalls} times per ${limit.windowSeconds} seconds. Nothing was done. ` +
        `Wait ${limit.retryAfterSeconds} seconds before calling it again, and do not retry in a loop.`;
      audit('rate-limited', { message });
      return text(message, true, { error: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds, maxCalls: limit.maxCalls, windowSeconds: limit.windowSeconds });
    }
    const parsed = tool.input.safeParse(rawArgs);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(arguments)'}: ${i.message}`);
      const message = `Invalid arguments for ${name}; nothing was started. ${problems.join('; ')}`;
      audit('invalid-input', { message });
      return text(message, true, { error: 'invalid_arguments', problems });
    }

    const masked = maskArguments(parsed.data, tool.freeText);
    const ctx: ToolContext = {
      client: deps.client,
      caller,
      settings: deps.settings,
      observePendingAction: (status) => deps.metrics.observeDecision(status),
      async requestPendingAction(actionRequest): Promise<ToolAnswer> {
        const status = await requestPendingAction(deps.client, deps.settings, {
          request: actionRequest,
          requestedBy: caller.name,
          tool: name,
          maskedArguments: masked,
          ttlSeconds: deps.settings.pendingActionTtlSeconds,
        });
        return {
          data: {
            pendingActionId: status.pendingActionId,
            state: status.state,
            description: status.description,
            expiresAt: status.expiresAt,
            next: 'Nothing has happened yet: a person approves or rejects this. Poll it with get_pending_action; it expires unchanged at expiresAt.',
          },
          workflowId: actionRequest.targetWorkflowId,
          pendingActionId: status.pendingActionId,
        };
      },
    };
    try {
      const answer = await tool.run(parsed.data, ctx);
      audit('ok', { workflowId: answer.workflowId ?? null, pendingActionId: answer.pendingActionId ?? null });
      return text(JSON.stringify(answer.data, null, 2), false, answer.data);
    } catch (err) {
      if (err instanceof ToolError) {
        audit('tool-error', { message: err.message, workflowId: err.workflowId });
        return text(err.message, true);
      }
      const message = err instanceof Error ? err.message : String(err);
      audit('tool-error', { message });
      deps.logger.warn({ tool: name, err: message }, 'mcp tool failed unexpectedly');
      return text(`${name} failed: ${message}. Nothing further was done; try again later or ask support.`, true);
    }
  });
  return server;
}
