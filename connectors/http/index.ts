// Shared HTTP core of the Coupa and Workday connectors.
export * from './errors';
export * from './token-provider';
export * from './oauth';
export * from './api-client';
export * from './paging';
export * from './cancellation';
export * from './concurrency';
export * from './timeouts';
