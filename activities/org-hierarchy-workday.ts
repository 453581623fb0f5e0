// Workday reads of the org hierarchy sync: one request per activity (a page, or one org's chart), answered in the compact shapes the plan takes.
import { Context } from '@temporalio/activity';
import type { WorkdayClient } from '../connectors/workday';
import type { WorkdayOrgMember, WorkdayOrgReading } from '../mapping/org-hierarchy';

/** One page of a read, and where the next one starts (null after the last). */
export interface PageRead<T> {
  items: T[];
  nextOffset: number | null;
}

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

export function createWorkdayOrgHierarchyActivities(workday: WorkdayClient) {
  return {
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
