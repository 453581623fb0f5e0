// An ingress for tests: built on a harness's Temporal client, listening on a free port, with known credentials.
import pino from 'pino';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { ingressConfigSchema, loadConfig, type IngressConfig } from '../../infra/config';
import { buildIngress } from '../../clients/ingress/server';
import { TEST_PAYLOAD_ENCRYPTION_KEYS } from './temporal';

export const INGRESS_TEST_CREDENTIALS = {
  hmacSecret: 'test-hmac-secret-0123456789abcdef0123456789',
  workdayUser: 'ISU_Notifications@acme',
  workdayPassword: 'wd-subscription-password',
  coupaClientId: 'coupa-callout-client',
  coupaClientSecret: 'coupa-callout-secret-0123456789',
};

export interface TestIngress {
  url: string;
  config: IngressConfig;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startTestIngress(client: Client, workflowsQueue: string, env: Record<string, string> = {}): Promise<TestIngress> {
  const c = INGRESS_TEST_CREDENTIALS;
  const config = loadConfig(ingressConfigSchema, {
    TASK_QUEUE_WORKFLOWS: workflowsQueue,
    PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_ENCRYPTION_KEYS,
    INGRESS_HMAC_SECRETS: `test:${c.hmacSecret}`,
    INGRESS_WORKDAY_USERNAME: c.workdayUser,
    INGRESS_WORKDAY_PASSWORD: c.workdayPassword,
    INGRESS_COUPA_CLIENT_ID: c.coupaClientId,
    INGRESS_COUPA_CLIENT_SECRET: c.coupaClientSecret,
    ...env,
  });
  const app = buildIngress({ config, client, logger: pino({ level: 'silent' }) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, config, app, close: () => app.close() };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
