// Workday connector: REST client, payload schemas and the refresh-token store.
export * from './client';
export * from './schemas';
export * from './refresh-token-store';
export type { CallOptions } from '../http/api-client';
