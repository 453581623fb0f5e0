// Records one history per path of employeeOffboarding for the replay test: `npx tsx test/histories/record-offboarding.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import type { ProvisioningHarness } from '../helpers/provisioning-harness';
import { requestEmployeeOffboarding } from '../../clients/employee-offboarding';
import { recordMissingHistories, runRecorder } from './recorder';

const PREFIX = 'employee-offboarding';

async function coupaAdmin(h: ProvisioningHarness, path: string, body: unknown): Promise<{ id: number }> {
  const res = await fetch(`${h.coupa.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number };
}

/** A leaver of the given org with one requisition and one approval waiting on them, terminated today, offboarded. */
async function offboardWithWork(h: ProvisioningHarness, org: string): Promise<string> {
  const manager = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;
  await (await h.provision(manager, 'manual')).result();
  const leaver = h.workday.store.hire({ firstName: 'Recorded', lastName: 'Leaver', supervisoryOrgCode: org, jobProfileCode: 'JP-ANALYST' });
  const leaverId = (await (await h.provision(leaver.employeeId)).result()).coupaUserId!;
  const colleague = (await h.coupaClient.listUsers({ login: 'proc.admin.1' }))[0]!.id;
  await coupaAdmin(h, '/_sandbox/requisitions', { requester: { id: leaverId }, approvers: [{ id: colleague }] });
  await coupaAdmin(h, '/_sandbox/invoices', { approvers: [{ id: leaverId }] });
  h.workday.store.terminate(leaver.employeeId, { terminationDate: new Date().toISOString().slice(0, 10), reason: 'Resignation' });
  const handle = await requestEmployeeOffboarding(h.temporal.env.client, h.queueConfig, leaver.employeeId);
  await handle.result();
  return handle.workflowId;
}

type Scenario = (h: ProvisioningHarness) => Promise<string>;

/** Run in this order on one harness. */
const scenarios: Record<string, Scenario> = {
  // Recorded before OFFBOARDING_FEWER_READS_PATCH: the deactivation reads the user before writing it.
  offboarded: (h) => offboardWithWork(h, 'SUP-OPS'),
  // With the patch: the leaver's lookup tells whether they are active, and the deactivation is one write.
  'fewer-reads-offboarded': (h) => offboardWithWork(h, 'SUP-FIN'),
};

export const REQUIRED_OFFBOARDING_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX}-${name}`);

async function main(): Promise<void> {
  await recordMissingHistories(PREFIX, scenarios, process.argv.slice(2));
}

if (require.main === module) runRecorder(main);
