// Route: a Workday hire or job change → the person's employeeProvisioning run (signal-with-start).
import { requestEmployeeProvisioning } from '../../employee-provisioning';
import type { EventRoute } from '../route';
import { employeeProvisioningWorkflowId } from '../../../workflows/employee-provisioning';

export const employeeProvisioningRoute: EventRoute = {
  process: 'employee-provisioning',
  kinds: ['worker.hired', 'worker.job-changed'],
  workflowIdFor: (event) => employeeProvisioningWorkflowId('employeeId' in event ? event.employeeId : ''),
  keyHelp: 'Workday employee ID',
  eventForKey: (key) => ({ kind: 'worker.hired', employeeId: key }),
  async start(client, queues, event) {
    if (event.kind !== 'worker.hired' && event.kind !== 'worker.job-changed') throw new Error(`employee-provisioning does not take ${event.kind}`);
    const trigger = event.source === 'manual' ? 'manual' : event.kind === 'worker.hired' ? 'hire' : 'job-change';
    const handle = await requestEmployeeProvisioning(client, queues, event.employeeId, trigger);
    return { workflowId: handle.workflowId, runId: handle.signaledRunId };
  },
};
