// Runs the MCP gateway (`make mcp`): Streamable HTTP on MCP_HOST:MCP_PORT/mcp, or `--stdio` for a local assistant that starts it as a subprocess.
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadConfig, mcpGatewayConfigSchema, parseMcpTokens, ConfigError, type McpGatewayConfig, type McpToken } from '../../infra/config';
import { createDataConverter, resolvePayloadKeys } from '../../infra/data-converter';
import { createLogger } from '../../infra/logger';
import { temporalConnectionSettings } from '../../infra/temporal-connection';
import { startMcpGateway } from './gateway';
import { CallRateLimiter, tokenAuthenticator } from './governance';
import { GatewayMetrics } from './metrics';
import { createCallerServer } from './server';
import { allTools } from './tools';
import type { GatewaySettings } from './tool';

function loadTokens(config: McpGatewayConfig): McpToken[] {
  const specs: string[] = [];
  if (config.MCP_TOKENS?.trim()) specs.push(config.MCP_TOKENS);
  if (config.MCP_TOKENS_FILE) {
    try {
      specs.push(fs.readFileSync(config.MCP_TOKENS_FILE, 'utf8'));
    } catch (err) {
      throw new ConfigError(`Invalid configuration:\n  MCP_TOKENS_FILE: cannot read ${config.MCP_TOKENS_FILE}: ${(err as Error).message}`);
    }
  }
  try {
    return parseMcpTokens(specs.join('\n'));
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  MCP_TOKENS${config.MCP_TOKENS_FILE ? ' / MCP_TOKENS_FILE' : ''}: ${(err as Error).message}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const stdio = argv.includes('--stdio');
  // Beside `make demo`, the demo's payload key is found in its data folder, as the CLI does.
  const keys = resolvePayloadKeys(process.env);
  const config = loadConfig(mcpGatewayConfigSchema, keys.env);
  const tokens = loadTokens(config);
  // Over stdio, stdout carries the protocol: logs go to stderr.
  const logger = createLogger('mcp-gateway', config.LOG_LEVEL, stdio ? { destination: process.stderr } : {});
  if (keys.source === 'demo-key-file') logger.info({ keyFile: path.relative(process.cwd(), keys.keyFile) }, "PAYLOAD_ENCRYPTION_KEYS not set: using the demo's key");
  const connection = await Connection.connect(temporalConnectionSettings(config));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(config) });
  const settings: GatewaySettings = {
    TASK_QUEUE_WORKFLOWS: config.TASK_QUEUE_WORKFLOWS,
    TEMPORAL_UI_URL: config.TEMPORAL_UI_URL,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    pendingActionTtlSeconds: config.MCP_PENDING_ACTION_TTL_SECONDS,
    previewTimeoutSeconds: config.MCP_PREVIEW_TIMEOUT_SECONDS,
  };
  const rateLimit = { calls: config.MCP_RATE_LIMIT_CALLS, windowSeconds: config.MCP_RATE_LIMIT_WINDOW_SECONDS };

  if (stdio) {
    // The local assistant starts this process; it still names a caller by token, so roles and the audit trail hold.
    const caller = tokenAuthenticator(tokens)(`Bearer ${config.MCP_STDIO_TOKEN ?? ''}`);
    if (!caller) throw new ConfigError('Invalid configuration:\n  MCP_STDIO_TOKEN: missing or not one of MCP_TOKENS (stdio callers name themselves by token too)');
    const server = createCallerServer(
      { client, settings, tools: allTools(), rateLimiter: new CallRateLimiter(rateLimit.calls, rateLimit.windowSeconds * 1000), metrics: new GatewayMetrics(), logger },
      caller,
    );
    await server.connect(new StdioServerTransport());
    logger.info({ caller: caller.name, role: caller.role }, 'mcp gateway on stdio');
    return;
  }

  const gateway = await startMcpGateway({ client, settings, tokens, rateLimit, logger, host: config.MCP_HOST, port: config.MCP_PORT }).catch((err: Error) => {
    throw new ConfigError(`mcp gateway cannot listen on ${config.MCP_HOST}:${config.MCP_PORT} (MCP_PORT moves it): ${err.message}`);
  });
  console.log(JSON.stringify({ ready: true, url: gateway.url, metrics: gateway.metricsUrl, callers: tokens.map((t) => `${t.name} (${t.role})`) }));
  const stop = () => {
    void gateway.close().then(() => connection.close()).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
