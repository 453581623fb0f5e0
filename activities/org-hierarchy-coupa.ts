// Coupa steps of the org hierarchy sync: page-by-page reads in compact shapes, and one idempotent write (lookup + write) per activity.
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { CoupaApprovalGroup, CoupaClient, CoupaUserGroupWrite } from '../connectors/coupa';
import { membershipGroupId, membershipUserId } from '../connectors/coupa';
import { ConnectorErrorTypes } from '../connectors/http/error-types';
import type { CoupaGroupState, CoupaMembershipView, CoupaUserView, GroupChanges } from '../mapping/org-hierarchy';
import type { PageRead } from './org-hierarchy-workday';

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

/** A write's outcome: `changed` is false when Coupa already had it (a retry after a lost answer, or a repeat). */
export interface CoupaWriteResult {
  changed: boolean;
}

export function toGroupState(group: CoupaApprovalGroup): CoupaGroupState {
  return {
    id: group.id,
    name: group.name ?? '',
    description: group.description ?? null,
    // Coupa may drop empty keys: a group without `active` is active, one without `can-approve` is not an approval group.
    active: group.active !== false,
    canApprove: group['can-approve'] === true,
    ownerUserId: group.owner?.id ?? null,
  };
}

/** The planned changes as a Coupa body, as they are (the plan has diffed them against the group it read). */
export function changesAsBody(changes: GroupChanges): CoupaUserGroupWrite {
  const body: CoupaUserGroupWrite = {};
  if (changes.name !== undefined) body.name = changes.name;
  if (changes.description !== undefined) body.description = changes.description;
  if (changes.active !== undefined) body.active = changes.active;
  if (changes.canApprove !== undefined) body['can-approve'] = changes.canApprove;
  if (changes.ownerUserId !== undefined) body.owner = changes.ownerUserId === null ? null : { id: changes.ownerUserId };
  return body;
}

/** The keys of `changes` that differ from the group as it is now, as a Coupa body. */
export function groupPatch(current: CoupaGroupState, changes: GroupChanges): CoupaUserGroupWrite {
  const patch: CoupaUserGroupWrite = {};
  if (changes.name !== undefined && changes.name !== current.name) patch.name = changes.name;
  if (changes.description !== undefined && changes.description !== (current.description ?? '')) patch.description = changes.description;
  if (changes.active !== undefined && changes.active !== current.active) patch.active = changes.active;
  if (changes.canApprove !== undefined && changes.canApprove !== current.canApprove) patch['can-approve'] = changes.canApprove;
  if (changes.ownerUserId !== undefined && changes.ownerUserId !== current.ownerUserId) patch.owner = changes.ownerUserId === null ? null : { id: changes.ownerUserId };
  return patch;
}

function groupGone(groupId: number, groupName: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: ConnectorErrorTypes.NotFound,
    nonRetryable: true,
    message: `Coupa user group ${groupId} ("${groupName}") no longer exists. Check Coupa, then retry (the next plan reads the groups again) or skip.`,
  });
}

/** True when the write went through, false when Coupa no longer has the record (removed meanwhile: nothing left to do). */
async function ignoringGone(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound) return false;
    throw err;
  }
}

/** Where group ids read anyway are remembered for other activities of this worker (provisioning's group-id cache). */
export interface GroupIdSink {
  set(name: string, id: number): void;
}

export function createCoupaOrgHierarchyActivities(coupa: CoupaClient, groupIds?: GroupIdSink) {
  return {
    // ---- reads ----

    /** A page of user groups, every kind (the plan decides which are the sync's). */
    async readCoupaUserGroupsPage(input: { offset: number }): Promise<PageRead<CoupaGroupState>> {
      const page = await coupa.getUserGroupsPage(input.offset, {}, call());
      // Refreshes provisioning's cache of group ids at no extra request.
      for (const group of page.items) if (group.name) groupIds?.set(group.name, group.id);
      return { items: page.items.map(toGroupState), nextOffset: page.nextOffset };
    },

    /** A page of users; only those carrying an employee number (the Workday cross-reference) are returned. */
    async readCoupaUsersPage(input: { offset: number }): Promise<PageRead<CoupaUserView>> {
      const page = await coupa.getUserManagerViewsPage(input.offset, {}, call());
      const items: CoupaUserView[] = [];
      for (const u of page.items) {
        const employeeNumber = u['employee-number']?.trim();
        if (!employeeNumber) continue;
        items.push({ id: u.id, employeeNumber, active: u.active !== false, managerEmployeeNumber: u.manager?.['employee-number']?.trim() || null });
      }
      return { items, nextOffset: page.nextOffset };
    },

    /** A page of one group's memberships: [membership id, user id, owner flag]. */
    async readCoupaGroupMembershipsPage(input: { groupId: number; offset: number }): Promise<PageRead<CoupaMembershipView>> {
      const page = await coupa.getGroupMembershipsPage(input.groupId, input.offset, call());
      const items: CoupaMembershipView[] = [];
      for (const m of page.items) {
        const userId = membershipUserId(m);
        if (userId !== null) items.push([m.id, userId, m.owner === true]);
      }
      return { items, nextOffset: page.nextOffset };
    },

    /**
     * A page of the memberships of many groups in one request: [group id, membership id, user id, owner
     * flag]. Replaces a read per group (readCoupaGroupMembershipsPage) since ORG_SYNC_FEWER_READS_PATCH.
     */
    async readCoupaMembershipsOfGroupsPage(input: { groupIds: number[]; offset: number }): Promise<PageRead<[number, ...CoupaMembershipView]>> {
      const page = await coupa.getMembershipsOfGroupsPage(input.groupIds, input.offset, call());
      const items: Array<[number, ...CoupaMembershipView]> = [];
      for (const m of page.items) {
        const userId = membershipUserId(m);
        const groupId = membershipGroupId(m);
        if (userId !== null && groupId !== null) items.push([groupId, m.id, userId, m.owner === true]);
      }
      return { items, nextOffset: page.nextOffset };
    },

    // ---- writes: each looks first where a repeat would not be harmless, so a retry writes nothing twice ----

    /** Creates the approval group unless one of that name exists (an earlier attempt made it): then only what differs is set. */
    async createCoupaApprovalGroup(input: { groupName: string; description: string; ownerUserId: number | null }): Promise<CoupaWriteResult & { groupId: number }> {
      const existing = await coupa.findApprovalGroupByName(input.groupName, call());
      if (existing) {
        const patch = groupPatch(toGroupState(existing), { description: input.description, active: true, canApprove: true, ownerUserId: input.ownerUserId });
        if (Object.keys(patch).length > 0) await coupa.updateUserGroup(existing.id, patch, call());
        log.info('Coupa approval group already existed', { userGroupId: existing.id, fields: Object.keys(patch) });
        return { groupId: existing.id, changed: Object.keys(patch).length > 0 };
      }
      const created = await coupa.createUserGroup(
        {
          name: input.groupName,
          description: input.description,
          active: true,
          'can-approve': true,
          owner: input.ownerUserId === null ? null : { id: input.ownerUserId },
        },
        call(),
      );
      log.info('created Coupa approval group', { userGroupId: created.id });
      return { groupId: created.id, changed: true };
    },

    /** Writes only the changes the group does not have yet (a deactivation is `active: false`, never a delete). */
    async updateCoupaApprovalGroup(input: { groupId: number; groupName: string; changes: GroupChanges }): Promise<CoupaWriteResult & { fields: string[] }> {
      // The plan's changes are already what differs from the group it read moments ago, and a PUT of the
      // same fields again is harmless, so no read first (one request instead of two; a retry repeats the PUT).
      const patch = changesAsBody(input.changes);
      const fields = Object.keys(patch);
      if (fields.length === 0) return { changed: false, fields };
      try {
        await coupa.updateUserGroup(input.groupId, patch, call());
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound) throw groupGone(input.groupId, input.groupName);
        throw err;
      }
      log.info('updated Coupa approval group', { userGroupId: input.groupId, fields });
      return { changed: true, fields };
    },

    /** Adds the membership (with the owner flag) unless it exists; an existing one gets the flag if it lacks it. */
    async addCoupaApprovalGroupMember(input: { groupId: number; userId: number; owner: boolean }): Promise<CoupaWriteResult> {
      const memberships = await coupa.findGroupMemberships(input.userId, input.groupId, call());
      const first = memberships[0];
      if (first) {
        if ((first.owner === true) === input.owner) return { changed: false };
        await coupa.setGroupMembershipOwner(first.id, input.owner, call());
        return { changed: true };
      }
      await coupa.addGroupMembership({ userId: input.userId, userGroupId: input.groupId, owner: input.owner }, call());
      log.info('added Coupa user to approval group', { coupaUserId: input.userId, userGroupId: input.groupId, owner: input.owner });
      return { changed: true };
    },

    /** Sets the owner flag of the user's membership; none left (removed meanwhile) means nothing to do. */
    async setCoupaApprovalGroupMemberOwner(input: { groupId: number; userId: number; owner: boolean; membershipIds?: number[] }): Promise<CoupaWriteResult> {
      if (input.membershipIds) {
        // The plan read these memberships moments ago: set the flag without a lookup (a repeat PUT is harmless).
        let changed = false;
        for (const id of input.membershipIds) changed = (await ignoringGone(coupa.setGroupMembershipOwner(id, input.owner, call()))) || changed;
        return { changed };
      }
      const memberships = await coupa.findGroupMemberships(input.userId, input.groupId, call());
      let changed = false;
      for (const m of memberships) {
        if ((m.owner === true) === input.owner) continue;
        await coupa.setGroupMembershipOwner(m.id, input.owner, call());
        changed = true;
      }
      return { changed };
    },

    /** Removes every membership of the user in the group (none left = nothing to do). */
    async removeCoupaApprovalGroupMember(input: { groupId: number; userId: number; membershipIds?: number[] }): Promise<CoupaWriteResult> {
      if (input.membershipIds) {
        // The plan read these memberships moments ago: delete them without a lookup (one already gone is done).
        let changed = false;
        for (const id of input.membershipIds) changed = (await ignoringGone(coupa.removeUserGroupMembership(id, call()))) || changed;
        if (changed) log.info('removed Coupa user from approval group', { coupaUserId: input.userId, userGroupId: input.groupId });
        return { changed };
      }
      const memberships = await coupa.findGroupMemberships(input.userId, input.groupId, call());
      for (const m of memberships) await coupa.removeUserGroupMembership(m.id, call());
      if (memberships.length) log.info('removed Coupa user from approval group', { coupaUserId: input.userId, userGroupId: input.groupId });
      return { changed: memberships.length > 0 };
    },

    /** Points the user's manager at the Workday manager's Coupa user (null at the top), unless it already does. */
    async setCoupaUserManager(input: { userId: number; toManagerUserId: number | null; toManagerEmployeeId: string | null }): Promise<CoupaWriteResult> {
      // The plan wrote this only because the user list it read showed another manager; setting the same
      // manager again is harmless, so no read first (one request instead of two, on every reorg's many moves).
      await coupa.updateUser(input.userId, { manager: input.toManagerUserId === null ? null : { id: input.toManagerUserId } }, call());
      log.info('set Coupa user manager', { coupaUserId: input.userId, managerUserId: input.toManagerUserId });
      return { changed: true };
    },
  };
}
