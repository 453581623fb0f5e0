// Every workflow the worker registers; one business process per file.
export * from './employee-provisioning';
export * from './employee-offboarding';
export * from './org-hierarchy-sync';
export * from './pending-action';
export * from './employee-provisioning-preview';
export * from './cost-center-sync';
export * from './invoice-to-payment';
export * from './payment-poller';
export * from './supplier-sync';
export * from './invoice-posting';
export * from './purchase-order-encumbrance';
export * from './workday-worker-changes-poller';
export * from './poller-cursor';
export * from './workday-hires-backfill';
export * from './coupa-invoice-approvals-poller';
export * from './coupa-purchase-order-changes-poller';
export * from './api-request-gate';
