// Financial_Management Get_Journals: journals by reference or by criteria (company, journal source, ledger type, accounting and entry date ranges), paged per Response_Filter.
import { child, type XmlElement, type XmlObject } from '../../../kit/soap';
import { parseXsDateTime } from '../../../kit/xsd-time';
import { centsToMoney, financeStoreOf, type StoredJournal } from '../../finance-store';
import { validationFault, xpathOf } from '../faults';
import type { SoapOperation, SoapOperationContext } from '../operation';
import { referenceId, referenceIds, text } from './references';

const REQUEST = 'Get_Journals_Request';

function fault(message: string, ...steps: Array<[string, number?]>) {
  return validationFault([{ message, xpath: xpathOf([REQUEST], ...steps) }]);
}

function readPage(request: XmlElement, ctx: SoapOperationContext): { page: number; count: number } {
  const filter = child(request, 'Response_Filter');
  const number = (name: string, fallback: number): number => {
    const raw = filter ? text(filter, name) : undefined;
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw fault(`${name} must be a whole number of at least 1, not '${raw}'`, ['Response_Filter'], [name]);
    return Number(raw);
  };
  const page = number('Page', 1);
  let count = number('Count', ctx.config.defaultCount);
  if (count > ctx.config.maxCount) {
    if (ctx.config.overMaxCount === 'clamp') count = ctx.config.maxCount;
    else throw fault(`Count must not exceed ${ctx.config.maxCount}`, ['Response_Filter'], ['Count']);
  }
  return { page, count };
}

function select(request: XmlElement, ctx: SoapOperationContext): StoredJournal[] {
  const finance = financeStoreOf(ctx.store);
  const references = child(request, 'Request_References');
  if (references) {
    const wanted = new Set(referenceIds(references, 'Journal_Entry_Reference').map((id) => id.value));
    return finance.journals.filter((j) => wanted.has(j.wid) || wanted.has(j.journalNumber));
  }
  const criteria = child(request, 'Request_Criteria');
  if (!criteria) return [...finance.journals];
  const companies = new Set(referenceIds(criteria, 'Company_Reference').map((id) => id.value));
  const sources = new Set(referenceIds(criteria, 'Journal_Source_Reference').map((id) => id.value));
  const ledgerType = referenceId(child(criteria, 'Ledger_Type_Reference'));
  const date = (name: string): string | undefined => {
    const raw = text(criteria, name);
    if (raw === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}/.test(raw)) throw fault(`Invalid date value '${raw}' for ${name}`, ['Request_Criteria'], [name]);
    return raw.slice(0, 10);
  };
  const instant = (name: string): number | undefined => {
    const raw = text(criteria, name);
    if (raw === undefined) return undefined;
    const ms = parseXsDateTime(raw, ctx.config.tenantUtcOffset);
    if (ms === null) throw fault(`Invalid date/time value '${raw}' for ${name}`, ['Request_Criteria'], [name]);
    return ms;
  };
  const from = date('Accounting_From_Date');
  const to = date('Accounting_To_Date');
  const updatedFrom = instant('Updated_From_Date');
  const updatedTo = instant('Updated_To_Date');
  return finance.journals.filter(
    (j) =>
      (companies.size === 0 || companies.has(j.company)) &&
      (sources.size === 0 || sources.has(j.source)) &&
      (ledgerType === undefined || j.ledgerType === ledgerType) &&
      (from === undefined || j.accountingDate >= from) &&
      (to === undefined || j.accountingDate <= to) &&
      (updatedFrom === undefined || j.enteredAt >= updatedFrom) &&
      (updatedTo === undefined || j.enteredAt <= updatedTo),
  );
}

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const { page, count } = readPage(request, ctx);
  const journals = select(request, ctx);
  const d = (label: string) => (ctx.includeDescriptors ? { '@Descriptor': label } : {});
  const ref = (type: string, value: string, label = value) => ({ ...d(label), ID: [{ '@type': type, '#text': value }] });
  const onPage = journals.slice((page - 1) * count, page * count);
  const total = journals.length;
  return {
    Response_Filter: { Page: page, Count: count },
    Response_Results: { Total_Results: total, Total_Pages: Math.ceil(total / count), Page_Results: onPage.length, Page: page },
    Response_Data: {
      Journal_Entry: onPage.map((j) => ({
        Journal_Entry_Reference: { ...d(`Journal ${j.journalNumber}`), ID: [{ '@type': 'WID', '#text': j.wid }, { '@type': 'Accounting_Journal_ID', '#text': j.journalNumber }] },
        Journal_Entry_Data: {
          Accounting_Journal_ID: j.journalNumber,
          Journal_Number: j.journalNumber,
          Company_Reference: ref('Company_Reference_ID', j.company),
          Currency_Reference: ref('Currency_ID', j.currency),
          Ledger_Type_Reference: ref('Ledger_Type_ID', j.ledgerType),
          Accounting_Date: j.accountingDate,
          Journal_Source_Reference: ref('Journal_Source_ID', j.source),
          Journal_Entry_Memo: j.memo,
          External_Reference_ID: j.externalReferenceId,
          Journal_Entry_Status_Reference: ref('Journal_Entry_Status_ID', j.status),
          Journal_Entry_Line_Data: j.lines.map((l) => ({
            Line_Order: l.lineOrder,
            Ledger_Account_Reference: ref('Ledger_Account_ID', l.ledgerAccount),
            Debit_Amount: centsToMoney(l.debit),
            Credit_Amount: centsToMoney(l.credit),
            Memo: l.memo,
            Worktags_Reference: l.costCenter ? [ref('Cost_Center_Reference_ID', l.costCenter)] : [],
          })),
        },
      })),
    },
  };
}

export const getJournals: SoapOperation = { service: 'Financial_Management', operation: 'Get_Journals', handle };
