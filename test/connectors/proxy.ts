// A small HTTP proxy in front of a sandbox that rewrites its JSON answers: how the tests play a tenant that answers differently.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RewritingProxy {
  url: string;
  close(): Promise<void>;
}

/** Rewrites one parsed JSON body; `path` is the request path (with query). Return the body to send. */
export type BodyRewriter = (body: unknown, path: string) => unknown;

/** Forwards every request to `target` and passes JSON answers through `rewrite`; everything else untouched. */
export async function startRewritingProxy(target: string, rewrite: BodyRewriter): Promise<RewritingProxy> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const headers = { ...answer.headers };
          let body = Buffer.concat(chunks);
          if (String(headers['content-type'] ?? '').includes('application/json') && body.length > 0) {
            body = Buffer.from(JSON.stringify(rewrite(JSON.parse(body.toString('utf8')) as unknown, req.url ?? '')));
            delete headers['content-length'];
            delete headers.etag;
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    forward.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A value of another JSON type than `value`, so a schema that declares the field with its old type fails. */
export function retyped(value: unknown): unknown {
  if (typeof value === 'string') return 4711;
  if (typeof value === 'number') return `was ${value}`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null) return { unexpected: true };
  if (Array.isArray(value)) return { unexpectedList: value.length };
  return 'an object became text';
}

/**
 * Every key not in `kept` gets a value of another type, at every depth, and every object gains a
 * field no schema knows: what a new API release or another tenant's configuration may send.
 */
export function retypeUnusedFields(kept: ReadonlySet<string>): BodyRewriter {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) out[key] = kept.has(key) ? walk(field) : retyped(field);
    out['fieldFromANewRelease'] = { nested: [1, 'two', null], flag: true };
    return out;
  };
  return (body) => walk(body);
}
