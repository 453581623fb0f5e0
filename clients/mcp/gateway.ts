// The MCP gateway over HTTP: Streamable HTTP on /mcp (stateless, one server per request, bearer token on every request), Prometheus on /metrics.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../infra/logger';
import type { McpToken } from '../../infra/config';
import { CallRateLimiter, tokenAuthenticator, type AuditRecord } from './governance';
import { GatewayMetrics } from './metrics';
import { createCallerServer, GATEWAY_NAME, type GatewayDeps } from './server';
import { allTools } from './tools';
import type { GatewaySettings, GatewayTool } from './tool';

export interface McpGatewayOptions {
  client: Client;
  settings: GatewaySettings;
  tokens: readonly McpToken[];
  rateLimit: { calls: number; windowSeconds: number };
  logger: Logger;
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  tools?: readonly GatewayTool[];
  audit?: (record: AuditRecord) => void;
}

export interface McpGateway {
  /** The Streamable HTTP endpoint, e.g. http://127.0.0.1:3100/mcp. */
  url: string;
  metricsUrl: string;
  metrics: GatewayMetrics;
  deps: GatewayDeps;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('the body is not JSON'), { status: 400 });
  }
}

export async function startMcpGateway(options: McpGatewayOptions): Promise<McpGateway> {
  const metrics = new GatewayMetrics();
  const deps: GatewayDeps = {
    client: options.client,
    settings: options.settings,
    tools: options.tools ?? allTools(),
    rateLimiter: new CallRateLimiter(options.rateLimit.calls, options.rateLimit.windowSeconds * 1000),
    metrics,
    logger: options.logger,
    ...(options.audit ? { audit: options.audit } : {}),
  };
  const authenticate = tokenAuthenticator(options.tokens);
  const logger = options.logger;

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    void (async () => {
      if (path === '/metrics' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
        return;
      }
      if (path === '/healthz') return sendJson(res, 200, { ok: true });
      if (path !== '/mcp') return sendJson(res, 404, { error: 'not found: the MCP endpoint is /mcp' });
      // Every request authenticates: there is no session to ride on.
      const caller = authenticate(req.headers.authorization);
      if (!caller) {
        metrics.denials.inc({ reason: 'unauthenticated', tool: '' });
        logger.warn({ audit: { outcome: 'unauthenticated', method: req.method, remote: req.socket.remoteAddress } }, 'mcp request without a valid bearer token');
        return sendJson(
          res,
          401,
          { jsonrpc: '2.0', error: { code: -32001, message: 'Unauthorized: send Authorization: Bearer <token> (a token from MCP_TOKENS)' }, id: null },
          { 'www-authenticate': `Bearer realm="${GATEWAY_NAME}"` },
        );
      }
      // Stateless: no server-initiated stream (GET) and no session to delete.
      if (req.method !== 'POST') {
        return sendJson(res, 405, { jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this gateway is stateless, POST JSON-RPC to /mcp' }, id: null }, { allow: 'POST' });
      }
      const body = await readJson(req);
      const mcp = createCallerServer(deps, caller);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void mcp.close();
      });
      await mcp.connect(transport);
      await transport.handleRequest(req, res, body);
    })().catch((err: unknown) => {
      const status = (err as { status?: number }).status ?? 500;
      if (status === 500) logger.error({ err: err instanceof Error ? err.message : String(err) }, 'mcp request failed');
      if (!res.headersSent) sendJson(res, status, { jsonrpc: '2.0', error: { code: -32603, message: err instanceof Error ? err.message : 'internal error' }, id: null });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3100, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const base = `http://${host}:${address.port}`;
  return {
    url: `${base}/mcp`,
    metricsUrl: `${base}/metrics`,
    metrics,
    deps,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
