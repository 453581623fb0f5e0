// Public face of the pure mapping layer: the mapping-file schema, Workday worker → Coupa user planning, change detection.
export type { CoupaUserPlan, CoupaUserState, MappingOutcome, MoneyLimit, WorkdayWorkerProfile } from './types';
export {
  DECIMAL_PATTERN,
  MappingConfigError,
  formatPath,
  mappingConfigSchema,
  parseMappingConfig,
  type MappingConfig,
} from './config';
export { managedApprovalGroups, planCoupaUser, sortedUnique } from './employee-to-coupa-user';
export {
  approvalGroupChanges,
  coupaUserChanges,
  sameDecimal,
  type ApprovalGroupChanges,
  type CoupaUserField,
  type CoupaUserFieldChange,
  type CoupaUserFieldValue,
  type DefaultAccountRef,
} from './coupa-user-changes';
