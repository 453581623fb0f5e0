// Zod schemas of the Coupa user-group reads and writes the org hierarchy sync needs: approval groups with owner and flags, memberships with the owner flag.
//
// Same contract as schemas.ts: only the fields the integration reads are declared, every object is loose.
import { z } from 'zod';

const text = z.union([z.string(), z.number().transform(String)]).nullish();
const flag = z.boolean().nullish();
const nestedId = z.number().int().nullish();

/** A user group as the org sync compares it: `can-approve` makes it an approval group. */
export const coupaApprovalGroupSchema = z.looseObject({
  id: z.number().int(),
  name: text,
  description: text,
  active: flag,
  'can-approve': flag,
  /** The user stub of the group's owner. */
  owner: z.looseObject({ id: nestedId, 'employee-number': text }).nullish(),
});
export type CoupaApprovalGroup = z.output<typeof coupaApprovalGroupSchema>;
export const coupaApprovalGroupsSchema = z.array(coupaApprovalGroupSchema);

/** A membership with its flags; user and group by id, flat or nested depending on the instance. */
export const coupaGroupMembershipSchema = z.looseObject({
  id: z.number().int(),
  'user-id': nestedId,
  'user-group-id': nestedId,
  user: z.looseObject({ id: nestedId }).nullish(),
  'user-group': z.looseObject({ id: nestedId }).nullish(),
  owner: flag,
  participant: flag,
});
export type CoupaGroupMembership = z.output<typeof coupaGroupMembershipSchema>;
export const coupaGroupMembershipsSchema = z.array(coupaGroupMembershipSchema);

/** A user as the org sync reads it: who they are, whether active, and who their manager is. */
export const coupaUserManagerViewSchema = z.looseObject({
  id: z.number().int(),
  'employee-number': text,
  active: flag,
  manager: z.looseObject({ id: nestedId, 'employee-number': text }).nullish(),
});
export type CoupaUserManagerView = z.output<typeof coupaUserManagerViewSchema>;
export const coupaUserManagerViewsSchema = z.array(coupaUserManagerViewSchema);

/** POST /api/user_groups and PUT /api/user_groups/{id} (a PUT changes only the keys sent; null clears the owner). */
export interface CoupaUserGroupWrite {
  name?: string;
  description?: string | null;
  active?: boolean;
  'can-approve'?: boolean;
  owner?: { id: number } | null;
}

/** The user and group a membership ties together, whichever way the instance writes them. */
export function membershipUserId(m: Pick<CoupaGroupMembership, 'user-id' | 'user'>): number | null {
  return m['user-id'] ?? m.user?.id ?? null;
}

export function membershipGroupId(m: Pick<CoupaGroupMembership, 'user-group-id' | 'user-group'>): number | null {
  return m['user-group-id'] ?? m['user-group']?.id ?? null;
}
