// /api/integration_history_records: list, show and create (reference: "logs outcomes in Coupa"; the fields are [U], shaped after Compass's resource page).
import type { Router } from 'express';
import type { CoupaAuth } from '../../oauth.js';
import { mountResource, type ResourceDefinition } from '../../resource.js';
import type { CoupaStore } from '../../store.js';
import { formatTimestamp, isJsonObject, validationError, type JsonObject } from '../../wire.js';
import type { IntegrationHistoryRecord } from './record.js';

export const INTEGRATION_HISTORY_ATTRIBUTES = ['id', 'created-at', 'updated-at', 'document-type', 'document-id', 'status', 'resolved', 'integration'] as const;

export function renderIntegrationHistoryRecord(record: IntegrationHistoryRecord): JsonObject {
  return {
    id: record.id,
    'created-at': formatTimestamp(record.createdAt),
    'updated-at': formatTimestamp(record.updatedAt),
    'document-type': record.documentType,
    'document-id': record.documentId,
    'document-status': record.documentStatus,
    status: record.status,
    'contact-alert-type': record.contactAlertType,
    resolved: record.resolved,
    integration: record.integrationCode ? { code: record.integrationCode } : null,
    responses: record.responses.map((r) => ({ 'response-code': r.responseCode, 'response-message': r.responseMessage })),
  };
}

function create(store: CoupaStore, body: JsonObject): number {
  const problems: string[] = [];
  const documentType = typeof body['document-type'] === 'string' ? body['document-type'] : '';
  if (!documentType) problems.push("Document type can't be blank");
  const status = typeof body['status'] === 'string' ? body['status'] : '';
  if (!status) problems.push("Status can't be blank");
  const rawResponses = Array.isArray(body['responses']) ? body['responses'] : [];
  const responses = rawResponses.filter(isJsonObject).map((r) => ({ responseCode: String(r['response-code'] ?? ''), responseMessage: String(r['response-message'] ?? '') }));
  if (problems.length > 0) throw validationError('integration-history-record', problems);
  const integration = isJsonObject(body['integration']) ? body['integration'] : null;
  const record = store.integrationHistoryRecords.insert(
    {
      documentType,
      documentId: typeof body['document-id'] === 'number' ? body['document-id'] : Number(body['document-id'] ?? NaN) || null,
      documentStatus: typeof body['document-status'] === 'string' ? body['document-status'] : null,
      status,
      contactAlertType: typeof body['contact-alert-type'] === 'string' ? body['contact-alert-type'] : null,
      integrationCode: integration && typeof integration['code'] === 'string' ? integration['code'] : null,
      resolved: body['resolved'] === true,
      responses,
    },
    store.now(),
  );
  return record.id;
}

export function mountIntegrationHistory(api: Router, auth: CoupaAuth, store: CoupaStore): void {
  const def: ResourceDefinition = {
    path: '/integration_history_records',
    scope: 'core.integration',
    schema: { resource: 'integration history records', attributes: INTEGRATION_HISTORY_ATTRIBUTES },
    list: () => store.integrationHistoryRecords.all().map(renderIntegrationHistoryRecord),
    show: (id) => {
      const record = store.integrationHistoryRecords.get(id);
      return record ? renderIntegrationHistoryRecord(record) : undefined;
    },
    create: (body) => create(store, body),
  };
  mountResource(api, auth, def);
}
