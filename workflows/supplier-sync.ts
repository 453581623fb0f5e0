// supplierSync: one long-lived run per supplier keeps its master data in step between Coupa and Workday: field ownership, no echo loops, duplicate check before create, bank changes held for approval.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CopyResult, CounterpartSearch, SupplierSideReading, SupplierSyncSettings } from '../activities';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import type { SupplierField } from '../mapping/supplier-config';
import type { SupplierSystem } from '../mapping/supplier-fields';
import type { BankHold, MergeAuditEntry, MergePlan, SupplierMemory } from '../mapping/supplier-merge';
import { apiActivities, currentRunSettings, planningActivities } from './activity-options';
import { BusinessProcessKey, SupplierIdKey, SyncTracker, parkingFor, statusQuery, type ProcessStatus } from './sync-state';

export const SUPPLIER_SYNC = 'supplier-sync';

/** A change one system reported for one supplier (a nudge: the run re-reads both systems). */
export interface SupplierChange {
  system: SupplierSystem;
  coupaSupplierId?: number;
  coupaSupplierNumber?: string;
  workdaySupplierId?: string;
  /** ISO moment of the change in that system (used for latest-wins); the arrival time when missing. */
  changedAt?: string;
  /** Who made it, when the system says (shown when a bank change waits for approval). */
  changedBy?: string;
  trigger?: 'event' | 'poller' | 'manual' | 'backfill';
}

/**
 * One run per real supplier. The key is the Workday Supplier ID when the change knows it, else the
 * Coupa supplier number. A supplier created from Coupa gets its number as Workday Supplier ID, and
 * one created from Workday gets its Supplier ID as Coupa number, so both systems' events name the
 * same run; the cross-reference fields (Coupa custom field, Workday element) carry the other key.
 */
export function supplierKeyOf(change: SupplierChange): string {
  const key = change.workdaySupplierId?.trim() || change.coupaSupplierNumber?.trim() || (change.coupaSupplierId !== undefined ? `coupa-id-${change.coupaSupplierId}` : '');
  if (!key) throw new TypeError('a supplier change names no supplier: give workdaySupplierId, coupaSupplierNumber or coupaSupplierId');
  return key;
}
export const supplierSyncWorkflowId = (key: string): string => `${SUPPLIER_SYNC}/${key}`;

export const supplierChangedSignal = defineSignal<[SupplierChange]>('supplierChanged');

export interface BankDecisionInput {
  /** Who decides (name or login): recorded in the audit trail. */
  by: string;
  reason?: string;
}
export const approveBankChangeUpdate = defineUpdate<string, [BankDecisionInput]>('approveBankChange');
export const rejectBankChangeUpdate = defineUpdate<string, [BankDecisionInput]>('rejectBankChange');

/** A bank change waiting for a person: masked old and new, where it was entered, who asked and when. */
export interface PendingBankChange extends BankHold {
  requestedBy: string;
  detectedAt: string;
}
export const pendingBankChangeQuery = defineQuery<PendingBankChange | null>('pendingBankChange');

export interface SupplierAuditEntry extends Omit<MergeAuditEntry, 'kind'> {
  at: string;
  kind: MergeAuditEntry['kind'] | 'created' | 'linked' | 'bank-approved' | 'bank-rejected' | 'source-moved';
}

/** What a run carries to the next (continue-as-new): fingerprints and masked forms only. */
export interface SupplierSyncState {
  coupaId: number | null;
  coupaNumber: string | null;
  workdayId: string | null;
  memory: SupplierMemory;
  pendingBank: PendingBankChange | null;
  audit: SupplierAuditEntry[];
  writes: Record<SupplierSystem, number>;
  runs: number;
}

export interface SupplierSyncInput {
  supplierKey: string;
  carried?: SupplierSyncState;
  /** Changes that arrived but were not handled before continue-as-new. */
  pending?: SupplierChange[];
}

export interface SupplierStatus extends ProcessStatus {
  supplier: {
    key: string;
    coupaId: number | null;
    coupaNumber: string | null;
    workdayId: string | null;
    /** The agreed value of each synced field, as support may see it (tax IDs and bank details masked). */
    fields: Partial<Record<SupplierField, string>>;
    pendingBankChange: PendingBankChange | null;
    /** The latest entries of the audit trail (losers of conflicts included). */
    audit: SupplierAuditEntry[];
    writes: Record<SupplierSystem, number>;
  };
}

export interface SupplierSyncResult {
  supplierKey: string;
  outcome: 'handed-over' | 'skipped';
  status: ProcessStatus;
}

const AUDIT_KEPT = 200;
const other = (s: SupplierSystem): SupplierSystem => (s === 'coupa' ? 'workday' : 'coupa');

export async function supplierSync(input: SupplierSyncInput): Promise<SupplierSyncResult> {
  const key = input.supplierKey;
  const tracker = new SyncTracker(SUPPLIER_SYNC, key);
  const state: SupplierSyncState = input.carried ?? { coupaId: null, coupaNumber: null, workdayId: null, memory: {}, pendingBank: null, audit: [], writes: { coupa: 0, workday: 0 }, runs: 0 };
  const pending: SupplierChange[] = [...(input.pending ?? [])];
  let decision: { kind: 'approve' | 'reject'; by: string; reason: string | null; at: string } | null = null;

  const learn = (c: SupplierChange): void => {
    if (c.coupaSupplierId !== undefined && state.coupaId === null) state.coupaId = c.coupaSupplierId;
    if (c.coupaSupplierNumber && state.coupaNumber === null) state.coupaNumber = c.coupaSupplierNumber;
    if (c.workdaySupplierId && state.workdayId === null) state.workdayId = c.workdaySupplierId;
  };
  pending.forEach(learn);
  setHandler(supplierChangedSignal, (c: SupplierChange) => {
    learn(c);
    pending.push(c);
  });

  const audit = (entry: Omit<SupplierAuditEntry, 'at'>): void => {
    const full: SupplierAuditEntry = { ...entry, at: new Date(Date.now()).toISOString() };
    state.audit.push(full);
    if (state.audit.length > AUDIT_KEPT) state.audit.splice(0, state.audit.length - AUDIT_KEPT);
  };

  const describeHold = (h: PendingBankChange): string =>
    `bank details entered in ${h.origin} by ${h.requestedBy} at ${h.detectedAt}: ${h.fromDisplay} → ${h.toDisplay}${h.originOwnsField ? '' : ` (${h.origin} does not own bank details in the mapping file)`}`;
  const validateDecision = (what: string) => (d: BankDecisionInput) => {
    if (state.pendingBank === null) throw new Error(`supplier ${key} has no bank change waiting: nothing to ${what}`);
    if (decision !== null) throw new Error(`a decision on this bank change is already on its way (${decision.kind} by ${decision.by})`);
    if (!d || typeof d.by !== 'string' || d.by.trim() === '') throw new Error(`${what} needs "by": who decides (recorded in the audit trail)`);
    if (what === 'reject' && (typeof d.reason !== 'string' || d.reason.trim() === '')) throw new Error('reject needs a reason (recorded in the audit trail)');
  };
  setHandler(
    approveBankChangeUpdate,
    (d: BankDecisionInput) => {
      decision = { kind: 'approve', by: d.by.trim(), reason: d.reason?.trim() || null, at: new Date(Date.now()).toISOString() };
      return `approved by ${decision.by}: ${describeHold(state.pendingBank!)}; copying to ${other(state.pendingBank!.origin)}`;
    },
    { validator: validateDecision('approve') },
  );
  setHandler(
    rejectBankChangeUpdate,
    (d: BankDecisionInput) => {
      decision = { kind: 'reject', by: d.by.trim(), reason: d.reason?.trim() || null, at: new Date(Date.now()).toISOString() };
      return `rejected by ${decision.by}: ${describeHold(state.pendingBank!)}; reverting in ${state.pendingBank!.origin}`;
    },
    { validator: validateDecision('reject') },
  );
  setHandler(pendingBankChangeQuery, () => state.pendingBank);
  setHandler(statusQuery, (): SupplierStatus => ({
    ...tracker.status,
    supplier: {
      key,
      coupaId: state.coupaId,
      coupaNumber: state.coupaNumber,
      workdayId: state.workdayId,
      fields: Object.fromEntries(Object.entries(state.memory).map(([f, m]) => [f, m?.agreedDisplay ?? '(unknown)'])),
      pendingBankChange: state.pendingBank,
      audit: state.audit.slice(-50),
      writes: state.writes,
    },
  }));
  upsertSearchAttributes([
    { key: BusinessProcessKey, value: SUPPLIER_SYNC },
    { key: SupplierIdKey, value: key },
  ]);

  /** Runs `step`, parking on a fixable failure until retry (or a new change) or skip. */
  async function parkable(step: () => Promise<void>): Promise<'done' | 'skipped'> {
    for (;;) {
      try {
        await step();
        tracker.status.lastError = null;
        return 'done';
      } catch (err) {
        const parking = parkingFor(err);
        if (parking === null) throw err;
        const seen = pending.length;
        if ((await tracker.park(parking, () => pending.length > seen)) === 'skip') return 'skipped';
      }
    }
  }

  let settings: SupplierSyncSettings = await planningActivities('supplier sync settings from the mapping file').supplierSyncSettings();
  let cycles = 0;
  let handedOver = false;
  let lastPark: MergePlan['parks'][number] | null = null;

  /** One sync: read both systems, link or create, merge, write at most once per system. */
  async function syncOnce(batch: SupplierChange[]): Promise<void> {
    const run = await currentRunSettings();
    const { workday, coupa } = apiActivities(run);
    const changedAt: Record<SupplierSystem, string | null> = { coupa: null, workday: null };
    for (const c of batch) {
      const at = c.changedAt ?? new Date(Date.now()).toISOString();
      if (!changedAt[c.system] || Date.parse(at) > Date.parse(changedAt[c.system]!)) changedAt[c.system] = at;
    }
    const readCoupa = () => coupa(`read supplier ${state.coupaNumber ?? state.coupaId ?? key}`).readCoupaSupplierSide({ coupaId: state.coupaId, coupaNumber: state.coupaNumber, workdayId: state.workdayId });
    const absentWorkday: SupplierSideReading = { system: 'workday', exists: false, coupaId: null, coupaNumber: null, workdayId: null, crossReference: null, approved: false, name: null, fields: null };
    const readWorkday = () => (state.workdayId ? workday(`read supplier ${state.workdayId}`).readWorkdaySupplierSide({ workdayId: state.workdayId }) : Promise.resolve(absentWorkday));

    tracker.step('reading the supplier from Coupa and Workday');
    let [c, w] = await Promise.all([readCoupa(), readWorkday()]);
    const learnFrom = (): void => {
      if (c.exists) {
        state.coupaId = c.coupaId;
        state.coupaNumber = c.coupaNumber;
      }
    };
    learnFrom();
    if (!w.exists && c.exists && c.crossReference && c.crossReference !== state.workdayId) {
      state.workdayId = c.crossReference;
      w = await readWorkday();
    }
    if (!c.exists && w.exists && w.crossReference && !state.coupaNumber) {
      state.coupaNumber = w.crossReference;
      c = await readCoupa();
      learnFrom();
    }
    // The cross-reference names another run's supplier: hand the change over (one run per real supplier).
    const canonical = c.exists ? c.crossReference : null;
    if (canonical && canonical !== key) {
      tracker.warn(`Coupa supplier ${state.coupaId} is linked to Workday supplier ${canonical}: its changes belong to run ${supplierSyncWorkflowId(canonical)}.`);
      try {
        for (const change of [...batch, ...pending.splice(0)]) await getExternalWorkflowHandle(supplierSyncWorkflowId(canonical)).signal(supplierChangedSignal, { ...change, workdaySupplierId: canonical });
      } catch {
        tracker.warn(`Run ${supplierSyncWorkflowId(canonical)} is not running: start it with "cli supplier-sync --workday-id ${canonical}".`);
      }
      handedOver = true;
      return;
    }

    if (!c.exists && !w.exists) {
      tracker.warn(`No supplier ${key} in Coupa or Workday (yet): the run waits for the next change.`);
      return;
    }

    // Whether to create on the other side is read from the mapping file as it is now (an edit reaches a waiting run).
    if (c.exists !== w.exists && patched('supplier-settings-before-create')) settings = await planningActivities('supplier sync settings from the mapping file').supplierSyncSettings();
    if (c.exists && !w.exists) {
      if (!c.approved) {
        tracker.warn('The Coupa supplier is not approved (active) yet: it is created in Workday once it is.');
        return;
      }
      if (!settings.createInWorkday) {
        tracker.warn('The supplier exists only in Coupa and the mapping file has createInWorkday off: nothing is created.');
        return;
      }
      tracker.step('checking Workday for the supplier or a likely duplicate');
      const search: CounterpartSearch = await workday(`find supplier ${c.coupaNumber ?? c.coupaId} or a duplicate`).findWorkdayCounterpart({ coupaId: c.coupaId! });
      if (search.linked) {
        state.workdayId = search.linked;
        audit({ kind: 'linked', field: 'name', from: 'coupa', to: 'workday', value: c.name ?? '', note: `Workday supplier ${search.linked} already carries Coupa number ${c.coupaNumber}` });
      } else {
        if (search.duplicates.length > 0) throw likelyDuplicate('Workday', c.name ?? '', search);
        tracker.step('creating the supplier in Workday');
        const created = await workday(`create supplier ${c.coupaNumber ?? c.coupaId}`).createWorkdaySupplierFromCoupa({ coupaId: c.coupaId! });
        state.workdayId = created.workdayId;
        state.writes.workday += 1;
        audit({ kind: 'created', field: 'name', from: 'coupa', to: 'workday', value: c.name ?? '', note: `created Workday supplier ${created.workdayId} from approved Coupa supplier ${c.coupaId}; bank details wait for approval` });
        tracker.recordChange({ system: 'workday', action: 'supplier created', detail: `${created.workdayId} from Coupa supplier ${c.coupaId}` });
      }
      w = await readWorkday();
    } else if (w.exists && !c.exists) {
      if (!settings.createInCoupa) {
        tracker.warn('The supplier exists only in Workday and the mapping file has createInCoupa off: nothing is created in Coupa.');
        return;
      }
      tracker.step('checking Coupa for the supplier or a likely duplicate');
      const search = await coupa(`find supplier ${state.workdayId} or a duplicate`).findCoupaCounterpart({ workdayId: state.workdayId! });
      if (search.linked) state.coupaId = Number(search.linked);
      else {
        if (search.duplicates.length > 0) throw likelyDuplicate('Coupa', w.name ?? '', search);
        tracker.step('creating the supplier in Coupa');
        const created = await coupa(`create supplier ${state.workdayId}`).createCoupaSupplierFromWorkday({ workdayId: state.workdayId! });
        state.coupaId = created.coupaId;
        state.coupaNumber = created.coupaNumber;
        state.writes.coupa += 1;
        audit({ kind: 'created', field: 'name', from: 'workday', to: 'coupa', value: w.name ?? '', note: `created Coupa supplier ${created.coupaId} from Workday supplier ${state.workdayId}; bank details wait for approval` });
        tracker.recordChange({ system: 'coupa', action: 'supplier created', detail: `${created.coupaId} from Workday supplier ${state.workdayId}` });
      }
      c = await readCoupa();
      learnFrom();
    }
    if (!c.exists || !w.exists || !c.fields || !w.fields || state.coupaId === null || state.workdayId === null) return;

    // The cross-reference on both sides, written once when a link is new.
    if (c.crossReference !== state.workdayId) {
      const linked = await coupa(`link supplier ${state.coupaId} to Workday ${state.workdayId}`).linkCoupaSupplier({ coupaId: state.coupaId, workdayId: state.workdayId });
      if (linked.changed) state.writes.coupa += 1;
    }
    if (state.coupaNumber && w.crossReference !== state.coupaNumber) {
      const linked = await workday(`link supplier ${state.workdayId} to Coupa ${state.coupaNumber}`).linkWorkdaySupplier({ workdayId: state.workdayId, coupaNumber: state.coupaNumber });
      if (linked.changed) state.writes.workday += 1;
    }

    tracker.step('merging the fields by ownership');
    const plan: MergePlan & { settings: SupplierSyncSettings } = await planningActivities(`merge supplier ${key}`).planSupplierSync({
      memory: state.memory,
      coupa: c.fields,
      workday: w.fields,
      changedAt,
      pendingBank: state.pendingBank,
    });
    settings = plan.settings;
    for (const e of plan.audit) audit(e);
    for (const s of plan.echoes) if (batch.some((b) => b.system === s)) audit({ kind: 'echo', field: 'name', from: s, to: null, value: '', note: `${s} shows exactly what this run wrote there: its own echo, no write` });

    const memory: SupplierMemory = { ...state.memory, ...plan.memoryAfter };
    const coupaId = state.coupaId;
    const workdayId = state.workdayId;
    const copy = async (target: SupplierSystem): Promise<void> => {
      const expect = plan.copies[target];
      const fields = Object.keys(expect) as SupplierField[];
      if (fields.length === 0) return;
      tracker.step(`writing ${fields.join(', ')} to ${target}`);
      const reason = plan.audit.filter((a) => a.to === target).map((a) => `${a.field}: ${a.kind}`).join(', ');
      const result: CopyResult =
        target === 'workday'
          ? await workday(`update supplier ${workdayId}: ${fields.join(', ')}`).copySupplierFieldsToWorkday({ coupaId, workdayId, expect, reason })
          : await coupa(`update supplier ${coupaId}: ${fields.join(', ')}`).copySupplierFieldsToCoupa({ coupaId, workdayId, expect, reason });
      if (result.outcome === 'source-moved') {
        // The source changed after the read: nothing written; read and plan again.
        for (const f of fields) memory[f] = state.memory[f] ?? { agreed: null, agreedDisplay: '(none)', written: {} };
        audit({ kind: 'source-moved', field: result.movedField ?? fields[0]!, from: other(target), to: target, value: '', note: `${other(target)} changed again while syncing: read again` });
        pending.push({ system: other(target), trigger: 'event' });
        return;
      }
      if (result.outcome === 'written') {
        state.writes[target] += 1;
        tracker.recordChange({ system: target, action: 'supplier updated', detail: `${target === 'workday' ? workdayId : coupaId}: ${fields.join(', ')}` });
      }
    };
    await Promise.all([copy('workday'), copy('coupa')]);
    state.memory = memory;

    if (plan.bankHold) {
      if (state.pendingBank === null || state.pendingBank.toFp !== plan.bankHold.toFp || state.pendingBank.origin !== plan.bankHold.origin) {
        const asker = [...batch].reverse().find((b) => b.system === plan.bankHold!.origin && b.changedBy);
        state.pendingBank = { ...plan.bankHold, requestedBy: asker?.changedBy ?? `a ${plan.bankHold.origin} user (not reported)`, detectedAt: new Date(Date.now()).toISOString() };
        tracker.recordChange({ system: plan.bankHold.origin, action: 'bank change held for approval', detail: describeHold(state.pendingBank) });
      }
    } else if (state.pendingBank) {
      audit({ kind: 'bank-approved', field: 'bankAccounts', from: null, to: null, value: state.pendingBank.toDisplay, note: 'bank details are equal in both systems again (changed by hand): nothing left to approve' });
      state.pendingBank = null;
    }

    const park = plan.parks[0];
    if (park) {
      lastPark = park;
      throw ApplicationFailure.create({ type: BusinessFailureTypes.NonOwnerChange, nonRetryable: true, message: park.reason });
    }
  }

  async function decideBank(): Promise<void> {
    const d = decision!;
    const hold = state.pendingBank!;
    const run = await currentRunSettings();
    const { workday, coupa } = apiActivities(run);
    const target = d.kind === 'approve' ? other(hold.origin) : hold.origin;
    const expect = { bankAccounts: d.kind === 'approve' ? hold.toFp : hold.fromFp };
    tracker.step(d.kind === 'approve' ? `copying approved bank details to ${target}` : `reverting the rejected bank details in ${target}`);
    const reason = `bank change ${d.kind}d by ${d.by}`;
    const coupaId = state.coupaId!;
    const workdayId = state.workdayId!;
    const result: CopyResult =
      target === 'workday'
        ? await workday(`bank details of supplier ${workdayId}`).copySupplierFieldsToWorkday({ coupaId, workdayId, expect, reason })
        : await coupa(`bank details of supplier ${coupaId}`).copySupplierFieldsToCoupa({ coupaId, workdayId, expect, reason });
    if (result.outcome === 'source-moved') {
      audit({ kind: 'source-moved', field: 'bankAccounts', from: other(target), to: target, value: '', note: `bank details changed again in ${other(target)} before the ${d.kind}: held again for a new decision` });
      state.pendingBank = null;
      pending.push({ system: other(target), trigger: 'event' });
      return;
    }
    if (result.outcome === 'written') state.writes[target] += 1;
    // Both systems now hold the same details: the approved new ones, or the old ones put back.
    const agreedFp = d.kind === 'approve' ? hold.toFp : hold.fromFp;
    state.memory = {
      ...state.memory,
      bankAccounts: { agreed: agreedFp, agreedDisplay: d.kind === 'approve' ? hold.toDisplay : hold.fromDisplay, written: { ...(state.memory.bankAccounts?.written ?? {}), [target]: agreedFp } },
    };
    audit({
      kind: d.kind === 'approve' ? 'bank-approved' : 'bank-rejected',
      field: 'bankAccounts',
      from: d.kind === 'approve' ? hold.origin : other(hold.origin),
      to: target,
      value: d.kind === 'approve' ? hold.toDisplay : hold.fromDisplay,
      lost: d.kind === 'approve' ? { system: other(hold.origin), value: hold.fromDisplay } : { system: hold.origin, value: hold.toDisplay },
      note: `${describeHold(hold)}; ${d.kind}d by ${d.by} at ${d.at}${d.reason ? ` (${d.reason})` : ''}`,
    });
    tracker.recordChange({ system: target, action: d.kind === 'approve' ? 'approved bank change copied' : 'rejected bank change reverted', detail: `${hold.fromDisplay} → ${hold.toDisplay}, ${d.kind}d by ${d.by} at ${d.at}` });
    state.pendingBank = null;
  }

  for (;;) {
    if (pending.length === 0 && decision === null) {
      tracker.step(state.pendingBank ? `waiting for approveBankChange or rejectBankChange: ${describeHold(state.pendingBank)}` : 'waiting for a supplier change');
      tracker.setState(state.pendingBank ? 'needs-attention' : 'waiting');
      await condition(() => pending.length > 0 || decision !== null || workflowInfo().continueAsNewSuggested);
    }
    if (decision !== null) {
      tracker.setState('running');
      const outcome = await parkable(decideBank);
      if (outcome === 'skipped') tracker.warn('a bank decision was skipped by support: the change still waits');
      decision = null;
    } else if (pending.length > 0) {
      tracker.setState('running');
      // The sync window: events from both systems arriving close together are handled as one.
      if (settings.syncWindowSeconds > 0) await sleep(`${settings.syncWindowSeconds} seconds`);
      const batch = pending.splice(0);
      lastPark = null;
      const outcome = await parkable(() => syncOnce(batch));
      if (outcome === 'skipped') acceptParkedDivergence();
      cycles += 1;
      if (handedOver) {
        tracker.finish('handed-over');
        return { supplierKey: key, outcome: 'handed-over', status: tracker.status };
      }
    }
    if (cycles >= settings.cyclesPerRun || workflowInfo().continueAsNewSuggested) {
      tracker.step('continuing as new with the supplier state (bounded history)');
      await condition(allHandlersFinished);
      if (decision === null) {
        await continueAsNew<typeof supplierSync>({ supplierKey: key, carried: { ...state, runs: state.runs + 1 }, pending: pending.splice(0) });
      }
    }
  }

  /** Skip on a non-owner park: the person leaves the values as they are; not parked again until either side changes. */
  function acceptParkedDivergence(): void {
    if (!lastPark) return;
    const { field, coupaFp, workdayFp } = lastPark;
    const before = state.memory[field] ?? { agreed: null, agreedDisplay: '(none)', written: {} };
    state.memory = { ...state.memory, [field]: { ...before, accepted: { coupa: coupaFp, workday: workdayFp } } };
    audit({ kind: 'parked', field, from: lastPark.changedIn, to: null, value: '', note: `support skipped: ${field} stays different in the two systems until either changes again` });
  }
}

function likelyDuplicate(where: 'Workday' | 'Coupa', name: string, search: CounterpartSearch): ApplicationFailure {
  const list = search.duplicates.map((d) => `${d.key} "${d.name}" (${d.reason})`).join('; ');
  return ApplicationFailure.create({
    type: BusinessFailureTypes.LikelyDuplicateSupplier,
    nonRetryable: true,
    message: `"${name}" looks like a supplier ${where} already has: ${list}. Nothing was created. If it is the same supplier, link them (set the cross-reference field), then retry; if not, make the names or tax IDs tell them apart and retry.`,
  });
}
