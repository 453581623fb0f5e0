// The data converter every Temporal client and worker of this application must share (same codec on both sides).
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, parseEncryptionKeys } from './payload-codec';
import type { TemporalConfig } from './config';

/** Module path of the failure converter; a prebuilt workflow bundle must be built with it too. */
export const failureConverterPath = require.resolve('./failure-converter');

export function createDataConverter(config: Pick<TemporalConfig, 'PAYLOAD_ENCRYPTION_KEYS'>): DataConverter | undefined {
  if (!config.PAYLOAD_ENCRYPTION_KEYS) return undefined;
  return {
    payloadCodecs: [new EncryptionCodec(parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS))],
    // Failure messages and stack traces are encrypted as well (they can quote the data that failed).
    failureConverterPath,
  };
}
