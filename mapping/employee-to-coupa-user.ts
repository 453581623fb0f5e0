// Turns a Workday worker into the Coupa user the mapping file says they should have (pure; runs in an activity, so its result is recorded).
import type { MappingConfig } from './config';
import type { CoupaUserPlan, MappingOutcome, MoneyLimit, WorkdayWorkerProfile } from './types';

/**
 * Plans the Coupa user for one worker. Business problems (missing email, unmapped cost center, …) are
 * collected, all of them, as sentences a support person can act on; the plan is only returned when there are none.
 */
export function planCoupaUser(profile: WorkdayWorkerProfile, config: MappingConfig): MappingOutcome<CoupaUserPlan> {
  const problems: string[] = [];
  // Problems only the mapping file can fix (the Workday record is fine): support fixes config, not data.
  let mappingProblems = 0;
  const employeeId = profile.employeeId.trim();
  const who = `employee ${employeeId || `with Workday ID ${profile.workerWid}`}`;
  const Who = capitalise(who);

  if (!employeeId) problems.push(`${Who} has no employee ID in Workday; Coupa's employee number needs one`);
  if (!profile.firstName.trim()) problems.push(`${Who} has no first name in Workday; Coupa requires one`);
  if (!profile.lastName.trim()) problems.push(`${Who} has no last name in Workday; Coupa requires one`);

  const email = profile.workEmail?.trim() ?? '';
  if (!email) {
    problems.push(`${Who} has no work email in Workday; Coupa requires one`);
  } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    problems.push(`Work email "${email}" of ${who} in Workday is not a valid email address`);
  } else if (config.emailDomainAllowList.length > 0) {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    if (!config.emailDomainAllowList.includes(domain)) {
      problems.push(
        `Work email ${email} of ${who} is not on an allowed domain (${config.emailDomainAllowList.join(', ')}); ` +
          'fix the email in Workday or add the domain to emailDomainAllowList in the mapping file',
      );
    }
  }

  const costCenter = profile.costCenter;
  const account = costCenter ? entryFor(config.costCenters, costCenter.code.trim()) : undefined;
  if (!costCenter) {
    problems.push(`${Who} has no cost center in Workday`);
  } else if (!account) {
    mappingProblems += 1;
    problems.push(
      `Cost center ${costCenter.code} (${costCenter.name}) of ${who} has no entry under costCenters in the mapping file`,
    );
  }

  if (problems.length > 0 || !account) {
    return { ok: false, problems, fixIn: problems.length > 0 && mappingProblems === problems.length ? 'mapping-file' : 'source-data' };
  }

  const jobProfile = profile.jobProfile?.name;
  const level = profile.managementLevel ?? undefined;

  const limits =
    (jobProfile !== undefined ? entryFor(config.approvalLimits.byJobProfile, jobProfile) : undefined) ??
    (level !== undefined ? entryFor(config.approvalLimits.byManagementLevel, level) : undefined) ??
    config.approvalLimits.default;
  const money = (amount: string | null): MoneyLimit | null =>
    amount === null ? null : { amount, currency: account.currency };

  const roles = [
    ...config.roles.default,
    ...((jobProfile !== undefined ? entryFor(config.roles.byJobProfile, jobProfile) : undefined) ?? []),
    ...((level !== undefined ? entryFor(config.roles.byManagementLevel, level) : undefined) ?? []),
  ];

  const orgCode = profile.supervisoryOrganization?.code ?? undefined;
  // The org's manager approves for it at any level: the same rule orgHierarchySync applies, so the two never undo each other.
  const joinsApprovalGroups =
    !config.approvalGroups.managersOnly ||
    profile.managesSupervisoryOrganization === true ||
    (level !== undefined && config.approvalGroups.approverLevels.includes(level));
  const approvalGroups =
    joinsApprovalGroups && orgCode !== undefined ? (entryFor(config.approvalGroups.bySupervisoryOrg, orgCode) ?? []) : [];

  return {
    ok: true,
    value: {
      employeeNumber: employeeId,
      login: config.login === 'email' ? email.toLowerCase() : employeeId,
      email,
      firstname: profile.firstName,
      lastname: profile.lastName,
      managerEmployeeNumber: profile.manager?.employeeId ?? null,
      defaultAccount: {
        accountTypeName: account.accountType,
        code: account.segments.join('-'),
        segments: [...account.segments],
      },
      defaultCurrency: account.currency,
      requisitionApprovalLimit: money(limits.requisition),
      invoiceApprovalLimit: money(limits.invoice),
      roles: sortedUnique(roles),
      approvalGroups: sortedUnique(approvalGroups),
      managedApprovalGroups: managedApprovalGroups(config),
    },
  };
}

/** Every approval group the mapping file names: the only memberships provisioning may add or remove. */
export function managedApprovalGroups(config: MappingConfig): string[] {
  return sortedUnique(Object.values(config.approvalGroups.bySupervisoryOrg).flat());
}

/** Sorted by UTF-16 code units, not locale: the same order on every worker, as replay requires. */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Own keys only: a Workday value such as "constructor" must not find Object.prototype members. */
function entryFor<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
