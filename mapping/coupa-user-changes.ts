// Compares a Coupa user with its plan: which fields and approval-group memberships provisioning has to write (pure).
import type { CoupaUserPlan, CoupaUserState, MoneyLimit } from './types';
import { sortedUnique } from './employee-to-coupa-user';

export type CoupaUserField =
  | 'employeeNumber'
  | 'login'
  | 'email'
  | 'firstname'
  | 'lastname'
  | 'active'
  | 'managerEmployeeNumber'
  | 'defaultAccount'
  | 'defaultCurrency'
  | 'requisitionApprovalLimit'
  | 'invoiceApprovalLimit'
  | 'roles';

export interface DefaultAccountRef {
  accountTypeName: string | null;
  code: string | null;
}

export type CoupaUserFieldValue = string | boolean | string[] | MoneyLimit | DefaultAccountRef | null;

/** One field provisioning must write: what Coupa has now and what the plan wants. */
export interface CoupaUserFieldChange {
  field: CoupaUserField;
  from: CoupaUserFieldValue;
  to: CoupaUserFieldValue;
}

export interface ApprovalGroupChanges {
  add: string[];
  remove: string[];
}

/**
 * The fields in which the Coupa user differs from the plan; empty means nothing to write.
 * Money compares as decimals ("5000" = "5000.00"), roles as sets, emails and logins ignoring case,
 * names after Unicode normalisation (so "é" typed two ways is one name). The user must be active.
 */
export function coupaUserChanges(current: CoupaUserState, plan: CoupaUserPlan): CoupaUserFieldChange[] {
  const changes: CoupaUserFieldChange[] = [];
  const note = (field: CoupaUserField, from: CoupaUserFieldValue, to: CoupaUserFieldValue, same: boolean): void => {
    if (!same) changes.push({ field, from, to });
  };

  note('employeeNumber', current.employeeNumber, plan.employeeNumber, current.employeeNumber === plan.employeeNumber);
  note('login', current.login, plan.login, sameIgnoringCase(current.login, plan.login));
  note('email', current.email, plan.email, sameIgnoringCase(current.email, plan.email));
  note('firstname', current.firstname, plan.firstname, sameName(current.firstname, plan.firstname));
  note('lastname', current.lastname, plan.lastname, sameName(current.lastname, plan.lastname));
  note('active', current.active, true, current.active);
  note(
    'managerEmployeeNumber',
    current.managerEmployeeNumber,
    plan.managerEmployeeNumber,
    current.managerEmployeeNumber === plan.managerEmployeeNumber,
  );
  const currentAccount: DefaultAccountRef = {
    accountTypeName: current.defaultAccountTypeName,
    code: current.defaultAccountCode,
  };
  const plannedAccount: DefaultAccountRef = {
    accountTypeName: plan.defaultAccount.accountTypeName,
    code: plan.defaultAccount.code,
  };
  note(
    'defaultAccount',
    currentAccount,
    plannedAccount,
    currentAccount.code === plannedAccount.code && currentAccount.accountTypeName === plannedAccount.accountTypeName,
  );
  note('defaultCurrency', current.defaultCurrency, plan.defaultCurrency, current.defaultCurrency === plan.defaultCurrency);
  note(
    'requisitionApprovalLimit',
    current.requisitionApprovalLimit,
    plan.requisitionApprovalLimit,
    sameMoney(current.requisitionApprovalLimit, plan.requisitionApprovalLimit),
  );
  note(
    'invoiceApprovalLimit',
    current.invoiceApprovalLimit,
    plan.invoiceApprovalLimit,
    sameMoney(current.invoiceApprovalLimit, plan.invoiceApprovalLimit),
  );
  const currentRoles = sortedUnique(current.roles);
  const plannedRoles = sortedUnique(plan.roles);
  note('roles', currentRoles, plannedRoles, sameList(currentRoles, plannedRoles));
  return changes;
}

/**
 * Approval-group memberships to add and remove. Only groups the mapping manages are ever removed:
 * memberships someone granted by hand in Coupa outside the mapping file are left alone.
 */
export function approvalGroupChanges(
  currentGroups: readonly string[],
  plan: Pick<CoupaUserPlan, 'approvalGroups' | 'managedApprovalGroups'>,
): ApprovalGroupChanges {
  const current = new Set(currentGroups);
  const planned = new Set(plan.approvalGroups);
  const managed = new Set(plan.managedApprovalGroups);
  return {
    add: sortedUnique(plan.approvalGroups.filter((group) => !current.has(group))),
    remove: sortedUnique(currentGroups.filter((group) => managed.has(group) && !planned.has(group))),
  };
}

/** True when two decimal strings are the same number ("5000" and "5000.00"); non-decimals compare as text. */
export function sameDecimal(a: string, b: string): boolean {
  const left = canonicalDecimal(a);
  const right = canonicalDecimal(b);
  return left !== null && right !== null ? left === right : a.trim() === b.trim();
}

function canonicalDecimal(value: string): string | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const whole = (match[2] ?? '').replace(/^0+/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const magnitude = fraction ? `${whole}.${fraction}` : whole;
  return match[1] === '-' && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

function sameMoney(a: MoneyLimit | null, b: MoneyLimit | null): boolean {
  if (a === null || b === null) return a === b;
  return a.currency.toUpperCase() === b.currency.toUpperCase() && sameDecimal(a.amount, b.amount);
}

function sameIgnoringCase(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function sameName(a: string, b: string): boolean {
  return a.normalize('NFC') === b.normalize('NFC');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
