// Plans the cost center sync with the mapping file as it is now: what to read in Coupa, then the writes (both results are in the history).
import { ApplicationFailure } from '@temporalio/activity';
import { BusinessFailureTypes } from '../connectors/http/error-types';
import { loadMappingFile } from '../infra/mapping-file';
import type { CostCenterSyncConfig } from '../mapping/cost-center-config';
import { planCostCenterSync, type CoupaFinanceReadings, type CostCenterPlan, type WorkdayFinanceReadings } from '../mapping/cost-center-sync';

export interface CostCenterSyncTargets {
  /** The Coupa lookup holding the tree. */
  lookup: string;
  /** Charts of accounts (account types) whose accounts the sync keeps; empty when accounts are off. */
  accountTypes: string[];
}

export function createCostCenterPlanActivities(mappingFile: string) {
  const section = (): CostCenterSyncConfig => {
    let mapping;
    try {
      mapping = loadMappingFile(mappingFile);
    } catch (err) {
      throw ApplicationFailure.create({ type: BusinessFailureTypes.MappingConfigError, nonRetryable: true, message: err instanceof Error ? err.message : String(err) });
    }
    if (!mapping.costCenterSync) {
      throw ApplicationFailure.create({
        type: BusinessFailureTypes.MappingConfigError,
        nonRetryable: true,
        message: `${mappingFile}: costCenterSync: Required (the Coupa lookup and accounts Workday's cost centers go to; see config/mapping.yaml)`,
      });
    }
    return mapping.costCenterSync;
  };
  return {
    /** Which Coupa lookup and charts of accounts the sync reads, from the mapping file. */
    async costCenterSyncTargets(): Promise<CostCenterSyncTargets> {
      const config = section();
      return { lookup: config.lookup, accountTypes: config.accounts.enabled ? [...new Set(Object.values(config.accounts.accountTypeByCompany))].sort() : [] };
    },

    /** The writes that make Coupa match Workday, in order; none when it already does. */
    async planCostCenterSync(input: { workday: WorkdayFinanceReadings; coupa: CoupaFinanceReadings }): Promise<CostCenterPlan> {
      const outcome = planCostCenterSync(input.workday, input.coupa, section());
      if (outcome.ok) return outcome.value;
      throw ApplicationFailure.create({ type: BusinessFailureTypes.BusinessRuleViolation, nonRetryable: true, message: outcome.problems.join('; ') });
    },
  };
}
