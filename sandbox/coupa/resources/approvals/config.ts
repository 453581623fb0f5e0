// Behaviours of approvals and requisitions that Coupa's documentation leaves open ([U]): configurable per sandbox through /_sandbox/approvals/config.
import { z } from 'zod';

export const approvalBehaviourSchema = z
  .object({
    /**
     * Which approvals `PUT /{document}/:id/remove_approval` may remove. Compass describes the action
     * as "Remove an approver who was manually added"; whether Coupa refuses to remove a hierarchy or
     * chain approval is unconfirmed [U]. `any-open` (default) removes any undecided step, which is
     * what the reference's reroute recipe (add_approver + remove_approval) assumes; `manual-only`
     * answers 400 for steps that add_approver did not create.
     */
    removeApproval: z.enum(['any-open', 'manual-only']).default('any-open'),
    /**
     * Status shown for a step later in the chain that is not actionable yet. Coupa's full set of
     * approval statuses is unconfirmed [U]; `created` is the Rails-style initial state.
     */
    queuedApprovalStatus: z.string().min(1).default('created'),
    /**
     * Whether `PUT /api/requisitions/:id` may change the requester once the requisition is
     * submitted (pending approval). Compass lists `requester` as an input without saying when [U].
     */
    changeRequesterAfterSubmit: z.boolean().default(true),
    /**
     * What a body's `requested-by` does. Compass marks `requested-by` output-only and `requester`
     * as its input; whether Coupa ignores, accepts or refuses `requested-by` sent in is [U].
     * `ignore` (default) drops it silently, as Rails does with attributes it does not permit.
     */
    requestedByOnInput: z.enum(['ignore', 'accept', 'reject']).default('ignore'),
  })
  .strict();
export type ApprovalBehaviour = z.infer<typeof approvalBehaviourSchema>;

export function defaultApprovalBehaviour(): ApprovalBehaviour {
  return approvalBehaviourSchema.parse({});
}
