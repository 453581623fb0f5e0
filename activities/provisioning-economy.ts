// Provisioning at the fewest API calls: one Workday read for the whole worker, one Coupa read for the user and their manager, then only the writes that differ. Each request waits for its turn from the API's request gate (workers/request-gate.ts).
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { CoupaClient, CoupaUserWrite } from '../connectors/coupa';
import { getWorkerProfiles, type WorkdaySoapClient, type WorkerProfileReading } from '../connectors/workday/soap';
import { ConnectorErrorTypes } from '../connectors/http/error-types';
import { approvalGroupChanges, coupaUserChanges } from '../mapping';
import type { CoupaUserPlan } from '../mapping/types';
import type { WorkdayWorkerReadings } from './provisioning-plan';
import { toCoupaUserState, userWriteFields, businessRuleViolation, type CoupaManagerLookup, type CoupaUserWriteResult } from './coupa-users';

export type WorkdayWorkerProfileLookup = { status: 'active'; readings: WorkdayWorkerReadings } | { status: 'terminated' };

/** The user after its read and (when needed) its one write: what the run records and the memberships still to sync. */
export interface CoupaUserEnsured {
  userId: number;
  action: 'created' | 'updated' | 'unchanged';
  changedFields: string[];
  manager: CoupaManagerLookup;
  groups: { add: string[]; remove: string[] };
}

export interface CoupaUserFinding {
  /** Null: no Coupa user carries the employee number yet. */
  userId: number | null;
  manager: CoupaManagerLookup;
  /** Plan fields whose Coupa value differs (empty for a new user: it is created whole). */
  changedFields: string[];
  /** Approval-group memberships to add and remove (for a new user: every planned group). */
  groups: { add: string[]; remove: string[] };
}

const signal = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });
const isRetry = (): boolean => Context.current().info.attempt > 1;

const ORG_TYPE = { costCenter: ['COST_CENTER', 'Cost Center'], company: ['COMPANY', 'Company'], supervisory: ['SUPERVISORY', 'Supervisory'] };

/** The SOAP answer in the shape the REST reads gave, so the mapping plans the same user from either. */
export function readingsFromProfile(p: WorkerProfileReading): WorkdayWorkerReadings {
  const orgOf = (types: string[]) => p.organizations.find((o) => types.includes(o.type)) ?? null;
  const costCenter = orgOf(ORG_TYPE.costCenter);
  const company = orgOf(ORG_TYPE.company);
  const supervisory = orgOf(ORG_TYPE.supervisory);
  // The worker's own org is the chain's entry for it (Workday lists the chain top-down [U]; matched by WID, not position).
  const ownLevel = supervisory ? p.managementChain.find((level) => level.orgId === supervisory.id) : undefined;
  const manager = p.managers.find((m) => m.wid !== p.workerWid) ?? null;
  return {
    worker: {
      workerWid: p.workerWid,
      employeeId: p.employeeId,
      workEmail: p.workEmail,
      businessTitle: p.businessTitle,
      jobProfileId: p.jobProfile?.id ?? null,
      supervisoryOrganizationId: supervisory?.id ?? null,
    },
    legalName: p.legalName,
    assignments: {
      costCenter: costCenter && costCenter.code ? { id: costCenter.id, code: costCenter.code, name: costCenter.name } : null,
      company: company ? { id: company.id, name: company.name } : null,
    },
    jobProfile: p.jobProfile ? { id: p.jobProfile.id, name: p.jobProfile.name, managementLevel: p.jobProfile.managementLevel } : null,
    supervisoryOrg: supervisory ? { id: supervisory.id, code: supervisory.code, name: supervisory.name, managerWids: ownLevel?.managerWids ?? [] } : null,
    // The manager's work email is not in Get_Workers; the mapping needs only their employee ID.
    manager: manager ? { workerWid: manager.wid, employeeId: manager.employeeId, name: manager.name, workEmail: null } : null,
  };
}

/** Coupa group ids by name, kept in the worker for a while: names are stable and every hire of a team needs the same ones. */
export class CoupaGroupIdCache {
  private readonly ids = new Map<string, { id: number; at: number }>();
  constructor(private readonly ttlMs = 10 * 60_000) {}
  get(name: string, now = Date.now()): number | undefined {
    const hit = this.ids.get(name);
    return hit && now - hit.at < this.ttlMs ? hit.id : undefined;
  }
  set(name: string, id: number, now = Date.now()): void {
    this.ids.set(name, { id, at: now });
  }
  clear(): void {
    this.ids.clear();
  }
}

/**
 * Reads of workers that arrive in this worker process while a read is on its way go to Workday as ONE
 * Get_Workers request with several Worker_References (a burst of hires reads Workday in pages, not one
 * call per person). A lone read waits only the window; while `maxInFlight` requests are out (waiting
 * for their turn at the API's rate, or answering), new reads gather for the next one.
 */
export class WorkerProfileBatcher {
  private pending: Array<{ employeeId: string; resolve: (p: WorkerProfileReading | null) => void; reject: (e: unknown) => void }> = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly workdaySoap: WorkdaySoapClient,
    private readonly windowMs = 20,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 2,
  ) {}

  read(employeeId: string, abort?: AbortSignal): Promise<WorkerProfileReading | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ employeeId, resolve, reject });
      // A cancelled activity stops waiting; the shared request goes on for the others.
      abort?.addEventListener('abort', () => reject(abort.reason), { once: true });
      if (this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight >= this.maxInFlight) return; // the next answer flushes
    const batch = this.pending.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    if (this.pending.length > 0) this.timer = setTimeout(() => this.flush(), this.windowMs);
    const ids = [...new Set(batch.map((b) => b.employeeId))];
    this.inFlight += 1;
    getWorkerProfiles(this.workdaySoap, ids)
      .then(
        (profiles) => {
          for (const b of batch) b.resolve(profiles.find((p) => p.employeeId === b.employeeId) ?? null);
        },
        (err: unknown) => {
          for (const b of batch) b.reject(err);
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        if (this.pending.length > 0) this.flush();
      });
  }
}

export function createWorkdayProfileActivities(workdaySoap: WorkdaySoapClient, batcher = new WorkerProfileBatcher(workdaySoap)) {
  return {
    /** ONE Get_Workers request with the response groups the mapping needs (personal, employment, organizations, management chain), shared with reads arriving at the same moment. */
    async readWorkdayWorkerProfile(employeeId: string): Promise<WorkdayWorkerProfileLookup> {
      const profile = await batcher.read(employeeId, Context.current().cancellationSignal);
      if (!profile) {
        throw ApplicationFailure.create({
          type: ConnectorErrorTypes.NotFound,
          nonRetryable: true,
          message: `Employee ${employeeId} was not found in Workday (active or terminated). Check the employee ID, then retry.`,
        });
      }
      if (profile.terminated) return { status: 'terminated' };
      return { status: 'active', readings: readingsFromProfile(profile) };
    },
  };
}

export function createCoupaEconomyActivities(coupa: CoupaClient, groupIds = new CoupaGroupIdCache()) {
  /** The group's id from the cache; a miss costs one lookup (the only second request an activity here may make, once per group per TTL). */
  const groupId = async (name: string): Promise<number> => {
    const cached = groupIds.get(name);
    if (cached !== undefined) return cached;
    const group = await coupa.findUserGroupByName(name, signal());
    if (!group) throw businessRuleViolation(`Approval group "${name}" does not exist in Coupa. Create it in Coupa or change approvalGroups in the mapping file, then retry.`);
    groupIds.set(name, group.id);
    return group.id;
  };

  const userFieldNames = (plan: CoupaUserPlan, manager: CoupaManagerLookup): string[] =>
    Object.keys(userWriteFields(plan, manager.managerId)).filter((f) => manager.managerKnown || f !== 'managerEmployeeNumber');

  /** ONE request: POST the user whole; a login someone else holds is Coupa's 400, which parks with the holder named (one lookup on that failure only). */
  const createUser = async (plan: CoupaUserPlan, manager: CoupaManagerLookup): Promise<CoupaUserWriteResult> => {
      const fields = userWriteFields(plan, manager.managerId);
      const fieldNames = userFieldNames(plan, manager);
      const body: CoupaUserWrite = Object.assign({}, ...fieldNames.map((f) => fields[f]));
      let created;
      try {
        created = await coupa.createUser(body, signal());
      } catch (err) {
        // Coupa refused the user (400). Only then, one lookup says whether someone else holds the login,
        // so support reads who instead of Coupa's bare "Login has already been taken".
        if (!(err instanceof ApplicationFailure) || err.type !== ConnectorErrorTypes.ValidationFailed) throw err;
        const holder = await coupa.findUserByLogin(plan.login, signal());
        if (!holder) throw err;
        throw businessRuleViolation(
          // No login or email in the text: failure messages are stored in the history.
          `The Coupa login of employee ${plan.employeeNumber} (from their work email) already belongs to Coupa user ${holder.id} (employee number ${holder['employee-number'] ?? 'none'}). Fix the login in Coupa or the work email in Workday, then retry.`,
        );
      }
      log.info('created Coupa user', { coupaUserId: created.id, fields: fieldNames });
      return { userId: created.id, changedFields: fieldNames };
  };

  const economy = {
    /**
     * The user's read and the one write it calls for, in one activity (a lookup and an idempotent
     * write): a new hire is 2 Coupa requests and 1 task through the server, not 2. A retry reads again,
     * so a lost answer never creates the user twice. Used since patch `user-in-one-activity`.
     */
    async ensureCoupaUserFromPlan(input: { plan: CoupaUserPlan }): Promise<CoupaUserEnsured> {
      const found = await economy.findCoupaUserForPlan(input);
      const { manager, groups } = found;
      if (found.userId === null) {
        const created = await createUser(input.plan, manager);
        return { userId: created.userId, action: 'created', changedFields: created.changedFields, manager, groups };
      }
      if (found.changedFields.length > 0) {
        const updated = await economy.updateCoupaUserFields({ userId: found.userId, plan: input.plan, manager, fields: found.changedFields });
        return { userId: updated.userId, action: 'updated', changedFields: updated.changedFields, manager, groups };
      }
      return { userId: found.userId, action: 'unchanged', changedFields: [], manager, groups };
    },

    /** ONE request: the user and their manager by employee number, compared with the plan. */
    async findCoupaUserForPlan(input: { plan: CoupaUserPlan }): Promise<CoupaUserFinding> {
      const { plan } = input;
      const managerNumber = plan.managerEmployeeNumber;
      const users = await coupa.findUsersByEmployeeNumbers([plan.employeeNumber, ...(managerNumber ? [managerNumber] : [])], signal());
      // The groups both users are in come with the read (id and name): they fill the group-id cache for
      // free, so a hire or job change into the manager's approval group needs no lookup of its id.
      for (const u of users) for (const g of [...(u['user-groups'] ?? []), ...(u['approval-groups'] ?? [])]) if (g.name && typeof g.id === 'number') groupIds.set(g.name, g.id);
      const user = users.find((u) => u['employee-number'] === plan.employeeNumber) ?? null;
      const managerUser = managerNumber ? (users.find((u) => u['employee-number'] === managerNumber) ?? null) : null;
      const manager: CoupaManagerLookup = !managerNumber
        ? { managerId: null, managerKnown: true, warning: null }
        : managerUser
          ? { managerId: managerUser.id, managerKnown: true, warning: null }
          : {
              managerId: null,
              managerKnown: false,
              warning: `Manager ${managerNumber} has no Coupa user yet; the manager field was left as it is. Provision the manager, then run this employee again.`,
            };
      if (!user) return { userId: null, manager, changedFields: [], groups: approvalGroupChanges([], plan) };
      const changedFields = coupaUserChanges(toCoupaUserState(user), plan)
        .filter((c) => manager.managerKnown || c.field !== 'managerEmployeeNumber')
        .map((c) => c.field);
      const current = [...(user['user-groups'] ?? []), ...(user['approval-groups'] ?? [])].map((g) => g.name ?? '').filter(Boolean);
      return { userId: user.id, manager, changedFields, groups: approvalGroupChanges([...new Set(current)], plan) };
    },

    /**
     * ONE request: POST the user whole. A retry (the first answer may have been lost) looks the
     * user up first, so it never duplicates; a login someone else holds is Coupa's 400, which parks
     * with the holder named (one lookup on that failure only).
     */
    async createCoupaUserFromPlan(input: { plan: CoupaUserPlan; manager: CoupaManagerLookup }): Promise<CoupaUserWriteResult> {
      const { plan, manager } = input;
      if (isRetry()) {
        const already = (await coupa.findUsersByEmployeeNumbers([plan.employeeNumber], signal()))[0];
        if (already) return { userId: already.id, changedFields: userFieldNames(plan, manager) };
      }
      return createUser(plan, manager);
    },

    /** ONE request: PUT only the fields the read found different (idempotent: the same PUT again changes nothing). */
    async updateCoupaUserFields(input: { userId: number; plan: CoupaUserPlan; manager: CoupaManagerLookup; fields: string[] }): Promise<CoupaUserWriteResult> {
      const all = userWriteFields(input.plan, input.manager.managerId);
      const patch: CoupaUserWrite = Object.assign({}, ...input.fields.map((f) => all[f] ?? {}));
      await coupa.updateUser(input.userId, patch, signal());
      log.info('updated Coupa user', { coupaUserId: input.userId, fields: input.fields });
      return { userId: input.userId, changedFields: input.fields };
    },

    /** ONE request (group id cached): add the membership. A retry first checks whether the lost answer had added it. */
    async addCoupaMembership(input: { userId: number; group: string }): Promise<{ added: boolean }> {
      const id = await groupId(input.group);
      if (isRetry() && (await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: id }, signal())).length > 0) return { added: false };
      await coupa.addUserToGroup(input.userId, id, signal());
      return { added: true };
    },

    /** ONE request (group id cached): the user's memberships in the group, to remove. */
    async findCoupaMembershipIds(input: { userId: number; group: string }): Promise<number[]> {
      const id = await groupId(input.group);
      return (await coupa.listUserGroupMemberships({ userId: input.userId, userGroupId: id }, signal())).map((m) => m.id);
    },

    /** ONE request: DELETE one membership; already gone counts as done. */
    async deleteCoupaMembership(membershipId: number): Promise<{ removed: boolean }> {
      try {
        await coupa.removeUserGroupMembership(membershipId, signal());
        return { removed: true };
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound) return { removed: false };
        throw err;
      }
    },
  };
  return economy;
}
