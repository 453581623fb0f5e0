// Users: Coupa's validation rules, natural-key references (manager, account, currency, roles, approval limits) and group lists from memberships.
import { approvalLimitName } from './seed.js';
import {
  readReference,
  readReferenceList,
  resolveReference,
  unresolvedMessage,
  type CoupaReferenceKinds,
  type ReferenceKind,
} from './references.js';
import type { ResourceDefinition } from './resource.js';
import { setUserMemberships } from './routes-groups.js';
import type { ApprovalLimitRecord, ApprovalLimitSubject, CoupaStore, Draft, UserRecord } from './store.js';
import { renderApprovalLimit, renderUser } from './views.js';
import {
  formatMoney,
  hyphenateKeys,
  isBlank,
  isJsonObject,
  isNumericString,
  readBoolean,
  readString,
  validationError,
  type JsonObject,
} from './wire.js';

export const USER_ATTRIBUTES = [
  'id',
  'created-at',
  'updated-at',
  'login',
  'email',
  'firstname',
  'lastname',
  'fullname',
  'employee-number',
  'active',
  'purchasing-user',
  'expense-user',
  'sso-identifier',
  'manager',
  'default-account',
  'default-account-type',
  'default-currency',
  'department',
  'requisition-approval-limit',
  'invoice-approval-limit',
  'roles',
  'user-groups',
  'approval-groups',
] as const;

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Either an existing approval limit's id, or one to create once the whole user is known to be valid. */
type LimitChoice = number | null | undefined | { create: Draft<ApprovalLimitRecord> };

const APPROVAL_LIMIT_KIND = (store: CoupaStore): ReferenceKind => ({
  label: 'ApprovalLimit',
  keySets: [['id'], ['amount', 'currency']],
  candidates: () => store.approvalLimits.all().map((l) => renderApprovalLimit(store, l)),
});

/**
 * `{id}` picks an existing limit; `{amount, currency:{code}}` finds or creates one for the subject.
 * Unconfirmed: Coupa's exact input shape for approval limits on a user (the reference only lists the output).
 */
function resolveApprovalLimit(
  store: CoupaStore,
  kinds: CoupaReferenceKinds,
  raw: unknown,
  subject: ApprovalLimitSubject,
  fallbackCurrencyId: number | null,
  problems: string[],
): LimitChoice {
  if (raw === undefined || raw === null) return raw;
  const kind = APPROVAL_LIMIT_KIND(store);
  const sent = hyphenateKeys(raw);
  if (!isJsonObject(sent)) {
    problems.push(unresolvedMessage(kind, raw));
    return undefined;
  }
  if (sent.amount === undefined || sent.amount === null) {
    const id = resolveReference({ ...kind, keySets: [['id']] }, sent, problems);
    if (typeof id !== 'number') return undefined;
    const limit = store.approvalLimits.get(id);
    if (limit && limit.subject !== subject) {
      problems.push(`Approval limit ${id} is for ${limit.subject}, not ${subject}`);
      return undefined;
    }
    return id;
  }
  const amountText = typeof sent.amount === 'number' ? String(sent.amount) : typeof sent.amount === 'string' ? sent.amount : '';
  if (!isNumericString(amountText) || Number(amountText) < 0) {
    problems.push(`Approval limit amount '${String(sent.amount)}' is not a number`);
    return undefined;
  }
  let currencyId: number | null | undefined = fallbackCurrencyId;
  if (sent.currency !== undefined) currencyId = resolveReference(kinds.currency, sent.currency, problems);
  else if (sent['currency-id'] !== undefined) currencyId = resolveReference(kinds.currency, { id: sent['currency-id'] }, problems);
  if (currencyId === undefined) return undefined;
  if (currencyId === null) currencyId = store.findCurrencyByCode('USD')?.id ?? null;
  if (currencyId === null) return undefined;
  const amount = formatMoney(amountText);
  const existing = store.approvalLimits
    .all()
    .find((l) => l.subject === subject && l.amount === amount && l.currencyId === currencyId);
  if (existing) return existing.id;
  const code = store.currencies.get(currencyId)?.code ?? '';
  return { create: { name: approvalLimitName(subject, amount, code), amount, subject, currencyId } };
}

function commitLimit(store: CoupaStore, choice: LimitChoice, current: number | null): number | null {
  if (choice === undefined) return current;
  if (choice === null || typeof choice === 'number') return choice;
  return store.approvalLimits.insert(choice.create, store.now()).id;
}

/** Applies a POST or PUT body; throws 400 with every problem found, Rails-style, before changing anything. */
function writeUser(store: CoupaStore, kinds: CoupaReferenceKinds, existing: UserRecord | undefined, body: JsonObject): number {
  const problems: string[] = [];
  const login = readString(body, 'login', 'Login', problems);
  const email = readString(body, 'email', 'Email', problems);
  const firstname = readString(body, 'firstname', 'Firstname', problems);
  const lastname = readString(body, 'lastname', 'Lastname', problems);
  const employeeNumber = readString(body, 'employee-number', 'Employee number', problems);
  const ssoIdentifier = readString(body, 'sso-identifier', 'Sso identifier', problems);
  const active = readBoolean(body, 'active', 'Active', problems);
  const purchasingUser = readBoolean(body, 'purchasing-user', 'Purchasing user', problems);
  const expenseUser = readBoolean(body, 'expense-user', 'Expense user', problems);

  const managerId = readReference(body, 'manager', kinds.user, problems);
  const defaultAccountId = readReference(body, 'default-account', kinds.account, problems);
  const defaultAccountTypeId = readReference(body, 'default-account-type', kinds.accountType, problems);
  const defaultCurrencyId = readReference(body, 'default-currency', kinds.currency, problems);
  const departmentId = readReference(body, 'department', kinds.department, problems);
  const roleIds = readReferenceList(body, 'roles', kinds.role, problems);
  const userGroupIds = readReferenceList(body, 'user-groups', kinds.userGroup, problems);
  const approvalGroupIds = readReferenceList(body, 'approval-groups', kinds.userGroup, problems);

  const currencyForLimits =
    (typeof defaultCurrencyId === 'number' ? defaultCurrencyId : null) ?? existing?.defaultCurrencyId ?? null;
  const reqLimit = resolveApprovalLimit(
    store,
    kinds,
    body['requisition-approval-limit'],
    'RequisitionHeader',
    currencyForLimits,
    problems,
  );
  const invLimit = resolveApprovalLimit(store, kinds, body['invoice-approval-limit'], 'InvoiceHeader', currencyForLimits, problems);

  const final = <T>(sent: T | undefined, current: T | undefined): T | undefined => (sent === undefined ? current : sent);
  const finalLogin = final(login, existing?.login);
  const finalEmail = final(email, existing?.email);
  const finalFirst = final(firstname, existing?.firstname);
  const finalLast = final(lastname, existing?.lastname);
  const finalEmployeeNumber = final(employeeNumber, existing?.employeeNumber ?? null) ?? null;

  if (isBlank(finalLogin)) problems.push("Login can't be blank");
  if (isBlank(finalEmail)) problems.push("Email can't be blank");
  else if (!EMAIL.test(finalEmail ?? '')) problems.push('Email is invalid');
  if (isBlank(finalFirst)) problems.push("Firstname can't be blank");
  if (isBlank(finalLast)) problems.push("Lastname can't be blank");

  const others = store.users.all().filter((u) => u.id !== existing?.id);
  // Uniqueness ignores case for login and email, as Coupa's sign-in does [U].
  if (!isBlank(finalLogin) && others.some((u) => u.login.toLowerCase() === finalLogin?.toLowerCase())) {
    problems.push('Login has already been taken');
  }
  if (!isBlank(finalEmail) && others.some((u) => u.email.toLowerCase() === finalEmail?.toLowerCase())) {
    problems.push('Email has already been taken');
  }
  if (!isBlank(finalEmployeeNumber) && others.some((u) => u.employeeNumber === finalEmployeeNumber)) {
    problems.push('Employee number has already been taken');
  }
  if (existing && managerId === existing.id) problems.push('Manager cannot be the user themself');
  if (problems.length > 0) throw validationError('user', problems);

  const next: Draft<UserRecord> = {
    login: finalLogin ?? '',
    email: finalEmail ?? '',
    firstname: finalFirst ?? '',
    lastname: finalLast ?? '',
    employeeNumber: isBlank(finalEmployeeNumber) ? null : finalEmployeeNumber,
    active: active ?? existing?.active ?? true,
    managerId: final(managerId, existing?.managerId ?? null) ?? null,
    defaultAccountId: final(defaultAccountId, existing?.defaultAccountId ?? null) ?? null,
    defaultAccountTypeId: final(defaultAccountTypeId, existing?.defaultAccountTypeId ?? null) ?? null,
    defaultCurrencyId: final(defaultCurrencyId, existing?.defaultCurrencyId ?? null) ?? null,
    departmentId: final(departmentId, existing?.departmentId ?? null) ?? null,
    requisitionApprovalLimitId: commitLimit(store, reqLimit, existing?.requisitionApprovalLimitId ?? null),
    invoiceApprovalLimitId: commitLimit(store, invLimit, existing?.invoiceApprovalLimitId ?? null),
    roleIds: roleIds ?? existing?.roleIds ?? [],
    purchasingUser: purchasingUser ?? existing?.purchasingUser ?? true,
    expenseUser: expenseUser ?? existing?.expenseUser ?? false,
    ssoIdentifier: final(ssoIdentifier, existing?.ssoIdentifier ?? null) ?? null,
  };
  // A default account implies its chart of accounts unless one was sent explicitly.
  if (defaultAccountId !== undefined && defaultAccountId !== null && defaultAccountTypeId === undefined) {
    next.defaultAccountTypeId = store.accounts.get(defaultAccountId)?.accountTypeId ?? next.defaultAccountTypeId;
  }

  let user: UserRecord;
  if (existing) {
    store.applyChanges(existing, next);
    user = existing;
  } else {
    user = store.users.insert(next, store.now());
  }

  // Group lists on a user are memberships underneath [U: whether Coupa accepts them on the user].
  if (userGroupIds !== undefined && approvalGroupIds === undefined) {
    setUserMemberships(store, user.id, userGroupIds);
  } else if (userGroupIds !== undefined && approvalGroupIds !== undefined) {
    setUserMemberships(store, user.id, [...new Set([...userGroupIds, ...approvalGroupIds])]);
  } else if (approvalGroupIds !== undefined) {
    setUserMemberships(store, user.id, approvalGroupIds, (g) => g.canApprove);
  }
  return user.id;
}

export function usersResource(store: CoupaStore, kinds: CoupaReferenceKinds): ResourceDefinition {
  return {
    path: '/users',
    scope: 'core.user',
    schema: { resource: 'users', attributes: USER_ATTRIBUTES },
    list: () => store.users.all().map((u) => renderUser(store, u)),
    show: (id) => {
      const u = store.users.get(id);
      return u ? renderUser(store, u) : undefined;
    },
    // The docs mention `?status=active` for users [U]; it reads as the active flag.
    rewriteQuery: (query) => {
      if (!('status' in query)) return query;
      const { status, ...rest } = query;
      if (status === 'active') return { ...rest, active: 'true' };
      if (status === 'inactive') return { ...rest, active: 'false' };
      return { ...rest, active: String(status) };
    },
    create: (body) => writeUser(store, kinds, undefined, body),
    update: (id, body) => {
      writeUser(store, kinds, store.users.get(id), body);
    },
  };
}
