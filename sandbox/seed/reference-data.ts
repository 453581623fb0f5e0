// Organisation reference data both simulators are seeded from, so Workday's cost centers line up with Coupa's chart of accounts.

export interface CompanyRef {
  code: string;
  name: string;
  currency: string;
  /** Coupa chart of accounts ("account type") for this company. */
  coupaAccountType: string;
}

export const companies: CompanyRef[] = [
  { code: 'US01', name: 'Acme Corporation (US)', currency: 'USD', coupaAccountType: 'Acme US' },
  { code: 'GB01', name: 'Acme UK Limited', currency: 'GBP', coupaAccountType: 'Acme UK' },
  { code: 'DE01', name: 'Acme Deutschland GmbH', currency: 'EUR', coupaAccountType: 'Acme DE' },
];

export interface CostCenterRef {
  code: string;
  name: string;
  company: string;
  /** False for the awkward case: created in Workday, not yet set up in Coupa. */
  inCoupa: boolean;
}

export const costCenters: CostCenterRef[] = [
  { code: 'CC1000', name: 'Executive Office', company: 'US01', inCoupa: true },
  { code: 'CC1100', name: 'Corporate Finance', company: 'US01', inCoupa: true },
  { code: 'CC1110', name: 'Accounts Payable', company: 'US01', inCoupa: true },
  { code: 'CC1120', name: 'Financial Planning & Analysis', company: 'US01', inCoupa: true },
  { code: 'CC1200', name: 'Human Resources', company: 'US01', inCoupa: true },
  { code: 'CC1210', name: 'Talent Acquisition', company: 'US01', inCoupa: true },
  { code: 'CC1300', name: 'Procurement', company: 'US01', inCoupa: true },
  { code: 'CC1400', name: 'IT Infrastructure', company: 'US01', inCoupa: true },
  { code: 'CC1410', name: 'IT Business Applications', company: 'US01', inCoupa: true },
  { code: 'CC1500', name: 'Engineering Platform', company: 'US01', inCoupa: true },
  { code: 'CC1510', name: 'Engineering Product', company: 'US01', inCoupa: true },
  { code: 'CC1520', name: 'Quality Assurance', company: 'US01', inCoupa: true },
  { code: 'CC1600', name: 'Sales North America', company: 'US01', inCoupa: true },
  { code: 'CC1610', name: 'Sales UK & Ireland', company: 'GB01', inCoupa: true },
  { code: 'CC1620', name: 'Vertrieb DACH', company: 'DE01', inCoupa: true },
  { code: 'CC1700', name: 'Marketing', company: 'US01', inCoupa: true },
  { code: 'CC1800', name: 'Customer Support', company: 'US01', inCoupa: true },
  { code: 'CC1810', name: 'Customer Support EMEA', company: 'GB01', inCoupa: true },
  { code: 'CC1900', name: 'Legal & Compliance', company: 'US01', inCoupa: true },
  { code: 'CC2000', name: 'Facilities', company: 'US01', inCoupa: true },
  { code: 'CC2100', name: 'Forschung & Entwicklung', company: 'DE01', inCoupa: true },
  { code: 'CC2200', name: 'Data Science', company: 'US01', inCoupa: true },
  { code: 'CC2300', name: 'Information Security', company: 'US01', inCoupa: true },
  { code: 'CC2400', name: 'Field Operations', company: 'US01', inCoupa: false },
];

export interface SupervisoryOrgRef {
  code: string;
  name: string;
  /** Code of the superior organisation; null for the top of the hierarchy. */
  superior: string | null;
  /** Cost centers whose people sit in this organisation. */
  costCenters: string[];
}

export const supervisoryOrgs: SupervisoryOrgRef[] = [
  { code: 'SUP-EXEC', name: 'Executive Office', superior: null, costCenters: ['CC1000'] },
  { code: 'SUP-FIN', name: 'Finance', superior: 'SUP-EXEC', costCenters: ['CC1100', 'CC1120'] },
  { code: 'SUP-AP', name: 'Accounts Payable', superior: 'SUP-FIN', costCenters: ['CC1110'] },
  { code: 'SUP-PROC', name: 'Procurement', superior: 'SUP-FIN', costCenters: ['CC1300'] },
  { code: 'SUP-HR', name: 'People', superior: 'SUP-EXEC', costCenters: ['CC1200', 'CC1210'] },
  { code: 'SUP-IT', name: 'Information Technology', superior: 'SUP-EXEC', costCenters: ['CC1400', 'CC1410', 'CC2300'] },
  { code: 'SUP-ENG', name: 'Engineering', superior: 'SUP-EXEC', costCenters: ['CC1500', 'CC1510', 'CC1520', 'CC2200'] },
  { code: 'SUP-RD-DE', name: 'Forschung Deutschland', superior: 'SUP-ENG', costCenters: ['CC2100'] },
  { code: 'SUP-SALES', name: 'Sales', superior: 'SUP-EXEC', costCenters: ['CC1600', 'CC1610', 'CC1620'] },
  { code: 'SUP-MKT', name: 'Marketing', superior: 'SUP-EXEC', costCenters: ['CC1700'] },
  { code: 'SUP-SUPPORT', name: 'Customer Support', superior: 'SUP-EXEC', costCenters: ['CC1800', 'CC1810'] },
  { code: 'SUP-LEGAL', name: 'Legal & Compliance', superior: 'SUP-EXEC', costCenters: ['CC1900'] },
  { code: 'SUP-OPS', name: 'Operations', superior: 'SUP-EXEC', costCenters: ['CC2000', 'CC2400'] },
];

export interface JobProfileRef {
  code: string;
  name: string;
  managementLevel: string;
}

export const jobProfiles: JobProfileRef[] = [
  { code: 'JP-CEO', name: 'Chief Executive Officer', managementLevel: '1 Chief Executive Officer' },
  { code: 'JP-CFO', name: 'Chief Financial Officer', managementLevel: '2 Chief Officer' },
  { code: 'JP-VP', name: 'Vice President', managementLevel: '3 Vice President' },
  { code: 'JP-DIR', name: 'Director', managementLevel: '4 Director' },
  { code: 'JP-MGR', name: 'Manager', managementLevel: '5 Manager' },
  { code: 'JP-CONTROLLER', name: 'Controller', managementLevel: '4 Director' },
  { code: 'JP-SR-ACCT', name: 'Senior Accountant', managementLevel: '7 Individual Contributor' },
  { code: 'JP-ACCT', name: 'Accountant', managementLevel: '7 Individual Contributor' },
  { code: 'JP-AP-SPEC', name: 'Accounts Payable Specialist', managementLevel: '7 Individual Contributor' },
  { code: 'JP-BUYER', name: 'Buyer', managementLevel: '7 Individual Contributor' },
  { code: 'JP-SWE', name: 'Software Engineer', managementLevel: '7 Individual Contributor' },
  { code: 'JP-SR-SWE', name: 'Senior Software Engineer', managementLevel: '6 Supervisor' },
  { code: 'JP-SALES-REP', name: 'Account Executive', managementLevel: '7 Individual Contributor' },
  { code: 'JP-HR-GEN', name: 'HR Generalist', managementLevel: '7 Individual Contributor' },
  { code: 'JP-ANALYST', name: 'Business Analyst', managementLevel: '7 Individual Contributor' },
  { code: 'JP-SUPPORT', name: 'Support Engineer', managementLevel: '7 Individual Contributor' },
];

/** Employee ID of the first seeded worker; later hires continue the sequence. */
export const FIRST_EMPLOYEE_ID = 21001;
