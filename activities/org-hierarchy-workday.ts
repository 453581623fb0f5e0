// Workday reads of the org hierarchy sync: one page per activity, answered in the compact shapes the plan takes.
import { Context, heartbeat } from '@temporalio/activity';
import type { WorkdayClient } from '../connectors/workday';
import type { WorkdayOrgMember, WorkdayOrgReading } from '../mapping/org-hierarchy';

/**
 * Orgs per page. Each org of the page also needs its org chart (the superior is only there), so a
 * page is 1 + ORG_PAGE_SIZE requests: small enough that a retry repeats little and one attempt fits
 * its start-to-close timeout at Workday's ~10 requests per second.
 */
export const WORKDAY_ORG_PAGE_SIZE = 10;

/** One page of a read, and where the next one starts (null after the last). */
export interface PageRead<T> {
  items: T[];
  nextOffset: number | null;
}

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

export function createWorkdayOrgHierarchyActivities(workday: WorkdayClient) {
  return {
    /** A page of supervisory organizations, inactive ones too, each with its managers and superior. */
    async readWorkdaySupervisoryOrgsPage(input: { offset: number }): Promise<PageRead<WorkdayOrgReading>> {
      const page = await workday.getSupervisoryOrganizationsPage({ offset: input.offset, limit: WORKDAY_ORG_PAGE_SIZE }, { includeInactive: true }, call());
      const items: WorkdayOrgReading[] = [];
      for (const org of page.items) {
        const inactive = org.inactive === true;
        let superiorId: string | null = null;
        // An inactive org has nobody left to manage: its place in the chart no longer matters.
        if (!inactive) {
          heartbeat({ offset: input.offset, orgId: org.id });
          superiorId = (await workday.getOrgChart(org.id, call()))?.superior?.id ?? null;
        }
        const managers = org.managers ?? (org.manager ? [org.manager] : []);
        const code = org.code?.trim() || org.id;
        items.push({ id: org.id, code, name: org.name?.trim() || org.descriptor?.trim() || code, inactive, superiorId, managerIds: managers.map((m) => m.id) });
      }
      return { items, nextOffset: page.nextOffset };
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
