// /_sandbox admin routes of the Workday simulator: cause business events, read the store, expire or revoke tokens, change settings.
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { workdaySandboxConfigPatchSchema, type WorkdaySandboxConfig } from './http';
import type { WorkdayTokenIssuer } from './oauth';
import { describeIssues, WorkdayStoreError, type WorkdayStore } from './store';

const revokeSchema = z.object({ refreshTokens: z.boolean().optional() }).strict();
const assignManagerSchema = z.object({ employeeId: z.string().min(1).nullable() }).strict();

/** Runs a store operation and turns its refusals into 400/404 `{"error"}` answers. */
function answer(res: Response, status: number, operation: () => unknown): void {
  try {
    res.status(status).json(operation());
  } catch (err) {
    if (err instanceof WorkdayStoreError) {
      res.status(err.notFound ? 404 : 400).json({ error: err.message });
      return;
    }
    throw err;
  }
}

/** `reset` puts the whole sandbox back as it started (see WorkdaySandbox.reset). */
export function adminRouter(store: WorkdayStore, tokens: WorkdayTokenIssuer, config: WorkdaySandboxConfig, reset: () => void): Router {
  const router = express.Router();

  router.post('/_sandbox/hire', (req, res) => {
    answer(res, 201, () => store.hire(req.body ?? {}));
  });

  router.post('/_sandbox/workers/:employeeId/job-change', (req, res) => {
    answer(res, 200, () => store.changeJob(req.params.employeeId, req.body ?? {}));
  });

  // Body {terminationDate?: 'YYYY-MM-DD', reason?}: a future date is a pending termination (REST shows the worker until then).
  router.post('/_sandbox/workers/:employeeId/terminate', (req, res) => {
    answer(res, 200, () => store.terminate(req.params.employeeId, req.body ?? {}));
  });

  router.post('/_sandbox/workers/:employeeId/rescind-termination', (req, res) => {
    answer(res, 200, () => store.rescindTermination(req.params.employeeId));
  });

  // Body {terminationDate: 'YYYY-MM-DD'}: moves the termination earlier or later.
  router.post('/_sandbox/workers/:employeeId/correct-termination', (req, res) => {
    answer(res, 200, () => store.correctTermination(req.params.employeeId, req.body ?? {}));
  });

  /** The worker's transaction log (what SOAP Get_Workers reports with Include_Transaction_Log_Data). */
  router.get('/_sandbox/workers/:employeeId/transactions', (req, res) => {
    answer(res, 200, () => {
      if (!store.workerByEmployeeId(req.params.employeeId)) throw new WorkdayStoreError(`unknown worker ${req.params.employeeId}`, true);
      return store.transactionsOf(req.params.employeeId);
    });
  });

  router.post('/_sandbox/supervisoryOrganizations/:code/manager', (req, res) => {
    const parsed = assignManagerSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error) });
      return;
    }
    answer(res, 200, () => store.assignManager(req.params.code, parsed.data.employeeId));
  });

  // Reorganizations. Bodies: see createOrgInputSchema, splitOrgInputSchema, mergeOrgInputSchema, moveWorkersInputSchema.
  router.post('/_sandbox/supervisoryOrganizations', (req, res) => {
    answer(res, 201, () => store.createSupervisoryOrg(req.body ?? {}));
  });

  // Body {newCode, newName, employeeIds[], managerEmployeeId?, superiorCode?}: a new org takes those people.
  router.post('/_sandbox/supervisoryOrganizations/:code/split', (req, res) => {
    answer(res, 201, () => store.splitSupervisoryOrg(req.params.code, req.body ?? {}));
  });

  // Body {intoCode}: everyone and every sub-org moves to intoCode, then this org is inactivated.
  router.post('/_sandbox/supervisoryOrganizations/:code/merge', (req, res) => {
    answer(res, 200, () => store.mergeSupervisoryOrg(req.params.code, req.body ?? {}));
  });

  // Body {employeeIds[]}: those workers' primary jobs move into this org.
  router.post('/_sandbox/supervisoryOrganizations/:code/members', (req, res) => {
    answer(res, 200, () => store.moveWorkers(req.params.code, req.body ?? {}));
  });

  router.post('/_sandbox/supervisoryOrganizations/:code/inactivate', (req, res) => {
    answer(res, 200, () => store.inactivateSupervisoryOrg(req.params.code));
  });

  router.get('/_sandbox/store', (_req, res) => {
    res.json(store.snapshot());
  });

  router.post('/_sandbox/tokens/expire', (_req, res) => {
    res.json({ expired: tokens.expireAll() });
  });

  router.post('/_sandbox/tokens/revoke', (req, res) => {
    const parsed = revokeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error) });
      return;
    }
    res.json(tokens.revokeAll(parsed.data));
  });

  router.post('/_sandbox/tokens/reinstate', (_req, res) => {
    tokens.reinstateRefreshToken();
    res.status(204).end();
  });

  router.post('/_sandbox/reset', (_req, res) => {
    reset();
    res.json({ reset: true });
  });

  router.get('/_sandbox/config', (_req, res) => {
    res.json(config);
  });

  router.put('/_sandbox/config', (req, res) => {
    const parsed = workdaySandboxConfigPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error) });
      return;
    }
    Object.assign(config, parsed.data);
    res.json(config);
  });

  return router;
}
