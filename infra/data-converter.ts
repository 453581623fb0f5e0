// The data converter every Temporal client and worker of this application must share (same codec on both sides), and where its key comes from.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, PlaintextCodec, parseEncryptionKeys } from './payload-codec';
import { ConfigError, PAYLOAD_KEY_HINT, type TemporalConfig } from './config';

/** Module path of the failure converter; a prebuilt workflow bundle must be built with it too. */
export const failureConverterPath = require.resolve('./failure-converter');

export type PayloadEncryptionConfig = Pick<TemporalConfig, 'PAYLOAD_ENCRYPTION_KEYS'> & Partial<Pick<TemporalConfig, 'PAYLOAD_ENCRYPTION'>>;

/**
 * Encrypting converter from PAYLOAD_ENCRYPTION_KEYS; plaintext only when PAYLOAD_ENCRYPTION=off says so.
 * The config schemas already refuse a missing key; this refuses it again for callers that bypass them.
 */
export function createDataConverter(config: PayloadEncryptionConfig): DataConverter {
  // Failure messages and stack traces go through the codec as well (they can quote the data that failed).
  if (config.PAYLOAD_ENCRYPTION_KEYS) {
    if (config.PAYLOAD_ENCRYPTION === 'off') throw new ConfigError('Invalid configuration:\n  PAYLOAD_ENCRYPTION: is off but PAYLOAD_ENCRYPTION_KEYS is set');
    return { payloadCodecs: [new EncryptionCodec(parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS))], failureConverterPath };
  }
  if (config.PAYLOAD_ENCRYPTION === 'off') return { payloadCodecs: [new PlaintextCodec()], failureConverterPath };
  throw new ConfigError(`Invalid configuration:\n  PAYLOAD_ENCRYPTION_KEYS: missing: ${PAYLOAD_KEY_HINT}`);
}

/** Where `make demo` keeps its payload key, beside its Temporal database, so earlier runs stay readable. */
export const demoPayloadKeyFile = path.resolve(__dirname, '..', '.data', 'temporal', 'demo-payload-key');

/** The demo's key, created (mode 0600) on first use; the project CLI finds it there by itself. */
export function ensureDemoPayloadKey(file: string = demoPayloadKeyFile): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx`: two demos starting at once never overwrite each other's key.
    fs.writeFileSync(file, `demo-1:${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export interface ResolvedPayloadKeys {
  /** The environment to load the config from: the given one, plus PAYLOAD_ENCRYPTION_KEYS when found in the file. */
  env: NodeJS.ProcessEnv;
  /** Where the keys come from; `none` leaves the config check to name the variable. */
  source: 'environment' | 'plaintext' | 'demo-key-file' | 'none';
  keyFile: string;
}

/**
 * For local tools (the project CLI): PAYLOAD_ENCRYPTION_KEYS from the environment, else the demo's
 * key file when it exists. Workers never guess: a worker on the wrong key would park every run.
 */
export function resolvePayloadKeys(env: NodeJS.ProcessEnv, keyFile: string = demoPayloadKeyFile): ResolvedPayloadKeys {
  if (env.PAYLOAD_ENCRYPTION_KEYS?.trim()) return { env, source: 'environment', keyFile };
  if (env.PAYLOAD_ENCRYPTION === 'off') return { env, source: 'plaintext', keyFile };
  let spec: string;
  try {
    spec = fs.readFileSync(keyFile, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { env, source: 'none', keyFile };
    throw new ConfigError(`Cannot read the demo's payload key ${keyFile}: ${(err as Error).message}`);
  }
  return { env: { ...env, PAYLOAD_ENCRYPTION_KEYS: spec }, source: 'demo-key-file', keyFile };
}
