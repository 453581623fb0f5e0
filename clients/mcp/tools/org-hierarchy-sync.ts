// The org hierarchy sync's tool: ask to run it for all supervisory organizations or one.
import { z } from 'zod';
import { orgHierarchySyncWorkflowId } from '../../../workflows/org-hierarchy-sync';
import { defineTool, type GatewayTool } from '../tool';

const start = defineTool({
  name: 'start_org_hierarchy_sync',
  title: 'Ask to run the org hierarchy sync',
  access: 'request',
  description:
    "Asks for a sync of Workday's supervisory organizations into Coupa approval groups, their members and owners, and users' managers " +
    '(scope "all", or one org code). Nothing happens at once: this creates a pending action that a person approves or rejects. Returns the pendingActionId.',
  input: z.object({
    scope: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, '"all" or a supervisory organization code (letters, digits, - and _)')
      .default('all')
      .describe('"all" or a supervisory organization code'),
  }),
  async run({ scope }, ctx) {
    const target = orgHierarchySyncWorkflowId(scope);
    return ctx.requestPendingAction({ kind: 'start-org-hierarchy-sync', targetWorkflowId: target, params: { scope }, description: `sync the org hierarchy (${scope}) into Coupa (${target})` });
  },
});

export const orgHierarchySyncTools: GatewayTool[] = [start];
