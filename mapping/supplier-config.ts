// The `suppliers` section of the mapping file: which system owns each supplier field, what a non-owner's change does, and how new suppliers are created.
//
// Pure (zod only): read by activities through infra/mapping-file.ts.
import { z } from 'zod';

/** The supplier fields the sync keeps in step, each as one unit (a change anywhere in an address is an address change). */
export const SUPPLIER_FIELDS = ['name', 'addresses', 'contacts', 'taxIds', 'paymentTerms', 'bankAccounts', 'status'] as const;
export type SupplierField = (typeof SUPPLIER_FIELDS)[number];

export const fieldRuleSchema = z.strictObject({
  /** The system whose value counts; `latest-wins`: whichever side changed it last. */
  owner: z.enum(['coupa', 'workday', 'latest-wins']),
  /** A change made in the system that does not own the field: put the owner's value back, or park the run for a person. */
  nonOwnerChange: z.enum(['revert', 'park']).default('revert'),
});
export type FieldRule = z.output<typeof fieldRuleSchema>;

const DEFAULT_FIELD_RULES: Record<SupplierField, FieldRule> = {
  name: { owner: 'coupa', nonOwnerChange: 'revert' },
  addresses: { owner: 'coupa', nonOwnerChange: 'revert' },
  contacts: { owner: 'latest-wins', nonOwnerChange: 'revert' },
  taxIds: { owner: 'workday', nonOwnerChange: 'park' },
  paymentTerms: { owner: 'workday', nonOwnerChange: 'revert' },
  bankAccounts: { owner: 'coupa', nonOwnerChange: 'park' },
  status: { owner: 'coupa', nonOwnerChange: 'revert' },
};

export const supplierMappingSchema = z.strictObject({
  /** Coupa custom field (under `custom-fields`) that carries the Workday Supplier ID. */
  coupaWorkdayIdField: z.string().trim().min(1).default('workday-supplier-id'),
  /** [U] Supplier_Data element in Workday that carries the Coupa supplier number (tenants differ). */
  workdayCoupaNumberElement: z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a Workday element name like External_Entity_ID' }).default('External_Entity_ID'),
  fields: z.strictObject(Object.fromEntries(SUPPLIER_FIELDS.map((f) => [f, fieldRuleSchema.default(DEFAULT_FIELD_RULES[f])])) as Record<SupplierField, z.ZodDefault<typeof fieldRuleSchema>>).default(DEFAULT_FIELD_RULES),
  /** A supplier approved (active) in Coupa is created in Workday. */
  createInWorkday: z.boolean().default(true),
  /** A supplier created in Workday is created in Coupa (the reverse direction). */
  createInCoupa: z.boolean().default(false),
  /** Coupa payment term code → Workday Payment_Terms_ID. A term missing here parks the run (config). */
  paymentTerms: z.record(z.string(), z.string().trim().min(1)).default({ 'Net 15': 'NET_15', 'Net 30': 'NET_30', 'Net 45': 'NET_45', 'Net 60': 'NET_60', Immediate: 'IMMEDIATE' }),
  /** Events arriving within this many seconds of the first are handled together (one read, one plan, one write per side). */
  syncWindowSeconds: z.number().min(0).max(3600).default(5),
  /** Sync cycles per run before it continues as new, carrying its state (bounded history). */
  cyclesPerRun: z.number().int().min(1).max(1000).default(100),
});
export type SupplierMapping = z.output<typeof supplierMappingSchema>;

export const DEFAULT_SUPPLIER_MAPPING: SupplierMapping = supplierMappingSchema.parse({});
