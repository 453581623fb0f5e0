// The overhead benchmark's yardstick: a workflow shaped like a provisioning run (its local activities, then the same number of activities in sequence) whose activities do nothing.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

export interface NoopActivities {
  noop(step: number): Promise<number>;
}

export async function benchNoopWorkflow(activityCount: number, localActivityCount = 1): Promise<number> {
  for (let i = 0; i < localActivityCount; i++) await proxyLocalActivities<NoopActivities>({ startToCloseTimeout: '10 seconds' }).noop(0);
  const { noop } = proxyActivities<NoopActivities>({ startToCloseTimeout: '10 seconds' });
  let done = 0;
  for (let i = 1; i <= activityCount; i++) done += await noop(i);
  return done;
}
