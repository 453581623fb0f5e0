// Records one history per path of pendingAction and employeeProvisioningPreview for the replay test: `npx tsx test/histories/record-pending-action.ts`.
// Only missing files are recorded; an existing history is never overwritten (see history-files.ts).
import { startProvisioningHarness, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { requestPendingAction, decidePendingAction } from '../../clients/pending-actions';
import { employeeProvisioningPreview, employeeProvisioningPreviewWorkflowId } from '../../workflows/employee-provisioning-preview';
import type { PendingActionRequest } from '../../workflows/pending-action';
import { historyExists, saveRunHistory } from './history-files';
import { runRecorder } from './recorder';

type Scenario = (h: ProvisioningHarness) => Promise<string>;

const manager = (h: ProvisioningHarness, org: string) => h.workday.store.snapshot().supervisoryOrganizations.find((o) => o.code === org)!.managerEmployeeId!;

function hire(h: ProvisioningHarness, lastName: string): string {
  return h.workday.store.hire({ firstName: 'History', lastName, supervisoryOrgCode: 'SUP-FIN', jobProfileCode: 'JP-ACCT', costCenterCode: 'CC1100' }).employeeId;
}

async function ask(h: ProvisioningHarness, request: PendingActionRequest, ttlSeconds = 3600): Promise<string> {
  const status = await requestPendingAction(h.temporal.env.client, h.queueConfig, { request, requestedBy: 'operator-bot', tool: 'history', maskedArguments: {}, ttlSeconds });
  return status.pendingActionId;
}

const provision = (employeeId: string): PendingActionRequest => ({
  kind: 'start-employee-provisioning',
  targetWorkflowId: `employee-provisioning/${employeeId}`,
  params: { employeeId },
  description: `provision ${employeeId}`,
});

const scenarios: Record<string, Scenario> = {
  async 'pending-action-done'(h) {
    const id = await ask(h, provision(hire(h, 'Approved')));
    await decidePendingAction(h.temporal.env.client, id, { decision: 'approve', by: 'approver' });
    await h.temporal.env.client.workflow.getHandle(id).result();
    return id;
  },
  async 'pending-action-rejected'(h) {
    const id = await ask(h, provision(hire(h, 'Rejected')));
    await decidePendingAction(h.temporal.env.client, id, { decision: 'reject', by: 'approver', reason: 'not now' });
    await h.temporal.env.client.workflow.getHandle(id).result();
    return id;
  },
  async 'pending-action-expired'(h) {
    const id = await ask(h, provision(hire(h, 'Expired')), 1);
    await h.temporal.env.client.workflow.getHandle(id).result();
    return id;
  },
  async 'pending-action-refused'(h) {
    const target = `employee-provisioning/${manager(h, 'SUP-FIN')}`;
    const id = await ask(h, { kind: 'retry-parked-run', targetWorkflowId: target, params: { workflowId: target }, description: `retry ${target}` });
    await decidePendingAction(h.temporal.env.client, id, { decision: 'approve', by: 'approver' });
    await h.temporal.env.client.workflow.getHandle(id).result();
    return id;
  },
  async 'employee-provisioning-preview-planned'(h) {
    const employeeId = hire(h, 'Previewed');
    const handle = await h.temporal.env.client.workflow.start(employeeProvisioningPreview, {
      workflowId: employeeProvisioningPreviewWorkflowId(employeeId, 'history'),
      taskQueue: h.queueConfig.TASK_QUEUE_WORKFLOWS,
      args: [{ employeeId }],
    });
    await handle.result();
    return handle.workflowId;
  },
};

export const REQUIRED_PENDING_ACTION_HISTORIES = Object.keys(scenarios);

async function main(): Promise<void> {
  if (Object.keys(scenarios).every((name) => historyExists(name))) {
    console.log('every history exists; none is overwritten. Add a scenario with a new name to record more.');
    return;
  }
  const h = await startProvisioningHarness();
  await h.startWorkers();
  try {
    for (const org of ['SUP-EXEC', 'SUP-FIN']) await (await h.provision(manager(h, org), 'manual')).result();
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (historyExists(name)) continue;
      const workflowId = await scenario(h);
      console.log(`saved ${saveRunHistory(h.temporal, workflowId, name)}`);
    }
  } finally {
    await h.close();
  }
}

if (require.main === module) runRecorder(main);
