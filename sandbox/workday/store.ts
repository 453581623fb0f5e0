// In-memory Workday tenant: workers, organisations, job profiles and the business events (hire, job change, terminate) that change them.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { companies, costCenters, FIRST_EMPLOYEE_ID, jobProfiles, supervisoryOrgs } from '../seed/reference-data';
import { checkSeed, defaultLocationCode, deriveWorkEmail, locations, seedWorkers, type SeedLocation } from '../seed/workers';

/** A Workday ID: 32 lowercase hex chars, derived from a stable key so every run hands out the same IDs. */
export function wid(kind: string, key: string): string {
  return createHash('sha256').update(`${kind}:${key}`).digest('hex').slice(0, 32);
}

export interface StoredWorker {
  wid: string;
  /** WID of the worker's primary job (position). */
  jobWid: string;
  employeeId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  workEmail: string | null;
  workPhone: string;
  supervisoryOrgCode: string;
  costCenterCode: string;
  jobProfileCode: string;
  businessTitle: string;
  locationCode: string;
  hireDate: string;
  originalHireDate: string;
  continuousServiceDate: string;
  /** Terminated as of today (a future-dated termination leaves this false until its date). */
  terminated: boolean;
  /** The current termination's date, in the past or (pending) in the future; null when none or rescinded. */
  terminationDate: string | null;
  /** Primary termination reason, e.g. "Resignation"; null without a termination. */
  terminationReason: string | null;
}

/** Business process types the transaction log records (Workday's own names). */
export type WorkerTransactionType = 'Hire Employee' | 'Change Job' | 'Terminate Employee';

/**
 * One entry of a worker's transaction log, as SOAP Get_Workers (Include_Transaction_Log_Data) shows
 * it. A rescind or correction adds an entry and flags the entry it rescinds or corrects too, as
 * Workday's Is_Rescind_Or_Rescinded / Is_Correction_Or_Corrected describe ("either the event that
 * was rescinded or the rescind event").
 */
export interface StoredTransactionLogEntry {
  wid: string;
  employeeId: string;
  workerWid: string;
  type: WorkerTransactionType;
  /** What happened, without names: "Hire", "Terminate", "Rescind Terminate", "Correct Terminate", "Change Job". */
  description: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  /** Epoch ms when the event was entered. */
  enteredAt: number;
  rescinded: boolean;
  corrected: boolean;
}

export interface StoredSupervisoryOrg {
  wid: string;
  code: string;
  name: string;
  superiorCode: string | null;
  costCenterCodes: string[];
  /** Null while the manager role is vacant (e.g. after the manager left). */
  managerEmployeeId: string | null;
  /** Inactivated by a reorg: kept (Workday never deletes an org), hidden from lists unless asked for. */
  inactive: boolean;
}

export interface StoredCostCenter {
  wid: string;
  code: string;
  name: string;
  companyCode: string;
  inCoupa: boolean;
}

export interface StoredCompany {
  wid: string;
  code: string;
  name: string;
  currency: string;
}

export interface StoredJobProfile {
  wid: string;
  code: string;
  name: string;
  managementLevel: string;
  managementLevelWid: string;
}

export interface StoredLocation extends SeedLocation {
  wid: string;
  countryWid: string;
}

export type OrganizationKind = 'Cost Center' | 'Company' | 'Supervisory';

export interface StoredOrganizationType {
  wid: string;
  name: OrganizationKind;
}

/** Any organisation as common v1 `organizations` lists it. */
export interface StoredOrganization {
  wid: string;
  kind: OrganizationKind;
  code: string;
  descriptor: string;
}

/** Raised for a bad admin request; the admin routes answer 400 (or 404 when `notFound`). */
export class WorkdayStoreError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'WorkdayStoreError';
  }
}

export const hireInputSchema = z.object({
  firstName: z.string().trim().min(1),
  lastName: z.string().trim().min(1),
  middleName: z.string().trim().min(1).nullable().optional(),
  workEmail: z.email().nullable().optional(),
  supervisoryOrgCode: z.string().min(1),
  jobProfileCode: z.string().min(1),
  costCenterCode: z.string().min(1).optional(),
  businessTitle: z.string().trim().min(1).optional(),
  hireDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  locationCode: z.string().min(1).optional(),
});
export type HireInput = z.input<typeof hireInputSchema>;

export const jobChangeInputSchema = z.object({
  jobProfileCode: z.string().min(1).optional(),
  supervisoryOrgCode: z.string().min(1).optional(),
  costCenterCode: z.string().min(1).optional(),
  businessTitle: z.string().trim().min(1).optional(),
});
export type JobChangeInput = z.input<typeof jobChangeInputSchema>;

export const terminationInputSchema = z.object({
  terminationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  /** Primary termination reason (default "Resignation"). */
  reason: z.string().trim().min(1).optional(),
});
export type TerminationInput = z.input<typeof terminationInputSchema>;

export const terminationCorrectionSchema = z.object({
  terminationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
});
export type TerminationCorrection = z.input<typeof terminationCorrectionSchema>;

export const DEFAULT_TERMINATION_REASON = 'Resignation';

const orgCode = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const employeeIdList = z.array(z.string().min(1)).max(10_000);

/** Create Supervisory Organization: under an active superior, optionally with a manager; people move in separately. */
export const createOrgInputSchema = z.object({
  code: orgCode,
  name: z.string().trim().min(1),
  superiorCode: z.string().min(1),
  managerEmployeeId: z.string().min(1).nullable().optional(),
  /** Cost centers its people may sit in; default: the superior's. */
  costCenterCodes: z.array(z.string().min(1)).min(1).optional(),
});
export type CreateOrgInput = z.input<typeof createOrgInputSchema>;

/** A split: a new org beside (or under) the old one takes some of its people, and a manager. */
export const splitOrgInputSchema = z.object({
  newCode: orgCode,
  newName: z.string().trim().min(1),
  employeeIds: employeeIdList.min(1),
  managerEmployeeId: z.string().min(1).nullable().optional(),
  /** Default: the split org's superior (a sibling); give the split org's own code for a sub-org. */
  superiorCode: z.string().min(1).optional(),
});
export type SplitOrgInput = z.input<typeof splitOrgInputSchema>;

export const mergeOrgInputSchema = z.object({ intoCode: z.string().min(1) });
export type MergeOrgInput = z.input<typeof mergeOrgInputSchema>;

export const moveWorkersInputSchema = z.object({ employeeIds: employeeIdList.min(1) });
export type MoveWorkersInput = z.input<typeof moveWorkersInputSchema>;

export interface OrgChangeResult {
  organizationWid: string;
  code: string;
  /** Employee IDs of the workers who moved into (split, move) or out of (merge) the org. */
  moved: string[];
}

export interface WorkerChangeResult {
  workerWid: string;
  employeeId: string;
}

/** Plain JSON view of the whole tenant, keyed by business codes (GET /_sandbox/store). */
export interface WorkdayStoreSnapshot {
  nextEmployeeId: string;
  workers: Array<
    Omit<StoredWorker, 'jobWid'> & {
      companyCode: string;
      countryCode: string;
      managerOf: string[];
      /** Employee ID of the worker's manager (see WorkdayStore.managerOf); null at the top. */
      managerEmployeeId: string | null;
    }
  >;
  supervisoryOrganizations: StoredSupervisoryOrg[];
  costCenters: StoredCostCenter[];
  companies: StoredCompany[];
  jobProfiles: StoredJobProfile[];
  locations: StoredLocation[];
  organizationTypes: StoredOrganizationType[];
}

/** Formats a Zod failure as one line naming every bad field, e.g. "firstName: Invalid input: expected string". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`).join('; ');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export class WorkdayStore {
  private readonly workersByEmployeeId = new Map<string, StoredWorker>();
  private readonly workersByWid = new Map<string, StoredWorker>();
  readonly supervisoryOrgs = new Map<string, StoredSupervisoryOrg>();
  readonly costCenters = new Map<string, StoredCostCenter>();
  readonly companies = new Map<string, StoredCompany>();
  readonly jobProfiles = new Map<string, StoredJobProfile>();
  readonly locations = new Map<string, StoredLocation>();
  readonly organizationTypes: StoredOrganizationType[] = (['Cost Center', 'Company', 'Supervisory'] as const).map((name) => ({
    wid: wid('organizationType', name),
    name,
  }));
  private nextEmployeeNumber = FIRST_EMPLOYEE_ID;
  private readonly log: StoredTransactionLogEntry[] = [];
  private nextLogNumber = 1;
  /** Told of every business process event as it is entered (outbound subscriptions listen here). */
  private readonly transactionListeners: Array<(entry: StoredTransactionLogEntry) => void> = [];
  private seeding = false;

  constructor() {
    this.seedQuietly();
  }

  /** Back to the seeded tenant: every hire, job change and termination since start is forgotten. */
  reset(): void {
    for (const table of [this.workersByEmployeeId, this.workersByWid, this.supervisoryOrgs, this.costCenters, this.companies, this.jobProfiles, this.locations]) {
      table.clear();
    }
    this.nextEmployeeNumber = FIRST_EMPLOYEE_ID;
    this.log.length = 0;
    this.nextLogNumber = 1;
    this.seedQuietly();
  }

  /** The seeded history is the tenant's past: no subscription hears of it. */
  private seedQuietly(): void {
    this.seeding = true;
    try {
      this.seed();
    } finally {
      this.seeding = false;
    }
  }

  private seed(): void {
    for (const c of companies) this.companies.set(c.code, { wid: wid('company', c.code), code: c.code, name: c.name, currency: c.currency });
    for (const cc of costCenters) {
      this.costCenters.set(cc.code, { wid: wid('costCenter', cc.code), code: cc.code, name: cc.name, companyCode: cc.company, inCoupa: cc.inCoupa });
    }
    for (const p of jobProfiles) {
      this.jobProfiles.set(p.code, { wid: wid('jobProfile', p.code), code: p.code, name: p.name, managementLevel: p.managementLevel, managementLevelWid: wid('managementLevel', p.managementLevel) });
    }
    for (const l of locations) this.locations.set(l.code, { ...l, wid: wid('location', l.code), countryWid: wid('country', l.countryCode) });

    const seeded = seedWorkers();
    checkSeed(seeded);
    for (const o of supervisoryOrgs) {
      const manager = seeded.find((w) => w.managerOf === o.code && !w.terminated);
      this.supervisoryOrgs.set(o.code, {
        wid: wid('supervisoryOrganization', o.code),
        code: o.code,
        name: o.name,
        superiorCode: o.superior,
        costCenterCodes: [...o.costCenters],
        managerEmployeeId: manager?.employeeId ?? null,
        inactive: false,
      });
    }
    for (const s of seeded) {
      this.addWorker({
        ...this.newWorkerIdentity(s.employeeId),
        employeeId: s.employeeId,
        firstName: s.firstName,
        middleName: s.middleName,
        lastName: s.lastName,
        workEmail: s.workEmail,
        workPhone: this.phoneFor(s.locationCode, s.employeeId),
        supervisoryOrgCode: s.supervisoryOrgCode,
        costCenterCode: s.costCenterCode,
        jobProfileCode: s.jobProfileCode,
        businessTitle: s.businessTitle,
        locationCode: s.locationCode,
        hireDate: s.hireDate,
        originalHireDate: s.hireDate,
        continuousServiceDate: s.hireDate,
        terminated: s.terminated,
        terminationDate: s.terminationDate,
        terminationReason: s.terminated ? DEFAULT_TERMINATION_REASON : null,
      });
      // The seed's history: entered at noon UTC of the day each event took effect.
      this.logTransaction(s.employeeId, 'Hire Employee', 'Hire', s.hireDate, Date.parse(`${s.hireDate}T12:00:00Z`));
      if (s.terminated && s.terminationDate) {
        this.logTransaction(s.employeeId, 'Terminate Employee', 'Terminate', s.terminationDate, Date.parse(`${s.terminationDate}T12:00:00Z`));
      }
    }
  }

  // ---- reads ----

  /** Every worker in employee ID order (the stable order every list uses). */
  allWorkers(options: { includeTerminated?: boolean } = {}): StoredWorker[] {
    const all = [...this.workersByEmployeeId.values()].sort((a, b) => Number(a.employeeId) - Number(b.employeeId));
    return options.includeTerminated ? all : all.filter((w) => !w.terminated);
  }

  /** Finds a worker by WID, or by the `Employee_ID=21001` reference syntax Workday accepts in paths. */
  findWorker(idOrReference: string): StoredWorker | undefined {
    const reference = /^Employee_ID=(.+)$/i.exec(idOrReference);
    if (reference?.[1]) return this.workersByEmployeeId.get(reference[1]);
    return this.workersByWid.get(idOrReference);
  }

  workerByEmployeeId(employeeId: string): StoredWorker | undefined {
    return this.workersByEmployeeId.get(employeeId);
  }

  /** Workday's worker search: case-insensitive, space-separated terms OR'd, over the name and the worker ID. */
  searchWorkers(search: string | undefined, options: { includeTerminated?: boolean } = {}): StoredWorker[] {
    const workers = this.allWorkers(options);
    const terms = (search ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return workers;
    // Accent folding ("zoe" finds "Zoë") is this sandbox's assumption, not confirmed against a tenant.
    const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return workers.filter((w) => {
      const haystacks = [fullName(w).toLowerCase(), fold(fullName(w)), w.employeeId];
      return terms.some((term) => haystacks.some((h) => h.includes(term) || h.includes(fold(term))));
    });
  }

  findSupervisoryOrg(idOrCode: string): StoredSupervisoryOrg | undefined {
    return this.supervisoryOrgs.get(idOrCode) ?? [...this.supervisoryOrgs.values()].find((o) => o.wid === idOrCode);
  }

  /** Active orgs by code; inactivated ones too when asked (staffing's `includeInactive`). */
  allSupervisoryOrgs(options: { includeInactive?: boolean } = {}): StoredSupervisoryOrg[] {
    const all = [...this.supervisoryOrgs.values()].sort((a, b) => a.code.localeCompare(b.code));
    return options.includeInactive ? all : all.filter((o) => !o.inactive);
  }

  /** Active workers whose primary org is this one, in employee ID order. */
  membersOf(orgCode: string): StoredWorker[] {
    return this.allWorkers().filter((w) => w.supervisoryOrgCode === orgCode);
  }

  subordinateOrgs(orgCode: string): StoredSupervisoryOrg[] {
    return this.allSupervisoryOrgs().filter((o) => o.superiorCode === orgCode);
  }

  orgsManagedBy(employeeId: string): StoredSupervisoryOrg[] {
    return this.allSupervisoryOrgs().filter((o) => o.managerEmployeeId === employeeId);
  }

  /**
   * Workday has no manager field: a worker's manager is the manager of their primary org, or, for
   * the manager of that org, the manager of the superior org (walking up past vacant roles).
   */
  managerOf(worker: StoredWorker): StoredWorker | null {
    let org = this.supervisoryOrgs.get(worker.supervisoryOrgCode);
    while (org) {
      if (org.managerEmployeeId && org.managerEmployeeId !== worker.employeeId) {
        const manager = this.workersByEmployeeId.get(org.managerEmployeeId);
        if (manager && !manager.terminated) return manager;
      }
      org = org.superiorCode ? this.supervisoryOrgs.get(org.superiorCode) : undefined;
    }
    return null;
  }

  /** Active workers whose manager (as managerOf defines it) is this worker. */
  directReportsOf(worker: StoredWorker): StoredWorker[] {
    return this.allWorkers().filter((w) => w.employeeId !== worker.employeeId && this.managerOf(w)?.employeeId === worker.employeeId);
  }

  findJobProfile(idOrCode: string): StoredJobProfile | undefined {
    return this.jobProfiles.get(idOrCode) ?? [...this.jobProfiles.values()].find((p) => p.wid === idOrCode);
  }

  costCenterOf(worker: StoredWorker): StoredCostCenter {
    return this.required(this.costCenters.get(worker.costCenterCode), `cost center ${worker.costCenterCode}`);
  }

  companyOf(worker: StoredWorker): StoredCompany {
    const costCenter = this.costCenterOf(worker);
    return this.required(this.companies.get(costCenter.companyCode), `company ${costCenter.companyCode}`);
  }

  locationOf(worker: StoredWorker): StoredLocation {
    return this.required(this.locations.get(worker.locationCode), `location ${worker.locationCode}`);
  }

  jobProfileOf(worker: StoredWorker): StoredJobProfile {
    return this.required(this.jobProfiles.get(worker.jobProfileCode), `job profile ${worker.jobProfileCode}`);
  }

  supervisoryOrgOf(worker: StoredWorker): StoredSupervisoryOrg {
    return this.required(this.supervisoryOrgs.get(worker.supervisoryOrgCode), `supervisory org ${worker.supervisoryOrgCode}`);
  }

  organizationType(kind: OrganizationKind): StoredOrganizationType {
    return this.required(this.organizationTypes.find((t) => t.name === kind), `organization type ${kind}`);
  }

  /** Every organisation of every type, companies first, then cost centers, then supervisory orgs, each by code. */
  allOrganizations(): StoredOrganization[] {
    return [
      ...[...this.companies.values()].map((c) => ({ wid: c.wid, kind: 'Company' as const, code: c.code, descriptor: c.name })),
      ...[...this.costCenters.values()].map((c) => ({ wid: c.wid, kind: 'Cost Center' as const, code: c.code, descriptor: costCenterDescriptor(c) })),
      ...this.allSupervisoryOrgs().map((o) => ({ wid: o.wid, kind: 'Supervisory' as const, code: o.code, descriptor: o.name })),
    ].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.code.localeCompare(b.code));
  }

  findOrganization(id: string): StoredOrganization | undefined {
    return this.allOrganizations().find((o) => o.wid === id);
  }

  /** The organisations a worker belongs to: cost center, company, supervisory org (common v1 order is unspecified). */
  organizationsOf(worker: StoredWorker): StoredOrganization[] {
    const costCenter = this.costCenterOf(worker);
    const company = this.companyOf(worker);
    const org = this.supervisoryOrgOf(worker);
    return [
      { wid: costCenter.wid, kind: 'Cost Center', code: costCenter.code, descriptor: costCenterDescriptor(costCenter) },
      { wid: company.wid, kind: 'Company', code: company.code, descriptor: company.name },
      { wid: org.wid, kind: 'Supervisory', code: org.code, descriptor: org.name },
    ];
  }

  // ---- business events ----

  /** Hire Employee: the next employee ID in sequence, an email derived from the name unless given. */
  hire(input: HireInput): WorkerChangeResult {
    const parsed = hireInputSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid hire: ${describeIssues(parsed.error)}`);
    const h = parsed.data;
    const org = this.supervisoryOrgs.get(h.supervisoryOrgCode);
    if (!org) throw new WorkdayStoreError(`supervisoryOrgCode: unknown supervisory organization ${h.supervisoryOrgCode}`);
    if (org.inactive) throw new WorkdayStoreError(`supervisoryOrgCode: supervisory organization ${org.code} is inactive`);
    const profile = this.jobProfiles.get(h.jobProfileCode);
    if (!profile) throw new WorkdayStoreError(`jobProfileCode: unknown job profile ${h.jobProfileCode}`);
    const costCenterCode = h.costCenterCode ?? org.costCenterCodes[0];
    const costCenter = costCenterCode ? this.costCenters.get(costCenterCode) : undefined;
    if (!costCenterCode || !costCenter) throw new WorkdayStoreError(`costCenterCode: unknown cost center ${costCenterCode ?? '(none)'}`);
    if (h.locationCode && !this.locations.has(h.locationCode)) throw new WorkdayStoreError(`locationCode: unknown location ${h.locationCode}`);

    const employeeId = String(this.nextEmployeeNumber);
    const taken = new Set(this.allWorkers({ includeTerminated: true }).flatMap((w) => (w.workEmail ? [w.workEmail] : [])));
    const workEmail = h.workEmail === undefined ? (deriveWorkEmail(h.firstName, h.lastName, taken) ?? `employee.${employeeId}@acme.example`) : h.workEmail;
    const locationCode = h.locationCode ?? defaultLocationCode(costCenter.companyCode, Number(employeeId));
    const hireDate = h.hireDate ?? today();
    const worker = this.addWorker({
      ...this.newWorkerIdentity(employeeId),
      employeeId,
      firstName: h.firstName,
      middleName: h.middleName ?? null,
      lastName: h.lastName,
      workEmail,
      workPhone: this.phoneFor(locationCode, employeeId),
      supervisoryOrgCode: org.code,
      costCenterCode: costCenter.code,
      jobProfileCode: profile.code,
      businessTitle: h.businessTitle ?? profile.name,
      locationCode,
      hireDate,
      originalHireDate: hireDate,
      continuousServiceDate: hireDate,
      terminated: false,
      terminationDate: null,
      terminationReason: null,
    });
    this.logTransaction(employeeId, 'Hire Employee', 'Hire', hireDate);
    return { workerWid: worker.wid, employeeId };
  }

  /** Change Job: any of profile, org, cost center, title; moving org keeps the cost center only if the new org uses it. */
  changeJob(employeeId: string, input: JobChangeInput): WorkerChangeResult {
    const worker = this.requireWorker(employeeId);
    const parsed = jobChangeInputSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid job change: ${describeIssues(parsed.error)}`);
    const change = parsed.data;
    const org = change.supervisoryOrgCode ? this.supervisoryOrgs.get(change.supervisoryOrgCode) : this.supervisoryOrgOf(worker);
    if (!org) throw new WorkdayStoreError(`supervisoryOrgCode: unknown supervisory organization ${change.supervisoryOrgCode}`);
    if (org.inactive && org.code !== worker.supervisoryOrgCode) throw new WorkdayStoreError(`supervisoryOrgCode: supervisory organization ${org.code} is inactive`);
    if (change.jobProfileCode && !this.jobProfiles.has(change.jobProfileCode)) {
      throw new WorkdayStoreError(`jobProfileCode: unknown job profile ${change.jobProfileCode}`);
    }
    if (change.costCenterCode && !this.costCenters.has(change.costCenterCode)) {
      throw new WorkdayStoreError(`costCenterCode: unknown cost center ${change.costCenterCode}`);
    }
    const costCenterCode =
      change.costCenterCode ?? (org.costCenterCodes.includes(worker.costCenterCode) ? worker.costCenterCode : (org.costCenterCodes[0] ?? worker.costCenterCode));
    const costCenter = this.required(this.costCenters.get(costCenterCode), `cost center ${costCenterCode}`);
    const companyChanged = costCenter.companyCode !== this.costCenterOf(worker).companyCode;
    worker.supervisoryOrgCode = org.code;
    worker.costCenterCode = costCenterCode;
    if (companyChanged) worker.locationCode = defaultLocationCode(costCenter.companyCode, Number(worker.employeeId));
    if (change.jobProfileCode) worker.jobProfileCode = change.jobProfileCode;
    if (change.businessTitle) worker.businessTitle = change.businessTitle;
    else if (change.jobProfileCode) worker.businessTitle = this.jobProfileOf(worker).name;
    this.logTransaction(worker.employeeId, 'Change Job', 'Change Job', today());
    return { workerWid: worker.wid, employeeId: worker.employeeId };
  }

  /**
   * Terminate Employee. On its date (today by default) the worker drops out of default lists and any
   * manager role they held falls vacant; a future date leaves them active until then (a pending
   * termination). Terminating again on the same date changes nothing; another date needs a correction.
   */
  terminate(employeeId: string, input: TerminationInput = {}): WorkerChangeResult {
    const worker = this.requireWorker(employeeId);
    const parsed = terminationInputSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid termination: ${describeIssues(parsed.error)}`);
    const terminationDate = parsed.data.terminationDate ?? today();
    if (worker.terminationDate !== null) {
      if (worker.terminationDate === terminationDate) return { workerWid: worker.wid, employeeId };
      throw new WorkdayStoreError(`worker ${employeeId} already has a termination on ${worker.terminationDate}: correct or rescind it instead`);
    }
    worker.terminationDate = terminationDate;
    worker.terminationReason = parsed.data.reason ?? DEFAULT_TERMINATION_REASON;
    this.logTransaction(employeeId, 'Terminate Employee', 'Terminate', terminationDate);
    this.applyDueTerminations();
    return { workerWid: worker.wid, employeeId };
  }

  /**
   * Rescind the worker's termination (pending or effective): they are employed as if it never
   * happened. Manager roles vacated by an effective termination stay vacant (assign them again).
   */
  rescindTermination(employeeId: string): WorkerChangeResult {
    const worker = this.requireWorker(employeeId);
    if (worker.terminationDate === null) throw new WorkdayStoreError(`worker ${employeeId} has no termination to rescind`);
    const original = this.currentTerminationEntry(employeeId);
    if (original) original.rescinded = true;
    const rescind = this.logTransaction(employeeId, 'Terminate Employee', 'Rescind Terminate', worker.terminationDate);
    rescind.rescinded = true;
    worker.terminated = false;
    worker.terminationDate = null;
    worker.terminationReason = null;
    return { workerWid: worker.wid, employeeId };
  }

  /** Correct the date of the worker's termination: earlier or later, into the past or the future. */
  correctTermination(employeeId: string, input: TerminationCorrection): WorkerChangeResult {
    const worker = this.requireWorker(employeeId);
    const parsed = terminationCorrectionSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid termination correction: ${describeIssues(parsed.error)}`);
    if (worker.terminationDate === null) throw new WorkdayStoreError(`worker ${employeeId} has no termination to correct`);
    const terminationDate = parsed.data.terminationDate;
    if (terminationDate === worker.terminationDate) return { workerWid: worker.wid, employeeId };
    const original = this.currentTerminationEntry(employeeId);
    if (original) original.corrected = true;
    const correction = this.logTransaction(employeeId, 'Terminate Employee', 'Correct Terminate', terminationDate);
    correction.corrected = true;
    worker.terminationDate = terminationDate;
    // Moved into the future: employed again until then (vacated manager roles stay vacant).
    if (terminationDate > today()) worker.terminated = false;
    this.applyDueTerminations();
    return { workerWid: worker.wid, employeeId };
  }

  /**
   * Makes pending terminations whose date has come effective. Called before every request and by
   * the operations that read or change terminations, so a date passing needs no admin call.
   */
  applyDueTerminations(): number {
    const now = today();
    let applied = 0;
    for (const worker of this.workersByEmployeeId.values()) {
      if (worker.terminated || worker.terminationDate === null || worker.terminationDate > now) continue;
      worker.terminated = true;
      for (const org of this.supervisoryOrgs.values()) if (org.managerEmployeeId === worker.employeeId) org.managerEmployeeId = null;
      applied += 1;
    }
    return applied;
  }

  onTransaction(listener: (entry: StoredTransactionLogEntry) => void): void {
    this.transactionListeners.push(listener);
  }

  /** The whole transaction log in entry order. */
  transactionLog(): readonly StoredTransactionLogEntry[] {
    return this.log;
  }

  /** One worker's transaction log in entry order. */
  transactionsOf(employeeId: string): StoredTransactionLogEntry[] {
    return this.log.filter((e) => e.employeeId === employeeId);
  }

  /** Assign (or, with null, vacate) the manager role of a supervisory org: a reorg or manager change. */
  assignManager(orgCode: string, employeeId: string | null): { organizationWid: string; code: string; managerEmployeeId: string | null } {
    const org = this.supervisoryOrgs.get(orgCode);
    if (!org) throw new WorkdayStoreError(`unknown supervisory organization ${orgCode}`, true);
    if (org.inactive) throw new WorkdayStoreError(`supervisory organization ${orgCode} is inactive`);
    if (employeeId !== null) {
      const manager = this.requireWorker(employeeId);
      if (manager.terminated) throw new WorkdayStoreError(`employeeId: worker ${employeeId} is terminated`);
    }
    org.managerEmployeeId = employeeId;
    return { organizationWid: org.wid, code: org.code, managerEmployeeId: employeeId };
  }

  // ---- reorganizations (Workday: Create Subordinate, Reorganize, Inactivate, Move Workers) ----

  /** Create Supervisory Organization under an active superior; its people move in with moveWorkers. */
  createSupervisoryOrg(input: CreateOrgInput): OrgChangeResult {
    const parsed = createOrgInputSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid organization: ${describeIssues(parsed.error)}`);
    const o = parsed.data;
    if (this.supervisoryOrgs.has(o.code)) throw new WorkdayStoreError(`code: supervisory organization ${o.code} already exists`);
    const superior = this.requireActiveOrg(o.superiorCode, 'superiorCode');
    for (const code of o.costCenterCodes ?? []) if (!this.costCenters.has(code)) throw new WorkdayStoreError(`costCenterCodes: unknown cost center ${code}`);
    if (o.managerEmployeeId) this.requireAssignableManager(o.managerEmployeeId);
    const org: StoredSupervisoryOrg = {
      wid: wid('supervisoryOrganization', o.code),
      code: o.code,
      name: o.name,
      superiorCode: superior.code,
      costCenterCodes: [...(o.costCenterCodes ?? superior.costCenterCodes)],
      managerEmployeeId: o.managerEmployeeId ?? null,
      inactive: false,
    };
    this.supervisoryOrgs.set(org.code, org);
    return { organizationWid: org.wid, code: org.code, moved: [] };
  }

  /**
   * Move Workers (Supervisory): the workers' primary jobs move to the org, keeping their cost center
   * when the org uses it. Logged as a job change, which is how the transaction log shows a move.
   */
  moveWorkers(orgCode: string, input: MoveWorkersInput): OrgChangeResult {
    const parsed = moveWorkersInputSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid move: ${describeIssues(parsed.error)}`);
    const org = this.requireActiveOrg(orgCode, 'code', true);
    const workers = parsed.data.employeeIds.map((id) => this.requireWorker(id));
    const gone = workers.find((w) => w.terminated);
    if (gone) throw new WorkdayStoreError(`employeeIds: worker ${gone.employeeId} is terminated`);
    const moved: string[] = [];
    for (const worker of workers) {
      if (worker.supervisoryOrgCode === org.code) continue;
      // The cost center stays when the org allows it: a reorg moves reporting lines, not budgets.
      if (!org.costCenterCodes.includes(worker.costCenterCode)) org.costCenterCodes.push(worker.costCenterCode);
      this.changeJob(worker.employeeId, { supervisoryOrgCode: org.code });
      moved.push(worker.employeeId);
    }
    return { organizationWid: org.wid, code: org.code, moved };
  }

  /** A split: a new org (a sibling by default) takes the listed people of the org, and optionally a manager. */
  splitSupervisoryOrg(orgCode: string, input: SplitOrgInput): OrgChangeResult {
    const parsed = splitOrgInputSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid split: ${describeIssues(parsed.error)}`);
    const s = parsed.data;
    const source = this.requireActiveOrg(orgCode, 'code', true);
    const outside = s.employeeIds.find((id) => this.requireWorker(id).supervisoryOrgCode !== source.code);
    if (outside) throw new WorkdayStoreError(`employeeIds: worker ${outside} is not in ${source.code}`);
    const superiorCode = s.superiorCode ?? source.superiorCode;
    if (!superiorCode) throw new WorkdayStoreError(`superiorCode: ${source.code} is the top of the hierarchy; name the new org's superior`);
    const created = this.createSupervisoryOrg({
      code: s.newCode,
      name: s.newName,
      superiorCode,
      managerEmployeeId: s.managerEmployeeId ?? null,
      costCenterCodes: source.costCenterCodes,
    });
    const { moved } = this.moveWorkers(created.code, { employeeIds: s.employeeIds });
    return { ...created, moved };
  }

  /**
   * A merge: every member and subordinate org of `orgCode` moves to `intoCode`, then `orgCode` is
   * inactivated (its manager becomes a member of the surviving org like everyone else).
   */
  mergeSupervisoryOrg(orgCode: string, input: MergeOrgInput): OrgChangeResult {
    const parsed = mergeOrgInputSchema.safeParse(input);
    if (!parsed.success) throw new WorkdayStoreError(`invalid merge: ${describeIssues(parsed.error)}`);
    const source = this.requireActiveOrg(orgCode, 'code', true);
    const target = this.requireActiveOrg(parsed.data.intoCode, 'intoCode');
    if (source.code === target.code) throw new WorkdayStoreError('intoCode: an organization cannot be merged into itself');
    if (this.isBelow(target.code, source.code)) throw new WorkdayStoreError(`intoCode: ${target.code} sits below ${source.code}; merge the other way round`);
    const members = this.membersOf(source.code).map((w) => w.employeeId);
    if (members.length) this.moveWorkers(target.code, { employeeIds: members });
    for (const sub of this.subordinateOrgs(source.code)) sub.superiorCode = target.code;
    this.inactivateSupervisoryOrg(source.code);
    return { organizationWid: source.wid, code: source.code, moved: members };
  }

  /** Inactivate: only an org nobody works in and no active org reports to (as Workday requires). */
  inactivateSupervisoryOrg(orgCode: string): OrgChangeResult {
    const org = this.requireActiveOrg(orgCode, 'code', true);
    if (!org.superiorCode) throw new WorkdayStoreError(`${org.code} is the top of the hierarchy and cannot be inactivated`);
    const members = this.membersOf(org.code).length;
    if (members) throw new WorkdayStoreError(`${org.code} still has ${members} member(s): move them first`);
    const subs = this.subordinateOrgs(org.code).length;
    if (subs) throw new WorkdayStoreError(`${org.code} still has ${subs} subordinate organization(s): move or inactivate them first`);
    org.inactive = true;
    return { organizationWid: org.wid, code: org.code, moved: [] };
  }

  snapshot(): WorkdayStoreSnapshot {
    this.applyDueTerminations();
    return {
      nextEmployeeId: String(this.nextEmployeeNumber),
      workers: this.allWorkers({ includeTerminated: true }).map((worker) => {
        const { jobWid: _jobWid, ...w } = worker;
        return {
          ...w,
          companyCode: this.costCenterOf(worker).companyCode,
          countryCode: this.locationOf(worker).countryCode,
          managerOf: this.orgsManagedBy(worker.employeeId).map((o) => o.code),
          managerEmployeeId: this.managerOf(worker)?.employeeId ?? null,
        };
      }),
      supervisoryOrganizations: this.allSupervisoryOrgs({ includeInactive: true }).map((o) => ({ ...o, costCenterCodes: [...o.costCenterCodes] })),
      costCenters: [...this.costCenters.values()].map((c) => ({ ...c })),
      companies: [...this.companies.values()].map((c) => ({ ...c })),
      jobProfiles: [...this.jobProfiles.values()].map((p) => ({ ...p })),
      locations: [...this.locations.values()].map((l) => ({ ...l })),
      organizationTypes: this.organizationTypes.map((t) => ({ ...t })),
    };
  }

  // ---- internals ----

  private requireActiveOrg(code: string, field: string, notFoundIs404 = false): StoredSupervisoryOrg {
    const org = this.supervisoryOrgs.get(code);
    if (!org) throw new WorkdayStoreError(`${field}: unknown supervisory organization ${code}`, notFoundIs404);
    if (org.inactive) throw new WorkdayStoreError(`${field}: supervisory organization ${code} is inactive`);
    return org;
  }

  private requireAssignableManager(employeeId: string): StoredWorker {
    const manager = this.requireWorker(employeeId);
    if (manager.terminated) throw new WorkdayStoreError(`managerEmployeeId: worker ${employeeId} is terminated`);
    return manager;
  }

  /** True when `code` sits somewhere below `ancestor` in the hierarchy. */
  private isBelow(code: string, ancestor: string): boolean {
    const seen = new Set<string>();
    let current = this.supervisoryOrgs.get(code)?.superiorCode ?? null;
    while (current && !seen.has(current)) {
      if (current === ancestor) return true;
      seen.add(current);
      current = this.supervisoryOrgs.get(current)?.superiorCode ?? null;
    }
    return false;
  }

  private requireWorker(employeeId: string): StoredWorker {
    const worker = this.workersByEmployeeId.get(employeeId);
    if (!worker) throw new WorkdayStoreError(`unknown worker ${employeeId}`, true);
    return worker;
  }

  /** The latest termination entry not rescinded: the one a rescind or correction acts on. */
  private currentTerminationEntry(employeeId: string): StoredTransactionLogEntry | undefined {
    return this.transactionsOf(employeeId)
      .filter((e) => e.type === 'Terminate Employee' && !e.rescinded)
      .at(-1);
  }

  private logTransaction(employeeId: string, type: WorkerTransactionType, description: string, effectiveDate: string, enteredAt = Date.now()): StoredTransactionLogEntry {
    const worker = this.requireWorker(employeeId);
    const entry: StoredTransactionLogEntry = {
      wid: wid('transactionLog', String(this.nextLogNumber++)),
      employeeId,
      workerWid: worker.wid,
      type,
      description,
      effectiveDate,
      enteredAt,
      rescinded: false,
      corrected: false,
    };
    this.log.push(entry);
    if (!this.seeding) for (const listener of this.transactionListeners) listener(entry);
    return entry;
  }

  private newWorkerIdentity(employeeId: string): { wid: string; jobWid: string } {
    return { wid: wid('worker', employeeId), jobWid: wid('job', employeeId) };
  }

  private addWorker(worker: StoredWorker): StoredWorker {
    this.workersByEmployeeId.set(worker.employeeId, worker);
    this.workersByWid.set(worker.wid, worker);
    this.nextEmployeeNumber = Math.max(this.nextEmployeeNumber, Number(worker.employeeId) + 1);
    return worker;
  }

  private phoneFor(locationCode: string, employeeId: string): string {
    const prefix = this.locations.get(locationCode)?.phonePrefix ?? '+1 (415) 555-';
    return `${prefix}${employeeId.slice(-4)}`;
  }

  private required<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`workday store is inconsistent: ${what} is missing`);
    return value;
  }
}

export function fullName(worker: Pick<StoredWorker, 'firstName' | 'lastName'>): string {
  return `${worker.firstName} ${worker.lastName}`;
}

/** Workday shows a cost center as "<code> <name>", e.g. "CC1100 Corporate Finance": the connector parses the code from it. */
export function costCenterDescriptor(costCenter: Pick<StoredCostCenter, 'code' | 'name'>): string {
  return `${costCenter.code} ${costCenter.name}`;
}

function kindOrder(kind: OrganizationKind): number {
  return kind === 'Company' ? 0 : kind === 'Cost Center' ? 1 : 2;
}

/** Whole years from a YYYY-MM-DD date until now. */
export function yearsSince(date: string, now = new Date()): number {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return 0;
  let years = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) years -= 1;
  return Math.max(0, years);
}
