// The gateway's rules for every call: who the caller is (bearer token), what their role lets them see and do, how often, and the masked record kept of it.
import crypto from 'node:crypto';
import type { McpRole, McpToken } from '../../infra/config';

/** A caller as the audit trail names it: the token's name and role, never the token. */
export interface McpCaller {
  name: string;
  role: McpRole;
}

/** What a tool does: `read` answers, `request` creates a pending action, `approve` decides on one. */
export type ToolAccess = 'read' | 'request' | 'approve';

/** Which tools each role sees and may call. Operators ask, approvers decide: nobody does both through one token. */
export const ROLE_ACCESS: Readonly<Record<McpRole, readonly ToolAccess[]>> = {
  reader: ['read'],
  operator: ['read', 'request'],
  approver: ['read', 'approve'],
};

export const mayUse = (role: McpRole, access: ToolAccess): boolean => ROLE_ACCESS[role].includes(access);

const digest = (token: string): Buffer => crypto.createHash('sha256').update(token).digest();

/** Finds the caller of an `Authorization: Bearer …` header; comparison in constant time over hashes of equal length. */
export function tokenAuthenticator(tokens: readonly McpToken[]): (authorization: string | undefined) => McpCaller | null {
  const known = tokens.map((t) => ({ caller: { name: t.name, role: t.role }, digest: digest(t.token) }));
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) return null;
    const presented = digest(match[1]);
    let found: McpCaller | null = null;
    for (const entry of known) if (crypto.timingSafeEqual(entry.digest, presented)) found = entry.caller;
    return found;
  };
}

/** Sliding window per caller and tool, in this process (one gateway; several would share the limit through a store). */
export class CallRateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly maxCalls: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the call if it fits; otherwise says how many seconds until the oldest call leaves the window. */
  take(caller: string, tool: string): { allowed: true } | { allowed: false; retryAfterSeconds: number; maxCalls: number; windowSeconds: number } {
    const key = `${caller}\u0000${tool}`;
    const now = this.now();
    const recent = (this.calls.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.maxCalls) {
      this.calls.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)), maxCalls: this.maxCalls, windowSeconds: this.windowMs / 1000 };
    }
    recent.push(now);
    this.calls.set(key, recent);
    return { allowed: true };
  }
}

/**
 * The arguments as the audit trail keeps them: identifiers and enums as given (they are what support
 * searches by), free text (reasons) replaced by its length, since a person may type anything into it.
 */
export function maskArguments(args: unknown, freeText: readonly string[] = []): Record<string, unknown> {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return { arguments: args === undefined ? null : `(${typeof args}, masked)` };
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
    if (freeText.includes(key) && typeof value === 'string') masked[key] = `(free text, ${value.length} characters, masked)`;
    else if (typeof value === 'string' && (value.length > 80 || value.includes('@'))) masked[key] = `(text, ${value.length} characters, masked)`;
    else if (value !== null && typeof value === 'object') masked[key] = '(structured value, masked)';
    else masked[key] = value;
  }
  return masked;
}

/** How a call ended, as audit lines and metrics label it. */
export type CallOutcome = 'ok' | 'tool-error' | 'invalid-input' | 'denied' | 'rate-limited' | 'unknown-tool';

/** One line of the audit trail: every call, whatever its outcome. */
export interface AuditRecord {
  at: string;
  caller: string;
  role: McpRole;
  tool: string;
  arguments: Record<string, unknown>;
  outcome: CallOutcome;
  /** The workflow the call read, started or steered (a pending action's ID for write tools). */
  workflowId: string | null;
  pendingActionId: string | null;
  message: string | null;
}
