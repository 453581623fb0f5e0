// Coupa integration history records: an integration's outcome on a document, so Coupa admins see failures without Temporal.
//
// [U] The reference names the resource (`/api/integration_history_records`, with `/mark_exported` and
// `/create_alert`) but not its fields; the body below follows Compass's resource page as far as known. The
// path is configurable (COUPA_INTEGRATION_HISTORY_PATH, empty = off) for instances that differ.
import type { CallOptions } from '../http/api-client';
import type { CoupaClient } from './client';
import { coupaIntegrationHistoryRecordSchema } from './finance-schemas';

export const DEFAULT_INTEGRATION_HISTORY_PATH = '/integration_history_records';

export interface IntegrationHistoryEntry {
  documentType: 'InvoiceHeader' | 'OrderHeader';
  documentId: number;
  status: 'success' | 'error';
  /** Short code: the parking category and failure type, e.g. `config/MappingMissing`. */
  code: string;
  /** Readable reason (no personal data: the finance flows carry none). */
  message: string;
  integrationCode: string;
}

export async function createCoupaIntegrationHistoryRecord(
  coupa: CoupaClient,
  entry: IntegrationHistoryEntry,
  path: string = DEFAULT_INTEGRATION_HISTORY_PATH,
  call?: CallOptions,
): Promise<number> {
  const record = await coupa.http.request(coupaIntegrationHistoryRecordSchema, {
    method: 'POST',
    path,
    query: { return_object: 'limited' },
    body: {
      'document-type': entry.documentType,
      'document-id': entry.documentId,
      status: entry.status,
      'contact-alert-type': 'Functional',
      integration: { code: entry.integrationCode },
      responses: [{ 'response-code': entry.code, 'response-message': entry.message.slice(0, 1000) }],
    },
    ...(call?.signal ? { signal: call.signal } : {}),
  });
  return record.id;
}
