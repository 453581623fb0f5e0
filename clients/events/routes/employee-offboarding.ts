// Route: a Workday termination (also future-dated, or its correction) → the person's employeeOffboarding run (signal-with-start).
import { requestEmployeeOffboarding } from '../../employee-offboarding';
import type { EventRoute } from '../route';
import { employeeOffboardingWorkflowId } from '../../../workflows/employee-offboarding';

export const employeeOffboardingRoute: EventRoute = {
  process: 'employee-offboarding',
  kinds: ['worker.terminated'],
  workflowIdFor: (event) => employeeOffboardingWorkflowId('employeeId' in event ? event.employeeId : ''),
  keyHelp: 'Workday employee ID',
  eventForKey: (key) => ({ kind: 'worker.terminated', employeeId: key }),
  async start(client, queues, event) {
    if (event.kind !== 'worker.terminated') throw new Error(`employee-offboarding does not take ${event.kind}`);
    const handle = await requestEmployeeOffboarding(client, queues, event.employeeId, event.source === 'manual' ? 'manual' : 'termination');
    return { workflowId: handle.workflowId, runId: handle.signaledRunId };
  },
};
