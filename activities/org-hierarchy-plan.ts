// Plans the org hierarchy sync with the mapping file as it is now: both steps' results are recorded in the history.
import { ApplicationFailure } from '@temporalio/activity';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { loadMappingFile } from '../infra/mapping-file';
import {
  planApprovalGroupTargets,
  planOrgHierarchyWrites,
  type CoupaGroupState,
  type OrgHierarchyPlan,
  type OrgHierarchyReadings,
  type OrgHierarchyTargets,
  type OrgHierarchyWriteInput,
} from '../mapping/org-hierarchy';

export function createOrgHierarchyPlanActivities(mappingFile: string) {
  const mapping = () => {
    try {
      return loadMappingFile(mappingFile);
    } catch (err) {
      throw ApplicationFailure.create({ type: BusinessFailureTypes.MappingConfigError, nonRetryable: true, message: err instanceof Error ? err.message : String(err) });
    }
  };
  return {
    /** Which Coupa groups the sync owns and what each should be, and every worker's manager. */
    async planOrgApprovalGroupTargets(input: { readings: OrgHierarchyReadings; coupaGroups: CoupaGroupState[]; scope: string }): Promise<OrgHierarchyTargets> {
      const outcome = planApprovalGroupTargets(input.readings, mapping(), input.coupaGroups, input.scope);
      if (outcome.ok) return outcome.value;
      throw ApplicationFailure.create({ type: BusinessFailureTypes.BusinessRuleViolation, nonRetryable: true, message: outcome.problems.join('; ') });
    },

    /** The writes that make Coupa match, in order; none when it already does. */
    async planOrgHierarchyWrites(input: OrgHierarchyWriteInput): Promise<OrgHierarchyPlan> {
      return planOrgHierarchyWrites(input);
    },
  };
}
