// The tenant's financial organizations for the cost center sync: companies, business units and the cost center hierarchy, with restructures (create, rename, move, inactivate, remove).
import { z } from 'zod';
import { companies as seedCompanies, costCenters as seedCostCenters } from '../seed/reference-data';
import { wid, WorkdayStoreError, type WorkdayStore } from './store';

export interface StoredFinCompany {
  wid: string;
  code: string;
  name: string;
  currency: string;
  inactive: boolean;
  lastUpdated: number;
}

export interface StoredBusinessUnit {
  wid: string;
  /** Business_Unit_ID. */
  id: string;
  name: string;
  companyCode: string;
  inactive: boolean;
  lastUpdated: number;
}

export interface StoredHierCostCenter {
  wid: string;
  /** Cost_Center_Reference_ID (also the Organization_Code). */
  code: string;
  name: string;
  companyCode: string;
  businessUnitId: string | null;
  /** The cost center it sits under in the cost center hierarchy; null at the top. */
  parentCode: string | null;
  inactive: boolean;
  lastUpdated: number;
}

/** Business units of the seed, and which cost centers sit where: a realistic hierarchy over the shared reference data. */
const SEED_BUSINESS_UNITS: ReadonlyArray<Omit<StoredBusinessUnit, 'wid' | 'inactive' | 'lastUpdated'>> = [
  { id: 'BU-CORP', name: 'Corporate Functions', companyCode: 'US01' },
  { id: 'BU-TECH', name: 'Technology', companyCode: 'US01' },
  { id: 'BU-GTM', name: 'Go-to-Market', companyCode: 'US01' },
  { id: 'BU-OPS', name: 'Operations', companyCode: 'US01' },
  { id: 'BU-UK', name: 'UK Commercial', companyCode: 'GB01' },
  { id: 'BU-DACH', name: 'DACH', companyCode: 'DE01' },
];

/** Cost center code → [business unit, parent cost center]. */
const SEED_PLACEMENT: Readonly<Record<string, [string, string | null]>> = {
  CC1000: ['BU-CORP', null],
  CC1100: ['BU-CORP', 'CC1000'],
  CC1110: ['BU-CORP', 'CC1100'],
  CC1120: ['BU-CORP', 'CC1100'],
  CC1300: ['BU-CORP', 'CC1100'],
  CC1200: ['BU-CORP', 'CC1000'],
  CC1210: ['BU-CORP', 'CC1200'],
  CC1900: ['BU-CORP', 'CC1000'],
  CC1400: ['BU-TECH', null],
  CC1410: ['BU-TECH', 'CC1400'],
  CC1500: ['BU-TECH', null],
  CC1510: ['BU-TECH', 'CC1500'],
  CC1520: ['BU-TECH', 'CC1500'],
  CC2200: ['BU-TECH', 'CC1500'],
  CC2300: ['BU-TECH', 'CC1500'],
  CC1600: ['BU-GTM', null],
  CC1700: ['BU-GTM', null],
  CC1800: ['BU-GTM', null],
  CC2000: ['BU-OPS', null],
  CC2400: ['BU-OPS', 'CC2000'],
  CC1610: ['BU-UK', null],
  CC1810: ['BU-UK', 'CC1610'],
  CC1620: ['BU-DACH', null],
  CC2100: ['BU-DACH', null],
};

export const createCostCenterSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: z.string().trim().min(1),
  companyCode: z.string().min(1).optional(),
  businessUnitId: z.string().min(1).nullable().optional(),
  parentCode: z.string().min(1).nullable().optional(),
});
export type CreateCostCenterInput = z.infer<typeof createCostCenterSchema>;

/** One restructure: the acceptance scenario and the demo send a list of these. */
export const restructureStepSchema = z.discriminatedUnion('action', [
  createCostCenterSchema.extend({ action: z.literal('create') }),
  z.strictObject({ action: z.literal('rename'), code: z.string().min(1), name: z.string().trim().min(1) }),
  z.strictObject({ action: z.literal('move'), code: z.string().min(1), parentCode: z.string().min(1).nullable() }),
  z.strictObject({ action: z.literal('inactivate'), code: z.string().min(1) }),
  z.strictObject({ action: z.literal('reactivate'), code: z.string().min(1) }),
  z.strictObject({ action: z.literal('remove'), code: z.string().min(1) }),
]);
export type RestructureStep = z.infer<typeof restructureStepSchema>;

/** A realistic restructure (the acceptance test's and the demo's): 3 new cost centers, 2 renamed, CC1500 and its 4 children moved under a new one, 2 inactivated. */
export const SAMPLE_RESTRUCTURE: RestructureStep[] = [
  { action: 'create', code: 'CC2500', name: 'Chief Technology Office', companyCode: 'US01', businessUnitId: 'BU-TECH', parentCode: null },
  { action: 'create', code: 'CC2510', name: 'Cloud Operations', parentCode: 'CC1400' },
  { action: 'create', code: 'CC2610', name: 'Partner Sales', parentCode: 'CC1600' },
  { action: 'rename', code: 'CC1700', name: 'Brand & Marketing' },
  { action: 'rename', code: 'CC1520', name: 'Quality Engineering' },
  // CC1500 Engineering Platform has CC1510, CC1520, CC2200 and CC2300 under it.
  { action: 'move', code: 'CC1500', parentCode: 'CC2500' },
  { action: 'inactivate', code: 'CC1120' },
  { action: 'inactivate', code: 'CC1810' },
];

export class CostCenterStore {
  readonly companies = new Map<string, StoredFinCompany>();
  readonly businessUnits = new Map<string, StoredBusinessUnit>();
  readonly costCenters = new Map<string, StoredHierCostCenter>();

  constructor(private readonly workday: WorkdayStore) {
    this.seed();
  }

  reset(): void {
    this.companies.clear();
    this.businessUnits.clear();
    this.costCenters.clear();
    this.seed();
  }

  private seed(): void {
    const at = Date.UTC(2024, 0, 2);
    for (const c of seedCompanies) this.companies.set(c.code, { wid: wid('company', c.code), code: c.code, name: c.name, currency: c.currency, inactive: false, lastUpdated: at });
    for (const bu of SEED_BUSINESS_UNITS) this.businessUnits.set(bu.id, { ...bu, wid: wid('businessUnit', bu.id), inactive: false, lastUpdated: at });
    for (const cc of seedCostCenters) {
      const [businessUnitId, parentCode] = SEED_PLACEMENT[cc.code] ?? [null, null];
      this.costCenters.set(cc.code, { wid: wid('costCenter', cc.code), code: cc.code, name: cc.name, companyCode: cc.company, businessUnitId, parentCode, inactive: false, lastUpdated: at });
    }
  }

  private costCenter(code: string): StoredHierCostCenter {
    const cc = this.costCenters.get(code);
    if (!cc) throw new WorkdayStoreError(`code: unknown cost center ${code}`);
    return cc;
  }

  private touch(cc: StoredHierCostCenter): void {
    cc.lastUpdated = Date.now();
  }

  /** Applies one restructure step as Workday would allow it (no cycles, no inactive parent, no orphaned active children). */
  apply(step: RestructureStep): StoredHierCostCenter | null {
    switch (step.action) {
      case 'create': {
        if (this.costCenters.has(step.code)) throw new WorkdayStoreError(`code: cost center ${step.code} already exists`);
        const parent = step.parentCode ? this.costCenter(step.parentCode) : null;
        if (parent?.inactive) throw new WorkdayStoreError(`parentCode: ${parent.code} is inactive`);
        const companyCode = step.companyCode ?? parent?.companyCode;
        if (!companyCode || !this.companies.has(companyCode)) throw new WorkdayStoreError(`companyCode: unknown company ${companyCode ?? '(none)'}`);
        const businessUnitId = step.businessUnitId === undefined ? (parent?.businessUnitId ?? null) : step.businessUnitId;
        if (businessUnitId !== null && !this.businessUnits.has(businessUnitId)) throw new WorkdayStoreError(`businessUnitId: unknown business unit ${businessUnitId}`);
        const cc: StoredHierCostCenter = { wid: wid('costCenter', step.code), code: step.code, name: step.name, companyCode, businessUnitId, parentCode: parent?.code ?? null, inactive: false, lastUpdated: Date.now() };
        this.costCenters.set(cc.code, cc);
        // Workers can be hired into it too (the REST organizations list shows it).
        this.workday.costCenters.set(cc.code, { wid: cc.wid, code: cc.code, name: cc.name, companyCode, inCoupa: false });
        return cc;
      }
      case 'rename': {
        const cc = this.costCenter(step.code);
        cc.name = step.name;
        const shared = this.workday.costCenters.get(cc.code);
        if (shared) shared.name = step.name;
        this.touch(cc);
        return cc;
      }
      case 'move': {
        const cc = this.costCenter(step.code);
        if (step.parentCode !== null) {
          const parent = this.costCenter(step.parentCode);
          if (parent.inactive) throw new WorkdayStoreError(`parentCode: ${parent.code} is inactive`);
          for (let p: StoredHierCostCenter | undefined = parent; p; p = p.parentCode ? this.costCenters.get(p.parentCode) : undefined) {
            if (p.code === cc.code) throw new WorkdayStoreError(`parentCode: ${step.parentCode} is ${cc.code} itself or below it`);
          }
          // A cost center follows its new superior's business unit (its children keep theirs until moved).
          cc.businessUnitId = parent.businessUnitId;
          cc.companyCode = parent.companyCode;
        }
        cc.parentCode = step.parentCode;
        this.touch(cc);
        return cc;
      }
      case 'inactivate': {
        const cc = this.costCenter(step.code);
        const active = [...this.costCenters.values()].filter((c) => c.parentCode === cc.code && !c.inactive);
        if (active.length > 0) throw new WorkdayStoreError(`code: ${cc.code} still has active cost centers under it (${active.map((c) => c.code).join(', ')})`);
        cc.inactive = true;
        this.touch(cc);
        return cc;
      }
      case 'reactivate': {
        const cc = this.costCenter(step.code);
        cc.inactive = false;
        this.touch(cc);
        return cc;
      }
      case 'remove': {
        const cc = this.costCenter(step.code);
        if ([...this.costCenters.values()].some((c) => c.parentCode === cc.code)) throw new WorkdayStoreError(`code: ${cc.code} has cost centers under it`);
        this.costCenters.delete(cc.code);
        return null;
      }
    }
  }

  snapshot(): { companies: StoredFinCompany[]; businessUnits: StoredBusinessUnit[]; costCenters: StoredHierCostCenter[] } {
    return { companies: [...this.companies.values()], businessUnits: [...this.businessUnits.values()], costCenters: [...this.costCenters.values()] };
  }
}

// One cost center store per Workday store: kept beside it rather than inside, so the finance areas grow apart.
const stores = new WeakMap<WorkdayStore, CostCenterStore>();

export function costCenterStoreOf(workday: WorkdayStore): CostCenterStore {
  let store = stores.get(workday);
  if (!store) {
    store = new CostCenterStore(workday);
    stores.set(workday, store);
  }
  return store;
}
