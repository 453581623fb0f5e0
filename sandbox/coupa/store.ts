// In-memory tables of the simulated Coupa instance; records hold ids of what they reference and are rendered by views.ts.
import { EventEmitter } from 'node:events';
import { seedCoupaStore } from './seed.js';
import {
  accountCode,
  renderAccount,
  renderAccountType,
  renderApprovalLimit,
  renderCurrency,
  renderDepartment,
  renderLookup,
  renderLookupValue,
  renderMembership,
  renderRole,
  renderUser,
  renderUserGroup,
} from './views.js';
import type { JsonObject } from './wire.js';
import { defaultApprovalBehaviour, type ApprovalBehaviour } from './resources/approvals/config.js';
import type { ApprovalRecord } from './resources/approvals/record.js';
import type { InvoiceRecord } from './resources/invoices/record.js';
import type { PurchaseOrderRecord } from './resources/purchase-orders/record.js';
import type { IntegrationHistoryRecord } from './resources/integration-history/record.js';
import type { RequisitionLineRecord, RequisitionRecord } from './resources/requisitions/record.js';
import { snapshotCoupaResources, type CoupaResourcesSnapshot } from './resources/index.js';

export { accountCode };

export interface Stamped {
  id: number;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

export interface UserRecord extends Stamped {
  login: string;
  email: string;
  firstname: string;
  lastname: string;
  employeeNumber: string | null;
  active: boolean;
  managerId: number | null;
  defaultAccountId: number | null;
  defaultAccountTypeId: number | null;
  defaultCurrencyId: number | null;
  departmentId: number | null;
  requisitionApprovalLimitId: number | null;
  invoiceApprovalLimitId: number | null;
  roleIds: number[];
  purchasingUser: boolean;
  expenseUser: boolean;
  ssoIdentifier: string | null;
}

export interface UserGroupRecord extends Stamped {
  name: string;
  description: string | null;
  active: boolean;
  canApprove: boolean;
  ownerId: number | null;
}

export interface UserGroupMembershipRecord extends Stamped {
  userId: number;
  userGroupId: number;
  owner: boolean;
  participant: boolean;
}

export interface LookupRecord extends Stamped {
  name: string;
  description: string | null;
  active: boolean;
}

export interface LookupValueRecord extends Stamped {
  name: string;
  description: string | null;
  active: boolean;
  externalRefNum: string | null;
  lookupId: number;
  parentId: number | null;
  accountTypeId: number | null;
  isDefault: boolean;
}

export interface AccountTypeRecord extends Stamped {
  name: string;
  active: boolean;
  currencyId: number | null;
  dynamicFlag: boolean;
}

export const ACCOUNT_SEGMENT_COUNT = 20;

export interface AccountRecord extends Stamped {
  name: string;
  active: boolean;
  accountTypeId: number;
  /** segment-1 … segment-20; index 0 is segment-1. */
  segments: (string | null)[];
}

export interface RoleRecord extends Stamped {
  name: string;
  description: string;
}

export type ApprovalLimitSubject = 'RequisitionHeader' | 'InvoiceHeader';

export interface ApprovalLimitRecord extends Stamped {
  name: string;
  /** Money string, two decimals. */
  amount: string;
  subject: ApprovalLimitSubject;
  currencyId: number;
}

export interface CurrencyRecord extends Stamped {
  code: string;
  decimals: number;
  enabled: boolean;
}

export interface DepartmentRecord extends Stamped {
  name: string;
  active: boolean;
}

export type Draft<T extends Stamped> = Omit<T, keyof Stamped>;

/** One table: ids from a per-table starting point (so a user id used as a group id fails loudly), insertion order = id order. */
export class Table<T extends Stamped> {
  private rows = new Map<number, T>();
  private nextId: number;

  constructor(private readonly firstId: number) {
    this.nextId = firstId;
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  insert(draft: Draft<T>, createdAt: number, updatedAt = createdAt): T {
    const row = { ...draft, id: this.nextId, createdAt, updatedAt } as T;
    this.nextId += 1;
    this.rows.set(row.id, row);
    return row;
  }

  delete(id: number): T | undefined {
    const row = this.rows.get(id);
    this.rows.delete(id);
    return row;
  }

  clear(): void {
    this.rows.clear();
    this.nextId = this.firstId;
  }

  get size(): number {
    return this.rows.size;
  }
}

/** Everything /_sandbox/store returns: each table rendered exactly as the API would render its records. */
export interface CoupaStoreSnapshot extends CoupaResourcesSnapshot {
  users: JsonObject[];
  userGroups: JsonObject[];
  userGroupMemberships: JsonObject[];
  lookups: JsonObject[];
  lookupValues: JsonObject[];
  accountTypes: JsonObject[];
  accounts: JsonObject[];
  roles: JsonObject[];
  approvalLimits: JsonObject[];
  currencies: JsonObject[];
  departments: JsonObject[];
}

/** Document events Call Outs fire on ("invoice.approved", "purchase_order.issued"), with the document id. */
export type CoupaDocumentEvent = 'invoice.approved' | 'purchase_order.issued';

export class CoupaStore {
  /** Business events of documents, heard by the Call Outs (sandbox/coupa/callouts.ts). */
  readonly documentEvents = new EventEmitter<Record<CoupaDocumentEvent, [id: number]>>();
  readonly users = new Table<UserRecord>(1001);
  readonly userGroups = new Table<UserGroupRecord>(201);
  readonly userGroupMemberships = new Table<UserGroupMembershipRecord>(5001);
  readonly lookups = new Table<LookupRecord>(11);
  readonly lookupValues = new Table<LookupValueRecord>(301);
  readonly accountTypes = new Table<AccountTypeRecord>(21);
  readonly accounts = new Table<AccountRecord>(401);
  readonly roles = new Table<RoleRecord>(1);
  readonly approvalLimits = new Table<ApprovalLimitRecord>(601);
  readonly currencies = new Table<CurrencyRecord>(1);
  readonly departments = new Table<DepartmentRecord>(31);
  // Documents that carry approvals (sandbox/coupa/resources/).
  readonly requisitions = new Table<RequisitionRecord>(3001);
  readonly requisitionLines = new Table<RequisitionLineRecord>(30001);
  readonly invoices = new Table<InvoiceRecord>(6001);
  readonly purchaseOrders = new Table<PurchaseOrderRecord>(7001);
  readonly approvals = new Table<ApprovalRecord>(9001);
  readonly integrationHistoryRecords = new Table<IntegrationHistoryRecord>(12001);
  /** The [U] behaviours of approvals and requisitions, set through /_sandbox/approvals/config. */
  approvalBehaviour: ApprovalBehaviour = defaultApprovalBehaviour();

  private lastTick = 0;

  constructor() {
    seedCoupaStore(this);
  }

  /**
   * Strictly increasing clock: two changes never share an `updated-at`, so a watermark poll and a
   * "was updated-at bumped?" check never depend on the wall clock's resolution.
   */
  now(): number {
    const tick = Math.max(Date.now(), this.lastTick + 1);
    this.lastTick = tick;
    return tick;
  }

  /** Marks a record changed (Rails bumps updated_at only when something changed; callers check that). */
  touch(row: Stamped): void {
    row.updatedAt = this.now();
  }

  /** Applies changes to a row; bumps updated-at only if something really changed, as Rails does (an echo PUT is no change). */
  applyChanges<T extends Stamped>(row: T, next: Partial<Draft<T>>): boolean {
    const before = JSON.stringify(row);
    Object.assign(row, next);
    const changed = JSON.stringify(row) !== before;
    if (changed) this.touch(row);
    return changed;
  }

  reset(): void {
    for (const table of this.tables()) table.clear();
    this.approvalBehaviour = defaultApprovalBehaviour();
    seedCoupaStore(this);
  }

  private tables(): Table<Stamped>[] {
    return [
      this.users,
      this.userGroups,
      this.userGroupMemberships,
      this.lookups,
      this.lookupValues,
      this.accountTypes,
      this.accounts,
      this.roles,
      this.approvalLimits,
      this.currencies,
      this.departments,
      this.requisitions,
      this.requisitionLines,
      this.invoices,
      this.purchaseOrders,
      this.integrationHistoryRecords,
      this.approvals,
    ] as unknown as Table<Stamped>[];
  }

  // Natural-key finders for in-process tests and seeding.
  findUserByLogin(login: string): UserRecord | undefined {
    return this.users.all().find((u) => u.login === login);
  }

  findUserByEmployeeNumber(employeeNumber: string): UserRecord | undefined {
    return this.users.all().find((u) => u.employeeNumber === employeeNumber);
  }

  findUserGroupByName(name: string): UserGroupRecord | undefined {
    return this.userGroups.all().find((g) => g.name === name);
  }

  findAccountByCode(accountTypeName: string, code: string): AccountRecord | undefined {
    const type = this.accountTypes.all().find((t) => t.name === accountTypeName);
    if (!type) return undefined;
    return this.accounts.all().find((a) => a.accountTypeId === type.id && accountCode(a) === code);
  }

  findCurrencyByCode(code: string): CurrencyRecord | undefined {
    return this.currencies.all().find((c) => c.code === code);
  }

  findRoleByName(name: string): RoleRecord | undefined {
    return this.roles.all().find((r) => r.name === name);
  }

  membershipsOfUser(userId: number): UserGroupMembershipRecord[] {
    return this.userGroupMemberships.all().filter((m) => m.userId === userId);
  }

  membershipsOfGroup(userGroupId: number): UserGroupMembershipRecord[] {
    return this.userGroupMemberships.all().filter((m) => m.userGroupId === userGroupId);
  }

  snapshot(): CoupaStoreSnapshot {
    return {
      users: this.users.all().map((r) => renderUser(this, r)),
      userGroups: this.userGroups.all().map((r) => renderUserGroup(this, r)),
      userGroupMemberships: this.userGroupMemberships.all().map((r) => renderMembership(r)),
      lookups: this.lookups.all().map((r) => renderLookup(r)),
      lookupValues: this.lookupValues.all().map((r) => renderLookupValue(this, r)),
      accountTypes: this.accountTypes.all().map((r) => renderAccountType(this, r)),
      accounts: this.accounts.all().map((r) => renderAccount(this, r)),
      roles: this.roles.all().map((r) => renderRole(r)),
      approvalLimits: this.approvalLimits.all().map((r) => renderApprovalLimit(this, r)),
      currencies: this.currencies.all().map((r) => renderCurrency(r)),
      departments: this.departments.all().map((r) => renderDepartment(r)),
      ...snapshotCoupaResources(this),
    };
  }
}
