// Zod schemas of Coupa Core API payloads, declaring only the fields the integration reads: hyphenated keys, every key optional, money as strings.
//
// The contract is deliberately narrow: a field is declared only when code in connectors/, activities/ or
// mapping/ reads it, and every object is loose. Coupa adds fields with every release, custom fields vary
// by instance and empty keys may be dropped, so whatever else an answer carries (new fields, fields of
// another type) never fails a parse; only a change to a field we read does. Add a field here when code
// starts reading it (and to the retyping test's list in test/connectors/contracts.test.ts).
import { z } from 'zod';

/** Coupa may drop empty keys as well as send null: every field is `nullish` unless the record is useless without it. */
const text = z.union([z.string(), z.number().transform(String)]).nullish();
/** Money and decimals are strings ("567.07"); a number is accepted and turned into its string form. */
export const coupaMoney = z.union([z.string(), z.number().transform(String)]).nullish();
const flag = z.boolean().nullish();
const nestedId = z.number().int().nullish();

/** A role, group or lookup as a user or lookup value embeds it: read by name. */
export const coupaNamedRefSchema = z.looseObject({ name: text });
export type CoupaNamedRef = z.output<typeof coupaNamedRefSchema>;

const currencyRef = z.looseObject({ code: text });
const accountTypeRef = z.looseObject({ name: text });

/** `{amount, currency}` of an approval limit. */
export const coupaApprovalLimitSchema = z.looseObject({
  amount: coupaMoney,
  currency: currencyRef.nullish(),
});
export type CoupaApprovalLimit = z.output<typeof coupaApprovalLimitSchema>;

export const coupaUserSchema = z.looseObject({
  id: z.number().int(),
  login: text,
  email: text,
  firstname: text,
  lastname: text,
  /** The Workday employee ID: the cross-reference. */
  'employee-number': text,
  active: flag,
  /** The user stub of the manager, compared by employee number. */
  manager: z.looseObject({ 'employee-number': text }).nullish(),
  'default-account': z.looseObject({ code: text, 'account-type': accountTypeRef.nullish() }).nullish(),
  'default-currency': currencyRef.nullish(),
  'requisition-approval-limit': coupaApprovalLimitSchema.nullish(),
  'invoice-approval-limit': coupaApprovalLimitSchema.nullish(),
  roles: z.array(coupaNamedRefSchema).nullish(),
  'user-groups': z.array(coupaNamedRefSchema).nullish(),
  'approval-groups': z.array(coupaNamedRefSchema).nullish(),
});
export type CoupaUser = z.output<typeof coupaUserSchema>;

export const coupaUserGroupSchema = z.looseObject({
  id: z.number().int(),
  name: text,
});
export type CoupaUserGroup = z.output<typeof coupaUserGroupSchema>;

/** Membership records name user and group by id, flat or nested depending on the instance. */
export const coupaUserGroupMembershipSchema = z.looseObject({
  id: z.number().int(),
  'user-id': nestedId,
  'user-group-id': nestedId,
  user: z.looseObject({ id: nestedId }).nullish(),
  'user-group': z.looseObject({ id: nestedId }).nullish(),
});
export type CoupaUserGroupMembership = z.output<typeof coupaUserGroupMembershipSchema>;

export const coupaAccountSchema = z.looseObject({
  id: z.number().int(),
  /** Output only: the segments joined by "-". */
  code: text,
  'account-type': accountTypeRef.nullish(),
});
export type CoupaAccount = z.output<typeof coupaAccountSchema>;

export const coupaLookupValueSchema = z.looseObject({
  id: z.number().int(),
  /** The segment value (a cost center code). */
  'external-ref-num': text,
  lookup: coupaNamedRefSchema.nullish(),
});
export type CoupaLookupValue = z.output<typeof coupaLookupValueSchema>;

export const coupaUsersSchema = z.array(coupaUserSchema);
export const coupaUserGroupsSchema = z.array(coupaUserGroupSchema);
export const coupaUserGroupMembershipsSchema = z.array(coupaUserGroupMembershipSchema);
export const coupaAccountsSchema = z.array(coupaAccountSchema);
export const coupaLookupValuesSchema = z.array(coupaLookupValueSchema);

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
