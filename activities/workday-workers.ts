// Workday reads of employee provisioning: one request each (one lookup for the worker), so a retry repeats one call.
import { ApplicationFailure, Context, heartbeat } from '@temporalio/activity';
import type { WorkdayClient } from '../connectors/workday';
import { ConnectorErrorTypes } from '../connectors/http/error-types';
import type { WorkdayWorkerProfile } from '../mapping/types';

/** What the worker record itself tells; the other reads take its WIDs. */
export interface WorkdayWorkerRecord {
  workerWid: string;
  employeeId: string;
  workEmail: string | null;
  businessTitle: string | null;
  jobProfileId: string | null;
  supervisoryOrganizationId: string | null;
}

export type WorkdayWorkerLookup = { status: 'active'; worker: WorkdayWorkerRecord } | { status: 'terminated' };

export interface WorkdayLegalNameReading {
  firstName: string;
  lastName: string;
}

/** The cost center and company a worker belongs to, read from their organizations. */
export type WorkdayWorkerAssignments = Pick<WorkdayWorkerProfile, 'costCenter' | 'company'>;

export interface WorkdaySupervisoryOrgReading {
  id: string;
  code: string | null;
  name: string;
  managerWids: string[];
}

export type WorkdayManagerReading = WorkdayWorkerProfile['manager'];

const signal = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

function sameText(a: string | null | undefined, b: string): boolean {
  return (a ?? '').trim().toLowerCase() === b.toLowerCase();
}

export function createWorkdayWorkerActivities(workday: WorkdayClient) {
  return {
    /** The worker by employee ID; Workday's REST lists hide terminated workers, so a second look tells "terminated" from "unknown". */
    async findWorkdayWorker(employeeId: string): Promise<WorkdayWorkerLookup> {
      const worker = await workday.findWorkerByEmployeeId(employeeId, { includeTerminated: false }, signal());
      if (worker) {
        const job = worker.primaryJob ?? null;
        return {
          status: 'active',
          worker: {
            workerWid: worker.id,
            employeeId: worker.workerId,
            workEmail: worker.person?.email ?? null,
            businessTitle: job?.businessTitle ?? null,
            jobProfileId: job?.jobProfile?.id ?? null,
            supervisoryOrganizationId: job?.supervisoryOrganization?.id ?? null,
          },
        };
      }
      heartbeat();
      if (await workday.findWorkerByEmployeeId(employeeId, { includeTerminated: true }, signal())) return { status: 'terminated' };
      throw ApplicationFailure.create({
        type: ConnectorErrorTypes.NotFound,
        nonRetryable: true,
        message: `Employee ${employeeId} was not found in Workday (active or terminated). Check the employee ID, then retry.`,
      });
    },

    /** person v4 legal name; null when Workday has none on file. */
    async readWorkdayLegalName(workerWid: string): Promise<WorkdayLegalNameReading | null> {
      const name = await workday.getLegalName(workerWid, signal());
      if (!name) return null;
      return { firstName: name.firstName ?? '', lastName: name.lastName ?? '' };
    },

    /** Cost center (code parsed from its descriptor with the configured pattern) and company. */
    async readWorkdayWorkerAssignments(workerWid: string): Promise<WorkdayWorkerAssignments> {
      const organizations = await workday.getWorkerOrganizations(workerWid, signal());
      const costCenterOrg = organizations.find((o) => sameText(o.organizationType?.descriptor, 'Cost Center')) ?? null;
      const companyOrg = organizations.find((o) => sameText(o.organizationType?.descriptor, 'Company')) ?? null;
      return {
        costCenter: costCenterOrg ? workday.parseCostCenter(costCenterOrg) : null,
        company: companyOrg ? { id: companyOrg.id, name: companyOrg.descriptor ?? '' } : null,
      };
    },

    async readWorkdayJobProfile(jobProfileWid: string): Promise<{ id: string; name: string; managementLevel: string | null }> {
      const profile = await workday.getJobProfile(jobProfileWid, signal());
      return { id: profile.id, name: profile.name ?? profile.descriptor ?? '', managementLevel: profile.managementLevel?.descriptor ?? null };
    },

    async readWorkdaySupervisoryOrganization(orgWid: string): Promise<WorkdaySupervisoryOrgReading> {
      const org = await workday.getSupervisoryOrganization(orgWid, signal());
      const managers = org.managers ?? (org.manager ? [org.manager] : []);
      return { id: org.id, code: org.code ?? null, name: org.name ?? org.descriptor ?? '', managerWids: managers.map((m) => m.id) };
    },

    /**
     * The worker's manager: the first manager of their supervisory org, unless the worker leads it or
     * it has none, then the superior org's manager, and so on up (one request per level, heartbeating).
     * Null at the top of the hierarchy.
     */
    async findWorkdayManager(input: { workerWid: string; supervisoryOrg: WorkdaySupervisoryOrgReading }): Promise<WorkdayManagerReading> {
      let orgId: string | null = input.supervisoryOrg.id;
      let managerWids: string[] | null = input.supervisoryOrg.managerWids;
      const visited = new Set<string>();
      while (orgId && !visited.has(orgId)) {
        visited.add(orgId);
        heartbeat({ orgId });
        if (managerWids === null) {
          const org = await workday.getSupervisoryOrganization(orgId, signal());
          managerWids = (org.managers ?? (org.manager ? [org.manager] : [])).map((m) => m.id);
        }
        const leadsOrg = managerWids.includes(input.workerWid);
        const managerWid = managerWids.find((wid) => wid !== input.workerWid);
        if (managerWid && !leadsOrg) {
          const manager = await workday.getWorker(managerWid, signal());
          return { workerWid: manager.id, employeeId: manager.workerId, name: manager.descriptor ?? '', workEmail: manager.person?.email ?? null };
        }
        const chart = await workday.getOrgChart(orgId, signal());
        const superior = chart?.superior ?? null;
        orgId = superior?.id ?? null;
        // The chart usually embeds the superior's managers; the org is read only when it does not.
        managerWids = superior?.managers ? superior.managers.map((m) => m.id) : null;
      }
      return null;
    },
  };
}
