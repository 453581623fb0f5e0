// Renders store records the way Coupa's JSON API shows them: hyphenated keys, nested association objects, money strings.
import type {
  AccountRecord,
  AccountTypeRecord,
  ApprovalLimitRecord,
  CoupaStore,
  CurrencyRecord,
  DepartmentRecord,
  LookupRecord,
  LookupValueRecord,
  RoleRecord,
  UserGroupMembershipRecord,
  UserGroupRecord,
  UserRecord,
} from './store.js';
import { formatTimestamp, type Json, type JsonObject } from './wire.js';
import { storedRefCode } from './resources/lookup-values/config.js';

export const ACCOUNT_CODE_SEPARATOR = '-';
/** Separator of the ref-num path in a lookup value's `external-ref-code` [U]: chosen to match account codes. */
export const LOOKUP_PATH_SEPARATOR = '-';

export function accountCode(account: Pick<AccountRecord, 'segments'>): string {
  return account.segments.filter((s): s is string => s !== null && s !== '').join(ACCOUNT_CODE_SEPARATOR);
}

function stamps(row: { createdAt: number; updatedAt: number }): JsonObject {
  return { 'created-at': formatTimestamp(row.createdAt), 'updated-at': formatTimestamp(row.updatedAt) };
}

// Stubs: the shape an association takes when embedded in another record.

export function userStub(user: UserRecord): JsonObject {
  return {
    id: user.id,
    login: user.login,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    'employee-number': user.employeeNumber,
  };
}

export function currencyStub(currency: CurrencyRecord | undefined): JsonObject | null {
  return currency ? { id: currency.id, code: currency.code } : null;
}

function accountTypeStub(type: AccountTypeRecord | undefined): JsonObject | null {
  return type ? { id: type.id, name: type.name } : null;
}

export function accountStub(store: CoupaStore, account: AccountRecord): JsonObject {
  return {
    id: account.id,
    name: account.name,
    code: accountCode(account),
    active: account.active,
    'account-type': accountTypeStub(store.accountTypes.get(account.accountTypeId)),
  };
}

export function approvalLimitStub(store: CoupaStore, limit: ApprovalLimitRecord): JsonObject {
  return {
    id: limit.id,
    name: limit.name,
    amount: limit.amount,
    subject: limit.subject,
    currency: currencyStub(store.currencies.get(limit.currencyId)),
  };
}

function groupStub(group: UserGroupRecord): JsonObject {
  return { id: group.id, name: group.name };
}

function byId<T>(ids: (number | null)[], get: (id: number) => T | undefined): T[] {
  return ids.flatMap((id) => {
    if (id === null) return [];
    const row = get(id);
    return row === undefined ? [] : [row];
  });
}

// Full records.

export function renderUser(store: CoupaStore, user: UserRecord): JsonObject {
  const manager = user.managerId === null ? undefined : store.users.get(user.managerId);
  const account = user.defaultAccountId === null ? undefined : store.accounts.get(user.defaultAccountId);
  const accountType = user.defaultAccountTypeId === null ? undefined : store.accountTypes.get(user.defaultAccountTypeId);
  const currency = user.defaultCurrencyId === null ? undefined : store.currencies.get(user.defaultCurrencyId);
  const department = user.departmentId === null ? undefined : store.departments.get(user.departmentId);
  const reqLimit =
    user.requisitionApprovalLimitId === null ? undefined : store.approvalLimits.get(user.requisitionApprovalLimitId);
  const invLimit = user.invoiceApprovalLimitId === null ? undefined : store.approvalLimits.get(user.invoiceApprovalLimitId);
  // Group lists are derived from membership records, so adding a membership shows up on the user at once.
  const groups = byId(
    store.membershipsOfUser(user.id).map((m) => m.userGroupId),
    (id) => store.userGroups.get(id),
  ).sort((a, b) => a.id - b.id);
  return {
    id: user.id,
    ...stamps(user),
    login: user.login,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    fullname: `${user.firstname} ${user.lastname}`,
    'employee-number': user.employeeNumber,
    active: user.active,
    'purchasing-user': user.purchasingUser,
    'expense-user': user.expenseUser,
    'sso-identifier': user.ssoIdentifier,
    manager: manager ? userStub(manager) : null,
    'default-account': account ? accountStub(store, account) : null,
    'default-account-type': accountTypeStub(accountType),
    'default-currency': currencyStub(currency),
    department: department ? { id: department.id, name: department.name } : null,
    'requisition-approval-limit': reqLimit ? approvalLimitStub(store, reqLimit) : null,
    'invoice-approval-limit': invLimit ? approvalLimitStub(store, invLimit) : null,
    roles: byId(user.roleIds, (id) => store.roles.get(id)).map(
      (r): Json => ({ id: r.id, name: r.name, description: r.description }),
    ),
    'user-groups': groups.map(groupStub),
    'approval-groups': groups.filter((g) => g.canApprove).map(groupStub),
  };
}

export function renderUserGroup(store: CoupaStore, group: UserGroupRecord): JsonObject {
  const owner = group.ownerId === null ? undefined : store.users.get(group.ownerId);
  const members = byId(
    store.membershipsOfGroup(group.id).map((m) => m.userId),
    (id) => store.users.get(id),
  ).sort((a, b) => a.id - b.id);
  return {
    id: group.id,
    ...stamps(group),
    name: group.name,
    description: group.description,
    active: group.active,
    'can-approve': group.canApprove,
    owner: owner ? userStub(owner) : null,
    users: members.map(userStub),
  };
}

export function renderMembership(membership: UserGroupMembershipRecord): JsonObject {
  return {
    id: membership.id,
    ...stamps(membership),
    'user-id': membership.userId,
    'user-group-id': membership.userGroupId,
    owner: membership.owner,
    participant: membership.participant,
  };
}

export function renderLookup(lookup: LookupRecord): JsonObject {
  return {
    id: lookup.id,
    ...stamps(lookup),
    name: lookup.name,
    description: lookup.description,
    active: lookup.active,
  };
}

/** Ref-num path from the root, guarding against a parent cycle (the write path refuses them, this is belt and braces). */
export function lookupValuePath(store: CoupaStore, value: LookupValueRecord): LookupValueRecord[] {
  const path: LookupValueRecord[] = [value];
  const seen = new Set([value.id]);
  let current = value;
  while (current.parentId !== null) {
    const parent = store.lookupValues.get(current.parentId);
    if (!parent || seen.has(parent.id)) break;
    seen.add(parent.id);
    path.unshift(parent);
    current = parent;
  }
  return path;
}

export function externalRefCode(store: CoupaStore, value: LookupValueRecord): string {
  const stored = storedRefCode(store, value);
  if (stored !== undefined) return stored;
  return lookupValuePath(store, value)
    .map((v) => v.externalRefNum ?? '')
    .join(LOOKUP_PATH_SEPARATOR);
}

export function renderLookupValue(store: CoupaStore, value: LookupValueRecord): JsonObject {
  const lookup = store.lookups.get(value.lookupId);
  const parent = value.parentId === null ? undefined : store.lookupValues.get(value.parentId);
  const accountType = value.accountTypeId === null ? undefined : store.accountTypes.get(value.accountTypeId);
  return {
    id: value.id,
    ...stamps(value),
    name: value.name,
    description: value.description,
    active: value.active,
    'external-ref-num': value.externalRefNum,
    'external-ref-code': externalRefCode(store, value),
    depth: lookupValuePath(store, value).length,
    'is-default': value.isDefault,
    lookup: lookup ? { id: lookup.id, name: lookup.name } : null,
    parent: parent
      ? { id: parent.id, name: parent.name, 'external-ref-num': parent.externalRefNum, 'external-ref-code': externalRefCode(store, parent) }
      : null,
    'account-type': accountTypeStub(accountType),
  };
}

export function renderAccountType(store: CoupaStore, type: AccountTypeRecord): JsonObject {
  const currency = type.currencyId === null ? undefined : store.currencies.get(type.currencyId);
  return {
    id: type.id,
    ...stamps(type),
    name: type.name,
    active: type.active,
    currency: currencyStub(currency),
    'dynamic-flag': type.dynamicFlag,
  };
}

export function renderAccount(store: CoupaStore, account: AccountRecord): JsonObject {
  const segments: JsonObject = {};
  account.segments.forEach((value, index) => {
    segments[`segment-${index + 1}`] = value;
  });
  return {
    id: account.id,
    ...stamps(account),
    name: account.name,
    code: accountCode(account),
    active: account.active,
    'account-type': accountTypeStub(store.accountTypes.get(account.accountTypeId)),
    ...segments,
  };
}

export function renderRole(role: RoleRecord): JsonObject {
  return { id: role.id, ...stamps(role), name: role.name, description: role.description };
}

export function renderApprovalLimit(store: CoupaStore, limit: ApprovalLimitRecord): JsonObject {
  return { ...approvalLimitStub(store, limit), ...stamps(limit) };
}

export function renderCurrency(currency: CurrencyRecord): JsonObject {
  return { id: currency.id, ...stamps(currency), code: currency.code, decimals: currency.decimals, enabled: currency.enabled };
}

export function renderDepartment(department: DepartmentRecord): JsonObject {
  return { id: department.id, ...stamps(department), name: department.name, active: department.active };
}
