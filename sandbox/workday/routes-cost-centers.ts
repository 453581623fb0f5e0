// /_sandbox/cost-centers: read and restructure the tenant's cost center hierarchy (create, rename, move under a new parent, inactivate, reactivate, remove).
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { costCenterStoreOf, createCostCenterSchema, restructureStepSchema, type RestructureStep } from './cost-center-store';
import { describeIssues, WorkdayStoreError, type WorkdayStore } from './store';

const restructureSchema = z.strictObject({ steps: z.array(restructureStepSchema).min(1) });

function answer(res: Response, status: number, operation: () => unknown): void {
  try {
    res.status(status).json(operation());
  } catch (err) {
    if (err instanceof z.ZodError) {
      res.status(400).json({ error: describeIssues(err) });
      return;
    }
    if (err instanceof WorkdayStoreError) {
      res.status(/unknown cost center/.test(err.message) ? 404 : 400).json({ error: err.message });
      return;
    }
    throw err;
  }
}

export function costCenterAdminRouter(workday: WorkdayStore): Router {
  const router = express.Router();
  const store = () => costCenterStoreOf(workday);
  const step = (s: RestructureStep) => store().apply(s);

  router.get('/_sandbox/cost-centers', (_req, res) => {
    res.json(store().snapshot());
  });

  /** Body {steps: [{action: create|rename|move|inactivate|reactivate|remove, code, …}]}: applied in order; the first refusal stops (earlier steps stay). */
  router.post('/_sandbox/cost-centers/restructure', (req, res) => {
    answer(res, 200, () => {
      const { steps } = restructureSchema.parse(req.body ?? {});
      steps.forEach((s, i) => {
        try {
          step(s);
        } catch (err) {
          if (err instanceof WorkdayStoreError) throw new WorkdayStoreError(`steps[${i}] (${s.action} ${s.code}): ${err.message}`);
          throw err;
        }
      });
      return store().snapshot();
    });
  });

  router.post('/_sandbox/cost-centers', (req, res) => {
    answer(res, 201, () => step({ action: 'create', ...createCostCenterSchema.parse(req.body ?? {}) }));
  });
  router.post('/_sandbox/cost-centers/:code/rename', (req, res) => {
    answer(res, 200, () => step({ action: 'rename', code: req.params.code, name: z.strictObject({ name: z.string().trim().min(1) }).parse(req.body ?? {}).name }));
  });
  router.post('/_sandbox/cost-centers/:code/move', (req, res) => {
    answer(res, 200, () => step({ action: 'move', code: req.params.code, parentCode: z.strictObject({ parentCode: z.string().min(1).nullable() }).parse(req.body ?? {}).parentCode }));
  });
  router.post('/_sandbox/cost-centers/:code/inactivate', (req, res) => {
    answer(res, 200, () => step({ action: 'inactivate', code: req.params.code }));
  });
  router.post('/_sandbox/cost-centers/:code/reactivate', (req, res) => {
    answer(res, 200, () => step({ action: 'reactivate', code: req.params.code }));
  });
  router.delete('/_sandbox/cost-centers/:code', (req, res) => {
    answer(res, 200, () => ({ removed: step({ action: 'remove', code: req.params.code }) === null }));
  });
  return router;
}
