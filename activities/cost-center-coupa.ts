// Coupa steps of the cost center sync: page-by-page reads of the lookup tree and the accounts, and one idempotent write (look, then write what differs) per activity.
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import {
  accountCodeOfSegments,
  createAccount,
  createLookupValue,
  findAccountTypeByName,
  findLookupByName,
  findLookupValuesByRefNum,
  findSegmentAccount,
  getAccountsOfTypesPage,
  getAccountsPage,
  getLookupValue,
  getLookupValuesPage,
  getSegmentAccount,
  lookupValueParentId,
  updateAccount,
  updateLookupValue,
  type CoupaAccountWrite,
  type CoupaClient,
  type CoupaLookupValueWrite,
  type CoupaSegmentAccount,
  type CoupaTreeLookupValue,
} from '../connectors/coupa';
import { BusinessFailureTypes, ConnectorErrorTypes } from '../connectors/http/error-types';
import type { CoupaAccountState, CoupaValueState } from '../mapping/cost-center-sync';
import type { PageRead } from './org-hierarchy-workday';

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

export interface CoupaCostCenterWriteResult {
  changed: boolean;
}

export function toValueState(v: CoupaTreeLookupValue): CoupaValueState {
  const refNum = v['external-ref-num']?.trim() || null;
  return { id: v.id, name: v.name ?? '', active: v.active !== false, refNum, parentId: lookupValueParentId(v), refCode: v['external-ref-code'] ?? null };
}

export function toAccountState(a: CoupaSegmentAccount, accountTypeName: string): CoupaAccountState {
  const segments = Array.from({ length: 20 }, (_, i) => (a[`segment-${i + 1}`] as string | null | undefined) ?? null);
  return { id: a.id, name: a.name ?? '', active: a.active !== false, accountTypeName, segments };
}

function gone(what: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: ConnectorErrorTypes.NotFound,
    nonRetryable: true,
    message: `${what} no longer exists in Coupa. Check Coupa, then retry (the next plan reads it again) or skip.`,
  });
}

async function orGone<T>(read: Promise<T>, what: string): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound) throw gone(what);
    throw err;
  }
}

/** The keys of the wanted state that the value does not have yet, as a Coupa body. */
function valuePatch(current: CoupaTreeLookupValue, wanted: { name?: string; parentId?: number | null; active?: boolean }): CoupaLookupValueWrite {
  const patch: CoupaLookupValueWrite = {};
  if (wanted.name !== undefined && wanted.name !== (current.name ?? '')) patch.name = wanted.name;
  if (wanted.parentId !== undefined && wanted.parentId !== lookupValueParentId(current)) patch.parent = wanted.parentId === null ? null : { id: wanted.parentId };
  if (wanted.active !== undefined && wanted.active !== (current.active !== false)) patch.active = wanted.active;
  return patch;
}

/**
 * How long a worker trusts a lookup id or an account type it found. Both are set-up data a person
 * changes rarely (the sync never creates or deletes them); only found ones are kept, so a lookup or
 * account type created to fix a parked run is seen at once, and a value read that finds the lookup gone
 * forgets it. Saves 1 + (account types) reads per sync run.
 */
export const REFERENCE_TTL_MS = 15 * 60 * 1000;

/** Found reference data, per worker, for REFERENCE_TTL_MS. */
class FoundCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  constructor(private readonly ttlMs: number) {}
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (Date.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
  set(key: string, value: T): void {
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
  }
  forgetValue(matches: (value: T) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }
}

export function createCoupaCostCenterActivities(coupa: CoupaClient, options: { referenceTtlMs?: number } = {}) {
  const ttl = options.referenceTtlMs ?? REFERENCE_TTL_MS;
  const lookups = new FoundCache<{ id: number; name: string }>(ttl);
  const accountTypes = new FoundCache<true>(ttl);
  return {
    // ---- reads ----

    /** The lookup the mapping names; a missing one parks the run (the sync never creates lookups). */
    async findCoupaLookup(input: { name: string }): Promise<{ id: number; name: string }> {
      const cached = lookups.get(input.name);
      if (cached) return cached;
      const lookup = await findLookupByName(coupa, input.name, call());
      if (!lookup) {
        throw ApplicationFailure.create({
          type: BusinessFailureTypes.MappingMissing,
          nonRetryable: true,
          message: `Coupa has no lookup "${input.name}" (costCenterSync.lookup in the mapping file). Create it in Coupa (Setup > Lookups) or fix the name, then retry.`,
        });
      }
      const found = { id: lookup.id, name: lookup.name ?? input.name };
      lookups.set(input.name, found);
      return found;
    },

    /** A page of the lookup's values (50), every one, active or not. */
    async readCoupaLookupValuesPage(input: { lookupId: number; offset: number }): Promise<PageRead<CoupaValueState>> {
      let page;
      try {
        page = await getLookupValuesPage(coupa, input.lookupId, input.offset, call());
      } catch (err) {
        // The lookup was deleted: the next attempt finds it by name again.
        if (err instanceof ApplicationFailure && err.type === ConnectorErrorTypes.NotFound) lookups.forgetValue((l) => l.id === input.lookupId);
        throw err;
      }
      return { items: page.items.map(toValueState), nextOffset: page.nextOffset };
    },

    /** Whether the account type (chart of accounts) exists. */
    async coupaAccountTypeExists(input: { name: string }): Promise<boolean> {
      if (accountTypes.get(input.name)) return true;
      const exists = (await findAccountTypeByName(coupa, input.name, call())) !== null;
      if (exists) accountTypes.set(input.name, true);
      return exists;
    },

    /** A page of one account type's accounts. */
    async readCoupaAccountsPage(input: { accountTypeName: string; offset: number }): Promise<PageRead<CoupaAccountState>> {
      const page = await getAccountsPage(coupa, input.accountTypeName, input.offset, call());
      return { items: page.items.map((a) => toAccountState(a, input.accountTypeName)), nextOffset: page.nextOffset };
    },

    /** A page of the accounts of all the sync's account types in one list (since COST_CENTER_ACCOUNTS_ONE_LIST_PATCH). */
    async readCoupaAccountsOfTypesPage(input: { accountTypeNames: string[]; offset: number }): Promise<PageRead<CoupaAccountState>> {
      const page = await getAccountsOfTypesPage(coupa, input.accountTypeNames, input.offset, call());
      return { items: page.items.map((a) => toAccountState(a, a['account-type']?.name ?? '')), nextOffset: page.nextOffset };
    },

    // ---- writes: each looks first, so a retry or a repeat writes nothing twice ----

    /** Creates the value unless the lookup has one with this ref-num (an earlier attempt made it): then only what differs is set. */
    async createCoupaLookupValue(input: { lookupId: number; refNum: string; name: string; parentId: number | null }): Promise<CoupaCostCenterWriteResult & { valueId: number }> {
      const existing = (await findLookupValuesByRefNum(coupa, input.lookupId, input.refNum, call()))[0];
      if (existing) {
        const patch = valuePatch(existing, { name: input.name, parentId: input.parentId, active: true });
        if (Object.keys(patch).length > 0) await updateLookupValue(coupa, existing.id, patch, call());
        log.info('Coupa lookup value already existed', { lookupValueId: existing.id, refNum: input.refNum, fields: Object.keys(patch) });
        return { valueId: existing.id, changed: Object.keys(patch).length > 0 };
      }
      const created = await createLookupValue(
        coupa,
        { name: input.name, 'external-ref-num': input.refNum, active: true, lookup: { id: input.lookupId }, parent: input.parentId === null ? null : { id: input.parentId } },
        call(),
      );
      log.info('created Coupa lookup value', { lookupValueId: created.id, refNum: input.refNum });
      return { valueId: created.id, changed: true };
    },

    /** Writes only the changes the value does not have yet (deactivation is `active: false`, never a delete). */
    async updateCoupaLookupValue(input: { valueId: number; refNum: string; changes: { name?: string; parentId?: number | null; active?: boolean } }): Promise<CoupaCostCenterWriteResult & { fields: string[] }> {
      const current = await orGone(getLookupValue(coupa, input.valueId, call()), `Lookup value ${input.valueId} (${input.refNum})`);
      const patch = valuePatch(current, input.changes);
      const fields = Object.keys(patch);
      if (fields.length === 0) return { changed: false, fields };
      await updateLookupValue(coupa, input.valueId, patch, call());
      log.info('updated Coupa lookup value', { lookupValueId: input.valueId, refNum: input.refNum, fields });
      return { changed: true, fields };
    },

    /**
     * After a move above it, the value's external-ref-code must be the new path. Coupa derives it from the
     * parents [U: whether it is recomputed for descendants]; when it still shows the old path, the parent is
     * written again so Coupa recomputes it. Already right → nothing written.
     */
    async followCoupaLookupValuePath(input: { valueId: number; refNum: string; expectedRefCode: string }): Promise<CoupaCostCenterWriteResult> {
      const current = await orGone(getLookupValue(coupa, input.valueId, call()), `Lookup value ${input.valueId} (${input.refNum})`);
      const refCode = current['external-ref-code'];
      if (refCode === undefined || refCode === null || refCode === input.expectedRefCode) return { changed: false };
      const parentId = lookupValueParentId(current);
      await updateLookupValue(coupa, input.valueId, { parent: parentId === null ? null : { id: parentId } }, call());
      log.info('refreshed Coupa lookup value path', { lookupValueId: input.valueId, refNum: input.refNum });
      return { changed: true };
    },

    /** Creates the account unless the chart of accounts has one with this code: then only name and active are set. */
    async createCoupaAccount(input: { accountTypeName: string; segments: string[]; name: string }): Promise<CoupaCostCenterWriteResult & { accountId: number }> {
      const code = accountCodeOfSegments(input.segments);
      const existing = await findSegmentAccount(coupa, input.accountTypeName, code, call());
      if (existing) {
        const patch: CoupaAccountWrite = {};
        if ((existing.name ?? '') !== input.name) patch.name = input.name;
        if (existing.active === false) patch.active = true;
        if (Object.keys(patch).length > 0) await updateAccount(coupa, existing.id, patch, call());
        return { accountId: existing.id, changed: Object.keys(patch).length > 0 };
      }
      const body: CoupaAccountWrite = { name: input.name, active: true, 'account-type': { name: input.accountTypeName } };
      input.segments.forEach((s, i) => {
        body[`segment-${i + 1}`] = s;
      });
      const created = await createAccount(coupa, body, call());
      log.info('created Coupa account', { accountId: created.id, code });
      return { accountId: created.id, changed: true };
    },

    /** Sets only the name / active flag the account does not have yet. */
    async updateCoupaAccount(input: { accountId: number; code: string; changes: { name?: string; active?: boolean } }): Promise<CoupaCostCenterWriteResult> {
      const current = await orGone(getSegmentAccount(coupa, input.accountId, call()), `Account ${input.accountId} (${input.code})`);
      const patch: CoupaAccountWrite = {};
      if (input.changes.name !== undefined && input.changes.name !== (current.name ?? '')) patch.name = input.changes.name;
      if (input.changes.active !== undefined && input.changes.active !== (current.active !== false)) patch.active = input.changes.active;
      if (Object.keys(patch).length === 0) return { changed: false };
      await updateAccount(coupa, input.accountId, patch, call());
      log.info('updated Coupa account', { accountId: input.accountId, code: input.code, fields: Object.keys(patch) });
      return { changed: true };
    },
  };
}
