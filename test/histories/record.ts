// Records one history per path of employeeProvisioning for the replay test: `npx tsx test/histories/record.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import fs from 'node:fs';
import { eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { statusQuery, retrySignal, skipUpdate } from '../../workflows/sync-state';
import { recordMissingHistories, runRecorder } from './recorder';

/** Histories recorded since the `activities-decide` patch carry this prefix; the v1 ones keep theirs. */
const PREFIX = 'employee-provisioning-v2';
/** Since the `one-read-per-system` patch (one Workday read, one Coupa read, one request per activity): every scenario again. */
const PREFIX_V3 = 'employee-provisioning-v3';
/** Since the `plan-as-local-activity` patch (the plan a local activity): every scenario again. */
const PREFIX_V4 = 'employee-provisioning-v4';
/** Since the `user-in-one-activity` patch (the user's read and write one activity): every scenario again. */
const PREFIX_V5 = 'employee-provisioning-v5';

type Scenario = (h: ProvisioningHarness) => Promise<string>;

async function hire(h: ProvisioningHarness, lastName: string, extra: Record<string, string> = {}): Promise<string> {
  return h.workday.store.hire({ firstName: 'History', lastName, supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100', ...extra }).employeeId;
}

async function parked(h: ProvisioningHarness, employeeId: string): Promise<ReturnType<ProvisioningHarness['provision']>> {
  const handle = h.provision(employeeId);
  const started = await handle;
  await eventually(async () => ((await started.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), `${employeeId} to park`);
  return handle;
}

const manager = (h: ProvisioningHarness, org: string) => h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;

const scenarios: Record<string, Scenario> = {
  async created(h) {
    const handle = await h.provision(manager(h, 'SUP-FIN'), 'manual');
    await handle.result();
    return handle.workflowId;
  },
  async unchanged(h) {
    const handle = await h.provision(manager(h, 'SUP-FIN'), 'manual');
    await handle.result();
    return handle.workflowId;
  },
  async updated(h) {
    const employeeId = await hire(h, 'Updated');
    await (await h.provision(employeeId)).result();
    h.workday.store.changeJob(employeeId, { jobProfileCode: 'JP-MGR', costCenterCode: 'CC1120' });
    const handle = await h.provision(employeeId, 'job-change');
    await handle.result();
    return handle.workflowId;
  },
  async 'job-change-mid-run'(h) {
    const employeeId = await hire(h, 'Midrun');
    h.workday.controls.setFaults({ latencyMs: 700 });
    try {
      const handle = await h.provision(employeeId);
      await eventually(async () => ((await handle.query(statusQuery)).step.startsWith('reading') ? true : undefined), 'reading');
      h.workday.store.changeJob(employeeId, { costCenterCode: 'CC1120' });
      await h.provision(employeeId, 'job-change');
      await handle.result();
      return handle.workflowId;
    } finally {
      h.workday.controls.setFaults({});
    }
  },
  async terminated(h) {
    const employeeId = await hire(h, 'Leaver');
    h.workday.store.terminate(employeeId, {});
    const handle = await h.provision(employeeId, 'manual');
    await handle.result();
    return handle.workflowId;
  },
  async 'parked-config-then-retried'(h) {
    const original = fs.readFileSync(h.mappingFile, 'utf8');
    fs.writeFileSync(h.mappingFile, original.replace(/^\s*CC2000:.*\n/m, ''));
    const employeeId = await hire(h, 'Unmapped', { supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST', costCenterCode: 'CC2000' });
    const handle = await parked(h, employeeId);
    fs.writeFileSync(h.mappingFile, original);
    await handle.signal(retrySignal);
    await handle.result();
    return handle.workflowId;
  },
  async 'parked-then-auto-retried'(h) {
    const original = fs.readFileSync(h.mappingFile, 'utf8');
    fs.writeFileSync(h.mappingFile, original.replace(/^\s*CC2000:.*\n/m, ''));
    try {
      const employeeId = await hire(h, 'Moved', { supervisoryOrgCode: 'SUP-OPS', jobProfileCode: 'JP-ANALYST', costCenterCode: 'CC2000' });
      const handle = await parked(h, employeeId);
      h.workday.store.changeJob(employeeId, { costCenterCode: 'CC1100' });
      await h.provision(employeeId, 'job-change');
      await handle.result();
      return handle.workflowId;
    } finally {
      fs.writeFileSync(h.mappingFile, original);
    }
  },
  async 'skipped-data'(h) {
    const handle = await parked(h, '21020');
    await handle.executeUpdate(skipUpdate, { args: ['no work email: provisioned by hand'] });
    await handle.result();
    return handle.workflowId;
  },
  async 'parked-auth-then-retried'(h) {
    const employeeId = await hire(h, 'Forbidden');
    h.coupa.controls.setFaults({ failNext: [{ status: 403, pathContains: '/api/users' }] });
    const handle = await parked(h, employeeId);
    await handle.signal(retrySignal);
    await handle.result();
    return handle.workflowId;
  },
  async 'parked-contract-then-retried'(h) {
    const employeeId = await hire(h, 'Malformed');
    // REST reads (v2) and the SOAP read (v3) both live under /ccx/; the token is cached by now.
    h.workday.controls.setFaults({ malformedNext: [{ pathContains: '/ccx/' }] });
    const handle = await parked(h, employeeId);
    await handle.signal(retrySignal);
    await handle.result();
    return handle.workflowId;
  },
  async 'parked-outage-then-retried'(h) {
    const employeeId = await hire(h, 'Outage');
    h.runSettings.apiRetryWindowSeconds = 3;
    h.coupa.controls.setFaults({ errorRatio: 1, errorStatuses: [503], retryAfterSeconds: 1 });
    try {
      const handle = await parked(h, employeeId);
      h.coupa.controls.setFaults({});
      await handle.signal(retrySignal);
      await handle.result();
      return handle.workflowId;
    } finally {
      h.coupa.controls.setFaults({});
      h.runSettings.apiRetryWindowSeconds = 3600;
    }
  },
};

/** The paths every saved-history set must cover (the replay test checks them). */
export const REQUIRED_V2_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX}-${name}`);
export const REQUIRED_V3_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX_V3}-${name}`);
export const REQUIRED_V4_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX_V4}-${name}`);
export const REQUIRED_V5_HISTORIES = Object.keys(scenarios).map((name) => `${PREFIX_V5}-${name}`);

async function main(): Promise<void> {
  // Older sets were recorded before later patches and are never re-recorded: only the newest prefix records.
  await recordMissingHistories(PREFIX_V5, scenarios);
}

if (require.main === module) runRecorder(main);
