// User groups (approval groups when can-approve) and the membership records that tie users to them.
import type { CoupaReferenceKinds } from './references.js';
import { readReference, readReferenceList } from './references.js';
import type { ResourceDefinition } from './resource.js';
import type { CoupaStore, UserGroupMembershipRecord, UserGroupRecord } from './store.js';
import { renderMembership, renderUserGroup } from './views.js';
import { isBlank, readBoolean, readString, validationError, type JsonObject } from './wire.js';

const GROUP_MODEL = 'user-group'; // error key [U]: hyphenated like every other key
const MEMBERSHIP_MODEL = 'user-group-membership';

export const USER_GROUP_ATTRIBUTES = [
  'id',
  'created-at',
  'updated-at',
  'name',
  'description',
  'active',
  'can-approve',
  'owner',
  'users',
] as const;

export const MEMBERSHIP_ATTRIBUTES = ['id', 'created-at', 'updated-at', 'user-id', 'user-group-id', 'owner', 'participant'] as const;

/** Adds a membership unless it exists; bumps the user and the group, whose rendered lists just changed. */
export function addMembership(
  store: CoupaStore,
  userId: number,
  userGroupId: number,
  flags: { owner?: boolean; participant?: boolean } = {},
): UserGroupMembershipRecord {
  const existing = store.userGroupMemberships.all().find((m) => m.userId === userId && m.userGroupId === userGroupId);
  if (existing) return existing;
  const membership = store.userGroupMemberships.insert(
    { userId, userGroupId, owner: flags.owner ?? false, participant: flags.participant ?? true },
    store.now(),
  );
  touchBoth(store, userId, userGroupId);
  return membership;
}

export function removeMembership(store: CoupaStore, membershipId: number): UserGroupMembershipRecord | undefined {
  const removed = store.userGroupMemberships.delete(membershipId);
  if (removed) touchBoth(store, removed.userId, removed.userGroupId);
  return removed;
}

function touchBoth(store: CoupaStore, userId: number, userGroupId: number): void {
  const user = store.users.get(userId);
  const group = store.userGroups.get(userGroupId);
  if (user) store.touch(user);
  if (group) store.touch(group);
}

/** Makes a user's memberships exactly `groupIds` (within `scope` when given, e.g. only approval groups). */
export function setUserMemberships(store: CoupaStore, userId: number, groupIds: number[], scope?: (g: UserGroupRecord) => boolean): void {
  const inScope = (groupId: number): boolean => {
    const group = store.userGroups.get(groupId);
    return group !== undefined && (scope ? scope(group) : true);
  };
  for (const m of store.membershipsOfUser(userId)) {
    if (inScope(m.userGroupId) && !groupIds.includes(m.userGroupId)) removeMembership(store, m.id);
  }
  for (const groupId of groupIds) addMembership(store, userId, groupId);
}

export function userGroupsResource(store: CoupaStore, kinds: CoupaReferenceKinds): ResourceDefinition {
  const write = (existing: UserGroupRecord | undefined, body: JsonObject): number => {
    const problems: string[] = [];
    const name = readString(body, 'name', 'Name', problems);
    const description = readString(body, 'description', 'Description', problems);
    const active = readBoolean(body, 'active', 'Active', problems);
    const canApprove = readBoolean(body, 'can-approve', 'Can approve', problems);
    const ownerId = readReference(body, 'owner', kinds.user, problems);
    const userIds = readReferenceList(body, 'users', kinds.user, problems);

    const finalName = name === undefined ? existing?.name : name;
    if (isBlank(finalName)) problems.push("Name can't be blank");
    else if (store.userGroups.all().some((g) => g.id !== existing?.id && g.name.toLowerCase() === finalName?.toLowerCase())) {
      problems.push('Name has already been taken');
    }
    if (problems.length > 0) throw validationError(GROUP_MODEL, problems);

    const next = {
      name: finalName ?? '',
      description: description === undefined ? (existing?.description ?? null) : description,
      active: active ?? existing?.active ?? true,
      canApprove: canApprove ?? existing?.canApprove ?? false,
      ownerId: ownerId === undefined ? (existing?.ownerId ?? null) : ownerId,
    };
    let group: UserGroupRecord;
    if (existing) {
      store.applyChanges(existing, next);
      group = existing;
    } else {
      group = store.userGroups.insert(next, store.now());
    }
    if (userIds !== undefined) {
      // Sending `users` replaces the member list [U]; memberships are the single source of truth either way.
      for (const m of store.membershipsOfGroup(group.id)) {
        if (!userIds.includes(m.userId)) removeMembership(store, m.id);
      }
      for (const userId of userIds) addMembership(store, userId, group.id);
    }
    return group.id;
  };

  return {
    path: '/user_groups',
    scope: 'core.user_group',
    schema: { resource: 'user groups', attributes: USER_GROUP_ATTRIBUTES },
    list: () => store.userGroups.all().map((g) => renderUserGroup(store, g)),
    show: (id) => {
      const g = store.userGroups.get(id);
      return g ? renderUserGroup(store, g) : undefined;
    },
    create: (body) => write(undefined, body),
    update: (id, body) => {
      write(store.userGroups.get(id), body);
    },
  };
}

export function membershipsResource(store: CoupaStore, kinds: CoupaReferenceKinds): ResourceDefinition {
  return {
    path: '/user_group_memberships',
    scope: 'core.user_group',
    schema: { resource: 'user group memberships', attributes: MEMBERSHIP_ATTRIBUTES },
    list: () => store.userGroupMemberships.all().map(renderMembership),
    show: (id) => {
      const m = store.userGroupMemberships.get(id);
      return m ? renderMembership(m) : undefined;
    },
    create: (body) => {
      const problems: string[] = [];
      // `user-id` / `user-group-id` per the reference; nested `user` / `user-group` references work too.
      const userId = readReference(body, 'user', kinds.user, problems);
      const userGroupId = readReference(body, 'user-group', kinds.userGroup, problems);
      const owner = readBoolean(body, 'owner', 'Owner', problems);
      const participant = readBoolean(body, 'participant', 'Participant', problems);
      const sent = (key: string): boolean => body[key] !== undefined || body[`${key}-id`] !== undefined;
      if (userId === null || !sent('user')) problems.push("User can't be blank");
      if (userGroupId === null || !sent('user-group')) problems.push("User group can't be blank");
      if (typeof userId === 'number' && typeof userGroupId === 'number') {
        if (store.userGroupMemberships.all().some((m) => m.userId === userId && m.userGroupId === userGroupId)) {
          problems.push('User has already been taken');
        }
      }
      if (problems.length > 0 || typeof userId !== 'number' || typeof userGroupId !== 'number') {
        throw validationError(MEMBERSHIP_MODEL, problems);
      }
      const flags: { owner?: boolean; participant?: boolean } = {};
      if (owner !== undefined) flags.owner = owner;
      if (participant !== undefined) flags.participant = participant;
      return addMembership(store, userId, userGroupId, flags).id;
    },
    update: (id, body) => {
      const m = store.userGroupMemberships.get(id);
      if (!m) return;
      const problems: string[] = [];
      const owner = readBoolean(body, 'owner', 'Owner', problems);
      const participant = readBoolean(body, 'participant', 'Participant', problems);
      if (problems.length > 0) throw validationError(MEMBERSHIP_MODEL, problems);
      store.applyChanges(m, {
        ...(owner === undefined ? {} : { owner }),
        ...(participant === undefined ? {} : { participant }),
      });
    },
    // DELETE on memberships is unconfirmed in Coupa's docs; simulated because removing someone from a group needs it.
    remove: (id) => {
      const removed = removeMembership(store, id);
      if (!removed) throw validationError(MEMBERSHIP_MODEL, ['Record not found']);
      return renderMembership(removed);
    },
  };
}
