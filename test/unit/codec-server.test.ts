// The codec server decodes runs for the callers holding a token, and for the Web UI's origin, and for nobody else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, parseEncryptionKeys } from '../../infra/payload-codec';
import { createCodecServerApp, type CodecRequestEvent, type CodecServerOptions } from '../../clients/codec-server';

const codec = new EncryptionCodec(parseEncryptionKeys(`k1:${Buffer.alloc(32, 9).toString('base64')}`));
const converter = new DefaultPayloadConverter();
const supportToken = 'support-token-0123456789abcdefghijklmnop';
const uiToken = 'web-ui-token-0123456789abcdefghijklmnopq';
const uiOrigin = 'http://localhost:8233';

interface Running {
  url: string;
  events: CodecRequestEvent[];
  close(): Promise<void>;
}

async function startCodecServer(options: Partial<CodecServerOptions> = {}): Promise<Running> {
  const events: CodecRequestEvent[] = [];
  const server = http.createServer(
    createCodecServerApp({
      codec,
      allowedOrigins: [uiOrigin],
      tokens: [
        { name: 'support', token: supportToken },
        { name: 'web-ui', token: uiToken },
      ],
      onRequest: (e) => events.push(e),
      ...options,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let codecServer: Running;
before(async () => {
  codecServer = await startCodecServer();
});
after(() => codecServer.close());

const toJson = (p: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data!).toString('base64'),
});

async function encryptedBody(value: unknown): Promise<string> {
  const [encrypted] = await codec.encode([converter.toPayload(value)]);
  return JSON.stringify({ payloads: [toJson(encrypted!)] });
}

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${codecServer.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

test('support with a token reads the encrypted payloads of a history as JSON', async () => {
  const res = await post('/decode', await encryptedBody({ lastname: 'Ångström' }), {
    authorization: `Bearer ${supportToken}`,
    origin: uiOrigin,
    'x-namespace': 'default',
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), uiOrigin);
  const body = (await res.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
  assert.deepEqual(JSON.parse(Buffer.from(body.payloads[0]!.data, 'base64').toString()), { lastname: 'Ångström' });
  assert.deepEqual(codecServer.events.at(-1), { direction: 'decode', status: 200, caller: 'support', namespace: 'default', payloads: 1 });
});

test('without a token, or with a wrong one, /decode and /encode answer 401 in JSON and decrypt nothing', async () => {
  const body = await encryptedBody({ lastname: 'Ångström' });
  for (const [path, headers] of [
    ['/decode', {}],
    ['/encode', {}],
    ['/decode', { authorization: `Bearer ${supportToken.slice(0, -1)}x` }],
    ['/decode', { authorization: supportToken }],
    ['/decode', { authorization: `Basic ${Buffer.from(`support:${supportToken}`).toString('base64')}` }],
  ] as const) {
    const res = await post(path, body, headers);
    assert.equal(res.status, 401, `${path} ${JSON.stringify(headers)}`);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    const answer = (await res.json()) as { error: string; payloads?: unknown };
    assert.match(answer.error, /unauthorized/);
    assert.equal(answer.payloads, undefined);
    assert.ok(!JSON.stringify(answer).includes(supportToken.slice(0, 20)), 'the token is never echoed');
  }
  assert.ok(codecServer.events.slice(-5).every((e) => e.status === 401 && e.caller === null));
});

test('the Web UI origin passes the CORS preflight without a token; other origins do not', async () => {
  const ok = await fetch(`${codecServer.url}/decode`, { method: 'OPTIONS', headers: { origin: uiOrigin } });
  assert.equal(ok.status, 204);
  assert.match(ok.headers.get('access-control-allow-headers') ?? '', /X-Namespace/);
  assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  const denied = await fetch(`${codecServer.url}/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
  assert.equal(denied.status, 403);
  // A refusal still carries the CORS headers, so the Web UI can show why.
  const refused = await post('/decode', '{}', { origin: uiOrigin });
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get('access-control-allow-origin'), uiOrigin);
});

test('`{}` (what the temporal CLI posts for a query or signal without arguments) means no payloads', async () => {
  for (const path of ['/encode', '/decode']) {
    const res = await post(path, '{}', { authorization: `Bearer ${supportToken}` });
    assert.equal(res.status, 200, path);
    assert.deepEqual(await res.json(), { payloads: [] });
  }
  const nullPayloads = await post('/decode', '{"payloads":null}', { authorization: `Bearer ${supportToken}` });
  assert.deepEqual(await nullPayloads.json(), { payloads: [] });
});

test('a malformed body is a 400 that explains the expected shape, once the caller is known', async () => {
  const auth = { authorization: `Bearer ${supportToken}` };
  const wrongShape = await post('/decode', '{"payloads":"nope"}', auth);
  assert.equal(wrongShape.status, 400);
  assert.match(((await wrongShape.json()) as { error: string }).error, /payloads/);
  const notJson = await post('/decode', '{"payloads":[', auth);
  assert.equal(notJson.status, 400);
  assert.match(((await notJson.json()) as { error: string }).error, /not JSON/);
});

test('the endpoint may sit under a prefix such as the namespace ({namespace} in --codec-endpoint)', async () => {
  const res = await post('/default/encode', await encryptedBody('x'), { authorization: `Bearer ${supportToken}` });
  assert.equal(res.status, 200);
  const missing = await fetch(`${codecServer.url}/health`, { headers: { authorization: `Bearer ${supportToken}` } });
  assert.equal(missing.status, 404);
  const wrongMethod = await fetch(`${codecServer.url}/decode`, { headers: { authorization: `Bearer ${supportToken}` } });
  assert.equal(wrongMethod.status, 405);
});

test('a token in the path works only where CODEC_SERVER_PATH_TOKENS opted in (the dev server Web UI sends no header)', async () => {
  const body = await encryptedBody({ lastname: 'Ångström' });
  const off = await post(`/token/${uiToken}/decode`, body, { origin: uiOrigin });
  assert.equal(off.status, 401);
  assert.match(((await off.json()) as { error: string }).error, /CODEC_SERVER_PATH_TOKENS/);

  const withPathTokens = await startCodecServer({ pathTokens: true });
  try {
    const ok = await fetch(`${withPathTokens.url}/token/${uiToken}/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: uiOrigin, 'x-namespace': 'default' },
      body,
    });
    assert.equal(ok.status, 200);
    assert.equal(withPathTokens.events.at(-1)?.caller, 'web-ui');
    const wrong = await fetch(`${withPathTokens.url}/token/${uiToken.slice(0, -1)}x/decode`, { method: 'POST', body });
    assert.equal(wrong.status, 401);
  } finally {
    await withPathTokens.close();
  }
});

test('with authentication switched off explicitly, no token is asked for', async () => {
  const open = await startCodecServer({ tokens: null });
  try {
    const res = await fetch(`${open.url}/decode`, { method: 'POST', body: await encryptedBody({ a: 1 }) });
    assert.equal(res.status, 200);
    assert.equal(open.events.at(-1)?.caller, null);
  } finally {
    await open.close();
  }
  assert.throws(() => createCodecServerApp({ codec, allowedOrigins: [], tokens: [] }), /at least one token/);
});
