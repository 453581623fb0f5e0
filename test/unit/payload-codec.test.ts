// Payload encryption: what reaches Temporal is ciphertext, decodable only with the application's keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, parseEncryptionKeys } from '../../infra/payload-codec';
import { createDataConverter, ensureDemoPayloadKey, resolvePayloadKeys } from '../../infra/data-converter';
import { loadConfig, temporalConfigSchema, ConfigError } from '../../infra/config';

const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const converter = new DefaultPayloadConverter();
const worker = { firstName: 'Zoë', workEmail: 'zoe.angstrom@acme.example' };

test('an encoded payload carries no plaintext and decodes back to the same value', async () => {
  const codec = new EncryptionCodec(parseEncryptionKeys(key('k1', 1)));
  const [encoded] = await codec.encode([converter.toPayload(worker)]);
  assert.ok(encoded);
  const bytes = Buffer.from(encoded.data!).toString('latin1');
  assert.ok(!bytes.includes('acme.example') && !bytes.includes('Zo'), 'no plaintext in the ciphertext');
  assert.equal(Buffer.from(encoded.metadata!.encoding!).toString(), 'binary/encrypted');
  const [decoded] = await codec.decode([encoded]);
  assert.deepEqual(converter.fromPayload(decoded!), worker);
});

test('a rotated key still decrypts what the old key encrypted; an unknown key or tampering is refused', async () => {
  const old = new EncryptionCodec(parseEncryptionKeys(key('k1', 1)));
  const [encoded] = await old.encode([converter.toPayload(worker)]);
  const rotated = new EncryptionCodec(parseEncryptionKeys(`${key('k2', 2)},${key('k1', 1)}`));
  assert.deepEqual(converter.fromPayload((await rotated.decode([encoded!]))[0]!), worker);
  const [reencoded] = await rotated.encode([converter.toPayload(worker)]);
  assert.equal(Buffer.from(reencoded!.metadata!['encryption-key-id']!).toString(), 'k2');

  const stranger = new EncryptionCodec(parseEncryptionKeys(key('k3', 3)));
  await assert.rejects(stranger.decode([encoded!]), /key "k1"/);
  const tampered = { ...encoded!, data: Buffer.from(encoded!.data!) };
  tampered.data[20] = tampered.data[20]! ^ 0xff;
  await assert.rejects(old.decode([tampered]));
});

test('plaintext payloads (from before encryption was switched on) pass through decode', async () => {
  const codec = new EncryptionCodec(parseEncryptionKeys(key('k1', 1)));
  const plain = converter.toPayload(worker);
  assert.deepEqual(converter.fromPayload((await codec.decode([plain]))[0]!), worker);
});

test('a malformed key setting is refused at start, naming the variable and never echoing the key', () => {
  for (const bad of ['k1', `k1:${Buffer.alloc(16).toString('base64')}`, `${key('k1', 1)},${key('k1', 2)}`]) {
    assert.throws(
      () => loadConfig(temporalConfigSchema, { PAYLOAD_ENCRYPTION_KEYS: bad }),
      (err: unknown) => err instanceof ConfigError && /PAYLOAD_ENCRYPTION_KEYS: /.test(err.message) && !err.message.includes(bad),
    );
  }
  assert.ok(loadConfig(temporalConfigSchema, { PAYLOAD_ENCRYPTION_KEYS: key('k1', 1) }).PAYLOAD_ENCRYPTION_KEYS);
});

test('a process with PAYLOAD_ENCRYPTION=off writes plaintext, and meets an encrypted run with what to set, not "Unknown encoding"', async () => {
  const plaintext = createDataConverter({ PAYLOAD_ENCRYPTION_KEYS: undefined, PAYLOAD_ENCRYPTION: 'off' }).payloadCodecs![0]!;
  const payload = converter.toPayload(worker);
  assert.deepEqual(await plaintext.encode([payload]), [payload]);
  const [encrypted] = await new EncryptionCodec(parseEncryptionKeys(key('k1', 1))).encode([payload]);
  await assert.rejects(plaintext.decode([encrypted!]), (err: Error) => {
    assert.match(err.message, /encrypted \(key "k1"\).*PAYLOAD_ENCRYPTION_KEYS/);
    assert.doesNotMatch(err.message, /Unknown encoding/);
    return true;
  });
});

test('building a data converter without a key, and without choosing plaintext, is refused', () => {
  assert.throws(() => createDataConverter({ PAYLOAD_ENCRYPTION_KEYS: undefined }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /PAYLOAD_ENCRYPTION_KEYS: missing/);
    assert.match(err.message, /node -e/);
    return true;
  });
  const encrypting = createDataConverter({ PAYLOAD_ENCRYPTION_KEYS: key('k1', 1) });
  assert.ok(encrypting.payloadCodecs?.[0] instanceof EncryptionCodec);
  assert.ok(encrypting.failureConverterPath, 'failure messages go through the codec too');
});

test("the CLI's key discovery: the environment first, then the demo's key file, else nothing (the config check names the variable)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-key-'));
  const keyFile = path.join(dir, 'temporal', 'demo-payload-key');
  try {
    assert.equal(resolvePayloadKeys({}, keyFile).source, 'none');
    assert.throws(() => loadConfig(temporalConfigSchema, resolvePayloadKeys({}, keyFile).env), /PAYLOAD_ENCRYPTION_KEYS: missing/);

    const created = ensureDemoPayloadKey(keyFile);
    assert.doesNotThrow(() => parseEncryptionKeys(created));
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, 'only its owner reads the key');
    assert.equal(ensureDemoPayloadKey(keyFile), created, 'a second demo start keeps the key, so earlier runs stay readable');

    const found = resolvePayloadKeys({ TEMPORAL_ADDRESS: 'x:1' }, keyFile);
    assert.equal(found.source, 'demo-key-file');
    assert.equal(found.env.PAYLOAD_ENCRYPTION_KEYS, created);
    assert.equal(found.env.TEMPORAL_ADDRESS, 'x:1');
    assert.equal(loadConfig(temporalConfigSchema, found.env).PAYLOAD_ENCRYPTION_KEYS, created);

    const explicit = resolvePayloadKeys({ PAYLOAD_ENCRYPTION_KEYS: key('k9', 9) }, keyFile);
    assert.equal(explicit.source, 'environment');
    assert.equal(explicit.env.PAYLOAD_ENCRYPTION_KEYS, key('k9', 9));
    assert.equal(resolvePayloadKeys({ PAYLOAD_ENCRYPTION: 'off' }, keyFile).source, 'plaintext');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
