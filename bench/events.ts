// Benchmark: API calls per business event, counted through the sandboxes (token requests left out): new hire, unchanged re-run, job change, offboarding without open work, org hierarchy sync (unchanged and after one manager change).
import { startProvisioningHarness, type ProvisioningHarness } from '../test/helpers/provisioning-harness';
import { requestEmployeeOffboarding } from '../clients/employee-offboarding';
import { requestOrgHierarchySync } from '../clients/org-hierarchy-sync';
import { apiCallsOf, machine, managersFirst, runMain, save, table } from './common';

interface EventCalls {
  event: string;
  coupa: number;
  workday: number;
  coupaWrites: number;
  byRoute: Record<string, number>;
}

async function count(h: ProvisioningHarness, event: string, run: () => Promise<unknown>): Promise<EventCalls> {
  h.coupa.controls.resetCalls();
  h.workday.controls.resetCalls();
  await run();
  const coupa = h.coupa.controls.callCounts().byRoute;
  const workday = h.workday.controls.callCounts().byRoute;
  const api = (byRoute: Record<string, number>) => Object.fromEntries(Object.entries(byRoute).filter(([r]) => !r.includes('/oauth2/') && !r.includes('/_sandbox')));
  return {
    event,
    coupa: apiCallsOf(coupa),
    workday: apiCallsOf(workday),
    coupaWrites: Object.entries(api(coupa)).filter(([r]) => !r.startsWith('GET ')).reduce((n, [, c]) => n + c, 0),
    byRoute: { ...api(coupa), ...api(workday) },
  };
}

const today = (): string => new Date().toISOString().slice(0, 10);

async function main(): Promise<void> {
  const h = await startProvisioningHarness();
  const rows: EventCalls[] = [];
  try {
    await h.startWorkers();
    await managersFirst(h);
    const warm = h.workday.store.hire({ firstName: 'Warm', lastName: 'Up', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
    await (await h.provision(warm.employeeId)).result();

    const hire = h.workday.store.hire({ firstName: 'Event', lastName: 'Hire', supervisoryOrgCode: 'SUP-ENG', jobProfileCode: 'JP-SWE' });
    rows.push(await count(h, 'new hire (provisioning)', async () => (await h.provision(hire.employeeId)).result()));
    rows.push(await count(h, 'unchanged re-run (provisioning)', async () => (await h.provision(hire.employeeId, 'manual')).result()));
    h.workday.store.changeJob(hire.employeeId, { jobProfileCode: 'JP-MGR' });
    rows.push(await count(h, 'job change (provisioning)', async () => (await h.provision(hire.employeeId, 'job-change')).result()));

    h.workday.store.terminate(hire.employeeId, { terminationDate: today(), reason: 'Resignation' });
    rows.push(await count(h, 'leaver without open work (offboarding)', async () => (await requestEmployeeOffboarding(h.temporal.env.client, h.queueConfig, hire.employeeId)).result()));

    // The org sync converges once, then an unchanged run, then one org gets a new manager.
    await (await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'manual' })).result();
    rows.push(await count(h, 'org sync, nothing changed (all orgs)', async () => (await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'manual' })).result()));
    const eng = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === 'SUP-ENG')!;
    const newManager = h.workday.store.allWorkers().find((w) => w.supervisoryOrgCode === 'SUP-ENG' && w.employeeId !== eng.managerEmployeeId)!;
    void newManager;
    // A provisioned worker of the org takes it over, so Coupa has a user to make its approval group's owner.
    h.workday.store.assignManager('SUP-ENG', warm.employeeId);
    rows.push(await count(h, 'org sync, one org got a new manager', async () => (await requestOrgHierarchySync(h.temporal.env.client, h.queueConfig, { trigger: 'org-change' })).result()));
  } finally {
    await h.close();
  }
  const result = { bench: 'events', machine: machine(), events: rows };
  table(`API calls per business event (token requests left out; ${result.machine.cores} cores, ${result.machine.memoryGiB} GiB)`, [
    ['event', 'Coupa (writes) / Workday'],
    ...rows.map((r): [string, string] => [r.event, `${r.coupa} (${r.coupaWrites}) / ${r.workday}`]),
  ]);
  console.log(`  saved ${save('events', result)}`);
}

runMain(main);
