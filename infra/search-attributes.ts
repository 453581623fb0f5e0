// The custom search attributes every workflow sets, so support can find any run in the Web UI.
// One name per line: each process appends its own. McpCaller…PendingActionState belong to the MCP gateway's pending actions
// (workflows/pending-action.ts): who asked, with which tool, for which run, and where it stands.
export const SEARCH_ATTRIBUTE_NAMES = [
  'BusinessProcess',
  'EmployeeId',
  'SupplierId',
  'CoupaDocumentId',
  'SyncState',
  'McpCaller',
  'McpTool',
  'TargetWorkflowId',
  'PendingActionState',
  'ParkingCategory',
  'PaymentState',
] as const;
