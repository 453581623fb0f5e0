// The MCP gateway's rules on their own: tokens from config (a forgotten role is a reader), roles to tools, the rate window, masked arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, mcpGatewayConfigSchema, parseMcpTokens, ConfigError } from '../../infra/config';
import { CallRateLimiter, maskArguments, mayUse, tokenAuthenticator } from '../../clients/mcp/governance';
import { allTools } from '../../clients/mcp/tools';
import { historyExists } from '../histories/history-files';
import { REQUIRED_PENDING_ACTION_HISTORIES } from '../histories/record-pending-action';

const t = (c: string) => c.repeat(40);

test('MCP_TOKENS is name:role:token; a token without a role is a reader, never a writer', () => {
  const tokens = parseMcpTokens(`assistant:${t('a')}, support-bot:operator:${t('b')}\napprover:approver:${t('c')}`);
  assert.deepEqual(
    tokens.map(({ name, role }) => [name, role]),
    [['assistant', 'reader'], ['support-bot', 'operator'], ['approver', 'approver']],
  );
  assert.throws(() => parseMcpTokens(`x:admin:${t('a')}`), /role of "x" must be one of reader, operator, approver/);
  assert.throws(() => parseMcpTokens('x:reader:short'), /at least 32 URL-safe characters/);
  assert.throws(() => parseMcpTokens(`x:${t('a')},y:${t('a')}`), /two callers share a token/);
  assert.throws(() => parseMcpTokens(`x:${t('a')},x:${t('b')}`), /duplicate token name/);
});

test('the gateway refuses to start without tokens and names the variable; defaults keep it on loopback, port 3100', () => {
  const base = { PAYLOAD_ENCRYPTION: 'off' };
  assert.throws(() => loadConfig(mcpGatewayConfigSchema, base), (err: unknown) => err instanceof ConfigError && /MCP_TOKENS: missing: every MCP request needs a bearer token/.test(err.message));
  const config = loadConfig(mcpGatewayConfigSchema, { ...base, MCP_TOKENS: `assistant:${t('a')}` });
  assert.equal(config.MCP_PORT, 3100);
  assert.equal(config.MCP_HOST, '127.0.0.1');
  assert.equal(config.MCP_RATE_LIMIT_CALLS, 30);
  assert.equal(config.MCP_PENDING_ACTION_TTL_SECONDS, 86400);
  assert.throws(() => loadConfig(mcpGatewayConfigSchema, { ...base, MCP_TOKENS: 'nonsense' }), /MCP_TOKENS: /);
});

test('a bearer token names its caller; anything else names nobody', () => {
  const who = tokenAuthenticator(parseMcpTokens(`assistant:${t('a')},ops:operator:${t('b')}`));
  assert.deepEqual(who(`Bearer ${t('b')}`), { name: 'ops', role: 'operator' });
  assert.equal(who(undefined), null);
  assert.equal(who(`Bearer ${t('z')}`), null);
  assert.equal(who(t('a')), null);
});

test('roles: readers see only read tools, operators ask, approvers decide; every write tool asks', () => {
  const tools = allTools();
  for (const tool of tools) {
    assert.equal(mayUse('reader', tool.access), tool.access === 'read', tool.name);
    assert.ok(tool.description.length > 80, `${tool.name} has a description a model can act on`);
    if (tool.access === 'request') assert.match(tool.description, /pending action/, tool.name);
  }
  assert.ok(tools.some((tool) => mayUse('operator', tool.access) && tool.access === 'request'));
  assert.ok(!tools.some((tool) => mayUse('operator', tool.access) && tool.access === 'approve'));
});

test('the rate limit counts per caller and tool in a sliding window', () => {
  let now = 0;
  const limiter = new CallRateLimiter(2, 60_000, () => now);
  assert.equal(limiter.take('a', 'find_runs').allowed, true);
  now = 10_000;
  assert.equal(limiter.take('a', 'find_runs').allowed, true);
  const refused = limiter.take('a', 'find_runs');
  assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 50, maxCalls: 2, windowSeconds: 60 });
  assert.equal(limiter.take('a', 'get_run_status').allowed, true);
  assert.equal(limiter.take('b', 'find_runs').allowed, true);
  now = 60_001;
  assert.equal(limiter.take('a', 'find_runs').allowed, true, 'the first call left the window');
});

test('free text is masked in the audit trail; business keys stay searchable', () => {
  assert.deepEqual(maskArguments({ workflowId: 'employee-provisioning/21001', reason: 'Jane left', note: 'jane@example.com', nested: { a: 1 } }, ['reason']), {
    workflowId: 'employee-provisioning/21001',
    reason: '(free text, 9 characters, masked)',
    note: '(text, 16 characters, masked)',
    nested: '(structured value, masked)',
  });
});

test('every path of the pending action and the preview has a saved history to replay', () => {
  for (const name of REQUIRED_PENDING_ACTION_HISTORIES) assert.ok(historyExists(name), `test/histories/${name}.json is missing: run npx tsx test/histories/record-pending-action.ts`);
});
