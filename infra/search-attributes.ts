// The custom search attributes every workflow sets, so support can find any run in the Web UI.
// SQL visibility (the dev server's SQLite, PostgreSQL) allows at most 10 Keyword attributes per namespace:
// a process's own state beside SyncState goes into the one shared ProcessState (payment: owed/overdue/paid…,
// budget: within/over-budget, pending action: pending/approved…), read together with BusinessProcess.
// McpCaller, McpTool and TargetWorkflowId belong to the MCP gateway's pending actions (workflows/pending-action.ts).
export const SEARCH_ATTRIBUTE_NAMES = [
  'BusinessProcess',
  'EmployeeId',
  'SupplierId',
  'CoupaDocumentId',
  'SyncState',
  'ParkingCategory',
  'ProcessState',
  'McpCaller',
  'McpTool',
  'TargetWorkflowId',
] as const;
