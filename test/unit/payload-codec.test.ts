// Payload encryption: what reaches Temporal is ciphertext, decodable only with the application's keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DefaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, parseEncryptionKeys } from '../../infra/payload-codec';
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
