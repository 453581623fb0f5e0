// Codec server for the Temporal Web UI and CLI: decodes (and encodes) payloads with the application's key, so support can read runs.
import express, { type Express } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';

const payloadsBodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() })),
});

type JsonPayload = z.infer<typeof payloadsBodySchema>['payloads'][number];

function fromJson(p: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}

function toJson(p: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

/** POST /encode and /decode as the Temporal codec-server protocol defines them, with CORS for the Web UI. */
export function createCodecServerApp(codec: PayloadCodec, allowedOrigins: string[]): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && allowedOrigins.includes(origin) ? 204 : 403).end();
      return;
    }
    next();
  });
  app.use(express.json({ limit: '10mb' }));
  for (const direction of ['encode', 'decode'] as const) {
    app.post(`/${direction}`, async (req, res) => {
      const body = payloadsBodySchema.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: 'expected {"payloads":[{"metadata":{…},"data":"base64"}]}' });
        return;
      }
      try {
        const result = await codec[direction](body.data.payloads.map(fromJson));
        res.json({ payloads: result.map(toJson) });
      } catch (err) {
        // The reason (e.g. an unknown key id) helps; the payload itself is never echoed.
        res.status(400).json({ error: err instanceof Error ? err.message : 'codec failure' });
      }
    });
  }
  return app;
}
