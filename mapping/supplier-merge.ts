// The field-level merge of one supplier: from both systems' fingerprints and what the run last agreed and wrote, which side wins each field, what is copied where, what is an echo, what waits for a person.
//
// Pure and deterministic: runs in a planning activity (its result is in history) and in unit tests.
import { SUPPLIER_FIELDS, type FieldRule, type SupplierField } from './supplier-config';
import type { SupplierSystem } from './supplier-fields';

/** One field as read from one system: a fingerprint (null = empty) and what a person may see of it. */
export interface FieldReading {
  fp: string | null;
  display: string;
}
export type SupplierReadings = Record<SupplierField, FieldReading>;

/** What the run remembers of a field: no raw values, only fingerprints and masked forms. */
export interface FieldMemory {
  /** Fingerprint both systems last held the same value of. */
  agreed: string | null;
  agreedDisplay: string;
  /** Fingerprint the run last wrote to each system: an event showing exactly this is the run's own echo. */
  written: Partial<Record<SupplierSystem, string | null>>;
  /** A non-owner change a person chose to leave as it is (skip on a parked run): not parked again until either side changes. */
  accepted?: { coupa: string | null; workday: string | null };
}
export type SupplierMemory = Partial<Record<SupplierField, FieldMemory>>;

/** A bank change waiting for a person. */
export interface BankHold {
  /** The system where the new details were entered. */
  origin: SupplierSystem;
  /** The details it replaces (masked) and their fingerprint (what the other system still holds). */
  fromDisplay: string;
  fromFp: string | null;
  toDisplay: string;
  toFp: string | null;
  /** The origin does not own bank details in the mapping file: worth a second look. */
  originOwnsField: boolean;
}

export type MergeAuditKind = 'copied' | 'reverted' | 'conflict' | 'echo' | 'bank-held' | 'parked' | 'initial';

export interface MergeAuditEntry {
  kind: MergeAuditKind;
  field: SupplierField;
  from: SupplierSystem | null;
  to: SupplierSystem | null;
  /** The value that counts now (masked where sensitive). */
  value: string;
  /** The value that lost a conflict or was reverted, and where it was. */
  lost?: { system: SupplierSystem; value: string };
  note: string;
}

export interface MergeInput {
  rules: Record<SupplierField, FieldRule>;
  memory: SupplierMemory;
  coupa: SupplierReadings;
  workday: SupplierReadings;
  /** Latest change moment (ISO) each system reported in this sync window; null when it sent none. */
  changedAt: Record<SupplierSystem, string | null>;
  /** The bank change already waiting for a person, if any. */
  pendingBank: BankHold | null;
}

export interface MergePlan {
  /** Fields to copy into each system from the other, with the source fingerprint each copy relies on. */
  copies: Record<SupplierSystem, Partial<Record<SupplierField, string | null>>>;
  audit: MergeAuditEntry[];
  /** Bank details differ: hold them for approval (the current hold when unchanged). */
  bankHold: BankHold | null;
  /** Non-owner changes the file says a person must look at. */
  parks: Array<{ field: SupplierField; changedIn: SupplierSystem; owner: SupplierSystem; reason: string; coupaFp: string | null; workdayFp: string | null }>;
  /** Systems whose readings are exactly what the run last wrote there: their event was an echo. */
  echoes: SupplierSystem[];
  /** The memory once the copies are written. */
  memoryAfter: SupplierMemory;
}

const other = (s: SupplierSystem): SupplierSystem => (s === 'coupa' ? 'workday' : 'coupa');

/** Later of the two change moments; Coupa on a tie or when neither system said (a fixed rule, so a replay decides the same). */
export function laterSystem(changedAt: Record<SupplierSystem, string | null>): SupplierSystem {
  const c = changedAt.coupa ? Date.parse(changedAt.coupa) : NaN;
  const w = changedAt.workday ? Date.parse(changedAt.workday) : NaN;
  if (Number.isNaN(c) && Number.isNaN(w)) return 'coupa';
  if (Number.isNaN(c)) return 'workday';
  if (Number.isNaN(w)) return 'coupa';
  return w > c ? 'workday' : 'coupa';
}

export function planSupplierMerge(input: MergeInput): MergePlan {
  const plan: MergePlan = { copies: { coupa: {}, workday: {} }, audit: [], bankHold: null, parks: [], echoes: [], memoryAfter: {} };
  const echoCandidates: Record<SupplierSystem, boolean> = { coupa: false, workday: false };
  const anyWriteSeen: Record<SupplierSystem, boolean> = { coupa: false, workday: false };

  for (const field of SUPPLIER_FIELDS) {
    const c = input.coupa[field];
    const w = input.workday[field];
    const m = input.memory[field];
    const rule = input.rules[field];
    const reading = { coupa: c, workday: w };

    for (const s of ['coupa', 'workday'] as const) {
      if (m?.written[s] !== undefined) {
        anyWriteSeen[s] = true;
        if (reading[s].fp === m.written[s] && m.agreed === m.written[s]) echoCandidates[s] = true;
      }
    }

    if (c.fp === w.fp) {
      // In step (also when a person fixed both sides by hand, or after our own write's echo).
      plan.memoryAfter[field] = { agreed: c.fp, agreedDisplay: c.display, written: m?.written ?? {} };
      continue;
    }

    const known = m !== undefined;
    const changed = { coupa: !known || c.fp !== m.agreed, workday: !known || w.fp !== m.agreed };
    let winner: SupplierSystem;
    let kind: MergeAuditKind;
    let note: string;
    const owner = rule.owner === 'latest-wins' ? null : rule.owner;

    if (changed.coupa && changed.workday) {
      winner = owner ?? laterSystem(input.changedAt);
      kind = known ? 'conflict' : 'initial';
      note = known
        ? `changed in both systems in one sync window: ${owner ? `${owner} owns ${field}` : `latest wins, ${winner} changed last`}`
        : `first sync of a linked supplier: ${owner ? `${owner} owns ${field}` : `latest wins, ${winner} changed last`}`;
    } else {
      const origin: SupplierSystem = changed.coupa ? 'coupa' : 'workday';
      if (owner !== null && owner !== origin && field !== 'bankAccounts') {
        if (rule.nonOwnerChange === 'park') {
          if (m?.accepted && m.accepted.coupa === c.fp && m.accepted.workday === w.fp) {
            plan.memoryAfter[field] = m;
            continue;
          }
          plan.parks.push({
            field,
            changedIn: origin,
            owner,
            coupaFp: c.fp,
            workdayFp: w.fp,
            reason: `${field} changed in ${origin}, but ${owner} owns it (mapping file: nonOwnerChange park). ${origin}: ${reading[origin].display}; ${owner}: ${reading[owner].display}.`,
          });
          plan.audit.push({ kind: 'parked', field, from: origin, to: null, value: reading[owner].display, lost: { system: origin, value: reading[origin].display }, note: `${origin} does not own ${field}: waiting for a person` });
          plan.memoryAfter[field] = m ?? { agreed: null, agreedDisplay: '(none)', written: {} };
          continue;
        }
        winner = owner;
        kind = 'reverted';
        note = `${field} changed in ${origin}, which does not own it: put back to ${owner}'s value`;
      } else {
        winner = origin;
        kind = 'copied';
        note = `${field} changed in ${origin}`;
      }
    }

    const loser = other(winner);
    if (field === 'bankAccounts') {
      // Never copied unattended: the classic payment-fraud path. The origin is the side holding the new details.
      // A first sight where one side has no details yet (a new supplier): the origin is the side that has them.
      const origin: SupplierSystem =
        changed.coupa && !changed.workday ? 'coupa' : changed.workday && !changed.coupa ? 'workday' : !known && w.fp === null ? 'coupa' : !known && c.fp === null ? 'workday' : winner;
      const hold: BankHold = {
        origin,
        toFp: reading[origin].fp,
        toDisplay: reading[origin].display,
        fromFp: reading[other(origin)].fp,
        fromDisplay: reading[other(origin)].display,
        originOwnsField: rule.owner === 'latest-wins' || rule.owner === origin,
      };
      const same = input.pendingBank && input.pendingBank.origin === hold.origin && input.pendingBank.toFp === hold.toFp && input.pendingBank.fromFp === hold.fromFp;
      plan.bankHold = same ? input.pendingBank : hold;
      if (!same) plan.audit.push({ kind: 'bank-held', field, from: origin, to: other(origin), value: hold.toDisplay, lost: { system: other(origin), value: hold.fromDisplay }, note: `bank details changed in ${origin}: held until approved or rejected` });
      plan.memoryAfter[field] = m ?? { agreed: null, agreedDisplay: '(none)', written: {} };
      continue;
    }

    plan.copies[loser][field] = reading[winner].fp;
    plan.audit.push({
      kind,
      field,
      from: winner,
      to: loser,
      value: reading[winner].display,
      ...(kind === 'conflict' || kind === 'reverted' || kind === 'initial' ? { lost: { system: loser, value: reading[loser].display } } : {}),
      note,
    });
    plan.memoryAfter[field] = { agreed: reading[winner].fp, agreedDisplay: reading[winner].display, written: { ...(m?.written ?? {}), [loser]: reading[winner].fp } };
  }

  for (const s of ['coupa', 'workday'] as const) {
    // An echo: this system shows only what the run wrote there, and nothing differs from the other side that it caused.
    if (anyWriteSeen[s] && echoCandidates[s] && SUPPLIER_FIELDS.every((f) => input[s][f].fp === (input.memory[f]?.agreed ?? input[s][f].fp))) plan.echoes.push(s);
  }
  return plan;
}

/** Memory after a bank change was approved (copied origin → other) or rejected (the other's details copied back to the origin). */
export function bankDecided(memory: SupplierMemory, hold: BankHold, decision: 'approved' | 'rejected'): SupplierMemory {
  const target = decision === 'approved' ? other(hold.origin) : hold.origin;
  const fp = decision === 'approved' ? hold.toFp : hold.fromFp;
  const display = decision === 'approved' ? hold.toDisplay : hold.fromDisplay;
  const before = memory.bankAccounts;
  return { ...memory, bankAccounts: { agreed: fp, agreedDisplay: display, written: { ...(before?.written ?? {}), [target]: fp } } };
}

/** Memory of a field a person accepted as it is (skip on a non-owner park): left alone until either side changes again. */
export function acceptDivergence(memory: SupplierMemory, field: SupplierField, coupaFp: string | null, workdayFp: string | null): SupplierMemory {
  const before = memory[field] ?? { agreed: null, agreedDisplay: '(none)', written: {} };
  return { ...memory, [field]: { ...before, accepted: { coupa: coupaFp, workday: workdayFp } } };
}
