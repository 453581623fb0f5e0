// The codec server lets the Web UI (and only the allowed origins) decode runs with the application's key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, parseEncryptionKeys } from '../../infra/payload-codec';
import { createCodecServerApp } from '../../clients/codec-server';

const codec = new EncryptionCodec(parseEncryptionKeys(`k1:${Buffer.alloc(32, 9).toString('base64')}`));
const converter = new DefaultPayloadConverter();
let server: http.Server;
let url: string;

before(async () => {
  server = http.createServer(createCodecServerApp(codec, ['http://localhost:8233']));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const toJson = (p: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data!).toString('base64'),
});

test('POST /decode turns the encrypted payloads of a history into readable JSON', async () => {
  const [encrypted] = await codec.encode([converter.toPayload({ lastname: 'Ångström' })]);
  const res = await fetch(`${url}/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:8233', 'x-namespace': 'default' },
    body: JSON.stringify({ payloads: [toJson(encrypted!)] }),
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8233');
  const body = (await res.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
  assert.deepEqual(JSON.parse(Buffer.from(body.payloads[0]!.data, 'base64').toString()), { lastname: 'Ångström' });
});

test('the Web UI origin passes the CORS preflight; other origins do not', async () => {
  const ok = await fetch(`${url}/decode`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8233' } });
  assert.equal(ok.status, 204);
  assert.match(ok.headers.get('access-control-allow-headers') ?? '', /X-Namespace/);
  const denied = await fetch(`${url}/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
  assert.equal(denied.status, 403);
});

test('a malformed body is a 400 that explains the expected shape', async () => {
  const res = await fetch(`${url}/decode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nope":1}' });
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { error: string }).error, /payloads/);
});
