// Every workflow the worker registers; one business process per file.
export * from './employee-provisioning';
export * from './employee-offboarding';
export * from './org-hierarchy-sync';
export * from './workday-worker-changes-poller';
export * from './poller-cursor';
export * from './workday-hires-backfill';
export * from './coupa-invoice-approvals-poller';
export * from './coupa-purchase-order-changes-poller';
