// Coupa activities of employee provisioning: idempotent create-or-update of a user and its approval groups.
import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { CoupaClient } from '../connectors/coupa';
import type { CoupaUser, CoupaUserWrite } from '../connectors/coupa';
import { coupaUserChanges, approvalGroupChanges } from '../mapping';
import type { CoupaUserPlan, CoupaUserState, MoneyLimit } from '../mapping/types';

export interface CoupaUserUpsertResult {
  userId: number;
  action: 'created' | 'updated' | 'unchanged';
  changedFields: string[];
  warnings: string[];
}

export interface ApprovalGroupSyncInput {
  userId: number;
  approvalGroups: string[];
  managedApprovalGroups: string[];
}

export interface ApprovalGroupSyncResult {
  added: string[];
  removed: string[];
}

/** A business rule the data breaks: the workflow parks on it instead of retrying. */
function businessRuleViolation(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'BusinessRuleViolation', message, nonRetryable: true });
}

function limitOf(limit: CoupaUser['requisition-approval-limit']): MoneyLimit | null {
  if (!limit || limit.amount == null) return null;
  return { amount: String(limit.amount), currency: limit.currency?.code ?? '' };
}

/** Normalises Coupa's JSON into the shape the mapping compares with a plan. */
export function toCoupaUserState(user: CoupaUser): CoupaUserState {
  return {
    id: user.id,
    employeeNumber: user['employee-number'] ?? null,
    login: user.login ?? '',
    email: user.email ?? '',
    firstname: user.firstname ?? '',
    lastname: user.lastname ?? '',
    active: user.active ?? false,
    managerEmployeeNumber: user.manager?.['employee-number'] ?? null,
    defaultAccountCode: user['default-account']?.code ?? null,
    defaultAccountTypeName: user['default-account']?.['account-type']?.name ?? null,
    defaultCurrency: user['default-currency']?.code ?? null,
    requisitionApprovalLimit: limitOf(user['requisition-approval-limit']),
    invoiceApprovalLimit: limitOf(user['invoice-approval-limit']),
    roles: (user.roles ?? []).map((r) => r.name ?? '').filter(Boolean),
  };
}

const limitBody = (limit: MoneyLimit | null) => (limit ? { amount: limit.amount, currency: { code: limit.currency } } : null);

/** The fields of a Coupa user write, by the plan field they come from. */
function userWriteFields(plan: CoupaUserPlan, managerId: number | null): Record<string, Partial<CoupaUserWrite>> {
  return {
    login: { login: plan.login },
    email: { email: plan.email },
    firstname: { firstname: plan.firstname },
    lastname: { lastname: plan.lastname },
    employeeNumber: { 'employee-number': plan.employeeNumber },
    active: { active: true },
    managerEmployeeNumber: { manager: managerId === null ? null : { id: managerId } },
    defaultAccount: {
      'default-account': { code: plan.defaultAccount.code, 'account-type': { name: plan.defaultAccount.accountTypeName } },
      'default-account-type': { name: plan.defaultAccount.accountTypeName },
    },
    defaultCurrency: { 'default-currency': { code: plan.defaultCurrency } },
    requisitionApprovalLimit: { 'requisition-approval-limit': limitBody(plan.requisitionApprovalLimit) },
    invoiceApprovalLimit: { 'invoice-approval-limit': limitBody(plan.invoiceApprovalLimit) },
    roles: { roles: plan.roles.map((name) => ({ name })) },
  };
}

export function createCoupaUserActivities(coupa: CoupaClient) {
  return {
    /**
     * Finds the user by employee number (the Workday reference) and creates it, or writes only the
     * fields that differ. Safe to repeat: a retry after a crash finds the user it created.
     */
    async upsertCoupaUser(plan: CoupaUserPlan): Promise<CoupaUserUpsertResult> {
      const warnings: string[] = [];
      let managerId: number | null = null;
      let managerKnown = true;
      if (plan.managerEmployeeNumber) {
        const manager = await coupa.findUserByEmployeeNumber(plan.managerEmployeeNumber);
        if (manager) managerId = manager.id;
        else {
          managerKnown = false;
          warnings.push(
            `Manager ${plan.managerEmployeeNumber} has no Coupa user yet; the manager field was left as it is. Provision the manager, then run this employee again.`,
          );
        }
      }
      const fields = userWriteFields(plan, managerId);

      const existing = await coupa.findUserByEmployeeNumber(plan.employeeNumber);
      if (!existing) {
        const holder = await coupa.findUserByLogin(plan.login);
        if (holder) {
          throw businessRuleViolation(
            // No login or email in the text: failure messages are stored in the history unencrypted.
            `The Coupa login of employee ${plan.employeeNumber} (from their work email) already belongs to Coupa user ${holder.id} (employee number ${holder['employee-number'] ?? 'none'}). Fix the login in Coupa or the work email in Workday, then retry.`,
          );
        }
        const body: CoupaUserWrite = Object.assign(
          {},
          ...Object.entries(fields)
            .filter(([field]) => managerKnown || field !== 'managerEmployeeNumber')
            .map(([, v]) => v),
        );
        const created = await coupa.createUser(body);
        log.info('created Coupa user', { coupaUserId: created.id, employeeNumber: plan.employeeNumber });
        return { userId: created.id, action: 'created', changedFields: Object.keys(fields), warnings };
      }

      const changes = coupaUserChanges(toCoupaUserState(existing), plan).filter(
        (c) => managerKnown || c.field !== 'managerEmployeeNumber',
      );
      if (changes.length === 0) return { userId: existing.id, action: 'unchanged', changedFields: [], warnings };
      const patch: CoupaUserWrite = Object.assign({}, ...changes.map((c) => fields[c.field] ?? {}));
      await coupa.updateUser(existing.id, patch);
      log.info('updated Coupa user', { coupaUserId: existing.id, employeeNumber: plan.employeeNumber, fields: changes.map((c) => c.field) });
      return { userId: existing.id, action: 'updated', changedFields: changes.map((c) => c.field), warnings };
    },

    /** Adds the missing approval-group memberships and removes the stale ones among the groups the mapping manages. */
    async syncCoupaApprovalGroups(input: ApprovalGroupSyncInput): Promise<ApprovalGroupSyncResult> {
      const user = await coupa.getUser(input.userId);
      const current = [...(user['user-groups'] ?? []), ...(user['approval-groups'] ?? [])]
        .map((g) => g.name ?? '')
        .filter(Boolean);
      const { add, remove } = approvalGroupChanges([...new Set(current)], {
        approvalGroups: input.approvalGroups,
        managedApprovalGroups: input.managedApprovalGroups,
      });
      for (const name of add) {
        const group = await coupa.findUserGroupByName(name);
        if (!group) {
          throw businessRuleViolation(
            `Approval group "${name}" does not exist in Coupa. Create it in Coupa or change approvalGroups in the mapping file, then retry.`,
          );
        }
        const memberships = await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: group.id });
        if (memberships.length === 0) {
          await coupa.addUserToGroup(input.userId, group.id);
          log.info('added Coupa user to approval group', { coupaUserId: input.userId, group: name });
        }
      }
      for (const name of remove) {
        const group = await coupa.findUserGroupByName(name);
        if (!group) continue;
        const memberships = await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: group.id });
        for (const m of memberships) await coupa.removeUserGroupMembership(m.id);
        if (memberships.length) log.info('removed Coupa user from approval group', { coupaUserId: input.userId, group: name });
      }
      return { added: add, removed: remove };
    },
  };
}
