// Plain data shapes that cross from the connectors through activities into workflows and the mapping.

/** What the integration needs to know about one Workday worker, assembled from several REST calls. */
export interface WorkdayWorkerProfile {
  /** Workday ID (32 hex chars) of the worker. */
  workerWid: string;
  /** Employee ID; Coupa's employee-number carries it. */
  employeeId: string;
  firstName: string;
  lastName: string;
  /** Public primary work email; null when the worker has none. */
  workEmail: string | null;
  businessTitle: string | null;
  jobProfile: { id: string; name: string } | null;
  managementLevel: string | null;
  supervisoryOrganization: { id: string; code: string | null; name: string } | null;
  /** The worker is a manager of that supervisory org: they approve for it whatever their level (as orgHierarchySync has it). */
  managesSupervisoryOrganization?: boolean;
  /** The manager of the worker's supervisory org (or of its superior when the worker leads it). */
  manager: { workerWid: string; employeeId: string; name: string; workEmail: string | null } | null;
  /** Code as Workday shows it in the organization's descriptor (e.g. "CC1100"). */
  costCenter: { id: string; code: string; name: string } | null;
  company: { id: string; name: string } | null;
}

export interface MoneyLimit {
  /** Decimal as a string, as Coupa sends money ("5000.00"). */
  amount: string;
  currency: string;
}

/** The Coupa user the mapping says a worker should have. */
export interface CoupaUserPlan {
  employeeNumber: string;
  login: string;
  email: string;
  firstname: string;
  lastname: string;
  /** Null when the worker has no manager (the top of the hierarchy). */
  managerEmployeeNumber: string | null;
  defaultAccount: { accountTypeName: string; code: string; segments: string[] };
  defaultCurrency: string;
  requisitionApprovalLimit: MoneyLimit | null;
  invoiceApprovalLimit: MoneyLimit | null;
  roles: string[];
  /** Approval groups the user should belong to. */
  approvalGroups: string[];
  /** Every approval group the mapping manages: memberships outside this set are never touched. */
  managedApprovalGroups: string[];
}

/** A Coupa user as the provisioning compares it with a plan (normalised from the API's JSON). */
export interface CoupaUserState {
  id: number;
  employeeNumber: string | null;
  login: string;
  email: string;
  firstname: string;
  lastname: string;
  active: boolean;
  managerEmployeeNumber: string | null;
  defaultAccountCode: string | null;
  defaultAccountTypeName: string | null;
  defaultCurrency: string | null;
  requisitionApprovalLimit: MoneyLimit | null;
  invoiceApprovalLimit: MoneyLimit | null;
  roles: string[];
}

/** A plan, or every problem in the way; `fixIn` says whether the Workday record or the mapping file needs the fix. */
export type MappingOutcome<T> = { ok: true; value: T } | { ok: false; problems: string[]; fixIn: 'source-data' | 'mapping-file' };
