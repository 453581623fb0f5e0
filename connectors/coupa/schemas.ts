// Zod schemas of Coupa Core API payloads as they arrive: hyphenated keys, every key optional, money as strings, unknown keys kept.
import { z } from 'zod';

/** Coupa may drop empty keys as well as send null: every field is `nullish` unless the record is useless without it. */
const text = z.union([z.string(), z.number().transform(String)]).nullish();
/** Money and decimals are strings ("567.07"); a number is accepted and turned into its string form. */
export const coupaMoney = z.union([z.string(), z.number().transform(String)]).nullish();
const flag = z.boolean().nullish();
const datetime = z.string().nullish();
const nestedId = z.number().int().nullish();

export const coupaNamedRefSchema = z.looseObject({ id: nestedId, name: text });
export type CoupaNamedRef = z.output<typeof coupaNamedRefSchema>;

export const coupaCurrencySchema = z.looseObject({ id: nestedId, code: text });

/** The user stub Coupa embeds as `manager`, `owner`, `requested-by`, … */
export const coupaUserStubSchema = z.looseObject({
  id: nestedId,
  login: text,
  email: text,
  firstname: text,
  lastname: text,
  'employee-number': text,
});
export type CoupaUserStub = z.output<typeof coupaUserStubSchema>;

export const coupaAccountTypeSchema = z.looseObject({
  id: nestedId,
  name: text,
  active: flag,
  currency: coupaCurrencySchema.nullish(),
});
export type CoupaAccountTypeRef = z.output<typeof coupaAccountTypeSchema>;

/** Nested account (a user's default account, an order line's account). */
export const coupaAccountRefSchema = z.looseObject({
  id: nestedId,
  name: text,
  code: text,
  active: flag,
  'account-type': coupaAccountTypeSchema.nullish(),
});

export const coupaApprovalLimitSchema = z.looseObject({
  id: nestedId,
  name: text,
  amount: coupaMoney,
  subject: z.unknown().optional(),
  currency: coupaCurrencySchema.nullish(),
});
export type CoupaApprovalLimit = z.output<typeof coupaApprovalLimitSchema>;

export const coupaUserSchema = z.looseObject({
  id: z.number().int(),
  login: text,
  email: text,
  firstname: text,
  lastname: text,
  fullname: text,
  'employee-number': text,
  active: flag,
  manager: coupaUserStubSchema.nullish(),
  'default-account': coupaAccountRefSchema.nullish(),
  'default-account-type': coupaAccountTypeSchema.nullish(),
  'default-currency': coupaCurrencySchema.nullish(),
  'default-address': z.looseObject({ id: nestedId, name: text, 'location-code': text }).nullish(),
  department: coupaNamedRefSchema.nullish(),
  'requisition-approval-limit': coupaApprovalLimitSchema.nullish(),
  'requisition-self-approval-limit': coupaApprovalLimitSchema.nullish(),
  'invoice-approval-limit': coupaApprovalLimitSchema.nullish(),
  'invoice-self-approval-limit': coupaApprovalLimitSchema.nullish(),
  'expense-approval-limit': coupaApprovalLimitSchema.nullish(),
  'expense-self-approval-limit': coupaApprovalLimitSchema.nullish(),
  'contract-approval-limit': coupaApprovalLimitSchema.nullish(),
  'contract-self-approval-limit': coupaApprovalLimitSchema.nullish(),
  roles: z.array(coupaNamedRefSchema).nullish(),
  'user-groups': z.array(coupaNamedRefSchema).nullish(),
  'approval-groups': z.array(coupaNamedRefSchema).nullish(),
  'content-groups': z.array(coupaNamedRefSchema).nullish(),
  'account-groups': z.array(coupaNamedRefSchema).nullish(),
  'purchasing-user': flag,
  'expense-user': flag,
  'sso-identifier': text,
  'authentication-method': text,
  'created-at': datetime,
  'updated-at': datetime,
});
export type CoupaUser = z.output<typeof coupaUserSchema>;

export const coupaUserGroupSchema = z.looseObject({
  id: z.number().int(),
  name: text,
  description: text,
  active: flag,
  'can-approve': flag,
  users: z.array(coupaUserStubSchema).nullish(),
  owner: coupaUserStubSchema.nullish(),
  'created-at': datetime,
  'updated-at': datetime,
});
export type CoupaUserGroup = z.output<typeof coupaUserGroupSchema>;

export const coupaUserGroupMembershipSchema = z.looseObject({
  id: z.number().int(),
  'user-id': nestedId,
  'user-group-id': nestedId,
  owner: flag,
  participant: flag,
  user: coupaUserStubSchema.nullish(),
  'user-group': coupaNamedRefSchema.nullish(),
});
export type CoupaUserGroupMembership = z.output<typeof coupaUserGroupMembershipSchema>;

export const coupaAccountSchema = z.looseObject({
  id: z.number().int(),
  name: text,
  /** Output only: the segments joined by "-". */
  code: text,
  active: flag,
  'account-type': coupaAccountTypeSchema.nullish(),
  'segment-1': text,
  'segment-2': text,
  'segment-3': text,
  'segment-4': text,
  'created-at': datetime,
  'updated-at': datetime,
});
export type CoupaAccount = z.output<typeof coupaAccountSchema>;

export const coupaLookupValueSchema = z.looseObject({
  id: z.number().int(),
  name: text,
  description: text,
  active: flag,
  /** The segment value (a cost center code). */
  'external-ref-num': text,
  /** Output only: path of ref-nums from the root. */
  'external-ref-code': text,
  lookup: coupaNamedRefSchema.nullish(),
  'lookup-id': nestedId,
  parent: z.looseObject({ id: nestedId, name: text, 'external-ref-num': text }).nullish(),
  'parent-id': nestedId,
  depth: z.number().int().nullish(),
  'account-type': coupaAccountTypeSchema.nullish(),
  'is-default': flag,
  'created-at': datetime,
  'updated-at': datetime,
});
export type CoupaLookupValue = z.output<typeof coupaLookupValueSchema>;

export const coupaUsersSchema = z.array(coupaUserSchema);
export const coupaUserGroupsSchema = z.array(coupaUserGroupSchema);
export const coupaUserGroupMembershipsSchema = z.array(coupaUserGroupMembershipSchema);
export const coupaAccountsSchema = z.array(coupaAccountSchema);
export const coupaLookupValuesSchema = z.array(coupaLookupValueSchema);

/** 400 body: `{"errors":{"user":["Login has already been taken"]}, "warnings": …}`. */
export const coupaErrorBodySchema = z.looseObject({
  errors: z.record(z.string(), z.array(z.string())),
  warnings: z.unknown().optional(),
});

// ---- write bodies (what we send; hyphenated keys, references by natural key) ----

/** A reference to a user in a body: any one natural key. */
export interface CoupaUserRefWrite {
  id?: number;
  login?: string;
  email?: string;
}

export interface CoupaAccountTypeRefWrite {
  id?: number;
  name?: string;
}

/** An account by id, or by code plus its account type's name. */
export interface CoupaAccountRefWrite {
  id?: number;
  code?: string;
  'account-type'?: CoupaAccountTypeRefWrite;
}

export interface CoupaApprovalLimitWrite {
  id?: number;
  name?: string;
  /** Decimal as a string. */
  amount?: string;
  currency?: { code: string };
}

export interface CoupaNamedRefWrite {
  id?: number;
  name?: string;
}

/** POST /api/users and PUT /api/users/{id} (a PUT changes only the keys sent; null clears). */
export interface CoupaUserWrite {
  login?: string;
  email?: string;
  firstname?: string;
  lastname?: string;
  'employee-number'?: string | null;
  active?: boolean;
  manager?: CoupaUserRefWrite | null;
  'default-account'?: CoupaAccountRefWrite | null;
  'default-account-type'?: CoupaAccountTypeRefWrite | null;
  'default-currency'?: { code: string } | null;
  'default-address'?: { id?: number; name?: string; 'location-code'?: string } | null;
  department?: CoupaNamedRefWrite | null;
  'requisition-approval-limit'?: CoupaApprovalLimitWrite | null;
  'requisition-self-approval-limit'?: CoupaApprovalLimitWrite | null;
  'invoice-approval-limit'?: CoupaApprovalLimitWrite | null;
  'invoice-self-approval-limit'?: CoupaApprovalLimitWrite | null;
  'expense-approval-limit'?: CoupaApprovalLimitWrite | null;
  'approval-limit'?: CoupaApprovalLimitWrite | null;
  roles?: CoupaNamedRefWrite[];
  'content-groups'?: CoupaNamedRefWrite[];
  'account-groups'?: CoupaNamedRefWrite[];
  'purchasing-user'?: boolean;
  'expense-user'?: boolean;
  'sso-identifier'?: string | null;
  'authentication-method'?: string;
  'custom-fields'?: Record<string, unknown>;
}

/** POST /api/user_group_memberships. */
export interface CoupaUserGroupMembershipWrite {
  'user-id': number;
  'user-group-id': number;
  owner?: boolean;
  participant?: boolean;
}
