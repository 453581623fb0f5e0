// Financial_Management operations: Submit_Accounting_Journal (accrual and obligation journals) and Get_Journals (find this integration's journal again by its External_Reference_ID).
import { z } from 'zod';
import type { SoapCallOptions, WorkdaySoapClient } from './soap-client';
import type { WdObject } from './envelope';
import { present, refId, responseResultsSchema, wdReferenceSchema, wdText } from './schemas';

/** One journal line as the integration writes it. */
export interface AccountingJournalLine {
  lineOrder: number;
  ledgerAccount: string;
  /** Money strings, two decimals; one of them "0.00". */
  debit: string;
  credit: string;
  memo: string;
  /** Cost_Center_Reference_ID worktag, or null. */
  costCenter: string | null;
}

export interface AccountingJournal {
  externalReferenceId: string;
  company: string;
  currency: string;
  ledgerType: string;
  source: string;
  accountingDate: string;
  memo: string;
  controlTotal: string;
  lines: AccountingJournalLine[];
}

export interface PostedJournal {
  /** WID. */
  id: string;
  /** Accounting_Journal_ID (journal number), when Workday sends one. */
  journalNumber: string | null;
  externalReferenceId: string | null;
  ledgerType: string | null;
  accountingDate: string | null;
  lines: { lineOrder: number; ledgerAccount: string | null; debit: string; credit: string; costCenter: string | null }[];
}

const ref = (type: string, id: string): WdObject => ({ ID: { '@type': type, '#text': id } });

const submitResponseSchema = z.object({ Accounting_Journal_Reference: wdReferenceSchema });

/**
 * Submits and posts one journal (Add_Only, Auto_Complete). Not idempotent by itself: Workday accepts the
 * same External_Reference_ID twice, so callers look it up with findJournalByExternalReference first.
 */
export async function submitAccountingJournal(soap: WorkdaySoapClient, journal: AccountingJournal, call: SoapCallOptions = {}): Promise<PostedJournal> {
  const reply = await soap.call(
    {
      service: 'Financial_Management',
      operation: 'Submit_Accounting_Journal',
      body: {
        Add_Only: true,
        Business_Process_Parameters: { Auto_Complete: true },
        Accounting_Journal_Data: {
          Submit: true,
          Company_Reference: ref('Company_Reference_ID', journal.company),
          Currency_Reference: ref('Currency_ID', journal.currency),
          Ledger_Type_Reference: ref('Ledger_Type_ID', journal.ledgerType),
          Accounting_Date: journal.accountingDate,
          Journal_Source_Reference: ref('Journal_Source_ID', journal.source),
          Journal_Entry_Memo: journal.memo,
          External_Reference_ID: journal.externalReferenceId,
          Control_Total_Amount: journal.controlTotal,
          Journal_Entry_Line_Replacement_Data: journal.lines.map((line) => ({
            Line_Order: line.lineOrder,
            Ledger_Account_Reference: ref('Ledger_Account_ID', line.ledgerAccount),
            Debit_Amount: line.debit,
            Credit_Amount: line.credit,
            Memo: line.memo,
            Worktags_Reference: line.costCenter ? [ref('Cost_Center_Reference_ID', line.costCenter)] : [],
          })),
        },
      },
      schema: submitResponseSchema,
    },
    call,
  );
  const reference = reply.Accounting_Journal_Reference;
  return {
    id: refId(reference, 'WID') ?? '',
    journalNumber: refId(reference, 'Accounting_Journal_ID') ?? null,
    externalReferenceId: journal.externalReferenceId,
    ledgerType: journal.ledgerType,
    accountingDate: journal.accountingDate,
    lines: journal.lines.map((l) => ({ lineOrder: l.lineOrder, ledgerAccount: l.ledgerAccount, debit: l.debit, credit: l.credit, costCenter: l.costCenter })),
  };
}

const journalLineSchema = z.object({
  Line_Order: present(wdText),
  Ledger_Account_Reference: wdReferenceSchema.optional(),
  Debit_Amount: present(wdText),
  Credit_Amount: present(wdText),
  Worktags_Reference: z.array(wdReferenceSchema).default([]),
});

const journalEntrySchema = z.object({
  Journal_Entry_Reference: wdReferenceSchema,
  Journal_Entry_Data: z.object({
    Accounting_Journal_ID: present(wdText),
    Ledger_Type_Reference: wdReferenceSchema.optional(),
    Accounting_Date: present(wdText),
    External_Reference_ID: present(wdText),
    Journal_Entry_Line_Data: z.array(journalLineSchema).default([]),
  }),
});

const getJournalsResponseSchema = z.object({
  Response_Results: responseResultsSchema.optional(),
  Response_Data: present(z.object({ Journal_Entry: z.array(journalEntrySchema).default([]) })),
});

export interface JournalSearch {
  company: string;
  source: string;
  ledgerType: string;
  /** The journal's accounting date: the search window is that one day, so the pages stay short. */
  accountingDate: string;
  externalReferenceId: string;
}

function postedJournalFrom(entry: z.output<typeof journalEntrySchema>): PostedJournal {
  const data = entry.Journal_Entry_Data;
  return {
    id: refId(entry.Journal_Entry_Reference, 'WID') ?? '',
    journalNumber: data.Accounting_Journal_ID ?? refId(entry.Journal_Entry_Reference, 'Accounting_Journal_ID') ?? null,
    externalReferenceId: data.External_Reference_ID ?? null,
    ledgerType: refId(data.Ledger_Type_Reference, 'Ledger_Type_ID') ?? null,
    accountingDate: data.Accounting_Date?.slice(0, 10) ?? null,
    lines: data.Journal_Entry_Line_Data.map((l, index) => ({
      lineOrder: l.Line_Order ? Number(l.Line_Order) : index + 1,
      ledgerAccount: refId(l.Ledger_Account_Reference, 'Ledger_Account_ID') ?? null,
      debit: l.Debit_Amount ?? '0',
      credit: l.Credit_Amount ?? '0',
      costCenter: l.Worktags_Reference.map((w) => refId(w, 'Cost_Center_Reference_ID')).find((v) => v !== undefined) ?? null,
    })),
  };
}

/**
 * The journal carrying `externalReferenceId`, or null. Get_Journals has no External_Reference_ID criterion
 * (reference § Journals: company, accounting date range, source, updated dates, status), so it asks for the
 * company's journals from this source on the journal's accounting date and matches the reference in the reply.
 */
export async function findJournalByExternalReference(soap: WorkdaySoapClient, search: JournalSearch, call: SoapCallOptions = {}): Promise<PostedJournal | null> {
  const pages = soap.pages(
    (page, count) => ({
      service: 'Financial_Management',
      operation: 'Get_Journals',
      body: {
        Request_Criteria: {
          Company_Reference: ref('Company_Reference_ID', search.company),
          Journal_Source_Reference: ref('Journal_Source_ID', search.source),
          Ledger_Type_Reference: ref('Ledger_Type_ID', search.ledgerType),
          Accounting_From_Date: search.accountingDate,
          Accounting_To_Date: search.accountingDate,
        },
        Response_Filter: { Page: page, Count: count },
      },
      schema: getJournalsResponseSchema,
      arrayElements: ['Journal_Entry', 'Journal_Entry_Line_Data', 'Worktags_Reference'],
    }),
    (response) => ({ results: response.Response_Results, items: response.Response_Data?.Journal_Entry ?? [] }),
    call.signal ? { signal: call.signal } : {},
  );
  for await (const page of pages) {
    const found = page.items.find((entry) => entry.Journal_Entry_Data.External_Reference_ID === search.externalReferenceId);
    if (found) return postedJournalFrom(found);
  }
  return null;
}
