// Business checks of Workday worker → Coupa user planning, against the project's default mapping file.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadMappingFile } from '../../infra/mapping-file';
import { parseMappingConfig, planCoupaUser, type CoupaUserPlan, type MappingConfig, type WorkdayWorkerProfile } from '../../mapping';

const defaultMapping = loadMappingFile(path.resolve(__dirname, '../../config/mapping.yaml'));

const ALL_MANAGED_GROUPS = [
  'Accounts Payable Approvers',
  'Customer Support Approvers',
  'Engineering Approvers',
  'Executive Office Approvers',
  'Finance Approvers',
  'Forschung Deutschland Approvers',
  'Information Technology Approvers',
  'Legal & Compliance Approvers',
  'Marketing Approvers',
  'Operations Approvers',
  'People Approvers',
  'Procurement Approvers',
  'Sales Approvers',
];

const financeManager = { workerWid: 'a'.repeat(32), employeeId: '21002', name: 'Grace Hopper', workEmail: 'grace.hopper@acme.example' };

/** A Workday worker as the connector assembles it: a senior accountant in Corporate Finance unless told otherwise. */
function worker(overrides: Partial<WorkdayWorkerProfile> = {}): WorkdayWorkerProfile {
  return {
    workerWid: '0123456789abcdef0123456789abcdef',
    employeeId: '21010',
    firstName: 'Maria',
    lastName: 'Lopez',
    workEmail: 'maria.lopez@acme.example',
    businessTitle: 'Senior Accountant',
    jobProfile: { id: 'JP-SR-ACCT', name: 'Senior Accountant' },
    managementLevel: '7 Individual Contributor',
    supervisoryOrganization: { id: 'wid-sup-fin', code: 'SUP-FIN', name: 'Finance' },
    manager: financeManager,
    costCenter: { id: 'wid-cc1100', code: 'CC1100', name: 'Corporate Finance' },
    company: { id: 'wid-us01', name: 'Acme Corporation (US)' },
    ...overrides,
  };
}

function planOf(profile: WorkdayWorkerProfile, config: MappingConfig = defaultMapping): CoupaUserPlan {
  const outcome = planCoupaUser(profile, config);
  if (!outcome.ok) assert.fail(`expected a plan, got problems: ${outcome.problems.join('; ')}`);
  return outcome.value;
}

function problemsOf(profile: WorkdayWorkerProfile, config: MappingConfig = defaultMapping): string[] {
  const outcome = planCoupaUser(profile, config);
  if (outcome.ok) assert.fail('expected problems, got a plan');
  return outcome.problems;
}

describe('given a Workday worker, the Coupa user the mapping plans', () => {
  it('a senior accountant in CC1100 gets a US finance account, a senior accountant limit in USD and no approval group', () => {
    const plan = planOf(worker({ workEmail: '  Maria.Lopez@ACME.example ' }));
    assert.deepEqual(plan, {
      employeeNumber: '21010',
      login: 'maria.lopez@acme.example',
      email: 'Maria.Lopez@ACME.example',
      firstname: 'Maria',
      lastname: 'Lopez',
      managerEmployeeNumber: '21002',
      defaultAccount: { accountTypeName: 'Acme US', code: 'US01-CC1100', segments: ['US01', 'CC1100'] },
      defaultCurrency: 'USD',
      requisitionApprovalLimit: { amount: '2500.00', currency: 'USD' },
      invoiceApprovalLimit: { amount: '10000.00', currency: 'USD' },
      roles: ['Approver', 'Requester', 'User'],
      approvalGroups: [],
      managedApprovalGroups: ALL_MANAGED_GROUPS,
    } satisfies CoupaUserPlan);
  });

  it('a sales manager in the UK gets the UK account, the manager limit in GBP, the Approver role and the Sales approval group', () => {
    const plan = planOf(
      worker({
        employeeId: '21020',
        firstName: 'Oliver',
        lastName: 'Smith',
        workEmail: 'oliver.smith@acme.example',
        businessTitle: 'Sales Manager UK',
        jobProfile: { id: 'JP-MGR', name: 'Manager' },
        managementLevel: '5 Manager',
        supervisoryOrganization: { id: 'wid-sup-sales', code: 'SUP-SALES', name: 'Sales' },
        costCenter: { id: 'wid-cc1610', code: 'CC1610', name: 'Sales UK & Ireland' },
        company: { id: 'wid-gb01', name: 'Acme UK Limited' },
      }),
    );
    assert.deepEqual(plan, {
      employeeNumber: '21020',
      login: 'oliver.smith@acme.example',
      email: 'oliver.smith@acme.example',
      firstname: 'Oliver',
      lastname: 'Smith',
      managerEmployeeNumber: '21002',
      defaultAccount: { accountTypeName: 'Acme UK', code: 'GB01-CC1610', segments: ['GB01', 'CC1610'] },
      defaultCurrency: 'GBP',
      requisitionApprovalLimit: { amount: '25000.00', currency: 'GBP' },
      invoiceApprovalLimit: { amount: '25000.00', currency: 'GBP' },
      roles: ['Approver', 'Requester', 'User'],
      approvalGroups: ['Sales Approvers'],
      managedApprovalGroups: ALL_MANAGED_GROUPS,
    } satisfies CoupaUserPlan);
  });

  it('the CFO gets the CFO job-profile limits, which beat the Chief Officer level, and joins Finance Approvers', () => {
    const plan = planOf(
      worker({
        employeeId: '21002',
        firstName: 'Grace',
        lastName: 'Hopper',
        workEmail: 'grace.hopper@acme.example',
        jobProfile: { id: 'JP-CFO', name: 'Chief Financial Officer' },
        managementLevel: '2 Chief Officer',
        manager: { workerWid: 'c'.repeat(32), employeeId: '21001', name: 'Ada Lovelace', workEmail: null },
      }),
    );
    assert.deepEqual(plan.requisitionApprovalLimit, { amount: '1000000.00', currency: 'USD' });
    assert.deepEqual(plan.invoiceApprovalLimit, { amount: '2500000.00', currency: 'USD' });
    assert.deepEqual(plan.roles, ['Approver', 'Requester', 'User']);
    assert.deepEqual(plan.approvalGroups, ['Finance Approvers']);
    assert.equal(plan.managerEmployeeNumber, '21001');
    assert.deepEqual(plan.defaultAccount, { accountTypeName: 'Acme US', code: 'US01-CC1100', segments: ['US01', 'CC1100'] });
  });

  it('the CEO, at the top of the hierarchy, has no manager and the top of the ladder', () => {
    const plan = planOf(
      worker({
        employeeId: '21001',
        jobProfile: { id: 'JP-CEO', name: 'Chief Executive Officer' },
        managementLevel: '1 Chief Executive Officer',
        supervisoryOrganization: { id: 'wid-sup-exec', code: 'SUP-EXEC', name: 'Executive Office' },
        costCenter: { id: 'wid-cc1000', code: 'CC1000', name: 'Executive Office' },
        manager: null,
      }),
    );
    assert.equal(plan.managerEmployeeNumber, null);
    assert.deepEqual(plan.requisitionApprovalLimit, { amount: '5000000.00', currency: 'USD' });
    assert.deepEqual(plan.approvalGroups, ['Executive Office Approvers']);
    assert.equal(plan.defaultAccount.code, 'US01-CC1000');
  });

  it('a buyer in Procurement gets the Buyer role, a requisition limit and no invoice authority', () => {
    const plan = planOf(
      worker({
        employeeId: '21030',
        jobProfile: { id: 'JP-BUYER', name: 'Buyer' },
        supervisoryOrganization: { id: 'wid-sup-proc', code: 'SUP-PROC', name: 'Procurement' },
        costCenter: { id: 'wid-cc1300', code: 'CC1300', name: 'Procurement' },
      }),
    );
    assert.deepEqual(plan.roles, ['Buyer', 'Requester', 'User']);
    assert.deepEqual(plan.requisitionApprovalLimit, { amount: '50000.00', currency: 'USD' });
    assert.equal(plan.invoiceApprovalLimit, null);
    assert.deepEqual(plan.approvalGroups, []);
    assert.equal(plan.defaultAccount.code, 'US01-CC1300');
  });

  it('whoever manages their supervisory org joins its approval group at any level, as the org hierarchy sync has it', () => {
    const individualContributor = {
      employeeId: '21031',
      jobProfile: { id: 'JP-BUYER', name: 'Buyer' },
      supervisoryOrganization: { id: 'wid-sup-proc', code: 'SUP-PROC', name: 'Procurement' },
      costCenter: { id: 'wid-cc1300', code: 'CC1300', name: 'Procurement' },
    };
    assert.deepEqual(planOf(worker({ ...individualContributor, managesSupervisoryOrganization: true })).approvalGroups, ['Procurement Approvers']);
    assert.deepEqual(planOf(worker({ ...individualContributor, managesSupervisoryOrganization: false })).approvalGroups, []);
  });

  it('an accounts payable specialist gets the AP Clerk role and an invoice limit', () => {
    const plan = planOf(worker({ jobProfile: { id: 'JP-AP-SPEC', name: 'Accounts Payable Specialist' } }));
    assert.deepEqual(plan.roles, ['AP Clerk', 'Requester', 'User']);
    assert.deepEqual(plan.invoiceApprovalLimit, { amount: '25000.00', currency: 'USD' });
  });

  it('a software engineer falls back to the Individual Contributor rung of the ladder and the default roles', () => {
    const plan = planOf(worker({ jobProfile: { id: 'JP-SWE', name: 'Software Engineer' } }));
    assert.deepEqual(plan.requisitionApprovalLimit, { amount: '1000.00', currency: 'USD' });
    assert.equal(plan.invoiceApprovalLimit, null);
    assert.deepEqual(plan.roles, ['Requester', 'User']);
  });

  it('a worker with neither job profile nor management level gets the default limits and roles', () => {
    const plan = planOf(worker({ jobProfile: null, managementLevel: null }));
    assert.deepEqual(plan.requisitionApprovalLimit, { amount: '1000.00', currency: 'USD' });
    assert.equal(plan.invoiceApprovalLimit, null);
    assert.deepEqual(plan.roles, ['Requester', 'User']);
    assert.deepEqual(plan.approvalGroups, []);
  });

  it('a German researcher keeps the umlauts and accents of the name and gets the DE account in EUR', () => {
    const plan = planOf(
      worker({
        firstName: 'Jürgen Zoë',
        lastName: 'Müller-Lüdenscheidt 李',
        workEmail: 'juergen.mueller@acme.example',
        costCenter: { id: 'wid-cc2100', code: 'CC2100', name: 'Forschung & Entwicklung' },
        supervisoryOrganization: { id: 'wid-sup-rd-de', code: 'SUP-RD-DE', name: 'Forschung Deutschland' },
      }),
    );
    assert.equal(plan.firstname, 'Jürgen Zoë');
    assert.equal(plan.lastname, 'Müller-Lüdenscheidt 李');
    assert.deepEqual(plan.defaultAccount, { accountTypeName: 'Acme DE', code: 'DE01-CC2100', segments: ['DE01', 'CC2100'] });
    assert.equal(plan.defaultCurrency, 'EUR');
    assert.deepEqual(plan.requisitionApprovalLimit, { amount: '2500.00', currency: 'EUR' });
  });
});

describe('given a Workday worker the mapping cannot place, the run gets readable problems', () => {
  it('a cost center missing from the mapping file names the cost center, its name and the employee', () => {
    assert.deepEqual(
      problemsOf(worker({ employeeId: '21034', costCenter: { id: 'wid-cc2400', code: 'CC2400', name: 'Field Operations' } })),
      ['Cost center CC2400 (Field Operations) of employee 21034 has no entry under costCenters in the mapping file'],
    );
  });

  it('a worker without a work email cannot get a Coupa user', () => {
    assert.deepEqual(problemsOf(worker({ employeeId: '21007', workEmail: null })), [
      'Employee 21007 has no work email in Workday; Coupa requires one',
    ]);
    assert.deepEqual(problemsOf(worker({ employeeId: '21007', workEmail: '   ' })), [
      'Employee 21007 has no work email in Workday; Coupa requires one',
    ]);
  });

  it('a worker without a cost center cannot get a default account', () => {
    assert.deepEqual(problemsOf(worker({ employeeId: '21040', costCenter: null })), ['Employee 21040 has no cost center in Workday']);
  });

  it('every problem of one worker is reported at once, not just the first', () => {
    const problems = problemsOf(
      worker({
        employeeId: '21034',
        firstName: ' ',
        workEmail: null,
        costCenter: { id: 'wid-cc2400', code: 'CC2400', name: 'Field Operations' },
      }),
    );
    assert.deepEqual(problems, [
      'Employee 21034 has no first name in Workday; Coupa requires one',
      'Employee 21034 has no work email in Workday; Coupa requires one',
      'Cost center CC2400 (Field Operations) of employee 21034 has no entry under costCenters in the mapping file',
    ]);
  });

  it('a malformed work email is reported rather than sent to Coupa', () => {
    assert.deepEqual(problemsOf(worker({ employeeId: '21011', workEmail: 'maria.lopez at acme' })), [
      'Work email "maria.lopez at acme" of employee 21011 in Workday is not a valid email address',
    ]);
  });

  it('a cost center code that happens to be a JavaScript property name is still just a missing mapping', () => {
    assert.deepEqual(problemsOf(worker({ employeeId: '21012', costCenter: { id: 'x', code: 'constructor', name: 'Odd' } })), [
      'Cost center constructor (Odd) of employee 21012 has no entry under costCenters in the mapping file',
    ]);
  });
});

describe('given other mapping choices', () => {
  const custom = parseMappingConfig(
    {
      version: 1,
      login: 'employeeId',
      emailDomainAllowList: ['Acme.example'],
      costCenters: { CC1100: { accountType: 'Acme US', segments: ['US01', 'CC1100'], currency: 'USD' } },
      approvalLimits: { default: { requisition: '500', invoice: null } },
      roles: { default: ['User', 'User'], byManagementLevel: { '7 Individual Contributor': ['Requester', 'User'] } },
      approvalGroups: {
        bySupervisoryOrg: { 'SUP-FIN': ['Finance Approvers', 'All Finance'], 'SUP-AP': ['Finance Approvers'] },
        managersOnly: false,
      },
    },
    'inline',
  );

  it('login by employee ID uses the employee ID while the email still goes to Coupa', () => {
    const plan = planOf(worker(), custom);
    assert.equal(plan.login, '21010');
    assert.equal(plan.email, 'maria.lopez@acme.example');
  });

  it('without managersOnly everyone in the organization joins its groups; managed groups are every group named, once', () => {
    const plan = planOf(worker(), custom);
    assert.deepEqual(plan.approvalGroups, ['All Finance', 'Finance Approvers']);
    assert.deepEqual(plan.managedApprovalGroups, ['All Finance', 'Finance Approvers']);
    assert.deepEqual(plan.roles, ['Requester', 'User']);
    assert.deepEqual(plan.requisitionApprovalLimit, { amount: '500', currency: 'USD' });
  });

  it('a worker whose organization has no code joins no group', () => {
    const plan = planOf(worker({ supervisoryOrganization: { id: 'wid-x', code: null, name: 'Finance' } }), custom);
    assert.deepEqual(plan.approvalGroups, []);
  });

  it('a work email outside the allowed domains is a problem naming the allowed domains', () => {
    assert.deepEqual(problemsOf(worker({ workEmail: 'maria@gmail.com' }), custom), [
      'Work email maria@gmail.com of employee 21010 is not on an allowed domain (acme.example); fix the email in Workday or add the domain to emailDomainAllowList in the mapping file',
    ]);
    assert.equal(planOf(worker({ workEmail: 'Maria@ACME.example' }), custom).email, 'Maria@ACME.example');
  });
});
