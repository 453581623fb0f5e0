// Workday staffing v7 (workers, service dates, supervisory orgs with members and org chart, job profiles) and person v4 legal names.
import express, { type Request, type Response, type Router } from 'express';
import { queryParam, readBooleanFlag, ref, sendNotFound, sendPage, sendValidationError, type WorkdaySandboxConfig } from './http';
import { fullName, wid, type StoredJobProfile, type StoredSupervisoryOrg, type StoredWorker, type WorkdayStore } from './store';

export function staffingRouter(store: WorkdayStore, config: WorkdaySandboxConfig): Router {
  const router = express.Router();

  const workerRef = (req: Request, w: StoredWorker) => ref(req, 'workers', w.wid, fullName(w));
  const orgRef = (req: Request, o: StoredSupervisoryOrg) => ref(req, 'supervisoryOrganizations', o.wid, o.name);
  const jobProfileRef = (req: Request, p: StoredJobProfile) => ref(req, 'jobProfiles', p.wid, p.name);
  // Worker and job types are fixed values in this tenant: every worker is a regular employee.
  const employeeType = { id: wid('workerType', 'Employee'), descriptor: 'Employee' };
  const regularJobType = { id: wid('jobType', 'Regular'), descriptor: 'Regular' };

  const locationRef = (w: StoredWorker) => {
    const location = store.locationOf(w);
    return { id: location.wid, descriptor: location.name, country: { id: location.countryWid, descriptor: location.countryName } };
  };

  const job = (req: Request, w: StoredWorker) => ({
    id: w.jobWid,
    descriptor: `${w.businessTitle} - ${fullName(w)}`,
    businessTitle: w.businessTitle,
    supervisoryOrganization: orgRef(req, store.supervisoryOrgOf(w)),
    jobProfile: jobProfileRef(req, store.jobProfileOf(w)),
    jobType: regularJobType,
    location: locationRef(w),
  });

  const worker = (req: Request, w: StoredWorker) => ({
    ...workerRef(req, w),
    workerId: w.employeeId,
    workerType: employeeType,
    // The person's public work contact; email is left out, not nulled, when there is none.
    person: { id: w.wid, ...(w.workEmail ? { email: w.workEmail } : {}), phone: w.workPhone },
    primaryJob: job(req, w),
    additionalJobs: [] as unknown[],
  });

  /** A member of a supervisory org is a job, pointing at its worker. */
  const member = (req: Request, w: StoredWorker) => {
    const { id, descriptor, ...rest } = job(req, w);
    return { id, descriptor, worker: workerRef(req, w), ...rest };
  };

  const supervisoryOrg = (req: Request, o: StoredSupervisoryOrg) => {
    const manager = o.managerEmployeeId ? store.workerByEmployeeId(o.managerEmployeeId) : undefined;
    return {
      ...orgRef(req, o),
      name: o.name,
      code: o.code,
      inactive: o.inactive,
      managers: manager && !manager.terminated ? [workerRef(req, manager)] : [],
    };
  };

  /**
   * One org-chart entry: the org with its superior and direct subordinate orgs, each carrying its
   * managers. Staffing serves orgChart as a paged collection (Workday's staffing spec gives it
   * limit/offset; public clients page it), holding this one entry.
   */
  const orgChart = (req: Request, o: StoredSupervisoryOrg) => {
    const superior = o.superiorCode ? store.supervisoryOrgs.get(o.superiorCode) : undefined;
    return {
      id: o.wid,
      descriptor: o.name,
      superior: superior ? supervisoryOrg(req, superior) : null,
      subordinates: store.subordinateOrgs(o.code).map((s) => supervisoryOrg(req, s)),
    };
  };

  /**
   * Shape unconfirmed: job profile with its management level as a ref whose descriptor is the
   * level's name ("5 Manager"), and no job families in this tenant.
   */
  const jobProfile = (req: Request, p: StoredJobProfile) => ({
    ...jobProfileRef(req, p),
    name: p.name,
    managementLevel: { id: p.managementLevelWid, descriptor: p.managementLevel },
    jobFamilies: [] as unknown[],
  });

  /** Terminated workers stay readable by ID, only lists hide them (unconfirmed for v7). */
  const workerOr404 = (req: Request, res: Response): StoredWorker | null => {
    const found = store.findWorker(String(req.params.id));
    if (!found) sendNotFound(res, `workers/${String(req.params.id)}`);
    return found ?? null;
  };
  const orgOr404 = (req: Request, res: Response): StoredSupervisoryOrg | null => {
    const found = [...store.supervisoryOrgs.values()].find((o) => o.wid === req.params.id);
    if (!found) sendNotFound(res, `supervisoryOrganizations/${String(req.params.id)}`);
    return found ?? null;
  };

  router.get('/workers', (req, res) => {
    const search = queryParam(req, 'search');
    if (typeof search === 'object') return sendValidationError(res, ['search must be given once']);
    const includeTerminated = readBooleanFlag(req, res, 'includeTerminatedWorkers');
    if (includeTerminated === null) return;
    sendPage(req, res, config, store.searchWorkers(search, { includeTerminated }), (w) => worker(req, w));
  });

  router.get('/workers/:id', (req, res) => {
    const found = workerOr404(req, res);
    if (found) res.json(worker(req, found));
  });

  // A bare object of YYYY-MM-DD dates; whether v7 wraps it in {total, data} is unconfirmed.
  router.get('/workers/:id/serviceDates', (req, res) => {
    const found = workerOr404(req, res);
    if (found) res.json({ hireDate: found.hireDate, continuousServiceDate: found.continuousServiceDate, originalHireDate: found.originalHireDate });
  });

  router.get('/supervisoryOrganizations', (req, res) => {
    const includeInactive = readBooleanFlag(req, res, 'includeInactive');
    if (includeInactive === null) return;
    sendPage(req, res, config, store.allSupervisoryOrgs({ includeInactive }), (o) => supervisoryOrg(req, o));
  });

  router.get('/supervisoryOrganizations/:id', (req, res) => {
    const org = orgOr404(req, res);
    if (org) res.json(supervisoryOrg(req, org));
  });

  router.get('/supervisoryOrganizations/:id/members', (req, res) => {
    const org = orgOr404(req, res);
    if (org) sendPage(req, res, config, store.membersOf(org.code), (w) => member(req, w));
  });

  router.get('/supervisoryOrganizations/:id/members/:subresourceId', (req, res) => {
    const org = orgOr404(req, res);
    if (!org) return;
    const found = store.membersOf(org.code).find((w) => w.jobWid === req.params.subresourceId);
    if (!found) return sendNotFound(res, `supervisoryOrganizations/${org.wid}/members/${req.params.subresourceId}`);
    res.json(member(req, found));
  });

  router.get('/supervisoryOrganizations/:id/orgChart', (req, res) => {
    const org = orgOr404(req, res);
    if (org) sendPage(req, res, config, [org], (o) => orgChart(req, o));
  });

  router.get('/supervisoryOrganizations/:id/orgChart/:subresourceId', (req, res) => {
    const org = orgOr404(req, res);
    if (!org) return;
    if (req.params.subresourceId !== org.wid) return sendNotFound(res, `supervisoryOrganizations/${org.wid}/orgChart/${req.params.subresourceId}`);
    res.json(orgChart(req, org));
  });

  router.get('/jobProfiles', (req, res) => {
    const profiles = [...store.jobProfiles.values()].sort((a, b) => a.code.localeCompare(b.code));
    sendPage(req, res, config, profiles, (p) => jobProfile(req, p));
  });

  router.get('/jobProfiles/:id', (req, res) => {
    const profile = [...store.jobProfiles.values()].find((p) => p.wid === req.params.id);
    if (!profile) return sendNotFound(res, `jobProfiles/${req.params.id}`);
    res.json(jobProfile(req, profile));
  });

  return router;
}

/**
 * person v4: only `people/{id}/legalName`, where {id} is the worker's WID (the person shares it here).
 * Unconfirmed shape: {id, descriptor, firstName, middleName?, lastName, country}.
 */
export function personRouter(store: WorkdayStore): Router {
  const router = express.Router();
  router.get('/people/:id/legalName', (req, res) => {
    const worker = store.findWorker(req.params.id);
    if (!worker) return sendNotFound(res, `people/${req.params.id}`);
    const location = store.locationOf(worker);
    const name = [worker.firstName, worker.middleName, worker.lastName].filter(Boolean).join(' ');
    res.json({
      id: wid('legalName', worker.employeeId),
      descriptor: name,
      firstName: worker.firstName,
      ...(worker.middleName ? { middleName: worker.middleName } : {}),
      lastName: worker.lastName,
      country: { id: location.countryWid, descriptor: location.countryName },
    });
  });
  return router;
}
