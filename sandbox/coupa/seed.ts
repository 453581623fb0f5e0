// Deterministic seed of the simulated Coupa instance: chart of accounts from the shared org data, roles, groups and 60 Coupa-only users.
import { companies, costCenters, supervisoryOrgs } from '../seed/reference-data.js';
import { ACCOUNT_SEGMENT_COUNT, type ApprovalLimitSubject, type CoupaStore } from './store.js';
import { formatMoney } from './wire.js';
import { seedCoupaResources } from './resources/index.js';

/** Seed records carry fixed timestamps so two runs render byte-identical stores. */
const SEED_EPOCH = Date.parse('2024-01-08T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SEED_CURRENCIES = ['USD', 'GBP', 'EUR'] as const;

export const SEED_ROLES: { name: string; description: string }[] = [
  { name: 'User', description: 'Basic access: create requisitions and view own documents' },
  { name: 'Requester', description: 'Create and submit requisitions' },
  { name: 'Approver', description: 'Approve requisitions, invoices and expenses routed to them' },
  { name: 'Buyer', description: 'Manage purchase orders and suppliers' },
  { name: 'AP Clerk', description: 'Process and code supplier invoices' },
  { name: 'Expense User', description: 'Create expense reports' },
  { name: 'Admin', description: 'Full administrative access' },
  { name: 'Integration Admin', description: 'Manage integrations, API clients and data exports' },
];

export const ALL_EMPLOYEES_GROUP = 'All Employees';

export function approvalGroupName(orgName: string): string {
  return `${orgName} Approvers`;
}

const SERVICE_ACCOUNTS = [
  'ariba-bridge',
  'concur-feed',
  'sftp-export',
  'punchout-gateway',
  'edi-inbound',
  'edi-outbound',
  'datawarehouse',
  'budget-check',
  'sso-provisioner',
  'invoice-ocr',
  'treasury-feed',
  'contract-sync',
];

const FIRST_NAMES = [
  'Avery', 'Blake', 'Casey', 'Dana', 'Elliot', 'Frankie', 'Gray', 'Harper', 'Indra', 'Jules',
  'Kendall', 'Logan', 'Morgan', 'Noor', 'Oakley', 'Parker', 'Quinn', 'Riley', 'Sasha', 'Tatum',
];
const LAST_NAMES = [
  'Abbott', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka',
];

interface SeedUser {
  login: string;
  email: string;
  firstname: string;
  lastname: string;
  employeeNumber: string | null;
  active: boolean;
  managerLogin: string | null;
  roles: string[];
  groups: string[];
  purchasingUser: boolean;
  expenseUser: boolean;
  departmentName: string | null;
  accountCode: { type: string; code: string } | null;
  currency: string;
  requisitionLimit: { amount: number; currency: string } | null;
  invoiceLimit: { amount: number; currency: string } | null;
}

function pick<T>(list: readonly T[], index: number): T {
  const value = list[index % list.length];
  if (value === undefined) throw new Error('seed list is empty');
  return value;
}

/** The 60 users a tenant already has before any Workday sync: service accounts, external approvers and auditors, procurement admins, contractors. */
function seedUsers(): SeedUser[] {
  const users: SeedUser[] = [];
  let contractorNumber = 0;
  const nextContractorNumber = (): string => {
    contractorNumber += 1;
    return `C-${String(contractorNumber).padStart(4, '0')}`;
  };
  const usAccountType = companies[0]?.coupaAccountType ?? 'Acme US';

  SERVICE_ACCOUNTS.forEach((name, i) => {
    users.push({
      login: `svc.${name}`,
      email: `svc.${name}@acme-example.com`,
      firstname: 'Service',
      lastname: name
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' '),
      employeeNumber: null,
      active: i !== 10, // one retired integration account, so "active=false" has a hit
      managerLogin: null,
      roles: i % 3 === 0 ? ['Integration Admin'] : ['User'],
      groups: [],
      purchasingUser: false,
      expenseUser: false,
      departmentName: null,
      accountCode: null,
      currency: 'USD',
      requisitionLimit: null,
      invoiceLimit: null,
    });
  });

  for (let i = 1; i <= 8; i += 1) {
    users.push({
      login: `proc.admin.${i}`,
      email: `proc.admin.${i}@acme-example.com`,
      firstname: pick(FIRST_NAMES, i + 3),
      lastname: pick(LAST_NAMES, i * 3),
      employeeNumber: nextContractorNumber(),
      active: true,
      managerLogin: i === 1 ? null : 'proc.admin.1',
      roles: ['User', 'Buyer', i <= 2 ? 'Admin' : 'Approver'],
      groups: [approvalGroupName('Procurement'), ALL_EMPLOYEES_GROUP],
      purchasingUser: true,
      expenseUser: i % 2 === 0,
      departmentName: 'Procurement',
      accountCode: { type: usAccountType, code: 'US01-CC1300' },
      currency: 'USD',
      requisitionLimit: { amount: i <= 2 ? 100000 : 25000, currency: 'USD' },
      invoiceLimit: i <= 2 ? { amount: 50000, currency: 'USD' } : null,
    });
  }

  for (let i = 1; i <= 20; i += 1) {
    const org = pick(supervisoryOrgs, i);
    users.push({
      login: `ext.approver.${i}`,
      email: `ext.approver.${i}@partner-example.com`,
      firstname: pick(FIRST_NAMES, i),
      lastname: pick(LAST_NAMES, i + 7),
      employeeNumber: nextContractorNumber(),
      active: i % 7 !== 0,
      managerLogin: `proc.admin.${1 + (i % 4)}`,
      roles: ['User', 'Approver'],
      groups: [approvalGroupName(org.name)],
      purchasingUser: false,
      expenseUser: false,
      departmentName: org.name,
      accountCode: null,
      currency: i % 5 === 0 ? 'GBP' : 'USD',
      requisitionLimit: { amount: i % 2 === 0 ? 10000 : 5000, currency: 'USD' },
      invoiceLimit: null,
    });
  }

  for (let i = 1; i <= 10; i += 1) {
    users.push({
      login: `ext.auditor.${i}`,
      email: `ext.auditor.${i}@audit-example.com`,
      firstname: pick(FIRST_NAMES, i + 11),
      lastname: pick(LAST_NAMES, i + 2),
      employeeNumber: i % 3 === 0 ? null : nextContractorNumber(),
      active: true,
      managerLogin: 'proc.admin.2',
      roles: ['User'],
      groups: [],
      purchasingUser: false,
      expenseUser: false,
      departmentName: 'Legal & Compliance',
      accountCode: null,
      currency: i % 4 === 0 ? 'EUR' : 'USD',
      requisitionLimit: null,
      invoiceLimit: null,
    });
  }

  for (let i = 1; i <= 10; i += 1) {
    const first = pick(FIRST_NAMES, i + 5);
    const last = pick(LAST_NAMES, i + 13);
    users.push({
      login: `ctr.${first.toLowerCase()}.${last.toLowerCase()}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@contractor-example.com`,
      firstname: first,
      lastname: last,
      employeeNumber: i % 4 === 0 ? null : nextContractorNumber(),
      active: i !== 9,
      managerLogin: `proc.admin.${1 + (i % 8)}`,
      roles: ['User', 'Requester', ...(i % 3 === 0 ? ['Expense User'] : [])],
      groups: [ALL_EMPLOYEES_GROUP],
      purchasingUser: true,
      expenseUser: i % 3 === 0,
      departmentName: 'Engineering',
      accountCode: { type: usAccountType, code: i % 2 === 0 ? 'US01-CC1500' : 'US01-CC1510' },
      currency: 'USD',
      requisitionLimit: null,
      invoiceLimit: null,
    });
  }
  return users;
}

export function seedCoupaStore(store: CoupaStore): void {
  let tick = 0;
  // Each seeded record is a minute after the previous one: distinct, ordered, deterministic.
  const at = (): number => SEED_EPOCH + tick++ * 60_000;

  const currencyIds = new Map<string, number>();
  for (const code of SEED_CURRENCIES) {
    currencyIds.set(code, store.currencies.insert({ code, decimals: 2, enabled: true }, at()).id);
  }
  const currencyId = (code: string): number => {
    const id = currencyIds.get(code);
    if (id === undefined) throw new Error(`seed: unknown currency ${code}`);
    return id;
  };

  for (const role of SEED_ROLES) store.roles.insert(role, at());

  const accountTypeIds = new Map<string, number>();
  for (const company of companies) {
    const type = store.accountTypes.insert(
      { name: company.coupaAccountType, active: true, currencyId: currencyId(company.currency), dynamicFlag: false },
      at(),
    );
    accountTypeIds.set(company.code, type.id);
  }

  const lookup = store.lookups.insert(
    { name: 'Cost Center', description: 'Cost centers, kept in step with Workday', active: true },
    at(),
  );
  for (const cc of costCenters.filter((c) => c.inCoupa)) {
    const accountTypeId = accountTypeIds.get(cc.company) ?? null;
    store.lookupValues.insert(
      {
        name: cc.name,
        description: null,
        active: true,
        externalRefNum: cc.code,
        lookupId: lookup.id,
        parentId: null,
        accountTypeId,
        isDefault: false,
      },
      at(),
    );
    if (accountTypeId === null) continue;
    const segments: (string | null)[] = Array.from({ length: ACCOUNT_SEGMENT_COUNT }, () => null);
    segments[0] = cc.company;
    segments[1] = cc.code;
    store.accounts.insert({ name: cc.name, active: true, accountTypeId, segments }, at());
  }

  for (const org of supervisoryOrgs) store.departments.insert({ name: org.name, active: true }, at());

  for (const org of supervisoryOrgs) {
    store.userGroups.insert(
      {
        name: approvalGroupName(org.name),
        description: `Approvers for ${org.name} (${org.code})`,
        active: true,
        canApprove: true,
        ownerId: null,
      },
      at(),
    );
  }
  store.userGroups.insert(
    { name: ALL_EMPLOYEES_GROUP, description: 'Everyone who buys through Coupa', active: true, canApprove: false, ownerId: null },
    at(),
  );

  const limitIds = new Map<string, number>();
  const approvalLimitId = (subject: ApprovalLimitSubject, limit: { amount: number; currency: string }): number => {
    const key = `${subject}/${limit.amount}/${limit.currency}`;
    const existing = limitIds.get(key);
    if (existing !== undefined) return existing;
    const amount = formatMoney(limit.amount);
    const created = store.approvalLimits.insert(
      { name: approvalLimitName(subject, amount, limit.currency), amount, subject, currencyId: currencyId(limit.currency) },
      at(),
    );
    limitIds.set(key, created.id);
    return created.id;
  };

  const seeds = seedUsers();
  seeds.forEach((seed, index) => {
    const createdAt = SEED_EPOCH + 30 * DAY + index * 6 * HOUR;
    // Some users were edited later, so an updated-at watermark splits the seed somewhere in the middle.
    const updatedAt = createdAt + (index % 4 === 0 ? 90 * DAY : 2 * HOUR);
    const account = seed.accountCode ? store.findAccountByCode(seed.accountCode.type, seed.accountCode.code) : undefined;
    const department = seed.departmentName
      ? store.departments.all().find((d) => d.name === seed.departmentName)
      : undefined;
    store.users.insert(
      {
        login: seed.login,
        email: seed.email,
        firstname: seed.firstname,
        lastname: seed.lastname,
        employeeNumber: seed.employeeNumber,
        active: seed.active,
        managerId: null, // set below, once every login has an id
        defaultAccountId: account?.id ?? null,
        defaultAccountTypeId: account?.accountTypeId ?? null,
        defaultCurrencyId: currencyId(seed.currency),
        departmentId: department?.id ?? null,
        requisitionApprovalLimitId: seed.requisitionLimit ? approvalLimitId('RequisitionHeader', seed.requisitionLimit) : null,
        invoiceApprovalLimitId: seed.invoiceLimit ? approvalLimitId('InvoiceHeader', seed.invoiceLimit) : null,
        roleIds: seed.roles.map((name) => {
          const role = store.findRoleByName(name);
          if (!role) throw new Error(`seed: unknown role ${name}`);
          return role.id;
        }),
        purchasingUser: seed.purchasingUser,
        expenseUser: seed.expenseUser,
        ssoIdentifier: seed.login.startsWith('svc.') ? null : seed.email,
      },
      createdAt,
      updatedAt,
    );
  });

  for (const seed of seeds) {
    const user = store.findUserByLogin(seed.login);
    if (!user) continue;
    if (seed.managerLogin) user.managerId = store.findUserByLogin(seed.managerLogin)?.id ?? null;
    for (const groupName of seed.groups) {
      const group = store.findUserGroupByName(groupName);
      if (!group) throw new Error(`seed: unknown group ${groupName}`);
      store.userGroupMemberships.insert(
        { userId: user.id, userGroupId: group.id, owner: false, participant: true },
        user.createdAt,
      );
    }
  }

  // Documents and their approvals (sandbox/coupa/resources/), once the users they name exist.
  seedCoupaResources(store);
}

const SUBJECT_LABEL: Record<ApprovalLimitSubject, string> = {
  RequisitionHeader: 'Requisition',
  InvoiceHeader: 'Invoice',
};

/** Name given to an approval limit created on the fly: Coupa requires a name; its format is our choice. */
export function approvalLimitName(subject: ApprovalLimitSubject, amount: string, currencyCode: string): string {
  return `${SUBJECT_LABEL[subject]} ${amount} ${currencyCode}`;
}
