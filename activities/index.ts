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
import { createCoupaCostCenterActivities } from './cost-center-coupa';
import { createWorkdayCostCenterActivities } from './cost-center-workday';
import { createCostCenterPlanActivities } from './cost-center-plan';
import { createCoupaSupplierActivities, createSupplierPlanActivities, createWorkdaySupplierActivities } from './supplier-sync';
import { createCoupaActivitiesV1, createConfigActivitiesV1, createWorkdayActivitiesV1 } from './provisioning-v1';
import { createProvisioningPreviewActivities } from './provisioning-preview';
import { createPendingActionActivities } from './pending-actions';
import { createInvoicePaymentCoupaActivities, createInvoicePaymentPlanActivities, createInvoicePaymentWorkdayActivities, createPaymentMatchingActivities } from './invoice-payment';
import { createFinanceCoupaActivities } from './finance-coupa';
import { createFinanceWorkdayActivities } from './finance-workday';
import { createFinancePlanActivities } from './finance-plan';
import { DEFAULT_INTEGRATION_HISTORY_PATH } from '../connectors/coupa/integration-history';
import { DEFAULT_BUDGET_CHECK_PATH } from '../connectors/workday/budgets';
import { CoupaGroupIdCache, createCoupaEconomyActivities, createWorkdayProfileActivities } from './provisioning-economy';
import { createWorkdayChangeDetectionActivities } from './change-detection-workday';
import { createCoupaChangeDetectionActivities } from './change-detection-coupa';
import { createEventDeliveryActivities, createPollerCursorActivities } from './event-delivery';

export interface ActivityDependencies {
  coupa: CoupaClient;
  workday: WorkdayClient;
  workdaySoap: WorkdaySoapClient;
  mappingFile: string;
  runSettings: RunSettings;
  /** [U] How this Coupa instance treats `payments` in an invoice PUT (COUPA_INVOICE_PAYMENTS_PUT; default append). */
  coupaInvoicePaymentsPut?: 'append' | 'replace';
  /** [U] endpoints of the finance flows (infra/config.ts); defaults when absent. */
  finance?: { budgetCheckPath: string; integrationHistoryPath: string };
}

/**
 * Activities that call Coupa, on the Coupa task queue. Every request waits for its turn from Coupa's
 * request gate (workers/request-gate.ts), so an activity may make a lookup and its idempotent write;
 * keep each small, and count its requests per business event in bench/calls-per-event.ts.
 */
export const createCoupaActivities = (
  deps: Pick<ActivityDependencies, 'coupa' | 'coupaInvoicePaymentsPut' | 'finance'> & Partial<Pick<ActivityDependencies, 'workdaySoap' | 'mappingFile'>>,
  groupIds = new CoupaGroupIdCache(),
) => ({
  ...createCoupaUserActivities(deps.coupa),
  ...createCoupaOffboardingActivities(deps.coupa),
  // The org sync's group pages refresh provisioning's group-id cache (reference data shared in the worker).
  ...createCoupaOrgHierarchyActivities(deps.coupa, groupIds),
  ...createCoupaActivitiesV1(deps.coupa),
  ...createProvisioningPreviewActivities(deps.coupa),
  ...createCoupaCostCenterActivities(deps.coupa),
  ...createInvoicePaymentCoupaActivities(deps.coupa, deps.coupaInvoicePaymentsPut),
  // Supplier copies into Coupa re-read the Workday source inside the activity, so raw values stay out of the history.
  ...createCoupaSupplierActivities(deps.coupa, deps.workdaySoap!, deps.mappingFile!),
  ...createFinanceCoupaActivities(deps.coupa, { integrationHistoryPath: deps.finance?.integrationHistoryPath ?? DEFAULT_INTEGRATION_HISTORY_PATH }),
  ...createCoupaEconomyActivities(deps.coupa, groupIds),
  ...createCoupaChangeDetectionActivities(deps.coupa),
});

/** Activities that call Workday: registered on the Workday task queue. */
export const createWorkdayActivities = (
  deps: Pick<ActivityDependencies, 'workday' | 'workdaySoap' | 'finance'> & Partial<Pick<ActivityDependencies, 'coupa' | 'mappingFile'>>,
) => ({
  ...createWorkdayWorkerActivities(deps.workday),
  ...createWorkdayTerminationActivities(deps.workday, deps.workdaySoap),
  ...createWorkdayOrgHierarchyActivities(deps.workday, deps.workdaySoap),
  ...createWorkdayActivitiesV1(deps.workday),
  ...createWorkdayCostCenterActivities(deps.workdaySoap),
  ...createInvoicePaymentWorkdayActivities(deps.workdaySoap),
  ...createWorkdaySupplierActivities(deps.workdaySoap, deps.coupa!, deps.mappingFile!),
  ...createFinanceWorkdayActivities(deps.workday, deps.workdaySoap, { budgetCheckPath: deps.finance?.budgetCheckPath ?? DEFAULT_BUDGET_CHECK_PATH }),
  ...createWorkdayProfileActivities(deps.workdaySoap),
  ...createWorkdayChangeDetectionActivities(deps.workdaySoap),
});

/** Local work with no API behind it (planning, settings): registered on the workflow task queue. */
export const createConfigActivities = (deps: Pick<ActivityDependencies, 'mappingFile' | 'runSettings'>) => ({
  ...createProvisioningPlanActivities(deps.mappingFile),
  ...createOrgHierarchyPlanActivities(deps.mappingFile),
  ...createRunSettingsActivities(deps.runSettings),
  ...createManagerChainActivities(),
  ...createConfigActivitiesV1(deps.mappingFile),
  ...createPendingActionActivities(),
  ...createCostCenterPlanActivities(deps.mappingFile),
  ...createInvoicePaymentPlanActivities(deps.mappingFile),
  ...createPaymentMatchingActivities(deps.mappingFile),
  ...createSupplierPlanActivities(deps.mappingFile),
  ...createFinancePlanActivities(deps.mappingFile),
  ...createEventDeliveryActivities(),
  ...createPollerCursorActivities(),
});

export type CoupaActivities = ReturnType<typeof createCoupaActivities>;
export type WorkdayActivities = ReturnType<typeof createWorkdayActivities>;
export type ConfigActivities = ReturnType<typeof createConfigActivities>;
export type { RunSettings } from './run-settings';
export type { WorkdayWorkerReadings } from './provisioning-plan';
export type { PageRead } from './org-hierarchy-workday';
export type { SoapPageRead } from './cost-center-workday';
export type { CoupaInvoiceFacts, SupplierInvoicePlan, MatchedPayment } from './invoice-payment';
export type { SupplierSideReading, CopyResult, CounterpartSearch, DuplicateCandidate, SupplierSyncSettings } from './supplier-sync';
export type { WorkerChange, WorkerChangePage, WorkerChangeWindow } from './change-detection-workday';
export type { DeliveryReport } from './event-delivery';
