// Records one history per path of supplierSync for the replay test: `npx tsx test/histories/record-supplier-sync.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { coupaSupplier, createInCoupa, editCoupa, editWorkday, setSyncWindow, settled, supplierStatus, wireNotices, workdaySupplier } from '../helpers/supplier-sync';
import { decideBankChange, pendingBankChange, requestSupplierSync } from '../../clients/supplier-sync';
import { supplierSyncWorkflowId } from '../../workflows/supplier-sync';
import { historyExists, saveRunHistory } from './history-files';
import { runRecorder } from './recorder';

const PREFIX = 'supplier-sync';

type Scenario = (h: ProvisioningHarness) => Promise<string>;

async function quiet(h: ProvisioningHarness, key: string, check: () => boolean, what: string): Promise<void> {
  await eventually(async () => (check() && (await settled(h, key)) ? true : undefined), what, 60_000);
}

/** Run in this order on one harness. */
const scenarios: Record<string, Scenario> = {
  async 'address-then-echo'(h) {
    await requestSupplierSync(h.temporal.env.client, h.queueConfig, { system: 'coupa', coupaSupplierId: 501, coupaSupplierNumber: 'S-1002', workdaySupplierId: 'S-1002', trigger: 'manual' });
    await quiet(h, 'S-1002', () => true, 'first sync');
    await editCoupa(h, 501, { changes: { addresses: { street1: '9 Recorded Road' } }, by: 'alice' });
    await quiet(h, 'S-1002', () => workdaySupplier(h, 'S-1002')?.address?.line1 === '9 Recorded Road', 'address in Workday');
    await eventually(async () => (await supplierStatus(h, 'S-1002'))?.supplier.audit.some((a) => a.kind === 'echo') || undefined, 'echo');
    return supplierSyncWorkflowId('S-1002');
  },
  async 'created-bank-approved'(h) {
    await createInCoupa(h, { changes: { name: 'Recorded Umbrella', number: 'R-7001', taxIds: '55-5555555', status: 'active', bankAccounts: { accountNumber: '98989898' } }, by: 'alice' });
    await eventually(async () => (await pendingBankChange(h.temporal.env.client, 'R-7001')) ?? undefined, 'bank held');
    await decideBankChange(h.temporal.env.client, 'R-7001', 'approve', 'carol');
    await quiet(h, 'R-7001', () => workdaySupplier(h, 'R-7001')?.settlementAccounts[0]?.accountNumber === '98989898', 'bank approved');
    return supplierSyncWorkflowId('R-7001');
  },
  async 'conflict-then-bank-rejected'(h) {
    const created = await createInCoupa(h, { changes: { name: 'Recorded Stark', number: 'R-7002', taxIds: '66-6666666', status: 'active' }, by: 'alice' });
    await quiet(h, 'R-7002', () => workdaySupplier(h, 'R-7002') !== undefined, 'created');
    const at = new Date().toISOString();
    await Promise.all([editCoupa(h, created.id, { changes: { name: 'Stark A' }, changedAt: at }), editWorkday(h, 'R-7002', { changes: { name: 'Stark B' }, changedAt: at })]);
    await quiet(h, 'R-7002', () => workdaySupplier(h, 'R-7002')?.name === 'Stark A', 'conflict resolved');
    await editWorkday(h, 'R-7002', { changes: { bankAccounts: { accountNumber: '13131313' } }, by: 'eve' });
    await eventually(async () => (await pendingBankChange(h.temporal.env.client, 'R-7002')) ?? undefined, 'bank held');
    await decideBankChange(h.temporal.env.client, 'R-7002', 'reject', 'carol', 'not asked for');
    await quiet(h, 'R-7002', () => (workdaySupplier(h, 'R-7002')?.settlementAccounts.every((b) => b.inactive) ?? false) && coupaSupplier(h, created.id).bank === undefined, 'rejected');
    return supplierSyncWorkflowId('R-7002');
  },
  async 'workday-first-created-in-coupa'(h) {
    const fs = await import('node:fs');
    const text = fs.readFileSync(h.mappingFile, 'utf8');
    fs.writeFileSync(h.mappingFile, text.replace('createInCoupa: false', 'createInCoupa: true'));
    try {
      const res = await fetch(`${h.workday.url}/_sandbox/suppliers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ changes: { name: 'Recorded Wayne', number: 'R-5001', taxIds: '44-4444444', paymentTerms: 'NET_30' }, by: 'bruce' }) });
      if (!res.ok) throw new Error(await res.text());
      await quiet(h, 'R-5001', () => workdaySupplier(h, 'R-5001')?.coupaNumber === 'R-5001', 'created in Coupa and linked');
    } finally {
      fs.writeFileSync(h.mappingFile, text);
    }
    return supplierSyncWorkflowId('R-5001');
  },
  async 'duplicate-parked'(h) {
    await createInCoupa(h, { changes: { name: 'Recorded Globex', number: 'R-9001', taxIds: '941234567', status: 'active' }, by: 'alice' });
    await eventually(async () => (await supplierStatus(h, 'R-9001'))?.parking ?? undefined, 'parked');
    return supplierSyncWorkflowId('R-9001');
  },
};

export const REQUIRED_SUPPLIER_SYNC_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX}-${name}`);

async function main(): Promise<void> {
  if (Object.keys(scenarios).every((name) => historyExists(`${PREFIX}-${name}`))) {
    console.log('every history exists; none is overwritten. Add a scenario with a new name to record more.');
    return;
  }
  const h = await startProvisioningHarness();
  setSyncWindow(h, 1);
  await h.startWorkers();
  const unwire = wireNotices(h);
  try {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const workflowId = await scenario(h);
      if (historyExists(`${PREFIX}-${name}`)) continue;
      console.log(`saved ${saveRunHistory(h.temporal, workflowId, `${PREFIX}-${name}`)}`);
    }
  } finally {
    unwire();
    await h.close();
  }
}

if (require.main === module) runRecorder(main);
