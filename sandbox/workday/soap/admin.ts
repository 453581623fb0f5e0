// /_sandbox/soap/config: read and change the SOAP simulator's settings (the unconfirmed Workday behaviours) at run time.
import express, { type Router } from 'express';
import { describeIssues } from '../store';
import { workdaySoapConfigPatchSchema, type WorkdaySoapConfig } from './config';

export function soapAdminRouter(config: WorkdaySoapConfig): Router {
  const router = express.Router();
  router.get('/_sandbox/soap/config', (_req, res) => {
    res.json(config);
  });
  router.put('/_sandbox/soap/config', (req, res) => {
    const parsed = workdaySoapConfigPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error) });
      return;
    }
    Object.assign(config, parsed.data);
    res.json(config);
  });
  return router;
}
