// Human_Resources Get_Workers: a worker's employment status (terminations, also future-dated) and the transaction log windows change detection reads.
import { z } from 'zod';
import type { WdObject } from './envelope';
import { present, refId, responseResultsSchema, wdBoolean, wdDate, wdDateTime, wdReferenceSchema, wdText, type WdReference } from './schemas';
import type { SoapCallOptions, SoapOperationRequest, SoapPage, WorkdaySoapClient } from './soap-client';

// ---- what callers get ----

export interface WorkerEmployment {
  workerWid: string;
  employeeId: string;
  /** Active as of the date asked for: false before the hire date and from the termination date on. */
  active: boolean;
  /** YYYY-MM-DD. */
  hireDate: string | null;
  /** Terminated as of the date asked for. */
  terminated: boolean;
  /** YYYY-MM-DD of the current termination, also when it lies in the future (pending); null when none. */
  terminationDate: string | null;
  /** Primary termination reason as Workday names it; null when none or unknown. */
  terminationReason: string | null;
  /** Employee IDs of the worker's managers (Manager_as_of_last_detected_manager_change_Reference). */
  managerEmployeeIds: string[];
}

export interface GetWorkerEmploymentOptions {
  /** The date the status is read for (As_Of_Effective_Date); a Date counts by its UTC date. Default: today. */
  asOf?: Date | string;
}

/** Business process types seen in workers' transaction logs (any other name is passed through). */
export type WorkerTransactionType = 'Hire Employee' | 'Terminate Employee' | 'Change Job' | (string & {});

export interface WorkerTransaction {
  employeeId: string;
  workerWid: string;
  /** WID of the transaction log entry: a stable key for idempotent processing. */
  transactionWid: string | null;
  transactionType: WorkerTransactionType;
  /** YYYY-MM-DD where the tenant is. */
  effectiveDate: string;
  /** When it was entered, ISO 8601 UTC. */
  entryMoment: string;
  /** The entry was rescinded, or rescinds another. */
  rescinded: boolean;
  /** The entry was corrected, or corrects another. */
  corrected: boolean;
}

export interface WorkerTransactionCriteria {
  /** Entry window (edits, corrections, rescinds): Updated_From/Through, inclusive. */
  updatedFrom?: Date;
  updatedThrough?: Date;
  /** Effective window (what takes effect on those days), YYYY-MM-DD or a Date's UTC date, inclusive. */
  effectiveFrom?: Date | string;
  effectiveThrough?: Date | string;
  /** Business process types, e.g. ['Terminate Employee']; all when omitted. */
  transactionTypes?: readonly WorkerTransactionType[];
  /** Workers per page (Response_Filter Count); default the client's page size. */
  pageSize?: number;
  /** Page to start at (default 1): a poller reads one page per activity. */
  firstPage?: number;
  /** As_Of_Entry_DateTime of every page (default now): pages read in separate calls must share it, or an entry made meanwhile shifts them. */
  asOfEntry?: Date;
}

export type WorkerTransactionPage = SoapPage<WorkerTransaction>;

// ---- the reply, only the fields used ----

const positionSchema = z.object({
  Manager_as_of_last_detected_manager_change_Reference: present(z.array(wdReferenceSchema)),
});

/**
 * Termination fields sit directly in Worker_Status_Data in the v3x–v4x WSDLs, and inside
 * Termination_Status_Data in older versions (and in reference/workday-api.md): both are read.
 */
const workerStatusSchema = z.object({
  Active: wdBoolean,
  Hire_Date: present(wdDate),
  Terminated: present(wdBoolean),
  Termination_Date: present(wdDate),
  Primary_Termination_Reason_Reference: present(wdReferenceSchema),
  Termination_Status_Data: present(
    z.object({
      Terminated: present(wdBoolean),
      Termination_Date: present(wdDate),
      Termination_Reason: present(wdText),
    }),
  ),
});
type WorkerStatus = z.output<typeof workerStatusSchema>;

const transactionLogEntrySchema = z.object({
  Transaction_Log_Reference: present(wdReferenceSchema),
  Transaction_Log_Data: z.object({
    Transaction_Effective_Moment: wdDateTime,
    Transaction_Entry_Moment: wdDateTime,
    Transaction_Log_Type_Reference: present(z.array(wdReferenceSchema)),
    Is_Rescind_Or_Rescinded: present(wdBoolean),
    Is_Correction_Or_Corrected: present(wdBoolean),
  }),
});
type TransactionLogEntry = z.output<typeof transactionLogEntrySchema>;

const workerSchema = z.object({
  Worker_Reference: wdReferenceSchema,
  Worker_Data: present(
    z.object({
      Worker_ID: present(wdText),
      Employment_Data: present(
        z.object({
          Worker_Job_Data: present(z.array(z.object({ '@_Primary_Job': present(wdBoolean), Position_Data: present(positionSchema) }))),
          Worker_Status_Data: present(workerStatusSchema),
        }),
      ),
      Transaction_Log_Entry_Data: present(z.object({ Transaction_Log_Entry: present(z.array(transactionLogEntrySchema)) })),
    }),
  ),
});
type Worker = z.output<typeof workerSchema>;

export const getWorkersResponseSchema = z.object({
  Response_Results: present(responseResultsSchema),
  Response_Data: present(z.object({ Worker: present(z.array(workerSchema)) })),
});

const GET_WORKERS_ARRAYS = ['Worker', 'Worker_Job_Data', 'Manager_as_of_last_detected_manager_change_Reference', 'Transaction_Log_Entry', 'Transaction_Log_Type_Reference'];

// ---- requests ----

function isoDate(value: Date | string, what: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${what} is an invalid Date`);
    return value.toISOString().slice(0, 10);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new TypeError(`${what} must be YYYY-MM-DD`);
  return value;
}

function getWorkers(body: WdObject): SoapOperationRequest<typeof getWorkersResponseSchema> {
  return { service: 'Human_Resources', operation: 'Get_Workers', body, schema: getWorkersResponseSchema, arrayElements: GET_WORKERS_ARRAYS };
}

// ---- employment ----

interface Termination {
  terminated: boolean;
  date: string | null;
  reason: string | null;
}

function terminationOf(status: WorkerStatus | undefined): Termination {
  const nested = status?.Termination_Status_Data;
  const reasonRef = status?.Primary_Termination_Reason_Reference;
  return {
    terminated: status?.Terminated ?? nested?.Terminated ?? false,
    date: status?.Termination_Date ?? nested?.Termination_Date ?? null,
    reason: reasonRef?.['@_Descriptor'] ?? refId(reasonRef, 'Event_Classification_Subcategory_ID') ?? refId(reasonRef, 'Termination_Subcategory_ID') ?? nested?.Termination_Reason ?? null,
  };
}

function typeOf(entry: TransactionLogEntry): string | undefined {
  const ref = entry.Transaction_Log_Data.Transaction_Log_Type_Reference?.[0];
  return refId(ref, 'Business_Process_Type') ?? ref?.['@_Descriptor'];
}

/**
 * The termination a worker's log says is still to come: the latest Terminate Employee entry not
 * rescinded (a correction is a later entry with the new date), if it takes effect after `asOf`.
 */
function pendingTerminationDate(entries: readonly TransactionLogEntry[], asOf: string): string | null {
  const terminations = entries
    .filter((e) => typeOf(e) === 'Terminate Employee' && !e.Transaction_Log_Data.Is_Rescind_Or_Rescinded)
    .sort((a, b) => a.Transaction_Log_Data.Transaction_Entry_Moment.ms - b.Transaction_Log_Data.Transaction_Entry_Moment.ms);
  const latest = terminations.at(-1)?.Transaction_Log_Data.Transaction_Effective_Moment.date;
  return latest !== undefined && latest > asOf ? latest : null;
}

async function readWorker(client: WorkdaySoapClient, employeeId: string, asOf: string, withLog: boolean, call: SoapCallOptions): Promise<Worker | null> {
  const response = await client.call(
    getWorkers({
      // Skip_Non_Existing_Instances: an unknown employee ID answers an empty list, not a Validation_Fault.
      Request_References: { '@Skip_Non_Existing_Instances': true, Worker_Reference: { ID: { '@type': 'Employee_ID', '#text': employeeId } } },
      Response_Filter: { As_Of_Effective_Date: asOf },
      Response_Group: { Include_Reference: true, Include_Employment_Information: true, Include_Transaction_Log_Data: withLog },
    }),
    call,
  );
  const workers = response.Response_Data?.Worker ?? [];
  return workers.find((w) => refId(w.Worker_Reference, 'Employee_ID') === employeeId || w.Worker_Data?.Worker_ID === employeeId) ?? null;
}

export async function getWorkerEmployment(client: WorkdaySoapClient, employeeId: string, options: GetWorkerEmploymentOptions, call: SoapCallOptions): Promise<WorkerEmployment | null> {
  const asOf = isoDate(options.asOf ?? new Date(), 'asOf');
  const worker = await readWorker(client, employeeId, asOf, true, call);
  if (!worker) return null;
  const employment = worker.Worker_Data?.Employment_Data;
  const status = employment?.Worker_Status_Data;
  let termination = terminationOf(status);

  if (!termination.terminated && termination.date === null) {
    // Data as of today need not show a termination that takes effect later; the log shows it from
    // the day it was entered. Read the worker as of that date for its reason.
    const pendingDate = pendingTerminationDate(worker.Worker_Data?.Transaction_Log_Entry_Data?.Transaction_Log_Entry ?? [], asOf);
    if (pendingDate) {
      const later = terminationOf((await readWorker(client, employeeId, pendingDate, false, call))?.Worker_Data?.Employment_Data?.Worker_Status_Data);
      termination = { terminated: false, date: later.date ?? pendingDate, reason: later.reason };
    }
  }

  const jobs = employment?.Worker_Job_Data ?? [];
  const primaryJob = jobs.find((j) => j['@_Primary_Job']) ?? jobs[0];
  const managers = (primaryJob?.Position_Data?.Manager_as_of_last_detected_manager_change_Reference ?? []).flatMap((m) => refId(m, 'Employee_ID') ?? []);
  return {
    workerWid: refId(worker.Worker_Reference, 'WID') ?? '',
    employeeId,
    active: status?.Active ?? false,
    hireDate: status?.Hire_Date ?? null,
    terminated: termination.terminated,
    terminationDate: termination.date,
    terminationReason: termination.reason,
    managerEmployeeIds: [...new Set(managers)],
  };
}

// ---- transaction log ----

function transactionOf(worker: Worker, entry: TransactionLogEntry): WorkerTransaction | null {
  const type = typeOf(entry);
  const employeeId = refId(worker.Worker_Reference, 'Employee_ID') ?? worker.Worker_Data?.Worker_ID;
  if (!type || !employeeId) return null;
  const data = entry.Transaction_Log_Data;
  return {
    employeeId,
    workerWid: refId(worker.Worker_Reference, 'WID') ?? '',
    transactionWid: refId(entry.Transaction_Log_Reference as WdReference | undefined, 'WID') ?? null,
    transactionType: type,
    effectiveDate: data.Transaction_Effective_Moment.date,
    entryMoment: new Date(data.Transaction_Entry_Moment.ms).toISOString(),
    rescinded: data.Is_Rescind_Or_Rescinded ?? false,
    corrected: data.Is_Correction_Or_Corrected ?? false,
  };
}

export async function* listWorkerTransactionPages(client: WorkdaySoapClient, criteria: WorkerTransactionCriteria, call: SoapCallOptions): AsyncGenerator<WorkerTransactionPage, void, undefined> {
  const { updatedFrom, updatedThrough, transactionTypes } = criteria;
  const effectiveFrom = criteria.effectiveFrom !== undefined ? isoDate(criteria.effectiveFrom, 'effectiveFrom') : undefined;
  const effectiveThrough = criteria.effectiveThrough !== undefined ? isoDate(criteria.effectiveThrough, 'effectiveThrough') : undefined;
  if (!updatedFrom && !updatedThrough && !effectiveFrom && !effectiveThrough) throw new TypeError('listWorkerTransactions needs an entry window, an effective window or both');
  // One entry time for every page, so an event entered while paging cannot shift the pages.
  const asOfEntry = (criteria.asOfEntry ?? new Date()).toISOString();
  const types = transactionTypes && transactionTypes.length > 0 ? new Set<string>(transactionTypes) : null;

  // Workday returns the workers with entries in the window; which of their entries it includes is
  // unconfirmed, so the window is applied again here and callers get exactly the entries inside it.
  const inWindow = (t: WorkerTransaction): boolean => {
    const entered = Date.parse(t.entryMoment);
    if (updatedFrom && entered < updatedFrom.getTime()) return false;
    if (updatedThrough && entered > updatedThrough.getTime()) return false;
    if (effectiveFrom && t.effectiveDate < effectiveFrom) return false;
    if (effectiveThrough && t.effectiveDate > effectiveThrough) return false;
    return !types || types.has(t.transactionType);
  };

  const requestFor = (page: number, count: number) =>
    getWorkers({
      Request_Criteria: {
        Transaction_Log_Criteria_Data: {
          Transaction_Date_Range_Data: {
            Updated_From: updatedFrom?.toISOString(),
            Updated_Through: updatedThrough?.toISOString(),
            // Dates are the tenant's days: sent without an offset, read in the tenant's time zone.
            Effective_From: effectiveFrom ? `${effectiveFrom}T00:00:00` : undefined,
            Effective_Through: effectiveThrough ? `${effectiveThrough}T23:59:59.999` : undefined,
          },
          Transaction_Type_References: types ? { Transaction_Type_Reference: [...types].map((t) => ({ ID: { '@type': 'Business_Process_Type', '#text': t } })) } : undefined,
        },
      },
      Response_Filter: { As_Of_Entry_DateTime: asOfEntry, Page: page, Count: count },
      Response_Group: { Include_Reference: true, Include_Employment_Information: false, Include_Transaction_Log_Data: true },
    });

  yield* client.pages(
    requestFor,
    (response) => ({
      results: response.Response_Results,
      items: (response.Response_Data?.Worker ?? []).flatMap((worker) =>
        (worker.Worker_Data?.Transaction_Log_Entry_Data?.Transaction_Log_Entry ?? [])
          .flatMap((entry) => transactionOf(worker, entry) ?? [])
          .filter(inWindow)
          .sort((a, b) => a.entryMoment.localeCompare(b.entryMoment)),
      ),
    }),
    { pageSize: criteria.pageSize, firstPage: criteria.firstPage, ...call },
  );
}
