// Admin routes of approvals: GET/PUT /_sandbox/approvals/config, the [U] behaviours a test can switch (config.ts).
import { Router, type Request, type Response } from 'express';
import type { CoupaStore } from '../../store.js';
import { answerInvalid } from '../admin.js';
import { approvalBehaviourSchema } from './config.js';

export function approvalEventsRouter(store: CoupaStore): Router {
  const router = Router();
  router.get('/_sandbox/approvals/config', (_req: Request, res: Response) => {
    res.json(store.approvalBehaviour);
  });
  // A partial update: keys not sent keep their value; /_sandbox/reset restores the defaults.
  router.put('/_sandbox/approvals/config', (req: Request, res: Response) => {
    const parsed = approvalBehaviourSchema.partial().strict().safeParse(req.body ?? {});
    if (!parsed.success) return answerInvalid(res, parsed.error.issues);
    const patch = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    store.approvalBehaviour = approvalBehaviourSchema.parse({ ...store.approvalBehaviour, ...patch });
    res.json(store.approvalBehaviour);
  });
  return router;
}
