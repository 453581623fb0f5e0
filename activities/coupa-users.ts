// Coupa steps of employee provisioning: each is one request, or one idempotent write with its lookup.
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { CoupaClient, CoupaUser, CoupaUserWrite } from '../connectors/coupa';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { approvalGroupChanges, coupaUserChanges } from '../mapping';
import type { CoupaUserPlan, CoupaUserState, MoneyLimit } from '../mapping/types';

export interface CoupaManagerLookup {
  /** Null when the worker has no manager, or the manager has no Coupa user yet. */
  managerId: number | null;
  /** False when Workday names a manager Coupa does not have: the manager field is then left alone. */
  managerKnown: boolean;
  warning: string | null;
}

export interface CoupaUserWriteInput {
  plan: CoupaUserPlan;
  manager: CoupaManagerLookup;
}

export interface CoupaUserWriteResult {
  userId: number;
  changedFields: string[];
}

export interface ApprovalGroupPlanInput {
  userId: number;
  approvalGroups: string[];
  managedApprovalGroups: string[];
}

export interface ApprovalGroupChange {
  userId: number;
  group: string;
}

const signal = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

/** A business rule the data breaks: the workflow parks on it instead of retrying. */
export function businessRuleViolation(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: BusinessFailureTypes.BusinessRuleViolation, message, nonRetryable: true });
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
export function userWriteFields(plan: CoupaUserPlan, managerId: number | null): Record<string, Partial<CoupaUserWrite>> {
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
    /** The Coupa user id of the worker's manager, found by employee number. */
    async findCoupaManager(managerEmployeeNumber: string | null): Promise<CoupaManagerLookup> {
      if (!managerEmployeeNumber) return { managerId: null, managerKnown: true, warning: null };
      const manager = await coupa.findUserByEmployeeNumber(managerEmployeeNumber, signal());
      if (manager) return { managerId: manager.id, managerKnown: true, warning: null };
      return {
        managerId: null,
        managerKnown: false,
        warning: `Manager ${managerEmployeeNumber} has no Coupa user yet; the manager field was left as it is. Provision the manager, then run this employee again.`,
      };
    },

    /** The Coupa user carrying this Workday employee ID (the cross-reference), or null. */
    async findCoupaUserId(employeeNumber: string): Promise<number | null> {
      return (await coupa.findUserByEmployeeNumber(employeeNumber, signal()))?.id ?? null;
    },

    /**
     * Creates the user. Idempotent: a user with this employee number (made by an earlier attempt
     * whose answer was lost) is returned, not duplicated; a login held by someone else parks the run.
     */
    async createCoupaUser(input: CoupaUserWriteInput): Promise<CoupaUserWriteResult> {
      const { plan, manager } = input;
      const already = await coupa.findUserByEmployeeNumber(plan.employeeNumber, signal());
      const fields = userWriteFields(plan, manager.managerId);
      const fieldNames = Object.keys(fields).filter((f) => manager.managerKnown || f !== 'managerEmployeeNumber');
      if (already) {
        log.info('Coupa user already exists: an earlier attempt created it', { coupaUserId: already.id });
        return { userId: already.id, changedFields: fieldNames };
      }
      const holder = await coupa.findUserByLogin(plan.login, signal());
      if (holder) {
        throw businessRuleViolation(
          // No login or email in the text: failure messages are stored in the history.
          `The Coupa login of employee ${plan.employeeNumber} (from their work email) already belongs to Coupa user ${holder.id} (employee number ${holder['employee-number'] ?? 'none'}). Fix the login in Coupa or the work email in Workday, then retry.`,
        );
      }
      const body: CoupaUserWrite = Object.assign({}, ...fieldNames.map((f) => fields[f]));
      const created = await coupa.createUser(body, signal());
      log.info('created Coupa user', { coupaUserId: created.id, fields: fieldNames });
      return { userId: created.id, changedFields: fieldNames };
    },

    /** Reads the user and writes only the fields that differ from the plan (nothing when none do). */
    async updateCoupaUser(input: CoupaUserWriteInput & { userId: number }): Promise<CoupaUserWriteResult> {
      const { plan, manager, userId } = input;
      const existing = await coupa.getUser(userId, signal());
      const changes = coupaUserChanges(toCoupaUserState(existing), plan).filter((c) => manager.managerKnown || c.field !== 'managerEmployeeNumber');
      if (changes.length === 0) return { userId, changedFields: [] };
      const fields = userWriteFields(plan, manager.managerId);
      const patch: CoupaUserWrite = Object.assign({}, ...changes.map((c) => fields[c.field] ?? {}));
      await coupa.updateUser(userId, patch, signal());
      log.info('updated Coupa user', { coupaUserId: userId, fields: changes.map((c) => c.field) });
      return { userId, changedFields: changes.map((c) => c.field) };
    },

    /** Which approval-group memberships to add and remove, among the groups the mapping manages. */
    async planCoupaApprovalGroupChanges(input: ApprovalGroupPlanInput): Promise<{ add: string[]; remove: string[] }> {
      const user = await coupa.getUser(input.userId, signal());
      const current = [...(user['user-groups'] ?? []), ...(user['approval-groups'] ?? [])].map((g) => g.name ?? '').filter(Boolean);
      return approvalGroupChanges([...new Set(current)], { approvalGroups: input.approvalGroups, managedApprovalGroups: input.managedApprovalGroups });
    },

    /** Adds the membership unless it exists (a retry after a lost answer finds it). */
    async addCoupaUserToApprovalGroup(input: ApprovalGroupChange): Promise<{ added: boolean }> {
      const group = await coupa.findUserGroupByName(input.group, signal());
      if (!group) {
        throw businessRuleViolation(`Approval group "${input.group}" does not exist in Coupa. Create it in Coupa or change approvalGroups in the mapping file, then retry.`);
      }
      const memberships = await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: group.id }, signal());
      if (memberships.length > 0) return { added: false };
      await coupa.addUserToGroup(input.userId, group.id, signal());
      log.info('added Coupa user to approval group', { coupaUserId: input.userId, userGroupId: group.id });
      return { added: true };
    },

    /** Removes every membership of the user in the group (none left = nothing to do). */
    async removeCoupaUserFromApprovalGroup(input: ApprovalGroupChange): Promise<{ removed: number }> {
      const group = await coupa.findUserGroupByName(input.group, signal());
      if (!group) return { removed: 0 };
      const memberships = await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: group.id }, signal());
      for (const m of memberships) await coupa.removeUserGroupMembership(m.id, signal());
      if (memberships.length) log.info('removed Coupa user from approval group', { coupaUserId: input.userId, userGroupId: group.id });
      return { removed: memberships.length };
    },
  };
}
