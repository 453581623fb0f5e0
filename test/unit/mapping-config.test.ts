// The mapping file: the default one covers the org, and a broken one is refused with a message naming every bad key.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadMappingFile } from '../../infra/mapping-file';
import { MappingConfigError, parseMappingConfig } from '../../mapping';
import { companies, costCenters, jobProfiles, supervisoryOrgs } from '../../sandbox/seed/reference-data';

const DEFAULT_FILE = path.resolve(__dirname, '../../config/mapping.yaml');
const scratch = mkdtempSync(path.join(tmpdir(), 'mapping-config-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let fileCount = 0;
function mappingFile(text: string): string {
  const file = path.join(scratch, `mapping-${++fileCount}.yaml`);
  writeFileSync(file, text);
  return file;
}

const GOOD_FILE = `version: 1
login: email
costCenters:
  CC1100: { accountType: Acme US, segments: [US01, CC1100], currency: USD }
approvalLimits:
  byJobProfile:
    Buyer: { requisition: "5000.00", invoice: null }
  default: { requisition: "1000.00", invoice: null }
roles:
  default: [User]
approvalGroups:
  bySupervisoryOrg: { SUP-FIN: [Finance Approvers] }
  managersOnly: true
  approverLevels: [5 Manager]
`;

/** Loads `text` as a mapping file and returns the error message it is refused with. */
function refusal(text: string): { file: string; message: string; problems: string[] } {
  const file = mappingFile(text);
  try {
    loadMappingFile(file);
  } catch (err) {
    assert.ok(err instanceof MappingConfigError, `expected a MappingConfigError, got ${String(err)}`);
    assert.equal(err.name, 'MappingConfigError');
    assert.ok(err.message.startsWith(`${file}: `), `message should start with the file name: ${err.message}`);
    return { file, message: err.message, problems: err.problems };
  }
  return assert.fail('the file was accepted');
}

describe('the default mapping file config/mapping.yaml', () => {
  const mapping = loadMappingFile(DEFAULT_FILE);

  it('maps every cost center that exists in Coupa to its company chart of accounts, segments and currency', () => {
    for (const costCenter of costCenters.filter((c) => c.inCoupa)) {
      const company = companies.find((c) => c.code === costCenter.company);
      assert.ok(company, `reference data: company ${costCenter.company}`);
      assert.deepEqual(
        mapping.costCenters[costCenter.code],
        { accountType: company.coupaAccountType, segments: [company.code, costCenter.code], currency: company.currency },
        `${costCenter.code} ${costCenter.name}`,
      );
    }
  });

  it('leaves out CC2400 Field Operations, the documented example of a cost center not yet set up in Coupa', () => {
    assert.equal(mapping.costCenters.CC2400, undefined);
    const known = new Set(costCenters.filter((c) => c.inCoupa).map((c) => c.code));
    assert.deepEqual(Object.keys(mapping.costCenters).filter((code) => !known.has(code)), []);
  });

  it('gives every job profile an approval limit from its own entry or its management level, never the bare default', () => {
    for (const profile of jobProfiles) {
      const limits =
        mapping.approvalLimits.byJobProfile[profile.name] ?? mapping.approvalLimits.byManagementLevel[profile.managementLevel];
      assert.ok(limits, `${profile.name} (${profile.managementLevel}) has no approval limit`);
    }
  });

  it('has a ladder: each management level may approve at most what the level above it may', () => {
    const levels = [...new Set(jobProfiles.map((p) => p.managementLevel))].sort();
    const amount = (value: string | null): number => (value === null ? 0 : Number(value));
    for (let i = 1; i < levels.length; i++) {
      const upper = mapping.approvalLimits.byManagementLevel[levels[i - 1] ?? ''];
      const lower = mapping.approvalLimits.byManagementLevel[levels[i] ?? ''];
      assert.ok(upper && lower, `ladder rung missing around ${levels[i]}`);
      assert.ok(amount(lower.requisition) <= amount(upper.requisition), `${levels[i]} requisition above ${levels[i - 1]}`);
      assert.ok(amount(lower.invoice) <= amount(upper.invoice), `${levels[i]} invoice above ${levels[i - 1]}`);
    }
  });

  it('gives every supervisory organization its "<org name> Approvers" group, joined by people managers', () => {
    for (const org of supervisoryOrgs) {
      assert.deepEqual(mapping.approvalGroups.bySupervisoryOrg[org.code], [`${org.name} Approvers`], org.code);
    }
    assert.equal(mapping.approvalGroups.managersOnly, true);
    assert.ok(mapping.approvalGroups.approverLevels.includes('5 Manager'));
    assert.ok(!mapping.approvalGroups.approverLevels.includes('7 Individual Contributor'));
  });

  it('logs people in by email and gives everyone the basic roles', () => {
    assert.equal(mapping.login, 'email');
    assert.deepEqual(mapping.roles.default, ['User', 'Requester']);
  });
});

describe('a mapping file with mistakes is refused with a message naming the file and every bad key', () => {
  it('a well-formed file loads (the baseline the broken variants below start from)', () => {
    const mapping = loadMappingFile(mappingFile(GOOD_FILE));
    assert.deepEqual(mapping.approvalLimits.byJobProfile.Buyer, { requisition: '5000.00', invoice: null });
    assert.deepEqual(mapping.roles.byJobProfile, {});
  });

  it('a value of the wrong type', () => {
    const { message } = refusal(GOOD_FILE.replace('managersOnly: true', 'managersOnly: "yes"'));
    assert.match(message, /approvalGroups\.managersOnly: must be true or false \(found text "yes"\)/);
  });

  it('a misspelt key, with a suggestion', () => {
    const { message } = refusal(GOOD_FILE.replace('accountType: Acme US', 'acountType: Acme US'));
    assert.match(message, /costCenters\.CC1100\.accountType: Required/);
    assert.match(message, /costCenters\.CC1100\.acountType: unknown key \(did you mean accountType\?\)/);
  });

  it('an unknown key at the top', () => {
    const { message } = refusal(`${GOOD_FILE}defaultRoles: [User]\n`);
    assert.match(message, /defaultRoles: unknown key; allowed here: version, login/);
  });

  it('an amount that is not a decimal, and one written without quotes', () => {
    const { problems } = refusal(
      GOOD_FILE.replace('requisition: "5000.00"', 'requisition: "5,000"').replace('invoice: null }\nroles', 'invoice: 250.50 }\nroles'),
    );
    assert.deepEqual(problems, [
      'approvalLimits.byJobProfile.Buyer.requisition: must be a decimal string like "5000.00", or null for no approval authority (found text "5,000")',
      'approvalLimits.default.invoice: must be a decimal string like "5000.00" in quotes (found the number 250.5; YAML drops the decimals of unquoted numbers)',
    ]);
  });

  it('keys with spaces are quoted in the path', () => {
    const { message } = refusal(GOOD_FILE.replace('Buyer: {', 'Chief Financial Officer: {').replace('"5000.00"', '"lots"'));
    assert.match(message, /approvalLimits\.byJobProfile\."Chief Financial Officer"\.requisition: must be a decimal string/);
  });

  it('several mistakes at once are all listed', () => {
    const { problems } = refusal(
      GOOD_FILE.replace('currency: USD', 'currency: dollars')
        .replace('login: email', 'login: mail')
        .replace('default: [User]', 'default: User')
        .replace('approverLevels: [5 Manager]', 'approverLevels: []'),
    );
    assert.deepEqual(problems, [
      'login: must be one of email, employeeId (found text "mail")',
      'costCenters.CC1100.currency: must be a three-letter currency code like USD',
      'roles.default: must be a list (found text "User")',
      'approvalGroups.approverLevels: must list at least one management level when managersOnly is true (otherwise nobody joins any approval group)',
    ]);
  });

  it('a YAML syntax error names the line', () => {
    const { message } = refusal(GOOD_FILE.replace('  default: [User]', '  default: [User'));
    assert.match(message, /: YAML syntax error at line 11, column 1: Flow sequence in block collection must be sufficiently indented and end with a \]$/);
  });

  it('a cost center listed twice is a YAML error, not a silent "last one wins"', () => {
    const { message } = refusal(
      GOOD_FILE.replace('costCenters:\n', 'costCenters:\n  CC1100: { accountType: Acme UK, segments: [GB01, CC1100], currency: GBP }\n'),
    );
    assert.match(message, /YAML syntax error at line 5, column 3: Map keys must be unique/);
  });

  it('an empty or missing file', () => {
    assert.match(refusal('# nothing yet\n').message, /: the mapping file is empty$/);
    assert.throws(() => loadMappingFile(path.join(scratch, 'absent.yaml')), {
      name: 'MappingConfigError',
      message: /absent\.yaml: cannot read the mapping file \(ENOENT/,
    });
  });

  it('parseMappingConfig on plain data reports missing keys as Required, prefixed with the source', () => {
    assert.throws(
      () =>
        parseMappingConfig(
          {
            version: 1,
            login: 'email',
            costCenters: { CC1100: { segments: ['US01', 'CC1100'], currency: 'USD' } },
            approvalLimits: { default: { requisition: '1000.00' } },
            roles: { default: [] },
            approvalGroups: { managersOnly: false },
          },
          'config/mapping.yaml',
        ),
      {
        name: 'MappingConfigError',
        message:
          'config/mapping.yaml: costCenters.CC1100.accountType: Required; approvalLimits.default.invoice: must be a decimal string like "5000.00", or null for no approval authority (found nothing)',
      },
    );
  });
});

describe('an edited mapping file takes effect on the next load', () => {
  it('the next call sees the edit, and a broken edit is refused rather than served from the cache', () => {
    const file = mappingFile(GOOD_FILE);
    assert.equal(loadMappingFile(file).approvalLimits.default.requisition, '1000.00');
    assert.equal(loadMappingFile(file), loadMappingFile(file), 'an unchanged file is served from the cache');

    writeFileSync(file, GOOD_FILE.replace('requisition: "1000.00"', 'requisition: "2000.00"'));
    utimesSync(file, new Date(Date.now() + 5_000), new Date(Date.now() + 5_000));
    assert.equal(loadMappingFile(file).approvalLimits.default.requisition, '2000.00');

    writeFileSync(file, GOOD_FILE.replace('login: email', 'login: nobody'));
    utimesSync(file, new Date(Date.now() + 10_000), new Date(Date.now() + 10_000));
    assert.throws(() => loadMappingFile(file), /login: must be one of email, employeeId/);
  });
});
