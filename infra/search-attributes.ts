// The custom search attributes every workflow sets, so support can find any run in the Web UI.
export const SEARCH_ATTRIBUTE_NAMES = ['BusinessProcess', 'EmployeeId', 'SupplierId', 'CoupaDocumentId', 'SyncState', 'BudgetStatus'] as const;
