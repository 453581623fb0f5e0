// Supplier sync steps: read one side as fingerprints and masked forms, copy chosen fields from one system into the other (re-reading the source, so raw values never enter the workflow), create and link, find duplicates, plan.
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { CoupaSuppliersClient, customField, type CoupaSupplier } from '../connectors/coupa/suppliers';
import type { CoupaClient } from '../connectors/coupa';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { getWorkdaySupplier, listWorkdaySupplierPages, putWorkdaySupplier, type WorkdaySupplier, type WorkdaySoapClient } from '../connectors/workday/soap';
import { loadMappingFile } from '../infra/mapping-file';
import type { SupplierField, SupplierMapping } from '../mapping/supplier-config';
import { normaliseSupplierName, normaliseTaxId, type SupplierSystem, type SupplierValues } from '../mapping/supplier-fields';
import { planSupplierMerge, type MergeInput, type MergePlan, type SupplierReadings } from '../mapping/supplier-merge';
import { coupaPatch, coupaValues, fingerprintOf, readingsOf, withWorkdayFields, workdayValues } from './supplier-values';

const call = (): { signal: AbortSignal } => ({ signal: Context.current().cancellationSignal });

/** One system's view of the supplier, without raw values. */
export interface SupplierSideReading {
  system: SupplierSystem;
  exists: boolean;
  coupaId: number | null;
  coupaNumber: string | null;
  workdayId: string | null;
  /** The other system's key as this one holds it (Coupa: Workday Supplier ID custom field; Workday: Coupa number). */
  crossReference: string | null;
  /** Coupa: status active (approved). Workday: always true. */
  approved: boolean;
  name: string | null;
  fields: SupplierReadings | null;
}

export interface CopyResult {
  outcome: 'written' | 'already-equal' | 'source-moved';
  /** Fingerprints now in the target, per copied field. */
  written: Partial<Record<SupplierField, string | null>>;
  /** The field whose source no longer holds the planned value (the run re-reads and plans again). */
  movedField?: SupplierField;
}

export interface DuplicateCandidate {
  system: SupplierSystem;
  key: string;
  name: string;
  reason: 'same tax ID' | 'same normalised name';
}

export interface CounterpartSearch {
  /** A record already pointing back at this supplier: link it, create nothing. */
  linked: string | null;
  duplicates: DuplicateCandidate[];
}

function mappingOf(file: string): SupplierMapping {
  try {
    return loadMappingFile(file).suppliers;
  } catch (err) {
    throw ApplicationFailure.create({ type: BusinessFailureTypes.MappingConfigError, nonRetryable: true, message: err instanceof Error ? err.message : String(err) });
  }
}

function gone(system: SupplierSystem, key: string | number): ApplicationFailure {
  return ApplicationFailure.create({ type: BusinessFailureTypes.SourceDataIncomplete, nonRetryable: true, message: `${system} supplier ${key} no longer exists: restore it or skip this run` });
}

function likelyDuplicates<T>(items: T[], keyOf: (t: T) => string, valuesOf: (t: T) => SupplierValues, system: SupplierSystem, of: SupplierValues): DuplicateCandidate[] {
  const tax = normaliseTaxId(of.taxIds);
  const name = normaliseSupplierName(of.name);
  const found: DuplicateCandidate[] = [];
  for (const item of items) {
    const v = valuesOf(item);
    if (tax !== '' && normaliseTaxId(v.taxIds) === tax) found.push({ system, key: keyOf(item), name: v.name ?? '', reason: 'same tax ID' });
    else if (name !== '' && normaliseSupplierName(v.name) === name) found.push({ system, key: keyOf(item), name: v.name ?? '', reason: 'same normalised name' });
  }
  return found;
}

async function allWorkdaySuppliers(soap: WorkdaySoapClient, mapping: SupplierMapping): Promise<WorkdaySupplier[]> {
  const all: WorkdaySupplier[] = [];
  for await (const page of listWorkdaySupplierPages(soap, {}, { coupaNumberElement: mapping.workdayCoupaNumberElement }, call())) {
    all.push(...page.items);
    Context.current().heartbeat(page.page);
  }
  return all;
}

/** Reading and writing both systems' supplier records. Each factory is registered on the queue of the system it writes. */
class SupplierAccess {
  readonly coupaSuppliers: CoupaSuppliersClient;
  constructor(
    readonly coupa: CoupaClient,
    readonly soap: WorkdaySoapClient,
    readonly mappingFile: string,
  ) {
    this.coupaSuppliers = new CoupaSuppliersClient(coupa);
  }

  mapping(): SupplierMapping {
    return mappingOf(this.mappingFile);
  }

  async coupaRecord(input: { coupaId?: number | null; coupaNumber?: string | null; workdayId?: string | null }, mapping: SupplierMapping): Promise<CoupaSupplier | null> {
    if (input.coupaId) {
      try {
        return await this.coupaSuppliers.getSupplier(input.coupaId, call());
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === 'NotFound') return null;
        throw err;
      }
    }
    if (input.workdayId) {
      const byRef = await this.coupaSuppliers.findSupplierByCustomField(mapping.coupaWorkdayIdField, input.workdayId, call());
      if (byRef) return byRef;
    }
    if (input.coupaNumber) return this.coupaSuppliers.findSupplierByNumber(input.coupaNumber, call());
    return null;
  }

  async coupaWithValues(s: CoupaSupplier, withBank: boolean): Promise<{ values: SupplierValues; informationId: number | null }> {
    const bank = withBank ? await this.coupaSuppliers.getBankDetails(s.id, call()) : { informationId: null, bank: null };
    return { values: coupaValues(s, bank.bank), informationId: bank.informationId };
  }

  workdayRecord(workdayId: string, mapping: SupplierMapping): Promise<WorkdaySupplier | null> {
    return getWorkdaySupplier(this.soap, workdayId, { coupaNumberElement: mapping.workdayCoupaNumberElement }, call());
  }
}

/**
 * The target holds what was copied. If it cannot (a value one system cannot represent), every
 * later event would look like a new change and the two systems would write each other forever:
 * park instead (data), naming the field.
 */
function assertHeld(system: string, values: SupplierValues, fields: readonly SupplierField[], expect: Partial<Record<SupplierField, string | null>>): void {
  const lost = fields.filter((f) => fingerprintOf(values, f) !== expect[f]);
  if (lost.length === 0) return;
  throw ApplicationFailure.create({
    type: BusinessFailureTypes.BusinessRuleViolation,
    nonRetryable: true,
    message: `${system} cannot hold the synced value of ${lost.join(', ')} (e.g. a status or payment term it does not know): set it by hand in both systems, then retry.`,
  });
}

function checkSource(values: SupplierValues, expect: Partial<Record<SupplierField, string | null>>): SupplierField | null {
  for (const [field, fp] of Object.entries(expect) as Array<[SupplierField, string | null]>) {
    if (fingerprintOf(values, field) !== fp) return field;
  }
  return null;
}

/** Activities that write Coupa (Coupa task queue). */
export function createCoupaSupplierActivities(coupa: CoupaClient, soap: WorkdaySoapClient, mappingFile: string) {
  const access = new SupplierAccess(coupa, soap, mappingFile);
  return {
    /** The Coupa side of a supplier, found by id, by the Workday Supplier ID custom field, or by number. */
    async readCoupaSupplierSide(input: { coupaId?: number | null; coupaNumber?: string | null; workdayId?: string | null }): Promise<SupplierSideReading> {
      const mapping = access.mapping();
      const s = await access.coupaRecord(input, mapping);
      if (!s) return { system: 'coupa', exists: false, coupaId: null, coupaNumber: input.coupaNumber ?? null, workdayId: null, crossReference: null, approved: false, name: null, fields: null };
      const { values } = await access.coupaWithValues(s, true);
      return {
        system: 'coupa',
        exists: true,
        coupaId: s.id,
        coupaNumber: s.number,
        workdayId: customField(s, mapping.coupaWorkdayIdField),
        crossReference: customField(s, mapping.coupaWorkdayIdField),
        approved: s.status === 'active',
        name: s.name,
        fields: readingsOf(values),
      };
    },

    /** Copies `expect`'s fields from Workday into Coupa, if Workday still holds the planned values. One PUT (plus one for bank details). */
    async copySupplierFieldsToCoupa(input: { coupaId: number; workdayId: string; expect: Partial<Record<SupplierField, string | null>>; reason: string }): Promise<CopyResult> {
      const mapping = access.mapping();
      const fields = Object.keys(input.expect) as SupplierField[];
      const source = await access.workdayRecord(input.workdayId, mapping);
      if (!source) throw gone('workday', input.workdayId);
      const sourceValues = workdayValues(source, mapping);
      const moved = checkSource(sourceValues, input.expect);
      if (moved) return { outcome: 'source-moved', written: {}, movedField: moved };
      const target = await access.coupaSuppliers.getSupplier(input.coupaId, call());
      const { values: targetValues, informationId } = await access.coupaWithValues(target, fields.includes('bankAccounts'));
      const differing = fields.filter((f) => fingerprintOf(targetValues, f) !== input.expect[f]);
      if (differing.length === 0) return { outcome: 'already-equal', written: input.expect };
      const patch = coupaPatch(sourceValues, differing);
      if (Object.keys(patch).length > 0) {
        const updated = await access.coupaSuppliers.updateSupplier(input.coupaId, patch, call());
        assertHeld('Coupa', coupaValues(updated, null), differing.filter((f) => f !== 'bankAccounts'), input.expect);
      }
      if (differing.includes('bankAccounts')) await access.coupaSuppliers.setBankDetails(input.coupaId, informationId, sourceValues.bankAccounts, call());
      log.info('coupa supplier updated', { coupaSupplierId: input.coupaId, fields: differing, reason: input.reason });
      return { outcome: 'written', written: input.expect };
    },

    /** Sets the Workday Supplier ID custom field on the Coupa supplier (the cross-reference); writes nothing when it is already there. */
    async linkCoupaSupplier(input: { coupaId: number; workdayId: string }): Promise<{ changed: boolean }> {
      const mapping = access.mapping();
      const s = await access.coupaSuppliers.getSupplier(input.coupaId, call());
      if (customField(s, mapping.coupaWorkdayIdField) === input.workdayId) return { changed: false };
      await access.coupaSuppliers.updateSupplier(input.coupaId, { 'custom-fields': { [mapping.coupaWorkdayIdField]: input.workdayId } }, call());
      return { changed: true };
    },

    /** A Coupa supplier for Workday supplier `workdayId`: one that already points at it, or likely duplicates by tax ID and name. */
    async findCoupaCounterpart(input: { workdayId: string }): Promise<CounterpartSearch> {
      const mapping = access.mapping();
      const linked = await access.coupaSuppliers.findSupplierByCustomField(mapping.coupaWorkdayIdField, input.workdayId, call());
      if (linked) return { linked: String(linked.id), duplicates: [] };
      const source = await access.workdayRecord(input.workdayId, mapping);
      if (!source) throw gone('workday', input.workdayId);
      const all = await access.coupaSuppliers.listSuppliers(call());
      return { linked: null, duplicates: likelyDuplicates(all, (s) => String(s.id), (s) => coupaValues(s, null), 'coupa', workdayValues(source, mapping)) };
    },

    /** Creates the Coupa supplier of a Workday supplier (number = Workday Supplier ID, active, cross-reference set), bank details left for approval. */
    async createCoupaSupplierFromWorkday(input: { workdayId: string }): Promise<{ coupaId: number; coupaNumber: string }> {
      const mapping = access.mapping();
      const existing = await access.coupaSuppliers.findSupplierByCustomField(mapping.coupaWorkdayIdField, input.workdayId, call());
      if (existing) return { coupaId: existing.id, coupaNumber: existing.number ?? input.workdayId };
      const source = await access.workdayRecord(input.workdayId, mapping);
      if (!source) throw gone('workday', input.workdayId);
      const values = workdayValues(source, mapping);
      const body = { ...coupaPatch(values, ['name', 'addresses', 'contacts', 'taxIds', 'paymentTerms', 'status']), number: input.workdayId, 'custom-fields': { [mapping.coupaWorkdayIdField]: input.workdayId } };
      const created = await access.coupaSuppliers.createSupplier(body, call());
      log.info('coupa supplier created', { coupaSupplierId: created.id, workdaySupplierId: input.workdayId });
      return { coupaId: created.id, coupaNumber: created.number ?? input.workdayId };
    },
  };
}

/** Activities that write Workday (Workday task queue). */
export function createWorkdaySupplierActivities(soap: WorkdaySoapClient, coupa: CoupaClient, mappingFile: string) {
  const access = new SupplierAccess(coupa, soap, mappingFile);
  return {
    async readWorkdaySupplierSide(input: { workdayId: string }): Promise<SupplierSideReading> {
      const mapping = access.mapping();
      const s = await access.workdayRecord(input.workdayId, mapping);
      if (!s) return { system: 'workday', exists: false, coupaId: null, coupaNumber: null, workdayId: input.workdayId, crossReference: null, approved: false, name: null, fields: null };
      return { system: 'workday', exists: true, coupaId: null, coupaNumber: s.coupaNumber, workdayId: s.supplierId, crossReference: s.coupaNumber, approved: true, name: s.name, fields: readingsOf(workdayValues(s, mapping)) };
    },

    /** Copies `expect`'s fields from Coupa into Workday, if Coupa still holds the planned values: one Put_Supplier of the whole record. */
    async copySupplierFieldsToWorkday(input: { coupaId: number; workdayId: string; expect: Partial<Record<SupplierField, string | null>>; reason: string }): Promise<CopyResult> {
      const mapping = access.mapping();
      const fields = Object.keys(input.expect) as SupplierField[];
      const source = await access.coupaSuppliers.getSupplier(input.coupaId, call());
      const { values: sourceValues } = await access.coupaWithValues(source, fields.includes('bankAccounts'));
      const moved = checkSource(sourceValues, input.expect);
      if (moved) return { outcome: 'source-moved', written: {}, movedField: moved };
      const target = await access.workdayRecord(input.workdayId, mapping);
      if (!target) throw gone('workday', input.workdayId);
      const targetValues = workdayValues(target, mapping);
      const differing = fields.filter((f) => fingerprintOf(targetValues, f) !== input.expect[f]);
      if (differing.length === 0) return { outcome: 'already-equal', written: input.expect };
      const { wid: _wid, ...current } = target;
      const next = withWorkdayFields(current, sourceValues, differing, mapping);
      assertHeld('Workday', workdayValues({ ...next, wid: null }, mapping), differing, input.expect);
      await putWorkdaySupplier(soap, next, { coupaNumberElement: mapping.workdayCoupaNumberElement, existingSupplierId: input.workdayId }, call());
      log.info('workday supplier updated', { workdaySupplierId: input.workdayId, fields: differing, reason: input.reason });
      return { outcome: 'written', written: input.expect };
    },

    /** Sets the Coupa supplier number on the Workday supplier (the cross-reference); writes nothing when it is already there. */
    async linkWorkdaySupplier(input: { workdayId: string; coupaNumber: string }): Promise<{ changed: boolean }> {
      const mapping = access.mapping();
      const s = await access.workdayRecord(input.workdayId, mapping);
      if (!s) throw gone('workday', input.workdayId);
      if (s.coupaNumber === input.coupaNumber) return { changed: false };
      const { wid: _wid, ...current } = s;
      await putWorkdaySupplier(soap, { ...current, coupaNumber: input.coupaNumber }, { coupaNumberElement: mapping.workdayCoupaNumberElement, existingSupplierId: input.workdayId }, call());
      return { changed: true };
    },

    /** A Workday supplier for Coupa supplier `coupaId`: one already carrying its number, or likely duplicates by tax ID and normalised name. */
    async findWorkdayCounterpart(input: { coupaId: number }): Promise<CounterpartSearch> {
      const mapping = access.mapping();
      const source = await access.coupaSuppliers.getSupplier(input.coupaId, call());
      // Get_Suppliers has no tax ID or name criteria: the comparison reads every supplier, page by page.
      const all = await allWorkdaySuppliers(soap, mapping);
      const linked = source.number ? all.find((w) => w.coupaNumber === source.number) : undefined;
      if (linked) return { linked: linked.supplierId, duplicates: [] };
      return { linked: null, duplicates: likelyDuplicates(all, (w) => w.supplierId, (w) => workdayValues(w, mapping), 'workday', coupaValues(source, null)) };
    },

    /** Creates the Workday supplier of an approved Coupa supplier (bank details left for approval); idempotent by Supplier_ID / Coupa number. */
    async createWorkdaySupplierFromCoupa(input: { coupaId: number }): Promise<{ workdayId: string }> {
      const mapping = access.mapping();
      const source = await access.coupaSuppliers.getSupplier(input.coupaId, call());
      const values = coupaValues(source, null);
      // [U] The Supplier_ID is the Coupa number: one key for both systems (the tenant must let the integration set Supplier_ID).
      const wantedId = source.number ?? '';
      if (wantedId) {
        const existing = await access.workdayRecord(wantedId, mapping);
        if (existing) return { workdayId: existing.supplierId };
      }
      const blank: Omit<WorkdaySupplier, 'wid'> = { supplierId: wantedId, name: values.name ?? source.name, status: 'Active', taxIds: [], paymentTermsId: null, address: null, email: null, phone: null, settlementAccounts: [], coupaNumber: source.number };
      const next = withWorkdayFields(blank, values, ['name', 'addresses', 'contacts', 'taxIds', 'paymentTerms', 'status'], mapping);
      const created = await putWorkdaySupplier(soap, next, { coupaNumberElement: mapping.workdayCoupaNumberElement, existingSupplierId: null }, call());
      log.info('workday supplier created', { workdaySupplierId: created.supplierId, coupaSupplierId: input.coupaId });
      return { workdayId: created.supplierId };
    },
  };
}

export interface SupplierSyncSettings {
  syncWindowSeconds: number;
  cyclesPerRun: number;
  createInWorkday: boolean;
  createInCoupa: boolean;
}

/** Planning on the workflow queue: the mapping file as it is now, and the merge. */
export function createSupplierPlanActivities(mappingFile: string) {
  return {
    async supplierSyncSettings(): Promise<SupplierSyncSettings> {
      const m = mappingOf(mappingFile);
      return { syncWindowSeconds: m.syncWindowSeconds, cyclesPerRun: m.cyclesPerRun, createInWorkday: m.createInWorkday, createInCoupa: m.createInCoupa };
    },
    async planSupplierSync(input: Omit<MergeInput, 'rules'>): Promise<MergePlan & { settings: SupplierSyncSettings }> {
      const m = mappingOf(mappingFile);
      return { ...planSupplierMerge({ ...input, rules: m.fields }), settings: { syncWindowSeconds: m.syncWindowSeconds, cyclesPerRun: m.cyclesPerRun, createInWorkday: m.createInWorkday, createInCoupa: m.createInCoupa } };
    },
  };
}
