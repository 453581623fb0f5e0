// What the cost center tests, the history recorder and the demo share: the acceptance restructure and what Coupa must hold afterwards.
import assert from 'node:assert/strict';
import { SAMPLE_RESTRUCTURE, type RestructureStep } from '../../sandbox/workday/cost-center-store';
import { loadMappingFile } from '../../infra/mapping-file';
import { desiredTree, type WorkdayFinanceReadings } from '../../mapping/cost-center-sync';
import { findLookupByName, getAccountsPage, getLookupValuesPage, type CoupaClient, type CoupaSegmentAccount, type CoupaTreeLookupValue } from '../../connectors/coupa';

/** The acceptance restructure: 3 new cost centers, 2 renamed, 1 moved under a new parent with its 4 children, 2 inactivated. */
export const ACCEPTANCE_RESTRUCTURE: RestructureStep[] = SAMPLE_RESTRUCTURE;

/** Sends restructure steps to the Workday sandbox's admin endpoint, as a person's change in Workday. */
export async function restructureWorkday(workdayUrl: string, steps: RestructureStep[]): Promise<void> {
  const res = await fetch(`${workdayUrl}/_sandbox/cost-centers/restructure`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ steps }) });
  if (!res.ok) throw new Error(`restructure refused: ${res.status} ${await res.text()}`);
}

/** Workday's financial organizations as the sandbox's admin endpoint shows them (not the sync's reading). */
export async function workdayOrganizations(workdayUrl: string): Promise<WorkdayFinanceReadings> {
  const res = await fetch(`${workdayUrl}/_sandbox/cost-centers`);
  const body = (await res.json()) as {
    companies: Array<{ code: string; name: string; inactive: boolean }>;
    businessUnits: Array<{ id: string; name: string; companyCode: string; inactive: boolean }>;
    costCenters: Array<{ code: string; name: string; companyCode: string; businessUnitId: string | null; parentCode: string | null; inactive: boolean }>;
  };
  return {
    companies: body.companies.map((c) => ({ code: c.code, name: c.name, inactive: c.inactive })),
    businessUnits: body.businessUnits.map((u) => ({ id: u.id, name: u.name, companyCode: u.companyCode, inactive: u.inactive })),
    costCenters: body.costCenters.map((c) => ({ code: c.code, name: c.name, companyCode: c.companyCode, businessUnitId: c.businessUnitId, parentCode: c.parentCode, inactive: c.inactive })),
  };
}

export async function coupaLookupValues(coupa: CoupaClient, lookupName: string): Promise<CoupaTreeLookupValue[]> {
  const lookup = await findLookupByName(coupa, lookupName);
  assert.ok(lookup, `Coupa lookup "${lookupName}" exists`);
  const values: CoupaTreeLookupValue[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const page = await getLookupValuesPage(coupa, lookup.id, offset);
    values.push(...page.items);
    offset = page.nextOffset;
  }
  return values;
}

export async function coupaAccounts(coupa: CoupaClient, accountTypeName: string): Promise<CoupaSegmentAccount[]> {
  const accounts: CoupaSegmentAccount[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const page = await getAccountsPage(coupa, accountTypeName, offset);
    accounts.push(...page.items);
    offset = page.nextOffset;
  }
  return accounts;
}

/**
 * Asserts Coupa mirrors Workday exactly: one value per Workday organization with its name, active flag,
 * parent and path; every other sync-owned value inactive; one account per cost center with its name and
 * active flag, and no other active account for a cost center.
 */
export async function assertCoupaMirrorsWorkday(coupa: CoupaClient, workdayUrl: string, mappingFile: string): Promise<void> {
  const config = loadMappingFile(mappingFile).costCenterSync;
  assert.ok(config, 'the mapping file has a costCenterSync section');
  const workday = await workdayOrganizations(workdayUrl);
  const tree = desiredTree(workday, config);
  assert.ok(tree.ok, 'Workday hierarchy is a tree');
  const values = await coupaLookupValues(coupa, config.lookup);
  const byId = new Map(values.map((v) => [v.id, v]));
  const pathOf = (refNum: string): string => {
    const path: string[] = [];
    for (let at = tree.value.get(refNum); at; at = at.parentRefNum ? tree.value.get(at.parentRefNum) : undefined) path.unshift(at.refNum);
    return path.join('-');
  };
  for (const node of tree.value.values()) {
    const matches = values.filter((v) => v['external-ref-num'] === node.refNum);
    if (!node.active && matches.length === 0) continue;
    assert.equal(matches.length, 1, `one Coupa value for ${node.level} ${node.refNum}`);
    const v = matches[0] as CoupaTreeLookupValue;
    assert.equal(v.name, node.name, `${node.refNum} name`);
    assert.equal(v.active !== false, node.active, `${node.refNum} active`);
    const parentRef = v.parent?.id ? (byId.get(v.parent.id)?.['external-ref-num'] ?? null) : null;
    assert.equal(parentRef, node.parentRefNum, `${node.refNum} parent`);
    assert.equal(v['external-ref-code'], pathOf(node.refNum), `${node.refNum} path`);
  }
  for (const v of values) {
    const refNum = v['external-ref-num'];
    if (refNum && !tree.value.has(refNum)) assert.equal(v.active, false, `${refNum} is not in Workday and is inactive in Coupa`);
  }
  if (!config.accounts.enabled) return;
  const ccIndex = config.accounts.segments.indexOf('costCenter') + 1;
  for (const [company, typeName] of Object.entries(config.accounts.accountTypeByCompany)) {
    const accounts = await coupaAccounts(coupa, typeName);
    for (const cc of workday.costCenters.filter((c) => c.companyCode === company)) {
      const code: string = config.accounts.segments.map((s) => (s === 'company' ? cc.companyCode : s === 'businessUnit' ? cc.businessUnitId : cc.code)).join('-');
      const account: CoupaSegmentAccount | undefined = accounts.find((a) => a.code === code);
      if (cc.inactive && !account) continue;
      assert.ok(account, `account ${code} in ${typeName}`);
      assert.equal(account.name, cc.name, `account ${code} name`);
      assert.equal(account.active !== false, !cc.inactive, `account ${code} active`);
      const others = accounts.filter((a) => a.id !== account.id && a[`segment-${ccIndex}`] === cc.code && a.active !== false);
      assert.equal(others.length, 0, `no other active account for ${cc.code}`);
    }
  }
}
