// Zod schemas of Workday REST payloads (common v1 per common-v1.yml, staffing v7, person v4): refs {id, descriptor?, href?}, lists {total, data}.
import { z } from 'zod';

const text = z.string().nullish();

/** INSTANCE_MODEL_REFERENCE: `id` is required; nested refs often carry id + descriptor only. */
export const workdayRefSchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  href: text,
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
 * For endpoints documented both as a bare object and as a one-row `{total, data}` list
 * (orgChart, legalName, serviceDates differ between service versions): take the first row of a list.
 */
function singleOrFirstOfList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && 'data' in value) {
      const data = (value as { data: unknown }).data;
      if (Array.isArray(data)) return data[0];
    }
    return value;
  }, item);
}

// ---- error models (ERROR_MODEL_REFERENCE, VALIDATION_ERROR_MODEL_REFERENCE) ----

export const workdayErrorSchema = z.looseObject({ error: z.string() });
export const workdayValidationErrorSchema = z.looseObject({
  error: z.string(),
  errors: z.array(workdayErrorSchema).optional(),
});
export type WorkdayValidationError = z.output<typeof workdayValidationErrorSchema>;

// ---- common v1 ----

/** common v1 `workers` items (WorkerSummary). */
export const workerSummarySchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  href: text,
  primaryWorkEmail: text,
  primaryWorkPhone: text,
  businessTitle: text,
  isManager: z.boolean().nullish(),
  primarySupervisoryOrganization: workdayRefSchema.nullish(),
});
export type WorkdayWorkerSummary = z.output<typeof workerSummarySchema>;

/** common v1 `workers/{id}` (WorkerProfile). */
export const workerProfileSchema = workerSummarySchema.extend({
  location: workdayRefSchema.nullish(),
  primaryWorkAddressText: text,
  yearsOfService: z.number().int().nullish(),
  dateOfBirth: text,
  /** A URL to the collection, per the spec. */
  supervisoryOrganizationsManaged: text,
});
export type WorkdayCommonWorkerProfile = z.output<typeof workerProfileSchema>;

/** common v1 `supervisoryOrganizations` (SupervisoryOrganizationSummary): one `manager`. */
export const supervisoryOrganizationSummarySchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  href: text,
  name: text,
  code: text,
  manager: workdayRefSchema.nullish(),
  /** A URL to the members, per the spec. */
  workers: text,
});
export type WorkdaySupervisoryOrganizationSummary = z.output<typeof supervisoryOrganizationSummarySchema>;

/** common v1 `workers/{id}/organizations` items (WorkerOrganizationSummary). */
export const workerOrganizationSummarySchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  href: text,
  /** Its descriptor names the type: "Cost Center", "Company", "Supervisory", … */
  organizationType: workdayRefSchema.nullish(),
});
export type WorkdayWorkerOrganization = z.output<typeof workerOrganizationSummarySchema>;

// ---- staffing v7 ----

export const staffingJobSchema = z.looseObject({
  id: text,
  descriptor: text,
  businessTitle: text,
  supervisoryOrganization: workdayRefSchema.nullish(),
  jobProfile: workdayRefSchema.nullish(),
  jobType: workdayRefSchema.nullish(),
  location: workdayRefSchema.extend({ country: workdayRefSchema.nullish() }).nullish(),
  workSpace: workdayRefSchema.nullish(),
});
export type WorkdayStaffingJob = z.output<typeof staffingJobSchema>;

export const staffingWorkerSchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  href: text,
  /** Employee ID or Contingent Worker ID: the integration's key. */
  workerId: z.string(),
  workerType: z.union([workdayRefSchema, z.string()]).nullish(),
  person: z
    .looseObject({
      id: text,
      /** Public primary work email; absent when the worker has none. */
      email: text,
      phone: z.unknown().optional(),
    })
    .nullish(),
  primaryJob: staffingJobSchema.nullish(),
  additionalJobs: z.array(staffingJobSchema).nullish(),
});
export type WorkdayStaffingWorker = z.output<typeof staffingWorkerSchema>;

export const serviceDatesSchema = singleOrFirstOfList(
  z.looseObject({
    hireDate: text,
    originalHireDate: text,
    continuousServiceDate: text,
  }),
);
export type WorkdayServiceDates = z.output<typeof serviceDatesSchema>;

/** staffing v7 `supervisoryOrganizations/{id}`: `managers[]` (common v1 has a single `manager`). */
export const staffingSupervisoryOrganizationSchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  href: text,
  name: text,
  code: text,
  inactive: z.boolean().nullish(),
  managers: z.array(workdayRefSchema).nullish(),
  manager: workdayRefSchema.nullish(),
});
export type WorkdaySupervisoryOrganization = z.output<typeof staffingSupervisoryOrganizationSchema>;

/** An org as the org chart embeds it: a ref, often with its name, code and managers. */
export const orgChartOrganizationSchema = workdayRefSchema.extend({
  name: text,
  code: text,
  managers: z.array(workdayRefSchema).nullish(),
});

/** staffing v7 `supervisoryOrganizations/{id}/orgChart`: served as a one-row list; a bare object is accepted too. */
export const orgChartSchema = singleOrFirstOfList(
  z.looseObject({
    superior: orgChartOrganizationSchema.nullish(),
    subordinates: z.array(orgChartOrganizationSchema).nullish(),
  }),
);
export type WorkdayOrgChart = z.output<typeof orgChartSchema>;

export const jobProfileSchema = z.looseObject({
  id: z.string(),
  descriptor: text,
  href: text,
  name: text,
  managementLevel: workdayRefSchema.nullish(),
});
export type WorkdayJobProfile = z.output<typeof jobProfileSchema>;

// ---- person v4 ----

export const legalNameSchema = singleOrFirstOfList(
  z.looseObject({
    firstName: text,
    middleName: text,
    lastName: text,
    secondaryLastName: text,
  }),
);
export type WorkdayLegalName = z.output<typeof legalNameSchema>;

export const staffingWorkersPageSchema = workdayListSchema(staffingWorkerSchema);
export const workerOrganizationsPageSchema = workdayListSchema(workerOrganizationSummarySchema);
