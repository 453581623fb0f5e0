// Workday common v1 (workers, organizations, organization types, supervisory organizations), shaped after common-v1.yml.
import express, { type Request, type Router } from 'express';
import { ref, sendNotFound, sendPage, serviceBase, queryParam, sendValidationError, type WorkdaySandboxConfig } from './http';
import { fullName, yearsSince, type StoredOrganization, type StoredSupervisoryOrg, type StoredWorker, type WorkdayStore } from './store';

export function commonRouter(store: WorkdayStore, config: WorkdaySandboxConfig): Router {
  const router = express.Router();

  const workerRef = (req: Request, w: StoredWorker) => ref(req, 'workers', w.wid, fullName(w));
  const orgTypeRef = (req: Request, o: StoredOrganization) => {
    const type = store.organizationType(o.kind);
    return ref(req, 'organizationTypes', type.wid, type.name);
  };
  const supervisoryRef = (req: Request, o: StoredSupervisoryOrg) => ref(req, 'supervisoryOrganizations', o.wid, o.name);

  /** WorkerSummary: the key primaryWorkEmail is left out, not nulled, when the worker has no work email. */
  const workerSummary = (req: Request, w: StoredWorker) => ({
    ...workerRef(req, w),
    ...(w.workEmail ? { primaryWorkEmail: w.workEmail } : {}),
    primaryWorkPhone: w.workPhone,
    isManager: store.orgsManagedBy(w.employeeId).length > 0,
    businessTitle: w.businessTitle,
    primarySupervisoryOrganization: supervisoryRef(req, store.supervisoryOrgOf(w)),
  });

  const workerProfile = (req: Request, w: StoredWorker) => {
    const location = store.locationOf(w);
    return {
      ...workerSummary(req, w),
      // No locations resource in common v1, so the ref carries no href.
      location: { id: location.wid, descriptor: location.name },
      primaryWorkAddressText: location.addressText,
      yearsOfService: yearsSince(w.continuousServiceDate),
      supervisoryOrganizationsManaged: `${serviceBase(req)}/workers/${w.wid}/supervisoryOrganizationsManaged`,
    };
  };

  const supervisoryOrgSummary = (req: Request, o: StoredSupervisoryOrg) => {
    const manager = o.managerEmployeeId ? store.workerByEmployeeId(o.managerEmployeeId) : undefined;
    return {
      ...supervisoryRef(req, o),
      name: o.name,
      code: o.code,
      // A vacant manager role leaves the key out rather than sending null.
      ...(manager && !manager.terminated ? { manager: workerRef(req, manager) } : {}),
      workers: `${serviceBase(req)}/supervisoryOrganizations/${o.wid}/workers`,
    };
  };

  const organizationSummary = (req: Request, o: StoredOrganization) => ref(req, 'organizations', o.wid, o.descriptor);
  const workerOrganizationSummary = (req: Request, o: StoredOrganization) => ({ ...organizationSummary(req, o), organizationType: orgTypeRef(req, o) });

  /** Resolves {id} (a WID or Employee_ID=…) or answers 404. Terminated workers stay readable by ID (unconfirmed: lists hide them). */
  const workerOr404 = (req: Request, res: express.Response): StoredWorker | null => {
    const worker = store.findWorker(String(req.params.id));
    if (!worker) sendNotFound(res, `workers/${String(req.params.id)}`);
    return worker ?? null;
  };
  const supervisoryOrgOr404 = (req: Request, res: express.Response): StoredSupervisoryOrg | null => {
    const org = [...store.supervisoryOrgs.values()].find((o) => o.wid === req.params.id);
    if (!org) sendNotFound(res, `supervisoryOrganizations/${String(req.params.id)}`);
    return org ?? null;
  };

  router.get('/workers', (req, res) => {
    const search = queryParam(req, 'search');
    if (typeof search === 'object') return sendValidationError(res, ['search must be given once']);
    sendPage(req, res, config, store.searchWorkers(search), (w) => workerSummary(req, w));
  });

  router.get('/workers/:id', (req, res) => {
    const worker = workerOr404(req, res);
    if (worker) res.json(workerProfile(req, worker));
  });

  router.get('/workers/:id/directReports', (req, res) => {
    const worker = workerOr404(req, res);
    if (worker) sendPage(req, res, config, store.directReportsOf(worker), (w) => workerSummary(req, w));
  });

  router.get('/workers/:id/directReports/:subresourceId', (req, res) => {
    const worker = workerOr404(req, res);
    if (!worker) return;
    const report = store.directReportsOf(worker).find((w) => w.wid === req.params.subresourceId);
    if (!report) return sendNotFound(res, `workers/${worker.wid}/directReports/${req.params.subresourceId}`);
    res.json(workerSummary(req, report));
  });

  router.get('/workers/:id/organizations', (req, res) => {
    const worker = workerOr404(req, res);
    if (worker) sendPage(req, res, config, store.organizationsOf(worker), (o) => workerOrganizationSummary(req, o));
  });

  router.get('/workers/:id/organizations/:subresourceId', (req, res) => {
    const worker = workerOr404(req, res);
    if (!worker) return;
    const org = store.organizationsOf(worker).find((o) => o.wid === req.params.subresourceId);
    if (!org) return sendNotFound(res, `workers/${worker.wid}/organizations/${req.params.subresourceId}`);
    res.json(workerOrganizationSummary(req, org));
  });

  router.get('/workers/:id/supervisoryOrganizationsManaged', (req, res) => {
    const worker = workerOr404(req, res);
    if (worker) sendPage(req, res, config, store.orgsManagedBy(worker.employeeId), (o) => supervisoryOrgSummary(req, o));
  });

  router.get('/supervisoryOrganizations', (req, res) => {
    sendPage(req, res, config, store.allSupervisoryOrgs(), (o) => supervisoryOrgSummary(req, o));
  });

  router.get('/supervisoryOrganizations/:id', (req, res) => {
    const org = supervisoryOrgOr404(req, res);
    if (org) res.json(supervisoryOrgSummary(req, org));
  });

  router.get('/supervisoryOrganizations/:id/workers', (req, res) => {
    const org = supervisoryOrgOr404(req, res);
    if (org) sendPage(req, res, config, store.membersOf(org.code), (w) => workerSummary(req, w));
  });

  router.get('/supervisoryOrganizations/:id/workers/:subresourceId', (req, res) => {
    const org = supervisoryOrgOr404(req, res);
    if (!org) return;
    const member = store.membersOf(org.code).find((w) => w.wid === req.params.subresourceId);
    if (!member) return sendNotFound(res, `supervisoryOrganizations/${org.wid}/workers/${req.params.subresourceId}`);
    res.json(workerSummary(req, member));
  });

  router.get('/organizations', (req, res) => {
    sendPage(req, res, config, store.allOrganizations(), (o) => organizationSummary(req, o));
  });

  router.get('/organizations/:id', (req, res) => {
    const org = store.findOrganization(req.params.id);
    if (!org) return sendNotFound(res, `organizations/${req.params.id}`);
    res.json(organizationSummary(req, org));
  });

  router.get('/organizationTypes', (req, res) => {
    sendPage(req, res, config, store.organizationTypes, (t) => ref(req, 'organizationTypes', t.wid, t.name));
  });

  router.get('/organizationTypes/:id', (req, res) => {
    const type = store.organizationTypes.find((t) => t.wid === req.params.id);
    if (!type) return sendNotFound(res, `organizationTypes/${req.params.id}`);
    res.json(ref(req, 'organizationTypes', type.wid, type.name));
  });

  return router;
}
