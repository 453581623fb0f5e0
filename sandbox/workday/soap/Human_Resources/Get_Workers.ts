// Human_Resources Get_Workers: workers by reference or by transaction log window, with personal, employment (position, job profile, status), organization and management chain data and the transaction log, paged per Response_Filter.
import { child, children, parseXsBoolean, readBoolean, type XmlElement, type XmlObject } from '../../../kit/soap';
import { formatXsDateTime, parseXsDateTime, readXsDate, startOfDate } from '../../../kit/xsd-time';
import { fullName, wid, type StoredTransactionLogEntry, type StoredWorker } from '../../store';
import { invalidIdValue, validationFault, WorkdaySoapFault, xpathOf } from '../faults';
import type { SoapOperation, SoapOperationContext } from '../operation';

const REQUEST = 'Get_Workers_Request';

/**
 * Business process types Transaction_Type_References accepts (any other is an invalid ID, as in a
 * tenant). The sandbox's log only ever holds the first three.
 */
export const KNOWN_BUSINESS_PROCESS_TYPES: readonly string[] = [
  'Hire Employee',
  'Change Job',
  'Terminate Employee',
  'Contract Contingent Worker',
  'End Contingent Worker Contract',
  'Change Organization Assignments for Worker',
];

interface LogWindow {
  updatedFrom?: number;
  updatedThrough?: number;
  effectiveFrom?: number;
  effectiveThrough?: number;
  types?: ReadonlySet<string>;
}

interface ResponseGroup {
  reference: boolean;
  personal: boolean;
  employment: boolean;
  organizations: boolean;
  managementChain: boolean;
  transactionLog: boolean;
}

interface Filter {
  asOfDate: string;
  asOfEntry: number;
  page: number;
  count: number;
}

function fault(message: string, xpath: string): WorkdaySoapFault {
  return validationFault([{ message, xpath }]);
}

function readFilter(request: XmlElement, ctx: SoapOperationContext): Filter {
  const filter = child(request, 'Response_Filter');
  const offset = ctx.config.tenantUtcOffset;
  const at = (name: string) => xpathOf([REQUEST], ['Response_Filter'], [name]);
  const text = (name: string) => (filter ? child(filter, name)?.text : undefined);

  const asOfDateText = text('As_Of_Effective_Date');
  // Unset: today, as the store counts days (UTC), so SOAP and REST agree on who is terminated.
  const asOfDate = asOfDateText ? readXsDate(asOfDateText, offset) : new Date(ctx.now).toISOString().slice(0, 10);
  if (!asOfDate) throw fault(`Invalid date value '${asOfDateText ?? ''}' for As_Of_Effective_Date`, at('As_Of_Effective_Date'));

  const asOfEntryText = text('As_Of_Entry_DateTime');
  const asOfEntry = asOfEntryText ? parseXsDateTime(asOfEntryText, offset) : ctx.now;
  if (asOfEntry === null) throw fault(`Invalid date/time value '${asOfEntryText ?? ''}' for As_Of_Entry_DateTime`, at('As_Of_Entry_DateTime'));

  const positive = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw fault(`${name} must be a whole number of at least 1, not '${raw}'`, at(name));
    return Number(raw);
  };
  const page = positive('Page', 1);
  let count = positive('Count', ctx.config.defaultCount);
  if (count > ctx.config.maxCount) {
    if (ctx.config.overMaxCount === 'clamp') count = ctx.config.maxCount;
    else throw fault(`Count must not exceed ${ctx.config.maxCount}`, at('Count'));
  }
  return { asOfDate, asOfEntry, page, count };
}

function readResponseGroup(request: XmlElement): ResponseGroup {
  const group = child(request, 'Response_Group');
  // [U] Without a Response_Group the sandbox answers references and employment data.
  if (!group) return { reference: true, personal: false, employment: true, organizations: false, managementChain: false, transactionLog: false };
  const flag = (name: string, fallback: boolean): boolean => {
    const value = readBoolean(child(group, name));
    if (value === null) throw fault(`${name} must be a boolean`, xpathOf([REQUEST], ['Response_Group'], [name]));
    return value ?? fallback;
  };
  return {
    reference: flag('Include_Reference', true),
    personal: flag('Include_Personal_Information', false),
    employment: flag('Include_Employment_Information', false),
    organizations: flag('Include_Organizations', false),
    managementChain: flag('Include_Management_Chain_Data', false),
    transactionLog: flag('Include_Transaction_Log_Data', false),
  };
}

function readReferences(references: XmlElement, ctx: SoapOperationContext): StoredWorker[] {
  const skipMissing = parseXsBoolean(references.attrs['Skip_Non_Existing_Instances']) === true;
  const found: StoredWorker[] = [];
  children(references, 'Worker_Reference').forEach((reference, r) => {
    const ids = children(reference, 'ID');
    if (ids.length === 0) throw fault('Worker_Reference needs at least one ID', xpathOf([REQUEST], ['Request_References'], ['Worker_Reference', r + 1]));
    let worker: StoredWorker | undefined;
    ids.forEach((id, i) => {
      const type = id.attrs['type'] ?? '';
      // WIDs only by WID: the store also resolves "Employee_ID=…", which is REST's path syntax, not a SOAP ID.
      const match = type === 'WID' && !id.text.includes('=') ? ctx.store.findWorker(id.text) : type === 'Employee_ID' ? ctx.store.workerByEmployeeId(id.text) : undefined;
      if (!match) {
        if (skipMissing) return;
        throw invalidIdValue(id.text, type, xpathOf([REQUEST], ['Request_References'], ['Worker_Reference', r + 1], ['ID', i + 1]));
      }
      worker ??= match;
    });
    if (worker && !found.includes(worker)) found.push(worker);
  });
  return found;
}

function readLogWindows(criteria: XmlElement, ctx: SoapOperationContext): LogWindow[] {
  const offset = ctx.config.tenantUtcOffset;
  return children(criteria, 'Transaction_Log_Criteria_Data').map((data, d) => {
    const base: Array<[string, number?]> = [[REQUEST], ['Request_Criteria'], ['Transaction_Log_Criteria_Data', d + 1]];
    const window: LogWindow = {};
    const range = child(data, 'Transaction_Date_Range_Data');
    const moment = (name: 'Updated_From' | 'Updated_Through' | 'Effective_From' | 'Effective_Through'): number | undefined => {
      const element = range ? child(range, name) : undefined;
      if (!element) return undefined;
      const ms = parseXsDateTime(element.text, offset);
      if (ms === null) throw fault(`Invalid date/time value '${element.text}' for ${name}`, xpathOf(...base, ['Transaction_Date_Range_Data'], [name]));
      return ms;
    };
    const updatedFrom = moment('Updated_From');
    const updatedThrough = moment('Updated_Through');
    const effectiveFrom = moment('Effective_From');
    const effectiveThrough = moment('Effective_Through');
    // [U] wording; a reversed window is refused rather than answered empty.
    if (updatedFrom !== undefined && updatedThrough !== undefined && updatedFrom > updatedThrough) {
      throw fault('Updated_From must be on or before Updated_Through', xpathOf(...base, ['Transaction_Date_Range_Data'], ['Updated_From']));
    }
    if (effectiveFrom !== undefined && effectiveThrough !== undefined && effectiveFrom > effectiveThrough) {
      throw fault('Effective_From must be on or before Effective_Through', xpathOf(...base, ['Transaction_Date_Range_Data'], ['Effective_From']));
    }
    Object.assign(
      window,
      updatedFrom !== undefined ? { updatedFrom } : {},
      updatedThrough !== undefined ? { updatedThrough } : {},
      effectiveFrom !== undefined ? { effectiveFrom } : {},
      effectiveThrough !== undefined ? { effectiveThrough } : {},
    );
    const typeRefs = child(data, 'Transaction_Type_References');
    if (typeRefs) {
      const types = new Set<string>();
      children(typeRefs, 'Transaction_Type_Reference').forEach((reference, r) => {
        children(reference, 'ID').forEach((id, i) => {
          const type = id.attrs['type'] ?? '';
          if (type !== 'Business_Process_Type' || !KNOWN_BUSINESS_PROCESS_TYPES.includes(id.text)) {
            throw invalidIdValue(id.text, type, xpathOf(...base, ['Transaction_Type_References'], ['Transaction_Type_Reference', r + 1], ['ID', i + 1]));
          }
          types.add(id.text);
        });
      });
      window.types = types;
    }
    return window;
  });
}

function inWindow(entry: StoredTransactionLogEntry, window: LogWindow, offset: string): boolean {
  // [U] Both ends inclusive.
  if (window.updatedFrom !== undefined && entry.enteredAt < window.updatedFrom) return false;
  if (window.updatedThrough !== undefined && entry.enteredAt > window.updatedThrough) return false;
  const effective = startOfDate(entry.effectiveDate, offset);
  if (window.effectiveFrom !== undefined && effective < window.effectiveFrom) return false;
  if (window.effectiveThrough !== undefined && effective > window.effectiveThrough) return false;
  return !window.types || window.types.has(entry.type);
}

/** Employment status of a worker on a date: terminated from the termination date on; not yet active before the hire date. */
function statusAsOf(worker: StoredWorker, date: string) {
  const terminated = worker.terminationDate !== null && worker.terminationDate <= date;
  const pending = worker.terminationDate !== null && worker.terminationDate > date;
  return { active: worker.hireDate <= date && !terminated, terminated, pending };
}

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const { store, config } = ctx;
  const offset = config.tenantUtcOffset;
  const filter = readFilter(request, ctx);
  const group = readResponseGroup(request);
  const references = child(request, 'Request_References');
  const criteria = child(request, 'Request_Criteria');

  let workers = references ? readReferences(references, ctx) : store.allWorkers({ includeTerminated: true });
  const visibleLog = (w: StoredWorker) => store.transactionsOf(w.employeeId).filter((e) => e.enteredAt <= filter.asOfEntry);
  const windows = criteria ? readLogWindows(criteria, ctx) : [];
  const matches = (e: StoredTransactionLogEntry) => windows.some((w) => inWindow(e, w, offset));
  if (windows.length > 0) workers = workers.filter((w) => visibleLog(w).some(matches));
  if (criteria) {
    const exclude = (name: string) => readBoolean(child(criteria, name)) === true;
    if (exclude('Exclude_Inactive_Workers')) workers = workers.filter((w) => statusAsOf(w, filter.asOfDate).active);
    // Every simulated worker is an employee.
    if (exclude('Exclude_Employees')) workers = [];
  }

  const date = (d: string) => (config.datesWithOffset ? `${d}${offset}` : d);
  const descriptor = (text: string) => (ctx.includeDescriptors ? { '@Descriptor': text } : {});
  const workerReference = (w: StoredWorker): XmlObject => ({
    ...descriptor(fullName(w)),
    ID: [
      { '@type': 'WID', '#text': w.wid },
      { '@type': 'Employee_ID', '#text': w.employeeId },
    ],
  });

  const terminationReasonReference = (reason: string): XmlObject => ({
    ...descriptor(reason),
    ID: [
      { '@type': 'WID', '#text': wid('terminationReason', reason) },
      { '@type': 'Event_Classification_Subcategory_ID', '#text': `Terminate_Employee_${reason.replace(/\W+/g, '_')}` },
    ],
  });

  const workerStatus = (w: StoredWorker): XmlObject => {
    const status = statusAsOf(w, filter.asOfDate);
    const showTermination = status.terminated || (status.pending && config.pendingTerminationInStatus);
    const terminationDate = showTermination ? w.terminationDate : null;
    const reason = showTermination ? w.terminationReason : null;
    const common: XmlObject = {
      Active: status.active,
      Active_Status_Date: date(status.terminated && w.terminationDate ? w.terminationDate : w.hireDate),
      Hire_Date: date(w.hireDate),
      Original_Hire_Date: date(w.originalHireDate),
    };
    if (config.terminationStatusShape === 'nested') {
      return {
        ...common,
        ...(terminationDate ? { End_Employment_Date: date(terminationDate) } : {}),
        Termination_Status_Data: {
          Terminated: status.terminated,
          ...(terminationDate ? { Termination_Date: date(terminationDate) } : {}),
          ...(reason ? { Termination_Reason: reason } : {}),
        },
      };
    }
    return {
      ...common,
      Terminated: status.terminated,
      ...(terminationDate ? { Termination_Date: date(terminationDate) } : {}),
      ...(reason ? { Primary_Termination_Reason_Reference: terminationReasonReference(reason) } : {}),
    };
  };

  const logEntry = (w: StoredWorker, e: StoredTransactionLogEntry): XmlObject => ({
    Transaction_Log_Reference: { ...descriptor(`${e.description}: ${fullName(w)}`), ID: [{ '@type': 'WID', '#text': e.wid }] },
    Transaction_Log_Data: {
      Transaction_Log_Description: `${e.description}: ${fullName(w)}`,
      Transaction_Effective_Moment: formatXsDateTime(startOfDate(e.effectiveDate, offset), offset),
      Transaction_Entry_Moment: formatXsDateTime(e.enteredAt, offset),
      Transaction_Log_Type_Reference: [{ ...descriptor(e.type), ID: [{ '@type': 'Business_Process_Type', '#text': e.type }] }],
      Is_Rescind_Or_Rescinded: e.rescinded,
      Is_Correction_Or_Corrected: e.corrected,
    },
  });

  const reference = (text: string, ids: Array<[type: string, value: string]>): XmlObject => ({
    ...descriptor(text),
    ID: ids.map(([type, value]) => ({ '@type': type, '#text': value })),
  });

  const personalData = (w: StoredWorker): XmlObject => ({
    Name_Data: {
      Legal_Name_Data: {
        Name_Detail_Data: {
          '@Formatted_Name': fullName(w),
          First_Name: w.firstName,
          ...(w.middleName ? { Middle_Name: w.middleName } : {}),
          Last_Name: w.lastName,
        },
      },
    },
    Contact_Data: w.workEmail
      ? {
          Email_Address_Data: [
            {
              Email_Address: w.workEmail,
              Usage_Data: { '@Public': true, Type_Data: { '@Primary': true, Type_Reference: reference('Work', [['Communication_Usage_Type_ID', 'WORK']]) } },
            },
          ],
        }
      : {},
  });

  const jobProfileSummary = (w: StoredWorker): XmlObject => {
    const profile = store.jobProfileOf(w);
    return {
      Job_Profile_Reference: reference(profile.name, [
        ['WID', profile.wid],
        ['Job_Profile_ID', profile.code],
      ]),
      Job_Profile_Name: profile.name,
      Management_Level_Reference: reference(profile.managementLevel, [
        ['WID', profile.managementLevelWid],
        ['Management_Level_ID', profile.managementLevel.replace(/\W+/g, '_')],
      ]),
    };
  };

  const organizationData = (w: StoredWorker): XmlObject => {
    const typeIds: Record<string, string> = { 'Cost Center': 'COST_CENTER', Company: 'COMPANY', Supervisory: 'SUPERVISORY' };
    return {
      Worker_Organization_Data: store.organizationsOf(w).map((o) => {
        const name = o.kind === 'Cost Center' ? store.costCenterOf(w).name : o.descriptor;
        return {
          Organization_Reference: reference(o.descriptor, [
            ['WID', o.wid],
            ['Organization_Reference_ID', o.code],
          ]),
          Organization_Data: {
            Organization_Reference_ID: o.code,
            Organization_Code: o.code,
            Organization_Name: name,
            Organization_Type_Reference: reference(o.kind, [['Organization_Type_ID', typeIds[o.kind] ?? o.kind]]),
          },
        };
      }),
    };
  };

  /** [U] Top-down order (the root org first, the worker's own org last); each level with its managers. */
  const managementChain = (w: StoredWorker): XmlObject => {
    const chain = [];
    const seen = new Set<string>();
    for (let org = store.findSupervisoryOrg(w.supervisoryOrgCode); org && !seen.has(org.code); org = org.superiorCode ? store.findSupervisoryOrg(org.superiorCode) : undefined) {
      seen.add(org.code);
      const manager = org.managerEmployeeId ? store.workerByEmployeeId(org.managerEmployeeId) : undefined;
      chain.unshift({
        Organization_Reference: reference(org.name, [
          ['WID', org.wid],
          ['Organization_Reference_ID', org.code],
        ]),
        ...(manager && !manager.terminated ? { Manager_Reference: [workerReference(manager)] } : {}),
      });
    }
    return { Worker_Supervisory_Management_Chain_Data: { Management_Chain_Data: chain } };
  };

  const workerView = (w: StoredWorker): XmlObject => {
    const manager = store.managerOf(w);
    const entries = visibleLog(w).filter((e) => windows.length === 0 || config.transactionLogEntries === 'all' || matches(e));
    return {
      ...(group.reference ? { Worker_Reference: workerReference(w) } : {}),
      Worker_Descriptor: fullName(w),
      Worker_Data: {
        Worker_ID: w.employeeId,
        ...(group.personal ? { Personal_Data: personalData(w) } : {}),
        ...(group.employment
          ? {
              Employment_Data: {
                Worker_Job_Data: [
                  {
                    '@Primary_Job': true,
                    Position_Data: {
                      Position_ID: `POS-${w.employeeId}`,
                      Business_Title: w.businessTitle,
                      Job_Profile_Summary_Data: jobProfileSummary(w),
                      ...(manager ? { Manager_as_of_last_detected_manager_change_Reference: [workerReference(manager)] } : {}),
                    },
                  },
                ],
                Worker_Status_Data: workerStatus(w),
              },
            }
          : {}),
        ...(group.organizations ? { Organization_Data: organizationData(w) } : {}),
        ...(group.managementChain ? { Management_Chain_Data: managementChain(w) } : {}),
        ...(group.transactionLog ? { Transaction_Log_Entry_Data: { Transaction_Log_Entry: entries.map((e) => logEntry(w, e)) } } : {}),
      },
    };
  };

  const total = workers.length;
  // [U] An empty result reports 0 pages; a page past the end is answered empty.
  const totalPages = Math.ceil(total / filter.count);
  const onPage = workers.slice((filter.page - 1) * filter.count, filter.page * filter.count);
  return {
    Response_Filter: {
      As_Of_Effective_Date: date(filter.asOfDate),
      As_Of_Entry_DateTime: formatXsDateTime(filter.asOfEntry, offset),
      Page: filter.page,
      Count: filter.count,
    },
    Response_Results: { Total_Results: total, Total_Pages: totalPages, Page_Results: onPage.length, Page: filter.page },
    Response_Data: { Worker: onPage.map(workerView) },
  };
}

export const getWorkers: SoapOperation = { service: 'Human_Resources', operation: 'Get_Workers', handle };
