// Connection options for a local dev server, a self-hosted cluster (mTLS) or Temporal Cloud (API key), from config alone.
import fs from 'node:fs';
import type { TemporalConfig } from './config';

export interface TemporalConnectionSettings {
  address: string;
  apiKey?: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer } | boolean;
}

export function temporalConnectionSettings(config: TemporalConfig): TemporalConnectionSettings {
  const settings: TemporalConnectionSettings = { address: config.TEMPORAL_ADDRESS };
  if (config.TEMPORAL_API_KEY) settings.apiKey = config.TEMPORAL_API_KEY;
  const wantsTls = config.TEMPORAL_TLS || Boolean(config.TEMPORAL_API_KEY) || Boolean(config.TEMPORAL_TLS_CERT_PATH);
  if (wantsTls) {
    const tls: Exclude<TemporalConnectionSettings['tls'], boolean | undefined> = {};
    if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
      tls.clientCertPair = {
        crt: fs.readFileSync(config.TEMPORAL_TLS_CERT_PATH),
        key: fs.readFileSync(config.TEMPORAL_TLS_KEY_PATH),
      };
    }
    if (config.TEMPORAL_TLS_CA_PATH) tls.serverRootCACertificate = fs.readFileSync(config.TEMPORAL_TLS_CA_PATH);
    settings.tls = Object.keys(tls).length ? tls : true;
  }
  return settings;
}

/** Web UI link of one run, for people. */
export function workflowUiLink(config: Pick<TemporalConfig, 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'>, workflowId: string, runId?: string): string {
  const base = `${config.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
