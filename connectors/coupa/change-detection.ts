// Coupa change detection: one page of a document list by the export flag or by updated-at, with only the fields a poller needs.
import { z } from 'zod';
import type { CallOptions } from '../http/api-client';
import type { CoupaClient } from './client';

export const COUPA_CHANGE_PAGE_SIZE = 50;

const documentStampSchema = z.array(
  z.object({
    id: z.number().int(),
    status: z.string().nullish(),
    version: z.number().int().nullish(),
    'updated-at': z.string().nullish(),
  }),
);
export type DocumentStamp = z.output<typeof documentStampSchema>[number];

export type CoupaChangeQuery =
  /** The documented ERP pattern: `exported=false` plus a status filter; each poll reads from offset 0 (marking shrinks the set). */
  | { mode: 'exported-flag'; status: string }
  /** The watermark pattern: `updated-at[gt]` (with the poller's overlap) plus a status filter (several: comma-separated, sent as `status[in]`). */
  | { mode: 'watermark'; status: string; updatedAfter: string };

/** One page of `/api/{resource}` ids, statuses and stamps; nextOffset null after a short page. */
export async function getDocumentChangesPage(
  client: CoupaClient,
  resource: 'invoices' | 'purchase_orders',
  query: CoupaChangeQuery,
  offset: number,
  call?: CallOptions,
): Promise<{ items: DocumentStamp[]; nextOffset: number | null }> {
  const status: Record<string, string> = query.status.includes(',') ? { 'status[in]': query.status } : { status: query.status };
  const filters: Record<string, string | number> = query.mode === 'exported-flag' ? { exported: 'false', ...status } : { ...status, 'updated-at[gt]': query.updatedAfter };
  const fields = resource === 'purchase_orders' ? ['id', 'status', 'version', 'updated-at'] : ['id', 'status', 'updated-at'];
  const items = await client.http.get(
    documentStampSchema,
    `/${resource}`,
    { ...filters, fields: JSON.stringify(fields), limit: COUPA_CHANGE_PAGE_SIZE, offset },
    call,
  );
  return { items, nextOffset: items.length < COUPA_CHANGE_PAGE_SIZE ? null : offset + items.length };
}
