// Workday reads of employee offboarding: the termination as SOAP Get_Workers gives it, and who takes over the person's work.
import { ApplicationFailure, Context, heartbeat } from '@temporalio/activity';
import type { WorkdayClient, WorkdaySoapClient } from '../connectors/workday';
import { ConnectorErrorTypes } from '../connectors/http/error-types';
import { getWorkerProfile } from '../connectors/workday/soap';

export interface WorkdayTerminationReading {
  /** YYYY-MM-DD of the termination, also when it lies ahead; null when there is none (never entered, or rescinded). */
  terminationDate: string | null;
  /** Already terminated as of today. */
  terminated: boolean;
}

/** One manager up the supervisory chain, nearest first. */
export interface WorkdayChainManager {
  employeeId: string;
  /** False when Workday has the manager only as terminated: their work must go further up. */
  active: boolean;
}

const signal = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

export function createWorkdayTerminationActivities(workday: WorkdayClient, soap: WorkdaySoapClient) {
  return {
    /** REST shows no termination date: Get_Workers' Worker_Status_Data does, also for future-dated terminations. */
    async readWorkdayTermination(employeeId: string): Promise<WorkdayTerminationReading> {
      const employment = await soap.getWorkerEmployment(employeeId, {}, signal());
      if (!employment) {
        throw ApplicationFailure.create({
          type: ConnectorErrorTypes.NotFound,
          nonRetryable: true,
          message: `Employee ${employeeId} was not found in Workday. Check the employee ID, then retry.`,
        });
      }
      return { terminationDate: employment.terminationDate, terminated: employment.terminated };
    },

    /**
     * ONE request (SOAP Get_Workers with Include_Management_Chain_Data): the managers above the
     * employee, nearest first, to the top. Workday lists a role's current holders, so every manager
     * named is active (a leaver's role is vacant, and the sandbox shows it so).
     */
    async readWorkdayManagerChain(employeeId: string): Promise<WorkdayChainManager[]> {
      const profile = await getWorkerProfile(soap, employeeId, signal());
      if (!profile) return [];
      const seen = new Set<string>([profile.employeeId]);
      const chain: WorkdayChainManager[] = [];
      // The chain comes top-down [U]: nearest first is the reverse.
      for (const level of [...profile.managementChain].reverse()) {
        for (const manager of level.managers) {
          if (!manager.employeeId || seen.has(manager.employeeId)) continue;
          seen.add(manager.employeeId);
          chain.push({ employeeId: manager.employeeId, active: true });
        }
      }
      return chain;
    },

    /**
     * The managers above the employee, nearest first, to the top of the supervisory hierarchy: the
     * first active one with a Coupa user takes over. One or two requests per level, heartbeating.
     */
    async listWorkdayManagerChain(employeeId: string): Promise<WorkdayChainManager[]> {
      const worker = await workday.findWorkerByEmployeeId(employeeId, { includeTerminated: true }, signal());
      const startOrgId = worker?.primaryJob?.supervisoryOrganization?.id ?? null;
      if (!worker || !startOrgId) return [];
      const chain: WorkdayChainManager[] = [];
      const seen = new Set<string>([worker.id]);
      const visitedOrgs = new Set<string>();
      let orgId: string | null = startOrgId;
      while (orgId && !visitedOrgs.has(orgId)) {
        visitedOrgs.add(orgId);
        heartbeat({ orgId });
        const org = await workday.getSupervisoryOrganization(orgId, signal());
        for (const ref of org.managers ?? (org.manager ? [org.manager] : [])) {
          if (seen.has(ref.id)) continue;
          seen.add(ref.id);
          const manager = await workday.getWorker(ref.id, signal());
          // REST lists hide terminated workers: absent from the active list = gone.
          const stillActive = (await workday.findWorkerByEmployeeId(manager.workerId, { includeTerminated: false }, signal())) !== null;
          chain.push({ employeeId: manager.workerId, active: stillActive });
        }
        const chart = await workday.getOrgChart(orgId, signal());
        orgId = chart?.superior?.id ?? null;
      }
      return chain;
    },
  };
}
