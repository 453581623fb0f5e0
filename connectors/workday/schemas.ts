// Zod schemas of Workday REST payloads (common v1, staffing v7, person v4), declaring only the fields the integration reads.
//
// The contract is deliberately narrow: a field is declared only when code in connectors/, activities/ or
// mapping/ reads it, and every object is loose. Workday adds fields with every release and tenants differ,
// so whatever else an answer carries (new fields, fields of another type) never fails a parse; only a
// change to a field we read does, and that is a real contract break. Add a field here when code starts
// reading it (and to the retyping test's list in test/connectors/contracts.test.ts).
import { z } from 'zod';

const text = z.string().nullish();

/** INSTANCE_MODEL_REFERENCE as far as it is read: the WID, and the label some code shows. */
export const workdayRefSchema = z.looseObject({
  id: z.string(),
  descriptor: text,
});
export type WorkdayRef = z.output<typeof workdayRefSchema>;

/** `{"total": N, "data": […]}`. */
export function workdayListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    total: z.number().int().nonnegative().nullish(),
    data: z.array(item),
  });
}

/**
 * For endpoints documented both as a bare object and as a `{total, data}` list (orgChart, legalName,
 * serviceDates differ between service versions): the first row of a list, or null for an empty one
 * when `emptyIsNull` (otherwise an empty list fails the parse). A `data` that is not a list fails.
 */
function singleOrFirstOfList<T extends z.ZodType>(item: T, emptyIsNull: true): z.ZodType<z.output<T> | null>;
function singleOrFirstOfList<T extends z.ZodType>(item: T, emptyIsNull: false): z.ZodType<z.output<T>>;
function singleOrFirstOfList<T extends z.ZodType>(item: T, emptyIsNull: boolean): z.ZodType<z.output<T> | null> {
  return z.preprocess(
    (value, ctx) => {
      if (value && typeof value === 'object' && !Array.isArray(value) && 'data' in value) {
        const data = (value as { data: unknown }).data;
        if (!Array.isArray(data)) {
          ctx.addIssue({ code: 'custom', message: 'expected data to be a list', path: ['data'], input: data });
          return z.NEVER;
        }
        if (data.length === 0) {
          if (emptyIsNull) return null;
          ctx.addIssue({ code: 'custom', message: 'expected at least one row', path: ['data'], input: data });
          return z.NEVER;
        }
        return data[0];
      }
      return value;
    },
    emptyIsNull ? item.nullable() : item,
  ) as z.ZodType<z.output<T> | null>;
}

// ---- common v1 ----

/** common v1 `workers/{id}/organizations` items: the type's descriptor says cost center or company. */
export const workerOrganizationSummarySchema = z.looseObject({
  id: z.string(),
  /** The cost center's code and name, parsed with costCenterCodePattern; the company's name. */
  descriptor: text,
  organizationType: workdayRefSchema.nullish(),
});
export type WorkdayWorkerOrganization = z.output<typeof workerOrganizationSummarySchema>;

// ---- staffing v7 ----

export const staffingJobSchema = z.looseObject({
  businessTitle: text,
  supervisoryOrganization: workdayRefSchema.nullish(),
  jobProfile: workdayRefSchema.nullish(),
});
export type WorkdayStaffingJob = z.output<typeof staffingJobSchema>;

export const staffingWorkerSchema = z.looseObject({
  id: z.string(),
  /** The worker's name as Workday shows it (used for a manager). */
  descriptor: text,
  /** Employee ID or Contingent Worker ID: the integration's key. */
  workerId: z.string(),
  person: z
    .looseObject({
      /** Public primary work email; absent when the worker has none. */
      email: text,
    })
    .nullish(),
  primaryJob: staffingJobSchema.nullish(),
});
export type WorkdayStaffingWorker = z.output<typeof staffingWorkerSchema>;

export const serviceDatesSchema = singleOrFirstOfList(z.looseObject({ hireDate: text }), false);
export type WorkdayServiceDates = z.output<typeof serviceDatesSchema>;

/** staffing v7 `supervisoryOrganizations/{id}`: `managers[]` (common v1 has a single `manager`, accepted too). */
export const staffingSupervisoryOrganizationSchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  name: text,
  code: text,
  managers: z.array(workdayRefSchema).nullish(),
  manager: workdayRefSchema.nullish(),
});
export type WorkdaySupervisoryOrganization = z.output<typeof staffingSupervisoryOrganizationSchema>;

/** staffing v7 `supervisoryOrganizations/{id}/orgChart`: served as a one-row list (a bare object is accepted); null when empty. */
export const orgChartSchema = singleOrFirstOfList(
  z.looseObject({
    /** The superior org, usually with its managers embedded. */
    superior: z.looseObject({ id: z.string(), managers: z.array(workdayRefSchema).nullish() }).nullish(),
  }),
  true,
);
export type WorkdayOrgChart = NonNullable<z.output<typeof orgChartSchema>>;

export const jobProfileSchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  name: text,
  managementLevel: workdayRefSchema.nullish(),
});
export type WorkdayJobProfile = z.output<typeof jobProfileSchema>;

// ---- person v4 ----

/** `people/{id}/legalName`: a bare object or a one-row list; null when empty. */
export const legalNameSchema = singleOrFirstOfList(z.looseObject({ firstName: text, lastName: text }), true);
export type WorkdayLegalName = NonNullable<z.output<typeof legalNameSchema>>;

export const staffingWorkersPageSchema = workdayListSchema(staffingWorkerSchema);
export const workerOrganizationsPageSchema = workdayListSchema(workerOrganizationSummarySchema);
