// Coupa side of invoice posting and PO encumbrances: read the document with its accounted lines, mark it exported, report a failure in Coupa's integration history.
import { Context } from '@temporalio/activity';
import {
  createCoupaIntegrationHistoryRecord,
  getCoupaInvoice,
  getCoupaPurchaseOrder,
  markCoupaInvoiceExported,
  markCoupaPurchaseOrderExported,
  type CoupaClient,
  type CoupaFinanceLineWire,
  type IntegrationHistoryEntry,
} from '../connectors/coupa';
import type { CoupaFinanceLine, CoupaInvoiceReading, CoupaPurchaseOrderReading } from '../mapping/finance';

const call = () => ({ signal: Context.current().cancellationSignal });

function linesFrom(lines: readonly CoupaFinanceLineWire[] | null | undefined): CoupaFinanceLine[] {
  return (lines ?? []).map((line, index) => ({
    lineNum: line['line-num'] ?? index + 1,
    total: line.total ?? '0',
    account: line.account ?? null,
    commodity: line.commodity?.name ?? null,
  }));
}

/** Coupa writes datetimes with an offset; the calendar date as written is the accounting date. */
const dateOf = (value: string | null | undefined): string => (value ?? '').slice(0, 10);

export interface FinanceCoupaOptions {
  /** Below /api; empty = do not write integration history. */
  integrationHistoryPath: string;
}

export function createFinanceCoupaActivities(coupa: CoupaClient, options: FinanceCoupaOptions) {
  return {
    async readCoupaInvoiceForPosting(invoiceId: number): Promise<CoupaInvoiceReading> {
      const invoice = await getCoupaInvoice(coupa, invoiceId, call());
      return {
        id: invoice.id,
        invoiceNumber: invoice['invoice-number'] ?? String(invoice.id),
        documentType: /credit/i.test(invoice['document-type'] ?? '') ? 'Credit Note' : 'Invoice',
        status: invoice.status ?? 'unknown',
        invoiceDate: dateOf(invoice['invoice-date'] ?? invoice['created-at']),
        currency: invoice.currency?.code ?? null,
        exported: invoice.exported === true,
        lines: linesFrom(invoice['invoice-lines']),
      };
    },

    /** Its own request, after the posting (reference: mark exported in its own request). */
    async markCoupaInvoiceExported(invoiceId: number): Promise<void> {
      await markCoupaInvoiceExported(coupa, invoiceId, call());
    },

    async readCoupaPurchaseOrderForEncumbrance(poId: number): Promise<CoupaPurchaseOrderReading> {
      const po = await getCoupaPurchaseOrder(coupa, poId, call());
      return {
        id: po.id,
        poNumber: po['po-number'] ?? String(po.id),
        version: po.version ?? 1,
        status: po.status ?? 'unknown',
        currency: po.currency?.code ?? null,
        versionDate: dateOf(po['updated-at']),
        lines: linesFrom(po['order-lines']),
      };
    },

    async markCoupaPurchaseOrderExported(poId: number): Promise<void> {
      await markCoupaPurchaseOrderExported(coupa, poId, call());
    },

    /** Null when the write-back is turned off (COUPA_INTEGRATION_HISTORY_PATH empty). */
    async recordCoupaIntegrationHistory(entry: IntegrationHistoryEntry): Promise<number | null> {
      if (options.integrationHistoryPath.trim() === '') return null;
      return createCoupaIntegrationHistoryRecord(coupa, entry, options.integrationHistoryPath, call());
    },
  };
}
