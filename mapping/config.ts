// The mapping configuration (config/mapping.yaml): its zod schema and a parser whose errors name every bad key.
//
// Pure: used inside workflow code, so no Node built-ins, clocks or I/O here. Reading the file is infra/mapping-file.ts.
import { z } from 'zod';
import { costCenterSyncConfigSchema } from './cost-center-config';
import { supplierInvoiceMappingSchema } from './payment-config';
import { DEFAULT_SUPPLIER_MAPPING, supplierMappingSchema } from './supplier-config';
import { financeConfigSchema } from './finance-config';

/** Money as Coupa writes it: a non-negative decimal string ("5000", "5000.00"). */
export const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
const DECIMAL_MESSAGE = 'must be a decimal string like "5000.00"';

const text = z.string().trim().min(1, { message: 'must not be empty' });

/** An approval limit: a decimal string, or null for "may not approve this kind of document". */
const limitAmount = z.union(
  [
    z.string().regex(DECIMAL_PATTERN, {
      error: (issue) => `${DECIMAL_MESSAGE}, or null for no approval authority (found ${describeValue(issue.input)})`,
    }),
    z.null(),
  ],
  {
  error: (issue) =>
    typeof issue.input === 'number'
      ? `${DECIMAL_MESSAGE} in quotes (found the number ${String(issue.input)}; YAML drops the decimals of unquoted numbers)`
      : `${DECIMAL_MESSAGE}, or null for no approval authority (found ${describeValue(issue.input)})`,
  },
);

const approvalLimitSet = z.strictObject({
  requisition: limitAmount,
  invoice: limitAmount,
});

const costCenterAccount = z.strictObject({
  /** Coupa chart of accounts (account type) name, e.g. "Acme US". */
  accountType: text,
  /** Account segments in order; Coupa's account code is these joined with "-". */
  segments: z.array(text).min(1, { message: 'must list at least one segment' }),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be a three-letter currency code like USD' }),
});

const roleList = z.array(text);
const groupList = z.array(text);

export const mappingConfigSchema = z.strictObject({
  version: z.literal(1, { error: 'must be 1 (the only version of this file format)' }),
  /** What becomes the Coupa login: the work email (lowercased) or the Workday employee ID. */
  login: z.enum(['email', 'employeeId']),
  /** When non-empty, work emails must be on one of these domains. */
  emailDomainAllowList: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'must be a domain like acme.com (no @)' }),
    )
    .default([]),
  /** Workday cost center code → Coupa default account. */
  costCenters: z.record(z.string(), costCenterAccount),
  approvalLimits: z.strictObject({
    byJobProfile: z.record(z.string(), approvalLimitSet).default({}),
    byManagementLevel: z.record(z.string(), approvalLimitSet).default({}),
    default: approvalLimitSet,
  }),
  roles: z.strictObject({
    default: roleList,
    byJobProfile: z.record(z.string(), roleList).default({}),
    byManagementLevel: z.record(z.string(), roleList).default({}),
  }),
  approvalGroups: z
    .strictObject({
      /** Supervisory organization code → Coupa approval groups. */
      bySupervisoryOrg: z.record(z.string(), groupList).default({}),
      managersOnly: z.boolean(),
      approverLevels: z.array(text).default([]),
    })
    .superRefine((groups, ctx) => {
      if (groups.managersOnly && groups.approverLevels.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['approverLevels'],
          message: 'must list at least one management level when managersOnly is true (otherwise nobody joins any approval group)',
        });
      }
    }),
  /** Workday companies, business units and cost centers → a Coupa lookup and accounts (cost center sync); see mapping/cost-center-config.ts. */
  costCenterSync: costCenterSyncConfigSchema.optional(),
  /** Supplier-invoice mode: Coupa invoice → Workday supplier invoice, and the overdue thresholds (mapping/payment-config.ts). */
  supplierInvoices: supplierInvoiceMappingSchema.optional(),
  /** Supplier sync: field ownership, creation, cross-reference fields (mapping/supplier-config.ts). */
  suppliers: supplierMappingSchema.default(DEFAULT_SUPPLIER_MAPPING),
  /** Ledger accounts, worktags, companies and posting modes of invoice posting and PO encumbrances (mapping/finance-config.ts). */
  finance: financeConfigSchema.optional(),
});

export type MappingConfig = z.output<typeof mappingConfigSchema>;

/** A mapping file that cannot be used. `problems` holds one line per bad key (or the YAML syntax error). */
export class MappingConfigError extends Error {
  /** Explicit failure type: class names do not survive bundling. */
  readonly type = 'MappingConfigError';

  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'MappingConfigError';
  }
}

/** Validates an already-parsed mapping document; `source` (usually the file path) prefixes the error message. */
export function parseMappingConfig(raw: unknown, source: string): MappingConfig {
  if (raw === null || raw === undefined) {
    throw new MappingConfigError(source, ['the mapping file is empty']);
  }
  const result = mappingConfigSchema.safeParse(raw, { error: friendlyMessage });
  if (result.success) return result.data;
  const problems: string[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(issue.path);
      for (const key of issue.keys) {
        problems.push(`${formatPath([...issue.path, key])}: ${unknownKeyMessage(key, allowed)}`);
      }
    } else {
      problems.push(`${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  throw new MappingConfigError(source, problems);
}

/** Dotted path an admin can find in the file: costCenters.CC1100.currency, roles.byJobProfile."HR Generalist"[0]. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const name = String(segment);
      const part = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
      out += out === '' ? part : `.${part}`;
    }
  }
  return out;
}

function friendlyMessage(issue: { code?: string; input?: unknown; expected?: string; values?: unknown[] }): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'Required';
    return `must be ${expectedWord(issue.expected)} (found ${describeValue(issue.input)})`;
  }
  if (issue.code === 'invalid_value' && issue.values) {
    return `must be one of ${issue.values.map((v) => String(v)).join(', ')} (found ${describeValue(issue.input)})`;
  }
  return undefined;
}

function expectedWord(expected: string | undefined): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a set of keys';
    default:
      return expected ?? 'something else';
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `text ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  return 'a set of keys';
}

function unknownKeyMessage(key: string, allowed: string[]): string {
  if (allowed.length === 0) return 'unknown key';
  const suggestion = closestKey(key, allowed);
  return `unknown key${suggestion ? ` (did you mean ${suggestion}?)` : ''}; allowed here: ${allowed.join(', ')}`;
}

/** The keys the schema accepts at `path`, found by walking the schema the same way zod walked the input. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = mappingConfigSchema;
  for (let i = 0; ; i++) {
    schema = unwrap(schema);
    if (i === path.length) break;
    const segment = path[i];
    if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(segment)];
      if (!next) return [];
      schema = next;
    } else if (schema instanceof z.ZodRecord) {
      schema = schema.valueType as z.ZodType;
    } else if (schema instanceof z.ZodArray) {
      schema = schema.element as z.ZodType;
    } else {
      return [];
    }
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

function closestKey(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
