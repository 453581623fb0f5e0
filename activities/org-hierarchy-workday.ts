// Workday reads of the org hierarchy sync: one request per activity (a page, or one org's chart), answered in the compact shapes the plan takes.
import { Context } from '@temporalio/activity';
import type { WorkdayClient, WorkdaySoapClient } from '../connectors/workday';
import { getWorkforcePage } from '../connectors/workday/soap/get-worker-profile';
import type { WorkdayOrgMember, WorkdayOrgReading } from '../mapping/org-hierarchy';

/** One page of a read, and where the next one starts (null after the last). */
export interface PageRead<T> {
  items: T[];
  nextOffset: number | null;
}

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

/** Workers per Get_Workers page: Workday's documented maximum [U ~999], so a tenant of a few thousand is a few requests. */
export const WORKFORCE_PAGE_SIZE = 999;

/**
 * One page of the whole workforce, in the compact shapes the plan takes (ids only, no personal data).
 * `superiors` come from the members' management chains: an org with no active member is left out, and
 * the workflow reads that org's chart instead.
 */
export interface WorkforcePage {
  /** Every worker of the page, terminated too: [worker WID, employee ID]. */
  workers: Array<[workerId: string, employeeId: string]>;
  /** Active workers: [supervisory org WID, worker WID, job profile WID or null]. */
  members: Array<[orgId: string, workerId: string, jobProfileId: string | null]>;
  /** Job profile WID → management level, for the profiles the page's workers hold. */
  levels: Array<[jobProfileId: string, level: string | null]>;
  /** Org WID → superior org WID (null at the top), as the members' chains show it. */
  superiors: Array<[orgId: string, superiorId: string | null]>;
  /** The next page to read, or null after the last. */
  nextPage: number | null;
}

export function createWorkdayOrgHierarchyActivities(workday: WorkdayClient, workdaySoap?: WorkdaySoapClient) {
  return {
    /**
     * One Get_Workers page of the whole workforce (employment, organizations, management chain): replaces
     * the worker-ID pages, the job profile pages and a members read per org since ORG_SYNC_FEWER_READS_PATCH.
     */
    async readWorkdayWorkforcePage(input: { page: number; asOfEntry: string }): Promise<WorkforcePage> {
      if (!workdaySoap) throw new Error('readWorkdayWorkforcePage needs the Workday SOAP client');
      const read = await getWorkforcePage(workdaySoap, { page: input.page, count: WORKFORCE_PAGE_SIZE, asOfEntry: input.asOfEntry }, call());
      const result: WorkforcePage = { workers: [], members: [], levels: [], superiors: [], nextPage: read.page < read.totalPages ? read.page + 1 : null };
      const levels = new Map<string, string | null>();
      const superiors = new Map<string, string | null>();
      for (const w of read.workers) {
        if (!w.workerWid) continue;
        result.workers.push([w.workerWid, w.employeeId]);
        if (w.terminated) continue;
        const org = w.organizations.find((o) => o.type === 'SUPERVISORY');
        if (org?.id) result.members.push([org.id, w.workerWid, w.jobProfile?.id || null]);
        if (w.jobProfile?.id) levels.set(w.jobProfile.id, w.jobProfile.managementLevel);
        // [U] The chain is top-down (as provisioning reads it): each level's superior is the level above.
        w.managementChain.forEach((level, i) => {
          if (level.orgId) superiors.set(level.orgId, i === 0 ? null : w.managementChain[i - 1]!.orgId || null);
        });
      }
      result.levels = [...levels];
      result.superiors = [...superiors];
      return result;
    },

    /** A page of supervisory organizations, inactive ones too, each with its managers (the superior comes from readWorkdayOrgSuperior). */
    async readWorkdaySupervisoryOrgsPage(input: { offset: number }): Promise<PageRead<Omit<WorkdayOrgReading, 'superiorId'>>> {
      const page = await workday.getSupervisoryOrganizationsPage({ offset: input.offset }, { includeInactive: true }, call());
      return {
        items: page.items.map((org) => {
          const managers = org.managers ?? (org.manager ? [org.manager] : []);
          const code = org.code?.trim() || org.id;
          return { id: org.id, code, name: org.name?.trim() || org.descriptor?.trim() || code, inactive: org.inactive === true, managerIds: managers.map((m) => m.id) };
        }),
        nextOffset: page.nextOffset,
      };
    },

    /** The org's superior, from its org chart (the only place staffing gives it); null at the top. */
    async readWorkdayOrgSuperior(input: { orgId: string }): Promise<string | null> {
      return (await workday.getOrgChart(input.orgId, call()))?.superior?.id ?? null;
    },

    /** A page of an org's members: [worker WID, job profile WID]. */
    async readWorkdayOrgMembersPage(input: { orgId: string; offset: number }): Promise<PageRead<WorkdayOrgMember>> {
      const page = await workday.getSupervisoryOrganizationMembersPage(input.orgId, { offset: input.offset }, call());
      return { items: page.items.map((m): WorkdayOrgMember => [m.worker.id, m.jobProfile?.id ?? null]), nextOffset: page.nextOffset };
    },

    /** A page of every worker Workday knows, terminated too: [worker WID, employee ID]. */
    async readWorkdayWorkerIdsPage(input: { offset: number }): Promise<PageRead<[string, string]>> {
      const page = await workday.getWorkersPage({ offset: input.offset }, { includeTerminated: true }, call());
      return { items: page.items.map((w): [string, string] => [w.id, w.workerId]), nextOffset: page.nextOffset };
    },

    /** A page of job profiles: [job profile WID, management level or null]. */
    async readWorkdayManagementLevelsPage(input: { offset: number }): Promise<PageRead<[string, string | null]>> {
      const page = await workday.getJobProfilesPage({ offset: input.offset }, call());
      return { items: page.items.map((p): [string, string | null] => [p.id, p.managementLevel?.descriptor ?? null]), nextOffset: page.nextOffset };
    },
  };
}
