// /_sandbox/subscriptions on both simulators: read, set (PUT) or switch off (DELETE) where business events are delivered, and how it went.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { OutboundDeliveries } from './outbound';

export function subscriptionsRouter(deliveries: OutboundDeliveries): Router {
  const router = express.Router();
  router.get('/_sandbox/subscriptions', (_req, res) => {
    res.json({ subscription: redacted(deliveries), deliveries: deliveries.report() });
  });
  router.put('/_sandbox/subscriptions', (req, res) => {
    try {
      deliveries.configure(req.body ?? {});
      res.json({ subscription: redacted(deliveries) });
    } catch (err) {
      if (!(err instanceof z.ZodError)) throw err;
      res.status(400).json({ error: err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') });
    }
  });
  router.delete('/_sandbox/subscriptions', (_req, res) => {
    deliveries.configure(null);
    res.status(204).end();
  });
  return router;
}

/** The subscription without its secrets. */
function redacted(deliveries: OutboundDeliveries): unknown {
  const current = deliveries.current();
  if (!current) return null;
  const { auth, ...rest } = current;
  return { ...rest, auth: { type: auth.type } };
}
