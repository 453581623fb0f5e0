// Builds every activity from its dependencies, so tests hand in clients pointed at the sandboxes.
import type { CoupaClient } from '../connectors/coupa';
import type { WorkdayClient } from '../connectors/workday';
import { createCoupaUserActivities } from './coupa-users';
import { createWorkdayWorkerActivities } from './workday-workers';
import { createMappingConfigActivities } from './mapping-config';

export interface ActivityDependencies {
  coupa: CoupaClient;
  workday: WorkdayClient;
  mappingFile: string;
}

/** Activities that call Coupa: registered on the Coupa task queue, whose rate limit matches Coupa's. */
export const createCoupaActivities = (deps: Pick<ActivityDependencies, 'coupa'>) => ({
  ...createCoupaUserActivities(deps.coupa),
});

/** Activities that call Workday: registered on the Workday task queue. */
export const createWorkdayActivities = (deps: Pick<ActivityDependencies, 'workday'>) => ({
  ...createWorkdayWorkerActivities(deps.workday),
});

/** Local work with no API behind it: registered on the workflow task queue. */
export const createConfigActivities = (deps: Pick<ActivityDependencies, 'mappingFile'>) => ({
  ...createMappingConfigActivities(deps.mappingFile),
});

export type CoupaActivities = ReturnType<typeof createCoupaActivities>;
export type WorkdayActivities = ReturnType<typeof createWorkdayActivities>;
export type ConfigActivities = ReturnType<typeof createConfigActivities>;
export type { CoupaUserUpsertResult, ApprovalGroupSyncInput, ApprovalGroupSyncResult } from './coupa-users';
