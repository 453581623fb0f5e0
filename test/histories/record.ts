// Records workflow histories for the replay test: `npx tsx test/histories/record.ts` (run it when a workflow's behaviour changes on purpose).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startProvisioningHarness, eventually } from '../helpers/provisioning-harness';
import { resolveTemporalCli } from '../../scripts/dev-server';
import { statusQuery, retrySignal, skipSignal } from '../../workflows/sync-state';

async function main(): Promise<void> {
  const h = await startProvisioningHarness();
  await h.startWorkers();
  const save = async (name: string, workflowId: string) => {
    // The CLI's JSON export is the format Worker.runReplayHistory reads (and what support can download from the UI).
    const json = execFileSync(resolveTemporalCli(), ['workflow', 'show', '--address', h.temporal.address, '-w', workflowId, '-o', 'json'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(__dirname, `${name}.json`), json);
    console.log(`saved ${name}.json`);
  };
  try {
    const chief = h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === 'SUP-EXEC')!.managerEmployeeId!;
    await (await h.provision(chief, 'manual')).result();
    await save('employee-provisioning-created', `employee-provisioning/${chief}`);

    const parked = h.workday.store.hire({ firstName: 'Field', lastName: 'Tester', supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST', costCenterCode: 'CC2400' });
    const parkedHandle = await h.provision(parked.employeeId);
    await eventually(async () => ((await parkedHandle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'park');
    fs.writeFileSync(h.mappingFile, fs.readFileSync(h.mappingFile, 'utf8').replace(/^costCenters:\n/m, 'costCenters:\n  CC2400: { accountType: Acme US, segments: [US01, CC2400], currency: USD }\n'));
    const token = h.coupa.mintToken(['core.accounting.write']).access_token;
    await fetch(`${h.coupa.url}/api/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: 'Field Operations', active: true, 'account-type': { name: 'Acme US' }, 'segment-1': 'US01', 'segment-2': 'CC2400' }),
    });
    await parkedHandle.signal(retrySignal);
    await parkedHandle.result();
    await save('employee-provisioning-parked-then-retried', parkedHandle.workflowId);

    const skipped = await h.provision('21020', 'manual');
    await eventually(async () => ((await skipped.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'park');
    await skipped.signal(skipSignal, 'no work email');
    await skipped.result();
    await save('employee-provisioning-skipped', skipped.workflowId);
  } finally {
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
