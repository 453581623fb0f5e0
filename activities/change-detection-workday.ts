// Workday change detection: one page of Get_Workers' transaction log per activity, in the compact shape the pollers plan with.
import { Context } from '@temporalio/activity';
import type { WorkdaySoapClient } from '../connectors/workday';

/** One transaction-log entry as the pollers need it (no names). */
export interface WorkerChange {
  /** The log entry's WID: the de-duplication key. */
  transactionWid: string;
  employeeId: string;
  transactionType: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  /** ISO 8601 UTC. */
  entryMoment: string;
  rescinded: boolean;
  corrected: boolean;
}

export interface WorkerChangeWindow {
  /** Entry window (ISO): edits, hires, terminations entered in it. */
  updatedFrom?: string;
  updatedThrough?: string;
  /** Effective window (YYYY-MM-DD): what takes effect on those days. */
  effectiveFrom?: string;
  effectiveThrough?: string;
  transactionTypes?: string[];
  /** Every page of one window reads the log as of this moment (ISO). */
  asOfEntry: string;
  pageSize?: number;
}

export interface WorkerChangePage {
  items: WorkerChange[];
  /** Null after the last page. */
  nextPage: number | null;
  totalPages: number;
}

export function createWorkdayChangeDetectionActivities(soap: WorkdaySoapClient) {
  return {
    /** One SOAP Get_Workers page of the transaction log window. */
    async readWorkdayWorkerChangesPage(input: { window: WorkerChangeWindow; page: number }): Promise<WorkerChangePage> {
      const w = input.window;
      const pages = soap.listWorkerTransactionPages(
        {
          ...(w.updatedFrom ? { updatedFrom: new Date(w.updatedFrom) } : {}),
          ...(w.updatedThrough ? { updatedThrough: new Date(w.updatedThrough) } : {}),
          ...(w.effectiveFrom ? { effectiveFrom: w.effectiveFrom } : {}),
          ...(w.effectiveThrough ? { effectiveThrough: w.effectiveThrough } : {}),
          ...(w.transactionTypes ? { transactionTypes: w.transactionTypes } : {}),
          ...(w.pageSize ? { pageSize: w.pageSize } : {}),
          asOfEntry: new Date(w.asOfEntry),
          firstPage: input.page,
        },
        { signal: Context.current().cancellationSignal },
      );
      const first = await pages.next();
      await pages.return(undefined);
      if (first.done) return { items: [], nextPage: null, totalPages: 0 };
      const page = first.value;
      return {
        items: page.items.flatMap((t) =>
          t.transactionWid
            ? [{ transactionWid: t.transactionWid, employeeId: t.employeeId, transactionType: t.transactionType, effectiveDate: t.effectiveDate, entryMoment: t.entryMoment, rescinded: t.rescinded, corrected: t.corrected }]
            : [],
        ),
        nextPage: page.page < page.totalPages && page.items.length > 0 ? page.page + 1 : null,
        totalPages: page.totalPages,
      };
    },
  };
}
