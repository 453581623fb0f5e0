// The MCP agent gateway, driven by the SDK's own MCP client over Streamable HTTP: roles, a parked run read and retried through a
// pending action a person approves, rejected and expired actions that change nothing, a dry-run preview, 401s, rate limits and the audit trail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { startMcpGateway, type McpGateway } from '../../clients/mcp/gateway';
import type { AuditRecord } from '../../clients/mcp/governance';
import { createLogger } from '../../infra/logger';
import type { McpRole, McpToken } from '../../infra/config';
import { PARKING_ACTION } from '../../connectors/http/error-types';
import { statusQuery } from '../../workflows/sync-state';
import { MASKED } from '../../activities/provisioning-preview';
import { approveSignal } from '../../workflows/pending-action';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address },
  });
}

let h: ProvisioningHarness;
const gateways: McpGateway[] = [];
const clients: McpClient[] = [];
const auditLines: AuditRecord[] = [];
/** Every tool call the tests make, to hold the audit trail against. */
const madeCalls: Array<{ caller: string; tool: string }> = [];

const token = (name: string): string => `${name}-token-${'x'.repeat(40)}`;
const tokens: McpToken[] = (
  [
    ['assistant', 'reader'],
    ['operator-bot', 'operator'],
    ['alice', 'approver'],
  ] as Array<[string, McpRole]>
).map(([name, role]) => ({ name, role, token: token(name) }));

async function gateway(overrides: { ttlSeconds?: number; rateLimitCalls?: number } = {}): Promise<McpGateway> {
  // The audit trail as logs: JSON lines, read back as ops would.
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const parsed = JSON.parse(line) as { audit?: AuditRecord };
        if (parsed.audit?.tool) auditLines.push(parsed.audit);
      }
      done();
    },
  });
  const g = await startMcpGateway({
    client: h.temporal.env.client,
    settings: {
      TASK_QUEUE_WORKFLOWS: h.temporal.queues.workflows,
      TEMPORAL_UI_URL: 'http://localhost:8233',
      TEMPORAL_NAMESPACE: h.temporal.namespace,
      pendingActionTtlSeconds: overrides.ttlSeconds ?? 3600,
      previewTimeoutSeconds: 60,
    },
    tokens,
    rateLimit: { calls: overrides.rateLimitCalls ?? 1000, windowSeconds: 60 },
    logger: createLogger('mcp-gateway-test', 'info', { destination: sink }),
    port: 0,
  });
  gateways.push(g);
  return g;
}

async function connect(g: McpGateway, name: string): Promise<McpClient & { who: string }> {
  const client = new McpClient({ name: `test-${name}`, version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(g.url), { requestInit: { headers: { Authorization: `Bearer ${token(name)}` } } }));
  clients.push(client);
  return Object.assign(client, { who: name });
}

async function call(client: McpClient & { who: string }, tool: string, args: Record<string, unknown> = {}): Promise<CallToolResult & { data: Record<string, unknown> }> {
  madeCalls.push({ caller: client.who, tool });
  const result = (await client.callTool({ name: tool, arguments: args })) as CallToolResult;
  const data = (result.structuredContent ?? {}) as Record<string, unknown>;
  return Object.assign(result, { data });
}
const textOf = (r: CallToolResult): string => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

let main: McpGateway;
let reader: McpClient & { who: string };
let operator: McpClient & { who: string };
let approver: McpClient & { who: string };

function managerOf(org: string): string {
  return h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
  for (const org of ['SUP-EXEC', 'SUP-FIN', 'SUP-OPS']) await (await h.provision(managerOf(org), 'manual')).result();
  main = await gateway();
  reader = await connect(main, 'assistant');
  operator = await connect(main, 'operator-bot');
  approver = await connect(main, 'alice');
});

after(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  for (const g of gateways) await g.close();
  await h?.close();
});

const READ_TOOLS = ['find_runs', 'get_run_status', 'explain_parked_run', 'preview_employee_provisioning', 'get_pending_action', 'list_pending_actions', 'get_held_bank_change'];
const REQUEST_TOOLS = ['retry_parked_run', 'skip_parked_run', 'start_employee_provisioning', 'start_employee_offboarding', 'cancel_termination', 'start_org_hierarchy_sync', 'start_process', 'decide_bank_change'];
const APPROVE_TOOLS = ['approve_pending_action', 'reject_pending_action'];

test('without a valid bearer token every request is answered 401, and the SDK client cannot connect', async () => {
  const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
  for (const authorization of [undefined, 'Bearer not-a-known-token', `Basic ${token('alice')}`]) {
    const res = await fetch(main.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(init),
    });
    assert.equal(res.status, 401, `authorization ${authorization ?? '(none)'}`);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  }
  const anonymous = new McpClient({ name: 'anonymous', version: '1' });
  await assert.rejects(anonymous.connect(new StreamableHTTPClientTransport(new URL(main.url))));
});

test('each role sees its tools: readers read, operators also ask, approvers also decide', async () => {
  const names = async (c: McpClient) => (await c.listTools()).tools.map((t) => t.name).sort();
  assert.deepEqual(await names(reader), [...READ_TOOLS].sort());
  assert.deepEqual(await names(operator), [...READ_TOOLS, ...REQUEST_TOOLS].sort());
  assert.deepEqual(await names(approver), [...READ_TOOLS, ...APPROVE_TOOLS].sort());
  const tools = (await operator.listTools()).tools;
  const retry = tools.find((t) => t.name === 'retry_parked_run')!;
  assert.equal(retry.inputSchema.type, 'object');
  assert.deepEqual(retry.inputSchema.required, ['workflowId']);
  assert.match(retry.description ?? '', /pending action/);
  assert.equal(tools.find((t) => t.name === 'find_runs')!.annotations?.readOnlyHint, true);
});

test('a read-only token can neither see nor call a write tool, and nothing is requested', async () => {
  for (const tool of ['retry_parked_run', 'start_employee_provisioning', 'approve_pending_action']) {
    const result = await call(reader, tool, tool === 'approve_pending_action' ? { pendingActionId: 'pending-action/00000000-0000-0000-0000-000000000000' } : { workflowId: 'employee-provisioning/21001', employeeId: '21001' });
    assert.equal(result.isError, true, tool);
    assert.match(textOf(result), /Not allowed: your token \(role "reader"\) may not call/);
  }
  // An operator cannot approve either: asking and deciding are two people.
  const approveAttempt = await call(operator, 'approve_pending_action', { pendingActionId: 'pending-action/00000000-0000-0000-0000-000000000000' });
  assert.equal(approveAttempt.isError, true);
  const listed = await call(reader, 'list_pending_actions', { state: 'pending' });
  assert.equal(listed.data.count, 0, 'no pending action was created');
});

test('bad input is a clear tool error and starts nothing', async () => {
  const result = await call(reader, 'preview_employee_provisioning', { employeeId: "21001' OR 1=1" });
  assert.equal(result.isError, true);
  assert.match(textOf(result), /Invalid arguments for preview_employee_provisioning; nothing was started\. employeeId: a Workday employee ID/);
  const missing = await call(operator, 'skip_parked_run', { workflowId: 'employee-provisioning/21001' });
  assert.equal(missing.isError, true);
  assert.match(textOf(missing), /reason/);
  const runs = await call(reader, 'find_runs', { process: 'employee-provisioning-preview' });
  assert.equal(runs.data.count, 0, 'no preview run was started');
  const pending = await call(reader, 'list_pending_actions', {});
  assert.equal(pending.data.count, 0);
});

test('a preview of provisioning reads Workday and Coupa, answers the plan with personal data masked, and writes nothing', { timeout: 60_000 }, async () => {
  const { employeeId } = h.workday.store.hire({ firstName: 'Preview', lastName: 'Person', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100' });
  const before = h.coupa.controls.callCounts().byRoute;
  const preview = await call(reader, 'preview_employee_provisioning', { employeeId });
  assert.equal(preview.isError, undefined, textOf(preview));
  assert.equal(preview.data.userAction, 'create');
  const changes = preview.data.fieldChanges as Array<{ field: string; to: unknown }>;
  assert.equal(changes.find((c) => c.field === 'email')?.to, MASKED);
  assert.equal(changes.find((c) => c.field === 'lastname')?.to, MASKED);
  assert.equal(changes.find((c) => c.field === 'employeeNumber')?.to, employeeId);
  assert.ok(!textOf(preview).includes('Preview'), 'no name in the answer');
  const after = h.coupa.controls.callCounts().byRoute;
  const writes = (counts: Record<string, number>) => Object.entries(counts).filter(([route]) => /^(PUT|POST|PATCH|DELETE) \/api/.test(route));
  assert.deepEqual(writes(after), writes(before), 'no Coupa write');
  const gets = (counts: Record<string, number>) => Object.entries(counts).filter(([route]) => /^GET \/api/.test(route)).reduce((n, [, c]) => n + c, 0);
  assert.ok(gets(after) > gets(before), 'Coupa was read');
  assert.equal((await h.coupaClient.listUsers({ 'employee-number': employeeId })).length, 0);

  // An employee already in Coupa: nothing would change.
  const manager = await call(reader, 'preview_employee_provisioning', { employeeId: managerOf('SUP-FIN') });
  assert.equal(manager.data.userAction, 'none', textOf(manager));
  assert.deepEqual(manager.data.fieldChanges, []);
});

test('support through an assistant: find a parked run, read why, retry through a pending action; rejected and expired actions change nothing', { timeout: 120_000 }, async () => {
  const { employeeId } = h.workday.store.hire({ firstName: 'Unmapped', lastName: 'Costcenter', supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST', costCenterCode: 'CC2400' });
  const handle = await h.provision(employeeId, 'hire');
  await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

  // Find it among parked runs, and read why.
  const found = await eventually(async () => {
    const r = await call(reader, 'find_runs', { syncState: 'needs-attention', process: 'employee-provisioning' });
    return (r.data.runs as Array<{ workflowId: string }>).some((run) => run.workflowId === handle.workflowId) ? r : undefined;
  }, 'find_runs to list the parked run');
  assert.match(String(found.data.query), /SyncState = 'needs-attention'/);
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  const byKey = await call(reader, 'find_runs', { businessKey: employeeId, startedAfter: hourAgo });
  assert.deepEqual((byKey.data.runs as Array<{ workflowId: string; syncState: string }>).map((r) => [r.workflowId, r.syncState]), [[handle.workflowId, 'needs-attention']]);
  const before = await call(reader, 'find_runs', { businessKey: employeeId, startedBefore: hourAgo });
  assert.equal(before.data.count, 0);
  const why = await call(reader, 'explain_parked_run', { workflowId: handle.workflowId });
  assert.equal(why.data.parked, true);
  assert.equal(why.data.category, 'config');
  assert.match(String(why.data.reason), /CC2400/);
  assert.equal(why.data.whatToDo, PARKING_ACTION.config);
  assert.match(String(why.data.next), /retry_parked_run/);

  const stillParked = async (): Promise<void> => {
    const s = await handle.query(statusQuery);
    assert.equal(s.syncState, 'needs-attention');
    assert.equal(s.retries, 0, 'nobody retried the run');
  };

  // Rejected: nothing changes.
  const asked = await call(operator, 'retry_parked_run', { workflowId: handle.workflowId });
  assert.equal(asked.isError, undefined, textOf(asked));
  assert.equal(asked.data.state, 'pending');
  const firstId = String(asked.data.pendingActionId);
  assert.match(firstId, /^pending-action\/[0-9a-f-]{36}$/);
  await stillParked();
  const rejected = await call(approver, 'reject_pending_action', { pendingActionId: firstId, reason: 'fix the mapping first' });
  assert.equal(rejected.data.state, 'rejected', textOf(rejected));
  assert.equal(rejected.data.decidedBy, 'alice');
  const polled = await call(operator, 'get_pending_action', { pendingActionId: firstId });
  assert.equal(polled.data.state, 'rejected');
  assert.match(String(polled.data.meaning), /nothing was changed/);
  const again = await call(approver, 'approve_pending_action', { pendingActionId: firstId });
  assert.equal(again.isError, true);
  assert.match(textOf(again), /is rejected, not pending/);
  await stillParked();

  // Expired: a gateway whose actions wait 2 s; nobody decides, nothing changes.
  const hurried = await gateway({ ttlSeconds: 2 });
  const hurriedOperator = await connect(hurried, 'operator-bot');
  const shortLived = await call(hurriedOperator, 'retry_parked_run', { workflowId: handle.workflowId });
  const expired = await eventually(async () => {
    const r = await call(operator, 'get_pending_action', { pendingActionId: String(shortLived.data.pendingActionId) });
    return r.data.state === 'expired' ? r : undefined;
  }, 'the pending action to expire');
  assert.match(String(expired.data.outcome), /expired after 2 s without a decision: nothing was changed/);
  await stillParked();

  // Approved: nothing happens until the approval, then the run retries and completes.
  const second = await call(operator, 'retry_parked_run', { workflowId: handle.workflowId });
  const secondId = String(second.data.pendingActionId);
  // A second operator's ask for the same retry: approved after the first, it finds the run no longer parked.
  const duplicate = await call(operator, 'retry_parked_run', { workflowId: handle.workflowId });
  const duplicateId = String(duplicate.data.pendingActionId);
  const pending = await eventually(async () => {
    const r = await call(approver, 'list_pending_actions', {});
    return r.data.count === 2 ? r : undefined;
  }, 'both pending actions listed');
  assert.deepEqual(
    (pending.data.pendingActions as Array<{ pendingActionId: string }>).map((p) => p.pendingActionId).sort(),
    [secondId, duplicateId].sort(),
  );
  await stillParked();
  // The fix support makes before approving: the account in Coupa, the cost center in the mapping file.
  const coupaToken = await coupaAdminToken();
  const created = await fetch(`${h.coupa.url}/api/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${coupaToken}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name: 'Field Operations', active: true, 'account-type': { name: 'Acme US' }, 'segment-1': 'US01', 'segment-2': 'CC2400' }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  fs.writeFileSync(h.mappingFile, fs.readFileSync(h.mappingFile, 'utf8').replace(/^costCenters:\n/m, 'costCenters:\n  CC2400: { accountType: Acme US, segments: [US01, CC2400], currency: USD }\n'));
  await stillParked();

  const approved = await call(approver, 'approve_pending_action', { pendingActionId: secondId, reason: 'mapping fixed' });
  assert.equal(approved.isError, undefined, textOf(approved));
  assert.equal(approved.data.decidedBy, 'alice');
  const done = await eventually(async () => {
    const r = await call(operator, 'get_pending_action', { pendingActionId: secondId });
    return r.data.state === 'done' ? r : undefined;
  }, 'the approved action to be carried out');
  assert.match(String(done.data.outcome), /retrying employee-provisioning/);
  const result = await handle.result();
  assert.equal(result.outcome, 'created');
  assert.equal(result.status.retries, 1);
  await call(approver, 'approve_pending_action', { pendingActionId: duplicateId });
  const refused = await eventually(async () => {
    const r = await call(operator, 'get_pending_action', { pendingActionId: duplicateId });
    return r.data.state === 'refused' ? r : undefined;
  }, 'the duplicate retry to be refused by the run');
  assert.match(String(refused.data.outcome), /retry refused: employee-provisioning\/\d+ is completed, so there is nothing to retry/);
  assert.equal((await handle.query(statusQuery)).retries, 1, 'the run was not retried twice');

  // The pending actions are searchable by who asked, the tool, the target and their state.
  const client = h.temporal.env.client;
  const byAttributes = async (state: string) => {
    const ids: string[] = [];
    const query = `McpCaller = 'operator-bot' AND McpTool = 'retry_parked_run' AND TargetWorkflowId = '${handle.workflowId}' AND ProcessState = '${state}'`;
    for await (const run of client.workflow.list({ query })) ids.push(run.workflowId);
    return ids;
  };
  await eventually(async () => ((await byAttributes('done')).join() === secondId ? true : undefined), 'the done action by search attributes');
  assert.deepEqual(await byAttributes('rejected'), [firstId]);
  assert.deepEqual(await byAttributes('expired'), [String(shortLived.data.pendingActionId)]);
});

test('a person decides from the Web UI (signal) or the CLI; whoever asked cannot approve their own request', { timeout: 120_000 }, async () => {
  const { employeeId } = h.workday.store.hire({ firstName: 'Signal', lastName: 'Approved', supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100' });
  const asked = await call(operator, 'start_employee_provisioning', { employeeId });
  const id = String(asked.data.pendingActionId);
  assert.equal(asked.data.state, 'pending', textOf(asked));
  assert.equal((await h.coupaClient.listUsers({ 'employee-number': employeeId })).length, 0, 'nothing started before the approval');

  // The CLI lists it; the requester's own approval is refused (four eyes).
  const listed = await cli('pending-actions');
  assert.match(listed.stdout, new RegExp(`${id}.*operator-bot via start_employee_provisioning.*employee-provisioning/${employeeId}`));
  await assert.rejects(cli('approve', id, '--by', 'operator-bot'), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr ?? '', /operator-bot asked for this action and cannot approve it too/);
    return true;
  });

  // The Web UI's Send a Signal → approve, with the person's name as input.
  await h.temporal.env.client.workflow.getHandle(id).signal(approveSignal, { by: 'maria (web ui)' });
  const done = await eventually(async () => {
    const r = await call(operator, 'get_pending_action', { pendingActionId: id });
    return r.data.state === 'done' ? r : undefined;
  }, 'the signalled approval to be carried out');
  assert.equal(done.data.decidedBy, 'maria (web ui)');
  const result = await h.temporal.env.client.workflow.getHandle(`employee-provisioning/${employeeId}`).result();
  assert.equal(result.outcome, 'created');

  // The CLI rejects another with a reason; rejecting again is refused with how it ended.
  const other = await call(operator, 'start_org_hierarchy_sync', { scope: 'all' });
  const otherId = String(other.data.pendingActionId);
  const rejected = await cli('reject', otherId, '--reason', 'not during the quarter close', '--by', 'sam');
  assert.match(rejected.stdout, new RegExp(`rejected ${otherId}`));
  await assert.rejects(cli('reject', otherId, '--reason', 'again'), /is rejected, not pending \(decided by sam\)/);
  const after = await call(operator, 'get_pending_action', { pendingActionId: otherId });
  assert.equal(after.data.state, 'rejected');
  assert.equal(after.data.decisionReason, 'not during the quarter close');
});

test('a retry of a run that is not parked is refused at once, and nobody is asked to approve it', async () => {
  const res = await call(operator, 'retry_parked_run', { workflowId: `employee-provisioning/${managerOf('SUP-FIN')}` });
  assert.equal(res.isError, true);
  assert.match(textOf(res), /is not parked \(syncState done.*Nothing was requested/);
  const skip = await call(operator, 'skip_parked_run', { workflowId: `employee-provisioning/${managerOf('SUP-FIN')}`, reason: 'Jane Roe (jane.roe@example.com) left' });
  assert.equal(skip.isError, true);
});

test('the rate limit answers with a tool error after the configured number of calls, per caller and per tool', async () => {
  const limited = await gateway({ rateLimitCalls: 2 });
  const c = await connect(limited, 'assistant');
  const other = await connect(limited, 'alice');
  for (let i = 0; i < 2; i += 1) assert.equal((await call(c, 'list_pending_actions', {})).isError, undefined);
  const third = await call(c, 'list_pending_actions', {});
  assert.equal(third.isError, true);
  assert.match(textOf(third), /Rate limit: you may call list_pending_actions at most 2 times per 60 seconds\. Nothing was done\. Wait \d+ seconds/);
  assert.equal(third.data.error, 'rate_limited');
  assert.equal((await call(c, 'find_runs', { limit: 1 })).isError, undefined, 'another tool is counted apart');
  assert.equal((await call(other, 'list_pending_actions', {})).isError, undefined, 'another caller is counted apart');
  const metrics = await (await fetch(limited.metricsUrl)).text();
  assert.ok(/mcp_rate_limited_total\{tool="list_pending_actions",caller="assistant"\} 1/.test(metrics), 'the rate-limit hit is counted');
});

test('over stdio, a local assistant is the caller its MCP_STDIO_TOKEN names, with that role', { timeout: 60_000 }, async () => {
  const env = Object.fromEntries(Object.entries({
    ...h.workerEnv(0),
    TEMPORAL_ADDRESS: h.temporal.address,
    MCP_TOKENS: tokens.map((t) => `${t.name}:${t.role}:${t.token}`).join(','),
    MCP_STDIO_TOKEN: token('assistant'),
  }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const local = new McpClient({ name: 'local-assistant', version: '1.0.0' });
  await local.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', path.join(repoRoot, 'clients', 'mcp', 'main.ts'), '--stdio'], env, cwd: repoRoot, stderr: 'ignore' }));
  clients.push(local);
  assert.deepEqual((await local.listTools()).tools.map((t) => t.name).sort(), [...READ_TOOLS].sort());
  const status = (await local.callTool({ name: 'get_run_status', arguments: { workflowId: `employee-provisioning/${managerOf('SUP-FIN')}` } })) as CallToolResult;
  assert.equal(status.isError, undefined, JSON.stringify(status.content));
  assert.equal((status.structuredContent as { syncState?: string }).syncState, 'done', 'the encrypted status was read with the payload key');
  const write = (await local.callTool({ name: 'retry_parked_run', arguments: { workflowId: 'employee-provisioning/21001' } })) as CallToolResult;
  assert.equal(write.isError, true);
});

test('the audit trail has every call with its caller, tool, masked arguments, outcome and workflow; metrics count calls, denials and decisions', async () => {
  for (const made of madeCalls) {
    assert.ok(
      auditLines.some((a) => a.caller === made.caller && a.tool === made.tool),
      `audit line for ${made.caller} ${made.tool}`,
    );
  }
  // One line per call, no more.
  assert.equal(auditLines.length, madeCalls.length);
  const skip = auditLines.find((a) => a.tool === 'skip_parked_run' && a.outcome === 'tool-error')!;
  assert.match(String(skip.arguments.reason), /^\(free text, \d+ characters, masked\)$/);
  assert.ok(!JSON.stringify(auditLines).includes('jane'), 'free text never reaches the audit trail');
  const retry = auditLines.find((a) => a.tool === 'retry_parked_run' && a.outcome === 'ok')!;
  assert.match(String(retry.workflowId), /^employee-provisioning\//);
  assert.match(String(retry.pendingActionId), /^pending-action\//);
  assert.ok(auditLines.some((a) => a.outcome === 'denied' && a.caller === 'assistant'));
  assert.ok(auditLines.some((a) => a.outcome === 'invalid-input'));
  assert.ok(auditLines.some((a) => a.outcome === 'rate-limited'));

  const metrics = await (await fetch(main.metricsUrl)).text();
  const counted = (re: RegExp) => assert.ok(re.test(metrics), `metrics show ${re.source}`);
  counted(/mcp_tool_calls_total\{tool="retry_parked_run",role="operator",outcome="ok"\} [1-9]/);
  counted(/mcp_denials_total\{reason="unauthenticated",tool=""\} [1-9]/);
  counted(/mcp_denials_total\{reason="forbidden",tool="retry_parked_run"\} 1/);
  counted(/mcp_pending_action_decision_seconds_count\{decision="approved"\} 3/);
  counted(/mcp_pending_action_decision_seconds_count\{decision="rejected"\} 2/);
  counted(/mcp_pending_action_decision_seconds_count\{decision="expired"\} 1/);
});

async function coupaAdminToken(): Promise<string> {
  const res = await fetch(`${h.coupa.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: h.coupa.credentials.clientId,
      client_secret: h.coupa.credentials.clientSecret,
      scope: 'core.accounting.write core.accounting.read',
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

test('the processes started by business key: start_process waits for a person, then starts the supplier run; a bank decision with nothing held is refused at once', { timeout: 120_000 }, async () => {
  const asked = await call(operator, 'start_process', { process: 'supplier-sync', key: 'S-1002' });
  assert.equal(asked.isError, undefined, textOf(asked));
  assert.equal(asked.data.state, 'pending');
  const target = h.temporal.env.client.workflow.getHandle('supplier-sync/S-1002');
  await assert.rejects(target.describe(), 'nothing starts before the approval');
  await call(approver, 'approve_pending_action', { pendingActionId: String(asked.data.pendingActionId), reason: 'sync requested by procurement' });
  const done = await eventually(async () => {
    const r = await call(operator, 'get_pending_action', { pendingActionId: String(asked.data.pendingActionId) });
    return r.data.state === 'done' ? r : undefined;
  }, 'the approved start to be carried out');
  assert.match(String(done.data.outcome), /supplier-sync requested: supplier-sync\/S-1002/);
  assert.equal((await target.describe()).type, 'supplierSync');

  const held = await call(reader, 'get_held_bank_change', { supplierKey: 'S-1002' });
  assert.equal(held.data.held, false);
  const refused = await call(operator, 'decide_bank_change', { supplierKey: 'S-1002', decision: 'approve' });
  assert.equal(refused.isError, true);
  assert.match(textOf(refused), /holds no bank change\. Nothing was requested/);
  const unknown = await call(operator, 'start_process', { process: 'invoice-posting', key: 'not a key!' });
  assert.equal(unknown.isError, true);
});
