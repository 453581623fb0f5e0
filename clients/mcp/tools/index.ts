// Every tool the gateway offers, one module per process: a new process adds its module to this list (and its pending-action kinds to activities/pending-actions.ts).
import type { GatewayTool } from '../tool';
import { runTools } from './runs';
import { pendingActionTools } from './pending-actions';
import { employeeProvisioningTools } from './employee-provisioning';
import { employeeOffboardingTools } from './employee-offboarding';
import { orgHierarchySyncTools } from './org-hierarchy-sync';
import { businessProcessTools } from './business-processes';

export const TOOL_MODULES: readonly (readonly GatewayTool[])[] = [
  runTools,
  pendingActionTools,
  employeeProvisioningTools,
  employeeOffboardingTools,
  orgHierarchySyncTools,
  businessProcessTools,
];

export function allTools(): GatewayTool[] {
  const tools = TOOL_MODULES.flat();
  const names = new Set<string>();
  for (const tool of tools) {
    if (names.has(tool.name)) throw new Error(`two tools are named ${tool.name}`);
    names.add(tool.name);
  }
  return tools;
}
