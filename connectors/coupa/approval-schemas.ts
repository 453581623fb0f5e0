// Zod schemas of the Coupa payloads offboarding reads: requisitions (requester, status) and approvals (whose, on what, where they stand). Only the fields the code uses; everything else passes through.
import { z } from 'zod';

/** Coupa may drop empty keys as well as send null: every field the code can live without is `nullish`. */
const text = z.union([z.string(), z.number().transform(String)]).nullish();
const optionalId = z.number().int().nullish();

/** The approver of a step: a user stub (`login`) or an approval group (`name`). */
export const coupaApproverRefSchema = z.looseObject({ id: optionalId, login: text, name: text });

export const coupaApprovalSchema = z.looseObject({
  id: z.number().int(),
  status: text,
  position: z.number().int().nullish(),
  /** How the step got into the chain: ManagementHierarchyApproval, ManualApproval, … */
  type: text,
  'approvable-type': text,
  'approvable-id': optionalId,
  /** `User` or `UserGroup` [U: Compass calls it "the role of the approver"]; absent on some tenants. */
  'approver-type': text,
  approver: coupaApproverRefSchema.nullish(),
});
export type CoupaApproval = z.output<typeof coupaApprovalSchema>;
export const coupaApprovalsSchema = z.array(coupaApprovalSchema);

export const coupaRequisitionSchema = z.looseObject({
  id: z.number().int(),
  status: text,
  'requested-by': z.looseObject({ id: optionalId, login: text, 'employee-number': text }).nullish(),
});
export type CoupaRequisition = z.output<typeof coupaRequisitionSchema>;
export const coupaRequisitionsSchema = z.array(coupaRequisitionSchema);

/** What add_approver and remove_approval answer: the document, with its approvals. */
export const coupaApprovableDocumentSchema = z.looseObject({
  id: z.number().int(),
  status: text,
  approvals: z.array(coupaApprovalSchema).nullish(),
});
export type CoupaApprovableDocument = z.output<typeof coupaApprovableDocumentSchema>;

/** PUT /api/requisitions/{id}: Compass lists `requester` as the input; `requested-by` is output only. */
export interface CoupaRequisitionRequesterWrite {
  requester: { id: number };
}
