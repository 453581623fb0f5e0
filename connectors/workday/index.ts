// Workday connector: REST client and payload schemas, the refresh-token store, and the SOAP layer (Workday Web Services).
export * from './client';
export * from './schemas';
export * from './org-schemas';
export * from './refresh-token-store';
export * from './soap';
export type { CallOptions } from '../http/api-client';
export * from './budgets';
