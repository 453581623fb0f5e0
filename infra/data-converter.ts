// The data converter every Temporal client and worker of this application must share (same codec on both sides).
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, parseEncryptionKeys } from './payload-codec';
import type { TemporalConfig } from './config';

export function createDataConverter(config: Pick<TemporalConfig, 'PAYLOAD_ENCRYPTION_KEYS'>): DataConverter | undefined {
  if (!config.PAYLOAD_ENCRYPTION_KEYS) return undefined;
  return { payloadCodecs: [new EncryptionCodec(parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS))] };
}
