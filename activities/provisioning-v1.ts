// Deprecated activities of employeeProvisioning v1 (before the `activities-decide` patch): several requests per activity.
// Kept registered only so runs started before that patch can finish; remove them with the v1 branch of the
// workflow once `make replay` finds no open run without the patch marker.
import { ApplicationFailure, log } from '@temporalio/activity';
import type { CoupaClient } from '../connectors/coupa';
import type { WorkdayClient } from '../connectors/workday';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { loadMappingFile } from '../infra/mapping-file';
import { approvalGroupChanges, coupaUserChanges, type MappingConfig } from '../mapping';
import type { CoupaUserPlan } from '../mapping/types';
import { toCoupaUserState, userWriteFields, businessRuleViolation } from './coupa-users';
import type { CoupaUserWrite } from '../connectors/coupa';
import type { WorkdayWorkerProfile } from '../mapping/types';

export type WorkdayWorkerReadingV1 = { status: 'active'; profile: WorkdayWorkerProfile } | { status: 'terminated' };

export function createWorkdayActivitiesV1(workday: WorkdayClient) {
  return {
    /** @deprecated v1: six requests in one activity. */
    async readWorkdayWorker(employeeId: string): Promise<WorkdayWorkerReadingV1> {
      const profile = await workday.getWorkerProfile(employeeId, { includeTerminated: false });
      if (profile) return { status: 'active', profile };
      if (await workday.findWorkerByEmployeeId(employeeId, { includeTerminated: true })) return { status: 'terminated' };
      throw ApplicationFailure.create({
        type: 'NotFound',
        nonRetryable: true,
        message: `Employee ${employeeId} was not found in Workday (active or terminated). Check the employee ID, then retry.`,
      });
    },
  };
}

export function createConfigActivitiesV1(mappingFile: string) {
  return {
    /** @deprecated v1: the whole mapping file went into the history on every loop. */
    async loadMappingConfig(): Promise<MappingConfig> {
      try {
        return loadMappingFile(mappingFile);
      } catch (err) {
        throw ApplicationFailure.create({ type: BusinessFailureTypes.MappingConfigError, nonRetryable: true, message: err instanceof Error ? err.message : String(err) });
      }
    },
  };
}

export function createCoupaActivitiesV1(coupa: CoupaClient) {
  return {
    /** @deprecated v1: lookups, a create or an update, in one activity. */
    async upsertCoupaUser(plan: CoupaUserPlan): Promise<{ userId: number; action: 'created' | 'updated' | 'unchanged'; changedFields: string[]; warnings: string[] }> {
      const warnings: string[] = [];
      let managerId: number | null = null;
      let managerKnown = true;
      if (plan.managerEmployeeNumber) {
        const manager = await coupa.findUserByEmployeeNumber(plan.managerEmployeeNumber);
        if (manager) managerId = manager.id;
        else {
          managerKnown = false;
          warnings.push(`Manager ${plan.managerEmployeeNumber} has no Coupa user yet; the manager field was left as it is. Provision the manager, then run this employee again.`);
        }
      }
      const fields = userWriteFields(plan, managerId);
      const existing = await coupa.findUserByEmployeeNumber(plan.employeeNumber);
      if (!existing) {
        const holder = await coupa.findUserByLogin(plan.login);
        if (holder) {
          throw businessRuleViolation(
            `The Coupa login of employee ${plan.employeeNumber} (from their work email) already belongs to Coupa user ${holder.id} (employee number ${holder['employee-number'] ?? 'none'}). Fix the login in Coupa or the work email in Workday, then retry.`,
          );
        }
        const body: CoupaUserWrite = Object.assign({}, ...Object.entries(fields).filter(([f]) => managerKnown || f !== 'managerEmployeeNumber').map(([, v]) => v));
        const created = await coupa.createUser(body);
        log.info('created Coupa user', { coupaUserId: created.id });
        return { userId: created.id, action: 'created', changedFields: Object.keys(fields), warnings };
      }
      const changes = coupaUserChanges(toCoupaUserState(existing), plan).filter((c) => managerKnown || c.field !== 'managerEmployeeNumber');
      if (changes.length === 0) return { userId: existing.id, action: 'unchanged', changedFields: [], warnings };
      const patch: CoupaUserWrite = Object.assign({}, ...changes.map((c) => fields[c.field] ?? {}));
      await coupa.updateUser(existing.id, patch);
      return { userId: existing.id, action: 'updated', changedFields: changes.map((c) => c.field), warnings };
    },

    /** @deprecated v1: every membership change in one activity. */
    async syncCoupaApprovalGroups(input: { userId: number; approvalGroups: string[]; managedApprovalGroups: string[] }): Promise<{ added: string[]; removed: string[] }> {
      const user = await coupa.getUser(input.userId);
      const current = [...(user['user-groups'] ?? []), ...(user['approval-groups'] ?? [])].map((g) => g.name ?? '').filter(Boolean);
      const { add, remove } = approvalGroupChanges([...new Set(current)], input);
      for (const name of add) {
        const group = await coupa.findUserGroupByName(name);
        if (!group) throw businessRuleViolation(`Approval group "${name}" does not exist in Coupa. Create it in Coupa or change approvalGroups in the mapping file, then retry.`);
        if ((await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: group.id })).length === 0) await coupa.addUserToGroup(input.userId, group.id);
      }
      for (const name of remove) {
        const group = await coupa.findUserGroupByName(name);
        if (!group) continue;
        for (const m of await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: group.id })) await coupa.removeUserGroupMembership(m.id);
      }
      return { added: add, removed: remove };
    },
  };
}
