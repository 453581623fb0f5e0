// Shared by the org hierarchy sync tests and history recorder: Coupa users for the whole Workday workforce, as provisioning would have left them.
import type { ProvisioningHarness } from './provisioning-harness';

/**
 * Every active Workday worker with a work email gets a Coupa user carrying their employee ID and the
 * manager Workday gives them (managers first, so each manager exists before their reports). Through
 * the Coupa API, ten at a time: much quicker than a provisioning run per person.
 */
export async function provisionEveryoneInCoupa(h: ProvisioningHarness): Promise<Map<string, number>> {
  const workers = h.workday.store.snapshot().workers.filter((w) => !w.terminated && w.workEmail);
  const byId = new Map(workers.map((w) => [w.employeeId, w]));
  const depth = (id: string, seen = 0): number => {
    const manager = byId.get(id)?.managerEmployeeId;
    return manager && seen < 20 ? 1 + depth(manager, seen + 1) : 0;
  };
  const coupaIds = new Map<string, number>();
  for (const level of [...new Set(workers.map((w) => depth(w.employeeId)))].sort((a, b) => a - b)) {
    const batch = workers.filter((w) => depth(w.employeeId) === level);
    for (let i = 0; i < batch.length; i += 10) {
      await Promise.all(
        batch.slice(i, i + 10).map(async (w) => {
          const managerId = w.managerEmployeeId ? coupaIds.get(w.managerEmployeeId) : undefined;
          const user = await h.coupaClient.createUser({
            login: w.workEmail!.toLowerCase(),
            email: w.workEmail!,
            firstname: w.firstName,
            lastname: w.lastName,
            'employee-number': w.employeeId,
            active: true,
            ...(managerId ? { manager: { id: managerId } } : {}),
          });
          coupaIds.set(w.employeeId, user.id);
        }),
      );
    }
  }
  return coupaIds;
}

/** Workday reorganizations through the sandbox's admin endpoints (over HTTP, as a test or the demo would). */
export async function workdayAdmin(h: ProvisioningHarness, pathname: string, body: unknown = {}): Promise<unknown> {
  const res = await fetch(`${h.workday.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 201) throw new Error(`${pathname}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** The org's people other than its manager who have a work email (so a Coupa user). */
export function otherMembersOf(h: ProvisioningHarness, org: string): string[] {
  const managerId = h.workday.store.findSupervisoryOrg(org)?.managerEmployeeId;
  return h.workday.store
    .membersOf(org)
    .filter((w) => w.workEmail && w.employeeId !== managerId)
    .map((w) => w.employeeId);
}

/** The reorg the tests and the saved history use: one org split, one merged, five managers changed. */
export async function reorganize(h: ProvisioningHarness): Promise<void> {
  const platform = otherMembersOf(h, 'SUP-ENG').slice(0, 6);
  await workdayAdmin(h, '/_sandbox/supervisoryOrganizations/SUP-ENG/split', {
    newCode: 'SUP-PLATFORM',
    newName: 'Platform Engineering',
    employeeIds: platform,
    managerEmployeeId: platform[0],
  });
  await workdayAdmin(h, '/_sandbox/supervisoryOrganizations/SUP-AP/merge', { intoCode: 'SUP-FIN' });
  for (const org of ['SUP-LEGAL', 'SUP-MKT', 'SUP-HR', 'SUP-PROC', 'SUP-RD-DE']) {
    await workdayAdmin(h, `/_sandbox/supervisoryOrganizations/${org}/manager`, { employeeId: otherMembersOf(h, org)[0] });
  }
}
