// The gateway's Prometheus metrics (its own /metrics): calls, denials, rate-limit hits and how long pending actions waited for a person.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PendingActionStatus } from '../../workflows/pending-action';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly calls = new Counter({
    name: 'mcp_tool_calls_total',
    help: 'MCP tool calls by tool, caller role and outcome (ok, tool-error, invalid-input, denied, rate-limited, unknown-tool)',
    labelNames: ['tool', 'role', 'outcome'],
    registers: [this.registry],
  });
  readonly denials = new Counter({
    name: 'mcp_denials_total',
    help: 'Requests refused: unauthenticated (no or unknown bearer token, HTTP 401) or forbidden (a tool the role may not use)',
    labelNames: ['reason', 'tool'],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'mcp_rate_limited_total',
    help: 'Tool calls refused by the per-caller, per-tool rate limit',
    labelNames: ['tool', 'caller'],
    registers: [this.registry],
  });
  readonly approvalLatency = new Histogram({
    name: 'mcp_pending_action_decision_seconds',
    help: 'Time from a pending action being requested to a person deciding (approve or reject) or it expiring, as the gateway first sees it',
    labelNames: ['decision'],
    buckets: [10, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 3 * 24 * 3600],
    registers: [this.registry],
  });
  private readonly seenDecisions = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'mcp_gateway_' });
  }

  /** Records a pending action's decision once, whichever tool call (approve, reject, a poll) first shows it. */
  observeDecision(status: PendingActionStatus): void {
    if (status.state === 'pending' || this.seenDecisions.has(status.pendingActionId)) return;
    const decidedAt = status.decidedAt ?? (status.state === 'expired' ? status.expiresAt : null);
    if (!decidedAt) return;
    this.seenDecisions.add(status.pendingActionId);
    const decision = status.state === 'expired' ? 'expired' : status.state === 'rejected' ? 'rejected' : 'approved';
    this.approvalLatency.observe({ decision }, Math.max(0, (Date.parse(decidedAt) - Date.parse(status.requestedAt)) / 1000));
  }
}
