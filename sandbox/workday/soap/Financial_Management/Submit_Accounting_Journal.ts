// Financial_Management Submit_Accounting_Journal: validates and posts an accounting journal (Validation_Faults for unbalanced journals, unknown ledger accounts or worktags, closed periods), answering its reference.
import { child, children, parseXsBoolean, type XmlElement, type XmlObject } from '../../../kit/soap';
import { centsToMoney, financeStoreOf, JOURNAL_SOURCES, LEDGER_TYPES, moneyToCents, type StoredJournalLine } from '../../finance-store';
import { invalidIdValue, validationFault, xpathOf, type ValidationError } from '../faults';
import type { SoapOperation, SoapOperationContext } from '../operation';
import { referenceId, referenceIds, text } from './references';

const REQUEST = 'Submit_Accounting_Journal_Request';

/** The same wording as invalidIdValue, as one of several errors of a fault. */
function invalidId(value: string, type: string, xpath: string): ValidationError {
  return { message: `Invalid ID value. '${value}' is not a valid ID value for type = '${type}'`, xpath };
}

function handle(request: XmlElement, ctx: SoapOperationContext): XmlObject {
  const finance = financeStoreOf(ctx.store);
  const data = child(request, 'Accounting_Journal_Data');
  const at = (...steps: Array<[string, number?]>) => xpathOf([REQUEST], ['Accounting_Journal_Data'], ...steps);
  if (!data) throw validationFault([{ message: 'Accounting_Journal_Data is required', xpath: xpathOf([REQUEST]) }]);

  const company = referenceId(child(data, 'Company_Reference'), 'Company_Reference_ID');
  if (!company || !finance.companyExists(company)) throw invalidIdValue(company ?? '', 'Company_Reference_ID', at(['Company_Reference'], ['ID']));
  const ledgerType = referenceId(child(data, 'Ledger_Type_Reference'), 'Ledger_Type_ID');
  if (!ledgerType || !(LEDGER_TYPES as readonly string[]).includes(ledgerType)) throw invalidIdValue(ledgerType ?? '', 'Ledger_Type_ID', at(['Ledger_Type_Reference'], ['ID']));
  const source = referenceId(child(data, 'Journal_Source_Reference'), 'Journal_Source_ID');
  if (!source || !(JOURNAL_SOURCES as readonly string[]).includes(source)) throw invalidIdValue(source ?? '', 'Journal_Source_ID', at(['Journal_Source_Reference'], ['ID']));
  const currency = referenceId(child(data, 'Currency_Reference'), 'Currency_ID') ?? ctx.store.companies.get(company)?.currency ?? 'USD';
  const accountingDate = text(data, 'Accounting_Date')?.slice(0, 10);
  if (!accountingDate || !/^\d{4}-\d{2}-\d{2}$/.test(accountingDate)) {
    throw validationFault([{ message: 'Accounting Date is required and must be a date', xpath: at(['Accounting_Date']) }]);
  }

  const errors: ValidationError[] = [];
  // [U] Workday's wording for a posting into a closed period.
  if (finance.isPeriodClosed(company, accountingDate)) {
    errors.push({ message: `The Accounting Date ${accountingDate} is not in an open period for company ${company}. The period ${accountingDate.slice(0, 7)} is closed.`, xpath: at(['Accounting_Date']) });
  }

  const lines: StoredJournalLine[] = [];
  children(data, 'Journal_Entry_Line_Replacement_Data').forEach((line, index) => {
    const lineAt = (...steps: Array<[string, number?]>) => at(['Journal_Entry_Line_Replacement_Data', index + 1], ...steps);
    const account = referenceId(child(line, 'Ledger_Account_Reference'), 'Ledger_Account_ID');
    if (!account || !finance.ledgerAccounts.has(account)) {
      errors.push(invalidId(account ?? '', 'Ledger_Account_ID', lineAt(['Ledger_Account_Reference'], ['ID'])));
    }
    let costCenter: string | null = null;
    for (const worktag of referenceIds(line, 'Worktags_Reference')) {
      if (worktag.type !== 'Cost_Center_Reference_ID') continue;
      if (!finance.costCenterExists(worktag.value)) errors.push(invalidId(worktag.value, 'Cost_Center_Reference_ID', lineAt(['Worktags_Reference'], ['ID'])));
      else costCenter = worktag.value;
    }
    const debit = moneyToCents(text(line, 'Debit_Amount') ?? '0');
    const credit = moneyToCents(text(line, 'Credit_Amount') ?? '0');
    if (debit === null || credit === null || debit < 0 || credit < 0) {
      errors.push({ message: `Line ${index + 1}: Debit and Credit Amounts must be non-negative amounts`, xpath: lineAt(['Debit_Amount']) });
      return;
    }
    if (debit > 0 && credit > 0) errors.push({ message: `Line ${index + 1}: enter either a Debit Amount or a Credit Amount, not both`, xpath: lineAt(['Debit_Amount']) });
    lines.push({ lineOrder: Number(text(line, 'Line_Order') ?? index + 1), ledgerAccount: account ?? '', debit, credit, memo: text(line, 'Memo') ?? '', costCenter });
  });
  if (lines.length === 0 && errors.length === 0) errors.push({ message: 'A journal needs at least one line', xpath: at(['Journal_Entry_Line_Replacement_Data']) });

  const debits = lines.reduce((sum, l) => sum + l.debit, 0);
  const credits = lines.reduce((sum, l) => sum + l.credit, 0);
  // [U] Wording of the out-of-balance validation.
  if (debits !== credits) {
    errors.push({ message: `Journal is out of balance: total debits ${centsToMoney(debits)} do not equal total credits ${centsToMoney(credits)} for ledger ${ledgerType}.`, xpath: at() });
  }
  const control = text(data, 'Control_Total_Amount');
  if (control !== undefined && moneyToCents(control) !== debits) {
    errors.push({ message: `Control Total Amount ${control} does not equal the total debits ${centsToMoney(debits)}.`, xpath: at(['Control_Total_Amount']) });
  }
  const [first, ...rest] = errors;
  if (first) throw validationFault([first, ...rest]);

  // Submit=false keeps it a draft; Workday still answers with its reference.
  const submit = parseXsBoolean(text(data, 'Submit')) !== false;
  const journal = finance.post(
    {
      company,
      currency,
      ledgerType,
      source,
      accountingDate,
      memo: text(data, 'Journal_Entry_Memo') ?? '',
      externalReferenceId: text(data, 'External_Reference_ID') ?? null,
      lines,
    },
    ctx.now,
  );
  if (!submit) journal.status = 'Draft';
  const descriptor = ctx.includeDescriptors ? { '@Descriptor': `Journal ${journal.journalNumber}` } : {};
  return {
    Accounting_Journal_Reference: {
      ...descriptor,
      ID: [
        { '@type': 'WID', '#text': journal.wid },
        { '@type': 'Accounting_Journal_ID', '#text': journal.journalNumber },
      ],
    },
  };
}

export const submitAccountingJournal: SoapOperation = { service: 'Financial_Management', operation: 'Submit_Accounting_Journal', handle };
