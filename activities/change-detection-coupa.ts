// Coupa change detection: one page of approved invoices (export flag or updated-at), or of changed POs (updated-at), per activity.
import { Context } from '@temporalio/activity';
import type { CoupaClient } from '../connectors/coupa';
import { getDocumentChangesPage, type CoupaChangeQuery, type DocumentStamp } from '../connectors/coupa/change-detection';

export function createCoupaChangeDetectionActivities(coupa: CoupaClient) {
  return {
    async readCoupaInvoiceChangesPage(input: { query: CoupaChangeQuery; offset: number }): Promise<{ items: DocumentStamp[]; nextOffset: number | null }> {
      return getDocumentChangesPage(coupa, 'invoices', input.query, input.offset, { signal: Context.current().cancellationSignal });
    },

    async readCoupaPurchaseOrderChangesPage(input: { query: CoupaChangeQuery; offset: number }): Promise<{ items: DocumentStamp[]; nextOffset: number | null }> {
      return getDocumentChangesPage(coupa, 'purchase_orders', input.query, input.offset, { signal: Context.current().cancellationSignal });
    },
  };
}
