// Every workflow the worker registers; one business process per file.
export * from './employee-provisioning';
export * from './employee-offboarding';
export * from './org-hierarchy-sync';
export * from './invoice-posting';
export * from './purchase-order-encumbrance';
