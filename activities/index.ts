// Builds every activity from its dependencies, so tests hand in clients pointed at the sandboxes.
import type { CoupaClient } from '../connectors/coupa';
import type { WorkdayClient, WorkdaySoapClient } from '../connectors/workday';
import { createCoupaOffboardingActivities } from './coupa-offboarding';
import { createWorkdayTerminationActivities } from './workday-terminations';
import { createManagerChainActivities } from './manager-chain';
import { createCoupaUserActivities } from './coupa-users';
import { createWorkdayWorkerActivities } from './workday-workers';
import { createProvisioningPlanActivities } from './provisioning-plan';
import { createRunSettingsActivities, type RunSettings } from './run-settings';
import { createCoupaOrgHierarchyActivities } from './org-hierarchy-coupa';
import { createWorkdayOrgHierarchyActivities } from './org-hierarchy-workday';
import { createOrgHierarchyPlanActivities } from './org-hierarchy-plan';
import { createCoupaActivitiesV1, createConfigActivitiesV1, createWorkdayActivitiesV1 } from './provisioning-v1';
import { createWorkdayChangeDetectionActivities } from './change-detection-workday';
import { createCoupaChangeDetectionActivities } from './change-detection-coupa';
import { createEventDeliveryActivities, createPollerCursorActivities } from './event-delivery';

export interface ActivityDependencies {
  coupa: CoupaClient;
  workday: WorkdayClient;
  workdaySoap: WorkdaySoapClient;
  mappingFile: string;
  runSettings: RunSettings;
}

/** Activities that call Coupa: registered on the Coupa task queue, whose rate limit matches Coupa's. */
export const createCoupaActivities = (deps: Pick<ActivityDependencies, 'coupa'>) => ({
  ...createCoupaUserActivities(deps.coupa),
  ...createCoupaOffboardingActivities(deps.coupa),
  ...createCoupaOrgHierarchyActivities(deps.coupa),
  ...createCoupaActivitiesV1(deps.coupa),
  ...createCoupaChangeDetectionActivities(deps.coupa),
});

/** Activities that call Workday: registered on the Workday task queue. */
export const createWorkdayActivities = (deps: Pick<ActivityDependencies, 'workday' | 'workdaySoap'>) => ({
  ...createWorkdayWorkerActivities(deps.workday),
  ...createWorkdayTerminationActivities(deps.workday, deps.workdaySoap),
  ...createWorkdayOrgHierarchyActivities(deps.workday),
  ...createWorkdayActivitiesV1(deps.workday),
  ...createWorkdayChangeDetectionActivities(deps.workdaySoap),
});

/** Local work with no API behind it (planning, settings): registered on the workflow task queue. */
export const createConfigActivities = (deps: Pick<ActivityDependencies, 'mappingFile' | 'runSettings'>) => ({
  ...createProvisioningPlanActivities(deps.mappingFile),
  ...createOrgHierarchyPlanActivities(deps.mappingFile),
  ...createRunSettingsActivities(deps.runSettings),
  ...createManagerChainActivities(),
  ...createConfigActivitiesV1(deps.mappingFile),
  ...createEventDeliveryActivities(),
  ...createPollerCursorActivities(),
});

export type CoupaActivities = ReturnType<typeof createCoupaActivities>;
export type WorkdayActivities = ReturnType<typeof createWorkdayActivities>;
export type ConfigActivities = ReturnType<typeof createConfigActivities>;
export type { RunSettings } from './run-settings';
export type { WorkdayWorkerReadings } from './provisioning-plan';
export type { PageRead } from './org-hierarchy-workday';
export type { WorkerChange, WorkerChangePage, WorkerChangeWindow } from './change-detection-workday';
export type { DeliveryReport } from './event-delivery';
