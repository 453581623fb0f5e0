// Deterministic Workday workforce the sandbox starts with: one manager per supervisory org and over 200 staff spread over every cost center.
//
// Fixed people tests and the demo may rely on (their IDs never move):
// - 21001 Margaret Okafor: CEO, manages SUP-EXEC; 21002..21013 manage the other orgs in reference-data order.
// - 21014 Zoë Ångström, 21015 José Núñez, 21016 Łukasz Żółć, 21017 Siobhán Ó Briain, 21018 Søren Kierkegård,
//   21019 山田 太郎 (Taro Yamada; the email is given explicitly because kanji do not fold to ASCII).
// - NO_EMAIL_EMPLOYEE_ID (21020): the one worker without a work email (a warehouse technician in Field Operations).
// - FIELD_OPERATIONS_EMPLOYEE_ID (21021): a worker in CC2400, the cost center Coupa does not have.
// - TERMINATED_EMPLOYEE_IDS: workers who have left; Workday's REST lists hide them by default.
import { seededRandom } from '../common/controls';
import { companies, costCenters, FIRST_EMPLOYEE_ID, jobProfiles, supervisoryOrgs } from './reference-data';

export const WORK_EMAIL_DOMAIN = 'acme.example';
export const NO_EMAIL_EMPLOYEE_ID = '21020';
export const FIELD_OPERATIONS_EMPLOYEE_ID = '21021';
export const TERMINATED_EMPLOYEE_IDS = ['21150', '21233'] as const;

export interface SeedLocation {
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  countryName: string;
  addressText: string;
  /** Prefix of the work phone numbers handed out at this location. */
  phonePrefix: string;
}

export const locations: SeedLocation[] = [
  { code: 'LOC-SFO', name: 'San Francisco HQ', countryCode: 'US', countryName: 'United States of America', addressText: '100 Market Street, San Francisco, CA 94105, United States of America', phonePrefix: '+1 (415) 555-' },
  { code: 'LOC-NYC', name: 'New York', countryCode: 'US', countryName: 'United States of America', addressText: '350 Fifth Avenue, New York, NY 10118, United States of America', phonePrefix: '+1 (212) 555-' },
  { code: 'LOC-LON', name: 'London', countryCode: 'GB', countryName: 'United Kingdom', addressText: '1 Canada Square, London E14 5AB, United Kingdom', phonePrefix: '+44 20 7946 ' },
  { code: 'LOC-MUC', name: 'München', countryCode: 'DE', countryName: 'Germany', addressText: 'Leopoldstraße 8, 80802 München, Germany', phonePrefix: '+49 89 5550 ' },
];

/** The location a worker of a company sits at by default (US staff alternate between the two US offices). */
export function defaultLocationCode(companyCode: string, sequence = 0): string {
  if (companyCode === 'GB01') return 'LOC-LON';
  if (companyCode === 'DE01') return 'LOC-MUC';
  return sequence % 3 === 2 ? 'LOC-NYC' : 'LOC-SFO';
}

export interface SeedWorker {
  employeeId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  workEmail: string | null;
  supervisoryOrgCode: string;
  costCenterCode: string;
  jobProfileCode: string;
  businessTitle: string;
  /** YYYY-MM-DD */
  hireDate: string;
  terminated: boolean;
  /** YYYY-MM-DD; null while employed. */
  terminationDate: string | null;
  /** Code of the supervisory org this worker manages, if any. */
  managerOf: string | null;
  locationCode: string;
  countryCode: string;
}

/** Lower-case ASCII form of a name for email local parts: "Siobhán Ó Briain" → "siobhan", "obriain". */
export function asciiFold(text: string): string {
  const special: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ð: 'd', ı: 'i' };
  return text
    .toLowerCase()
    .replace(/[øłđæœßþðı]/g, (c) => special[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** first.last@acme.example, with a counter when the name is taken; null when the name has no ASCII form at all. */
export function deriveWorkEmail(firstName: string, lastName: string, taken: ReadonlySet<string>): string | null {
  const first = asciiFold(firstName);
  const last = asciiFold(lastName);
  if (!first || !last) return null;
  let candidate = `${first}.${last}@${WORK_EMAIL_DOMAIN}`;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${first}.${last}${n}@${WORK_EMAIL_DOMAIN}`;
  return candidate;
}

interface OrgStaffing {
  /** Profile of the org's manager. */
  managerProfile: string;
  managerTitle: string;
  /** How many staff (besides the manager) the org has. */
  staff: number;
  /** Profiles staff cycle through, with their business titles. */
  roles: Array<{ profile: string; title: string }>;
}

const staffing: Record<string, OrgStaffing> = {
  'SUP-EXEC': { managerProfile: 'JP-CEO', managerTitle: 'Chief Executive Officer', staff: 4, roles: [{ profile: 'JP-ANALYST', title: 'Chief of Staff' }, { profile: 'JP-ANALYST', title: 'Executive Assistant' }] },
  'SUP-FIN': { managerProfile: 'JP-CFO', managerTitle: 'Chief Financial Officer', staff: 18, roles: [{ profile: 'JP-ACCT', title: 'Accountant' }, { profile: 'JP-SR-ACCT', title: 'Senior Accountant' }, { profile: 'JP-ANALYST', title: 'Financial Analyst' }, { profile: 'JP-CONTROLLER', title: 'Assistant Controller' }] },
  'SUP-AP': { managerProfile: 'JP-DIR', managerTitle: 'Director, Accounts Payable', staff: 12, roles: [{ profile: 'JP-AP-SPEC', title: 'Accounts Payable Specialist' }, { profile: 'JP-AP-SPEC', title: 'Senior AP Specialist' }] },
  'SUP-PROC': { managerProfile: 'JP-DIR', managerTitle: 'Director, Procurement', staff: 12, roles: [{ profile: 'JP-BUYER', title: 'Buyer' }, { profile: 'JP-BUYER', title: 'Category Buyer' }, { profile: 'JP-ANALYST', title: 'Procurement Analyst' }] },
  'SUP-HR': { managerProfile: 'JP-VP', managerTitle: 'VP People', staff: 14, roles: [{ profile: 'JP-HR-GEN', title: 'HR Generalist' }, { profile: 'JP-HR-GEN', title: 'Recruiter' }] },
  'SUP-IT': { managerProfile: 'JP-VP', managerTitle: 'VP Information Technology', staff: 20, roles: [{ profile: 'JP-SWE', title: 'Systems Engineer' }, { profile: 'JP-ANALYST', title: 'Business Systems Analyst' }, { profile: 'JP-SR-SWE', title: 'Security Engineer' }] },
  'SUP-ENG': { managerProfile: 'JP-VP', managerTitle: 'VP Engineering', staff: 40, roles: [{ profile: 'JP-SWE', title: 'Software Engineer' }, { profile: 'JP-SR-SWE', title: 'Senior Software Engineer' }, { profile: 'JP-SWE', title: 'QA Engineer' }, { profile: 'JP-ANALYST', title: 'Data Scientist' }] },
  'SUP-RD-DE': { managerProfile: 'JP-DIR', managerTitle: 'Leiter Forschung & Entwicklung', staff: 14, roles: [{ profile: 'JP-SWE', title: 'Softwareentwickler' }, { profile: 'JP-SR-SWE', title: 'Senior Softwareentwickler' }] },
  'SUP-SALES': { managerProfile: 'JP-VP', managerTitle: 'VP Sales', staff: 30, roles: [{ profile: 'JP-SALES-REP', title: 'Account Executive' }, { profile: 'JP-SALES-REP', title: 'Enterprise Account Executive' }, { profile: 'JP-MGR', title: 'Sales Manager' }] },
  'SUP-MKT': { managerProfile: 'JP-VP', managerTitle: 'VP Marketing', staff: 12, roles: [{ profile: 'JP-ANALYST', title: 'Marketing Analyst' }, { profile: 'JP-ANALYST', title: 'Content Strategist' }] },
  'SUP-SUPPORT': { managerProfile: 'JP-VP', managerTitle: 'VP Customer Support', staff: 22, roles: [{ profile: 'JP-SUPPORT', title: 'Support Engineer' }, { profile: 'JP-SUPPORT', title: 'Senior Support Engineer' }] },
  'SUP-LEGAL': { managerProfile: 'JP-VP', managerTitle: 'General Counsel', staff: 8, roles: [{ profile: 'JP-ANALYST', title: 'Corporate Counsel' }, { profile: 'JP-ANALYST', title: 'Compliance Analyst' }] },
  'SUP-OPS': { managerProfile: 'JP-VP', managerTitle: 'VP Operations', staff: 16, roles: [{ profile: 'JP-ANALYST', title: 'Operations Analyst' }, { profile: 'JP-MGR', title: 'Facilities Manager' }, { profile: 'JP-ANALYST', title: 'Field Technician' }] },
};

/** Names of the org managers, in supervisoryOrgs order: they are the first 13 employee IDs. */
const managerNames: Array<[string, string]> = [
  ['Margaret', 'Okafor'],
  ['Daniel', 'Whitfield'],
  ['Priya', 'Raman'],
  ['Thomas', 'Brennan'],
  ['Aisha', 'Bello'],
  ['Marcus', 'Lindqvist'],
  ['Elena', 'Vasquez'],
  ['Jürgen', 'Hoffmann'],
  ['Catherine', 'Doyle'],
  ['Rafael', 'Mendes'],
  ['Grace', 'Nakamura'],
  ['Olivia', 'Hartmann'],
  ['Samuel', 'Adeyemi'],
];

/** Named staff right after the managers; see the header for why each exists. */
const namedStaff: Array<{ firstName: string; middleName?: string; lastName: string; workEmail?: string | null; org: string; costCenter?: string; role?: number }> = [
  { firstName: 'Zoë', lastName: 'Ångström', org: 'SUP-ENG', costCenter: 'CC2200', role: 3 },
  { firstName: 'José', middleName: 'Luis', lastName: 'Núñez', org: 'SUP-SALES', costCenter: 'CC1600' },
  { firstName: 'Łukasz', lastName: 'Żółć', org: 'SUP-RD-DE' },
  { firstName: 'Siobhán', lastName: 'Ó Briain', org: 'SUP-SUPPORT', costCenter: 'CC1810' },
  { firstName: 'Søren', lastName: 'Kierkegård', org: 'SUP-FIN', costCenter: 'CC1120', role: 2 },
  { firstName: '太郎', lastName: '山田', workEmail: `taro.yamada@${WORK_EMAIL_DOMAIN}`, org: 'SUP-ENG', costCenter: 'CC1510', role: 1 },
  { firstName: 'Dale', lastName: 'Pruitt', workEmail: null, org: 'SUP-OPS', costCenter: 'CC2400', role: 2 },
  { firstName: 'Rosa', lastName: 'Delgado', org: 'SUP-OPS', costCenter: 'CC2400', role: 0 },
];

const firstNames = [
  'James', 'Mary', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'William', 'Linda', 'David', 'Elizabeth',
  'Richard', 'Barbara', 'Joseph', 'Susan', 'Charles', 'Jessica', 'Christopher', 'Sarah', 'Matthew', 'Karen',
  'Anthony', 'Nancy', 'Mark', 'Lisa', 'Steven', 'Betty', 'Andrew', 'Sandra', 'Joshua', 'Ashley',
  'Kenji', 'Mei', 'Arjun', 'Ananya', 'Mohammed', 'Fatima', 'Chidi', 'Ngozi', 'Lars', 'Ingrid',
  'François', 'Hélène', 'Björn', 'Märta', 'Oğuz', 'Ayşe', 'Tomás', 'Inés', 'Niamh', 'Seán',
  'Wojciech', 'Małgorzata', 'Jiří', 'Zuzana', 'Ólafur', 'Þóra', 'Renée', 'Noël', 'Chloé', 'André',
  'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Mateo', 'Sofía', 'Felix', 'Lena',
];

const lastNames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Patel', 'Chen', 'Wang', 'Kim', 'Nguyen', 'Singh', 'Khan', 'Okonkwo', 'Mensah', 'Haddad',
  'Müller', 'Schäfer', 'Weiß', 'Groß', 'Bäcker', 'Dubois', 'Lefèvre', 'Gonçalves', 'Peña', 'Muñoz',
  'Sørensen', 'Jørgensen', 'Åkesson', 'Öberg', 'Kowalczyk', 'Wiśniewski', 'Dvořák', 'Horváth', "O'Brien", 'Mac Giolla',
  'Yılmaz', 'Papadopoulos', 'Rossi', 'Bianchi', 'Fernández', 'Sato', 'Suzuki', 'Takahashi', 'Ivanova', 'Novak',
  'Fitzgerald', 'Gallagher', 'Murphy', 'Kelly', 'Walsh', 'Byrne', 'Ryan', 'Carroll', 'Schmidt', 'Fischer',
];

const middleInitialPool = ['Anne', 'Marie', 'James', 'Lee', 'Ray', 'Jo'];

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function dateBetween(fromYear: number, toYear: number, random: () => number): string {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear, 11, 31);
  const day = new Date(from + Math.floor(random() * ((to - from) / 86_400_000)) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function companyOf(costCenterCode: string): string {
  const costCenter = costCenters.find((c) => c.code === costCenterCode);
  if (!costCenter) throw new Error(`seed: unknown cost center ${costCenterCode}`);
  return costCenter.company;
}

function requireStaffing(orgCode: string): OrgStaffing {
  const plan = staffing[orgCode];
  if (!plan) throw new Error(`seed: no staffing plan for ${orgCode}`);
  return plan;
}

/** The seeded workforce, in employee ID order. Pure: every call returns an equal, fresh list. */
export function seedWorkers(): SeedWorker[] {
  const random = seededRandom(20_260_101);
  const workers: SeedWorker[] = [];
  const emails = new Set<string>();
  const usedNames = new Set<string>();
  let nextId = FIRST_EMPLOYEE_ID;
  /** Per org: how many staff placed so far, so cost centers and roles rotate evenly. */
  const placed = new Map<string, number>();

  const add = (w: Omit<SeedWorker, 'employeeId' | 'workEmail' | 'locationCode' | 'countryCode'> & { workEmail?: string | null }): void => {
    const employeeId = String(nextId);
    nextId += 1;
    const workEmail = w.workEmail === undefined ? deriveWorkEmail(w.firstName, w.lastName, emails) : w.workEmail;
    if (workEmail) emails.add(workEmail);
    usedNames.add(`${w.firstName} ${w.lastName}`);
    const locationCode = defaultLocationCode(companyOf(w.costCenterCode), Number(employeeId));
    const location = locations.find((l) => l.code === locationCode);
    workers.push({ ...w, employeeId, workEmail, locationCode, countryCode: location?.countryCode ?? 'US' });
  };

  const staffAssignment = (orgCode: string, costCenter?: string, role?: number) => {
    const org = supervisoryOrgs.find((o) => o.code === orgCode);
    if (!org) throw new Error(`seed: unknown org ${orgCode}`);
    const n = placed.get(orgCode) ?? 0;
    placed.set(orgCode, n + 1);
    const plan = requireStaffing(orgCode);
    const chosenRole = plan.roles[(role ?? n) % plan.roles.length];
    const chosenCostCenter = costCenter ?? org.costCenters[n % org.costCenters.length];
    if (!chosenRole || !chosenCostCenter) throw new Error(`seed: org ${orgCode} has no roles or cost centers`);
    return { costCenterCode: chosenCostCenter, jobProfileCode: chosenRole.profile, businessTitle: chosenRole.title };
  };

  // Managers first, so the top of every org has a low, stable employee ID.
  supervisoryOrgs.forEach((org, index) => {
    const [firstName, lastName] = managerNames[index] ?? ['Alex', `Manager${index}`];
    const plan = requireStaffing(org.code);
    const costCenterCode = org.costCenters[0];
    if (!costCenterCode) throw new Error(`seed: org ${org.code} has no cost center`);
    add({
      firstName,
      middleName: null,
      lastName,
      supervisoryOrgCode: org.code,
      costCenterCode,
      jobProfileCode: plan.managerProfile,
      businessTitle: plan.managerTitle,
      hireDate: index === 0 ? '2009-03-02' : dateBetween(2009, 2016, random),
      terminated: false,
      terminationDate: null,
      managerOf: org.code,
    });
  });

  for (const person of namedStaff) {
    add({
      firstName: person.firstName,
      middleName: person.middleName ?? null,
      lastName: person.lastName,
      ...(person.workEmail !== undefined ? { workEmail: person.workEmail } : {}),
      supervisoryOrgCode: person.org,
      ...staffAssignment(person.org, person.costCenter, person.role),
      hireDate: dateBetween(2014, 2024, random),
      terminated: false,
      terminationDate: null,
      managerOf: null,
    });
  }

  // The rest: orgs take turns so employee IDs interleave like real hiring does.
  const remaining = new Map(supervisoryOrgs.map((o) => [o.code, requireStaffing(o.code).staff - (placed.get(o.code) ?? 0)]));
  while ([...remaining.values()].some((n) => n > 0)) {
    for (const org of supervisoryOrgs) {
      const left = remaining.get(org.code) ?? 0;
      if (left <= 0) continue;
      remaining.set(org.code, left - 1);
      let firstName = pick(firstNames, random);
      let lastName = pick(lastNames, random);
      while (usedNames.has(`${firstName} ${lastName}`)) {
        firstName = pick(firstNames, random);
        lastName = pick(lastNames, random);
      }
      const middleName = random() < 0.15 ? pick(middleInitialPool, random) : null;
      const hireDate = dateBetween(2012, 2025, random);
      const employeeId = String(nextId);
      const terminated = (TERMINATED_EMPLOYEE_IDS as readonly string[]).includes(employeeId);
      add({
        firstName,
        middleName,
        lastName,
        supervisoryOrgCode: org.code,
        ...staffAssignment(org.code),
        hireDate,
        terminated,
        terminationDate: terminated ? '2025-06-30' : null,
        managerOf: null,
      });
    }
  }
  return workers;
}

/** Sanity facts the sandbox and its tests rely on; throws with the first broken one. */
export function checkSeed(workers: SeedWorker[]): void {
  const ids = new Set(workers.map((w) => w.employeeId));
  if (ids.size !== workers.length) throw new Error('seed: duplicate employee IDs');
  const emails = workers.flatMap((w) => (w.workEmail ? [w.workEmail] : []));
  if (new Set(emails).size !== emails.length) throw new Error('seed: duplicate work emails');
  for (const org of supervisoryOrgs) {
    const managers = workers.filter((w) => w.managerOf === org.code);
    if (managers.length !== 1) throw new Error(`seed: ${org.code} has ${managers.length} managers`);
  }
  for (const cc of costCenters) {
    if (!workers.some((w) => w.costCenterCode === cc.code)) throw new Error(`seed: nobody in ${cc.code}`);
  }
  for (const w of workers) {
    if (!jobProfiles.some((p) => p.code === w.jobProfileCode)) throw new Error(`seed: ${w.employeeId} has unknown profile`);
    const org = supervisoryOrgs.find((o) => o.code === w.supervisoryOrgCode);
    if (!org?.costCenters.includes(w.costCenterCode)) throw new Error(`seed: ${w.employeeId} sits outside its org's cost centers`);
  }
  if (!companies.length) throw new Error('seed: no companies');
}
