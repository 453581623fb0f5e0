// Read-only Coupa step of the provisioning preview: what a provisioning run would write for a plan, with personal values masked; it never writes.
import { Context } from '@temporalio/activity';
import type { CoupaClient } from '../connectors/coupa';
import { approvalGroupChanges, coupaUserChanges } from '../mapping';
import type { CoupaUserField, CoupaUserFieldValue } from '../mapping/coupa-user-changes';
import type { CoupaUserPlan } from '../mapping/types';
import { toCoupaUserState, type CoupaManagerLookup } from './coupa-users';

/** Fields whose values are personal data: the preview says they change, never what to. */
const PERSONAL_FIELDS: ReadonlySet<CoupaUserField> = new Set(['login', 'email', 'firstname', 'lastname']);
export const MASKED = '(personal data, masked)';

export interface PreviewFieldChange {
  field: CoupaUserField;
  from: CoupaUserFieldValue;
  to: CoupaUserFieldValue;
}

export interface CoupaUserPreview {
  /** What provisioning would do to the Coupa user. */
  userAction: 'create' | 'update' | 'none';
  coupaUserId: number | null;
  fieldChanges: PreviewFieldChange[];
  approvalGroups: { add: string[]; remove: string[] };
  /** What would stop or limit the run (a missing approval group parks it; an unknown manager leaves the field empty). */
  problems: string[];
}

const mask = (field: CoupaUserField, value: CoupaUserFieldValue): CoupaUserFieldValue => (PERSONAL_FIELDS.has(field) && value !== null && value !== '' ? MASKED : value);

export function createProvisioningPreviewActivities(coupa: CoupaClient) {
  const signal = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });
  return {
    /** Compares the plan with the Coupa user as it is (GET requests only): the same comparison updateCoupaUser makes before it writes. */
    async previewCoupaUserChanges(input: { plan: CoupaUserPlan; manager: CoupaManagerLookup; userId: number | null }): Promise<CoupaUserPreview> {
      const { plan, manager, userId } = input;
      const problems: string[] = [];
      if (manager.warning) problems.push(manager.warning);
      let fieldChanges: PreviewFieldChange[];
      let groups: { add: string[]; remove: string[] };
      if (userId === null) {
        const created: Array<[CoupaUserField, CoupaUserFieldValue]> = [
          ['employeeNumber', plan.employeeNumber],
          ['login', plan.login],
          ['email', plan.email],
          ['firstname', plan.firstname],
          ['lastname', plan.lastname],
          ['active', true],
          ['managerEmployeeNumber', manager.managerKnown ? plan.managerEmployeeNumber : null],
          ['defaultAccount', { accountTypeName: plan.defaultAccount.accountTypeName, code: plan.defaultAccount.code }],
          ['defaultCurrency', plan.defaultCurrency],
          ['requisitionApprovalLimit', plan.requisitionApprovalLimit],
          ['invoiceApprovalLimit', plan.invoiceApprovalLimit],
          ['roles', plan.roles],
        ];
        fieldChanges = created.map(([field, to]) => ({ field, from: null, to }));
        groups = approvalGroupChanges([], plan);
      } else {
        const user = await coupa.getUser(userId, signal());
        fieldChanges = coupaUserChanges(toCoupaUserState(user), plan).filter((c) => manager.managerKnown || c.field !== 'managerEmployeeNumber');
        const current = [...(user['user-groups'] ?? []), ...(user['approval-groups'] ?? [])].map((g) => g.name ?? '').filter(Boolean);
        groups = approvalGroupChanges([...new Set(current)], plan);
      }
      for (const group of groups.add) {
        if (!(await coupa.findUserGroupByName(group, signal()))) problems.push(`approval group "${group}" does not exist in Coupa: the run would park (data) until it is created or the mapping changes`);
      }
      const userAction = userId === null ? 'create' : fieldChanges.length > 0 ? 'update' : 'none';
      return {
        userAction,
        coupaUserId: userId,
        fieldChanges: fieldChanges.map((c) => ({ field: c.field, from: mask(c.field, c.from), to: mask(c.field, c.to) })),
        approvalGroups: groups,
        problems,
      };
    },
  };
}
