// An integration history record: what an integration reports about one document, shown to Coupa admins.
import type { Stamped } from '../../store.js';

export interface IntegrationHistoryRecord extends Stamped {
  documentType: string;
  documentId: number | null;
  documentStatus: string | null;
  /** [U] `success` or `error` (the field set beyond the resource name is unconfirmed). */
  status: string;
  contactAlertType: string | null;
  integrationCode: string | null;
  resolved: boolean;
  responses: { responseCode: string; responseMessage: string }[];
}
