// Human_Resources Get_Workers with the response groups provisioning needs (personal, employment, organizations, management chain): the whole worker in one request, one worker or a page of many.
import { z } from 'zod';
import { present, refId, responseResultsSchema, wdBoolean, wdReferenceSchema, wdText, type WdReference } from './schemas';
import type { SoapCallOptions, WorkdaySoapClient } from './soap-client';

export interface WorkerOrganizationReading {
  id: string;
  code: string | null;
  name: string;
  /** Organization_Type_ID: COST_CENTER, COMPANY, SUPERVISORY, … */
  type: string;
}

export interface WorkerReferenceReading {
  wid: string;
  employeeId: string;
  name: string;
}

/** Everything one Get_Workers answer tells about a worker that provisioning maps. */
export interface WorkerProfileReading {
  workerWid: string;
  employeeId: string;
  active: boolean;
  terminated: boolean;
  legalName: { firstName: string; lastName: string } | null;
  /** The primary public work email. */
  workEmail: string | null;
  businessTitle: string | null;
  jobProfile: { id: string; code: string | null; name: string; managementLevel: string | null } | null;
  organizations: WorkerOrganizationReading[];
  /** Manager_as_of_last_detected_manager_change_Reference of the primary job. */
  managers: WorkerReferenceReading[];
  /** [U] Top-down: the root org first, the worker's own supervisory org last; each with its managers. */
  managementChain: Array<{ orgId: string; orgCode: string | null; managerWids: string[]; managers: WorkerReferenceReading[] }>;
}

const idText = (ref: WdReference | undefined): string => refId(ref, 'WID') ?? '';
const workerRef = (m: WdReference): WorkerReferenceReading => ({ wid: idText(m), employeeId: refId(m, 'Employee_ID') ?? '', name: m['@_Descriptor'] ?? '' });

const emailSchema = z.object({
  Email_Address: wdText,
  Usage_Data: present(
    z.object({
      '@_Public': present(wdBoolean),
      Type_Data: present(z.object({ '@_Primary': present(wdBoolean), Type_Reference: present(wdReferenceSchema) })),
    }),
  ),
});

const workerSchema = z.object({
  Worker_Reference: wdReferenceSchema,
  Worker_Data: present(
    z.object({
      Worker_ID: present(wdText),
      Personal_Data: present(
        z.object({
          Name_Data: present(
            z.object({
              Legal_Name_Data: present(z.object({ Name_Detail_Data: present(z.object({ First_Name: present(wdText), Last_Name: present(wdText) })) })),
            }),
          ),
          Contact_Data: present(z.object({ Email_Address_Data: present(z.array(emailSchema)) })),
        }),
      ),
      Employment_Data: present(
        z.object({
          Worker_Job_Data: present(
            z.array(
              z.object({
                '@_Primary_Job': present(wdBoolean),
                Position_Data: present(
                  z.object({
                    Business_Title: present(wdText),
                    Job_Profile_Summary_Data: present(
                      z.object({
                        Job_Profile_Reference: present(wdReferenceSchema),
                        Job_Profile_Name: present(wdText),
                        Management_Level_Reference: present(wdReferenceSchema),
                      }),
                    ),
                    Manager_as_of_last_detected_manager_change_Reference: present(z.array(wdReferenceSchema)),
                  }),
                ),
              }),
            ),
          ),
          Worker_Status_Data: present(
            z.object({
              Active: present(wdBoolean),
              Terminated: present(wdBoolean),
              Termination_Status_Data: present(z.object({ Terminated: present(wdBoolean) })),
            }),
          ),
        }),
      ),
      Organization_Data: present(
        z.object({
          Worker_Organization_Data: present(
            z.array(
              z.object({
                Organization_Reference: wdReferenceSchema,
                Organization_Data: present(
                  z.object({
                    Organization_Code: present(wdText),
                    Organization_Name: present(wdText),
                    Organization_Type_Reference: present(wdReferenceSchema),
                  }),
                ),
              }),
            ),
          ),
        }),
      ),
      // The wrapper shares its name with the levels inside it, which are parsed as an array: unwrap.
      Management_Chain_Data: present(
        z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.object({
          Worker_Supervisory_Management_Chain_Data: present(
            z.object({
              Management_Chain_Data: present(z.array(z.object({ Organization_Reference: wdReferenceSchema, Manager_Reference: present(z.array(wdReferenceSchema)) }))),
            }),
          ),
        })),
      ),
    }),
  ),
});
type Worker = z.output<typeof workerSchema>;

const responseSchema = z.object({
  Response_Results: present(responseResultsSchema),
  Response_Data: present(z.object({ Worker: present(z.array(workerSchema)) })),
});

const ARRAYS = ['Worker', 'Worker_Job_Data', 'Manager_as_of_last_detected_manager_change_Reference', 'Email_Address_Data', 'Worker_Organization_Data', 'Management_Chain_Data', 'Manager_Reference'];

/** The response groups the mapping needs, and nothing else (no transaction log, no compensation, no roles). */
const PROFILE_RESPONSE_GROUP = {
  Include_Reference: true,
  Include_Personal_Information: true,
  Include_Employment_Information: true,
  Include_Organizations: true,
  Include_Management_Chain_Data: true,
};

function toReading(worker: Worker): WorkerProfileReading {
  const data = worker.Worker_Data;
  const jobs = data?.Employment_Data?.Worker_Job_Data ?? [];
  const position = (jobs.find((j) => j['@_Primary_Job']) ?? jobs[0])?.Position_Data;
  const profile = position?.Job_Profile_Summary_Data;
  const status = data?.Employment_Data?.Worker_Status_Data;
  const name = data?.Personal_Data?.Name_Data?.Legal_Name_Data?.Name_Detail_Data;
  const emails = data?.Personal_Data?.Contact_Data?.Email_Address_Data ?? [];
  const isWork = (e: z.output<typeof emailSchema>) => refId(e.Usage_Data?.Type_Data?.Type_Reference, 'Communication_Usage_Type_ID') === 'WORK' && e.Usage_Data?.['@_Public'] !== false;
  const work = emails.filter(isWork);
  const email = work.find((e) => e.Usage_Data?.Type_Data?.['@_Primary']) ?? work[0];
  return {
    workerWid: idText(worker.Worker_Reference),
    employeeId: data?.Worker_ID ?? refId(worker.Worker_Reference, 'Employee_ID') ?? '',
    active: status?.Active ?? false,
    terminated: status?.Terminated ?? status?.Termination_Status_Data?.Terminated ?? false,
    legalName: name ? { firstName: name.First_Name ?? '', lastName: name.Last_Name ?? '' } : null,
    workEmail: email?.Email_Address ?? null,
    businessTitle: position?.Business_Title ?? null,
    jobProfile: profile?.Job_Profile_Reference
      ? {
          id: idText(profile.Job_Profile_Reference),
          code: refId(profile.Job_Profile_Reference, 'Job_Profile_ID') ?? null,
          name: profile.Job_Profile_Name ?? profile.Job_Profile_Reference['@_Descriptor'] ?? '',
          managementLevel: profile.Management_Level_Reference?.['@_Descriptor'] ?? null,
        }
      : null,
    organizations: (data?.Organization_Data?.Worker_Organization_Data ?? []).map((o) => ({
      id: idText(o.Organization_Reference),
      code: o.Organization_Data?.Organization_Code ?? refId(o.Organization_Reference, 'Organization_Reference_ID') ?? null,
      name: o.Organization_Data?.Organization_Name ?? o.Organization_Reference['@_Descriptor'] ?? '',
      type: refId(o.Organization_Data?.Organization_Type_Reference, 'Organization_Type_ID') ?? o.Organization_Data?.Organization_Type_Reference?.['@_Descriptor'] ?? '',
    })),
    managers: (position?.Manager_as_of_last_detected_manager_change_Reference ?? []).map(workerRef),
    managementChain: (data?.Management_Chain_Data?.Worker_Supervisory_Management_Chain_Data?.Management_Chain_Data ?? []).map((level) => ({
      orgId: idText(level.Organization_Reference),
      orgCode: refId(level.Organization_Reference, 'Organization_Reference_ID') ?? null,
      managerWids: (level.Manager_Reference ?? []).map(idText).filter(Boolean),
      managers: (level.Manager_Reference ?? []).map(workerRef),
    })),
  };
}

/** One worker by employee ID, in one request; null when Workday has no such worker (terminated ones included). */
export async function getWorkerProfile(client: WorkdaySoapClient, employeeId: string, call: SoapCallOptions = {}): Promise<WorkerProfileReading | null> {
  const response = await client.call(
    {
      service: 'Human_Resources',
      operation: 'Get_Workers',
      body: {
        // An unknown employee ID answers an empty list, not a Validation_Fault.
        Request_References: { '@Skip_Non_Existing_Instances': true, Worker_Reference: { ID: { '@type': 'Employee_ID', '#text': employeeId } } },
        Response_Group: PROFILE_RESPONSE_GROUP,
      },
      schema: responseSchema,
      arrayElements: ARRAYS,
    },
    call,
  );
  const worker = (response.Response_Data?.Worker ?? []).map(toReading).find((w) => w.employeeId === employeeId);
  return worker ?? null;
}

/**
 * Many workers in one request per page (a backfill or open enrolment reads Workday in pages, not one
 * call per person): employee IDs not found are left out.
 */
export async function getWorkerProfiles(client: WorkdaySoapClient, employeeIds: readonly string[], call: SoapCallOptions = {}): Promise<WorkerProfileReading[]> {
  if (employeeIds.length === 0) return [];
  const response = await client.call(
    {
      service: 'Human_Resources',
      operation: 'Get_Workers',
      body: {
        Request_References: {
          '@Skip_Non_Existing_Instances': true,
          Worker_Reference: employeeIds.map((id) => ({ ID: { '@type': 'Employee_ID', '#text': id } })),
        },
        Response_Filter: { Count: Math.min(999, employeeIds.length) },
        Response_Group: PROFILE_RESPONSE_GROUP,
      },
      schema: responseSchema,
      arrayElements: ARRAYS,
    },
    call,
  );
  return (response.Response_Data?.Worker ?? []).map(toReading);
}

/** Employment, organizations and management chain, without personal data: what a whole-workforce read needs. */
const WORKFORCE_RESPONSE_GROUP = {
  Include_Reference: true,
  Include_Personal_Information: false,
  Include_Employment_Information: true,
  Include_Organizations: true,
  Include_Management_Chain_Data: true,
};

/**
 * One page of every worker Workday knows (terminated too), up to `count` (Workday allows ~999) per
 * request: the org hierarchy sync reads the workforce in a page or two instead of a request per org.
 * Every page of one reading must pass the same `asOfEntry`, or an edit made meanwhile shifts the pages.
 */
export async function getWorkforcePage(
  client: WorkdaySoapClient,
  input: { page: number; count: number; asOfEntry: string },
  call: SoapCallOptions = {},
): Promise<{ page: number; totalPages: number; workers: WorkerProfileReading[] }> {
  const pages = client.pages(
    (page, count) => ({
      service: 'Human_Resources',
      operation: 'Get_Workers',
      body: {
        Response_Filter: { As_Of_Entry_DateTime: input.asOfEntry, Page: page, Count: count },
        Response_Group: WORKFORCE_RESPONSE_GROUP,
      },
      schema: responseSchema,
      arrayElements: ARRAYS,
    }),
    (response) => ({ results: response.Response_Results, items: (response.Response_Data?.Worker ?? []).map(toReading) }),
    { pageSize: input.count, firstPage: input.page, ...call },
  );
  // One request: the caller reads one page per activity (one activity = one request).
  const first = await pages.next();
  await pages.return(undefined);
  const page = first.done ? { page: input.page, totalPages: 0, items: [] } : first.value;
  return { page: page.page, totalPages: page.totalPages, workers: page.items };
}
