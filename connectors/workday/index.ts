// Workday connector: REST client and payload schemas.
export * from './client';
export * from './schemas';
