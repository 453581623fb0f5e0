// Coupa connector: client, payload schemas and write types.
export * from './client';
export * from './schemas';
export * from './user-group-schemas';
export type { CallOptions } from '../http/api-client';
export * from './approval-schemas';
export * from './approvals';
export * from './lookups';
export * from './invoice-payments';
export * from './suppliers';
export * from './finance-schemas';
export * from './invoices';
export * from './purchase-orders';
export * from './integration-history';
