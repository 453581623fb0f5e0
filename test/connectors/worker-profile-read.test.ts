// The one-request SOAP read of a worker gives the mapping the same readings the six REST reads gave: for a spread of seeded workers (managers, org leads, non-ASCII names, no email), the planned Coupa user is identical.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday';
import { WorkdayClient, WorkdaySoapClient } from '../../connectors/workday';
import { createWorkdayWorkerActivities } from '../../activities/workday-workers';
import { createWorkdayProfileActivities, type WorkdayWorkerProfileLookup } from '../../activities/provisioning-economy';
import type { WorkdayWorkerReadings } from '../../activities/provisioning-plan';

let wd: WorkdaySandbox;
let rest: WorkdayClient;
let soap: WorkdaySoapClient;

before(async () => {
  wd = await startWorkdaySandbox();
  const logger = pino({ level: 'silent' });
  rest = new WorkdayClient({ baseUrl: wd.url, tenant: wd.tenant, ...wd.credentials, logger });
  soap = new WorkdaySoapClient({ baseUrl: wd.url, tenant: wd.tenant, auth: { type: 'bearer', tokenProvider: rest.tokens }, requestSlots: rest.http.slots, logger });
});

after(async () => {
  await wd?.close();
});

async function restReadings(employeeId: string): Promise<WorkdayWorkerReadings> {
  const a = createWorkdayWorkerActivities(rest);
  const env = new MockActivityEnvironment();
  return env.run(async () => {
    const lookup = await a.findWorkdayWorker(employeeId);
    assert.equal(lookup.status, 'active');
    if (lookup.status !== 'active') throw new Error('unreachable');
    const { worker } = lookup;
    const supervisoryOrg = worker.supervisoryOrganizationId ? await a.readWorkdaySupervisoryOrganization(worker.supervisoryOrganizationId) : null;
    return {
      worker,
      legalName: await a.readWorkdayLegalName(worker.workerWid),
      assignments: await a.readWorkdayWorkerAssignments(worker.workerWid),
      jobProfile: worker.jobProfileId ? await a.readWorkdayJobProfile(worker.jobProfileId) : null,
      supervisoryOrg,
      manager: supervisoryOrg ? await a.findWorkdayManager({ workerWid: worker.workerWid, supervisoryOrg }) : null,
    };
  });
}

test('SOAP Get_Workers (one request) and the REST reads agree on everything the mapping uses', async () => {
  const workers = wd.store.allWorkers();
  // Every org's manager (the manager chain walks up from them) plus every 15th worker.
  const managers = new Set(wd.store.allSupervisoryOrgs().map((o) => o.managerEmployeeId).filter((id): id is string => !!id));
  const sample = workers.filter((w, i) => managers.has(w.employeeId) || i % 15 === 0);
  assert.ok(sample.length >= 20);
  const profile = createWorkdayProfileActivities(soap);
  const env = new MockActivityEnvironment();
  for (const w of sample) {
    wd.controls.resetCalls();
    const one: WorkdayWorkerProfileLookup = await env.run(() => profile.readWorkdayWorkerProfile(w.employeeId));
    assert.equal(wd.controls.callCounts().byRoute['POST /ccx/service/:tenant/:service/:version'], 1, 'one SOAP request');
    assert.equal(one.status, 'active');
    if (one.status !== 'active') continue;
    const expected = await restReadings(w.employeeId);
    // The manager's work email is the one thing Get_Workers does not carry; the mapping does not use it.
    const withoutManagerEmail = (r: WorkdayWorkerReadings) => ({ ...r, manager: r.manager ? { ...r.manager, workEmail: null } : null });
    assert.deepEqual(withoutManagerEmail(one.readings), withoutManagerEmail(expected), `employee ${w.employeeId}`);
  }
});

test('a terminated worker reads as terminated; an unknown one is NotFound', async () => {
  const profile = createWorkdayProfileActivities(soap);
  const env = new MockActivityEnvironment();
  const terminated = wd.store.allWorkers({ includeTerminated: true }).find((w) => w.terminated)!;
  assert.deepEqual(await env.run(() => profile.readWorkdayWorkerProfile(terminated.employeeId)), { status: 'terminated' });
  await assert.rejects(env.run(() => profile.readWorkdayWorkerProfile('99999')), (err: Error & { type?: string }) => err.type === 'NotFound');
});
