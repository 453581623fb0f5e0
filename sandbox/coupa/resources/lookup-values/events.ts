// Admin routes of lookup values: GET/PUT /_sandbox/lookup_values/config, the [U] behaviours a test can switch (config.ts).
import express, { type Request, type Response, type Router } from 'express';
import type { CoupaStore } from '../../store.js';
import { LOOKUP_PATH_SEPARATOR, lookupValuePath } from '../../views.js';
import { lookupValueBehaviour, lookupValueBehaviourSchema, rememberRefCode } from './config.js';

export function lookupValueEventsRouter(store: CoupaStore): Router {
  const router = express.Router();
  router.get('/_sandbox/lookup_values/config', (_req: Request, res: Response) => {
    res.json(lookupValueBehaviour(store));
  });
  router.put('/_sandbox/lookup_values/config', (req: Request, res: Response) => {
    const parsed = lookupValueBehaviourSchema.partial().strict().safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ errors: { config: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } });
      return;
    }
    Object.assign(lookupValueBehaviour(store), parsed.data);
    // Switching to `stored` freezes every value's path as it is now, as if each had just been written.
    for (const value of store.lookupValues.all()) {
      rememberRefCode(store, value, lookupValuePath(store, value).map((v) => v.externalRefNum ?? '').join(LOOKUP_PATH_SEPARATOR));
    }
    res.json(lookupValueBehaviour(store));
  });
  return router;
}
