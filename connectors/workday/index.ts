// Workday connector: REST client and payload schemas, and the SOAP layer (Workday Web Services).
export * from './client';
export * from './schemas';
export * from './soap';
