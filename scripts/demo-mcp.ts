// The demo's MCP agent gateway: one token per role in <data>/demo/mcp-tokens, the gateway as a supervised child, and how to connect an assistant.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startChild, waitForReadyLine, type Child } from './child-processes';

const repoRoot = path.resolve(__dirname, '..');

export interface DemoMcpGateway {
  url: string;
  tokensFile: string;
  /** Prints how to connect the MCP Inspector or an assistant, with a read-only and an operator token. */
  printHints(): void;
}

/** New tokens every start (like the codec server's): a reader for assistants, an operator who asks, an approver who decides. */
export async function startDemoMcpGateway(options: {
  supervise: (child: Child) => Child;
  logDir: string;
  port: number;
  env: NodeJS.ProcessEnv;
}): Promise<DemoMcpGateway> {
  const tokensFile = path.join(options.logDir, 'mcp-tokens');
  const token = () => crypto.randomBytes(32).toString('base64url');
  fs.rmSync(tokensFile, { force: true });
  fs.writeFileSync(tokensFile, ['assistant:reader', 'support-bot:operator', 'approver:approver'].map((who) => `${who}:${token()}\n`).join(''), { mode: 0o600 });
  const child = options.supervise(
    startChild('mcp-gateway', process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'mcp', 'main.ts')], {
      env: { ...options.env, MCP_PORT: String(options.port), MCP_HOST: '127.0.0.1', MCP_TOKENS_FILE: tokensFile },
      logFile: path.join(options.logDir, 'mcp-gateway.log'),
      readStdout: true,
    }),
  );
  const ready = await waitForReadyLine<{ url: string }>(child);
  const relative = path.relative(process.cwd(), tokensFile);
  const rel = !relative || relative.startsWith('..') ? tokensFile : relative;
  const tokenCommand = (name: string) => `grep '^${name}:' ${rel} | cut -d: -f3`;
  console.log(`demo: MCP gateway ${ready.url} started (tokens in ${rel}; how to connect is printed after the scenarios)`);
  return {
    url: ready.url,
    tokensFile,
    printHints() {
      console.log(`demo: MCP gateway ${ready.url} (Streamable HTTP; tokens per role in ${rel}: assistant=reader, support-bot=operator, approver=approver)`);
      console.log(`demo:   MCP Inspector: npx @modelcontextprotocol/inspector  → Transport "Streamable HTTP", URL ${ready.url}, header Authorization: Bearer <token>`);
      console.log(`demo:   read-only token: ${tokenCommand('assistant')}   ·   operator token: ${tokenCommand('support-bot')}`);
      console.log(
        `demo:   try it: curl -s ${ready.url} -H "Authorization: Bearer $(${tokenCommand('assistant')})" -H 'content-type: application/json' ` +
          `-H 'accept: application/json, text/event-stream' -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"find_runs","arguments":{"syncState":"needs-attention"}}}'`,
      );
      console.log('demo:   writes wait for a person: npm run cli -- pending-actions · approve <pending-action/…> · reject <pending-action/…> --reason "…"');
    },
  };
}
