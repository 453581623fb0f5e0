// A cancelled activity's calls stop at once: while the answer is slow, while the token is minted, between pages, and while waiting for a free slot.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { startCoupaSandbox, type CoupaSandbox } from '../../sandbox/coupa/index';
import { WorkdayClient, type WorkdayClientOptions } from '../../connectors/workday';
import { CoupaClient } from '../../connectors/coupa';
import { admin, sleep } from './helpers';

/** Aborts with an activity's cancellation reason after `ms`; the call must reject with that very reason. */
function cancelAfter(ms: number): { signal: AbortSignal; reason: CancelledFailure } {
  const controller = new AbortController();
  const reason = new CancelledFailure('CANCELLED');
  setTimeout(() => controller.abort(reason), ms);
  return { signal: controller.signal, reason };
}

/** Awaits `promise`, expecting it to reject with exactly `reason`; returns how long that took. */
async function rejectsWith(promise: Promise<unknown>, reason: unknown): Promise<number> {
  const started = Date.now();
  await assert.rejects(promise, (err) => err === reason);
  return Date.now() - started;
}

describe('cancellation', () => {
  let workday: WorkdaySandbox;
  let coupa: CoupaSandbox;
  /** API calls that reached the Workday sandbox, counted as they arrive. */
  let arrived = 0;

  before(async () => {
    workday = await startWorkdaySandbox();
    coupa = await startCoupaSandbox();
    workday.controls.events.on('request', () => (arrived += 1));
  });
  after(async () => {
    await workday?.close();
    await coupa?.close();
  });
  beforeEach(async () => {
    workday.reset();
    coupa.reset();
    arrived = 0;
  });

  const workdayClient = (overrides: Partial<WorkdayClientOptions> = {}) =>
    new WorkdayClient({ baseUrl: workday.url, tenant: workday.tenant, ...workday.credentials, timeoutMs: 5_000, ...overrides });
  const someWorker = () => workday.store.allWorkers()[12]!;

  it('given a slow Workday answer, a cancelled read rejects at once with the cancellation', async () => {
    const client = workdayClient();
    await client.tokens.getToken();
    workday.controls.setFaults({ latencyMs: 3_000 });
    const { signal, reason } = cancelAfter(100);
    const took = await rejectsWith(client.getWorker(someWorker().wid, { signal }), reason);
    assert.ok(took < 1_000, `rejected after ${took} ms`);
  });

  it('a cancelled worker profile stops its parallel reads and starts no more', async () => {
    const client = workdayClient();
    await client.tokens.getToken();
    workday.controls.setFaults({ latencyMs: 300 });
    const { signal, reason } = cancelAfter(450);
    const took = await rejectsWith(client.getWorkerProfile('21030', {}, { signal }), reason);
    assert.ok(took < 800, `rejected after ${took} ms`);
    const atCancel = arrived;
    await sleep(900);
    assert.equal(arrived, atCancel, 'no request was sent after the cancellation');
  });

  it('paging stops asking for pages once cancelled', async () => {
    const client = workdayClient();
    const controller = new AbortController();
    const reason = new CancelledFailure('CANCELLED');
    let seen = 0;
    await assert.rejects(
      (async () => {
        for await (const _worker of client.listWorkers({}, { signal: controller.signal })) {
          seen += 1;
          if (seen === 1) controller.abort(reason);
        }
      })(),
      (err) => err === reason,
    );
    assert.equal(seen, 100, 'the page already read is handed out, the next one never asked for');
    assert.equal(workday.controls.callCounts().byRoute['GET /ccx/api/staffing/v7/acme/workers'], 1);
  });

  it('a Coupa call cancelled while its token is being fetched rejects at once, and the token request stops', async () => {
    const client = new CoupaClient({ baseUrl: coupa.url, clientId: coupa.credentials.clientId, clientSecret: coupa.credentials.clientSecret, scopes: coupa.credentials.scopes, timeoutMs: 5_000 });
    coupa.controls.setFaults({ latencyMs: 1_500 });
    const { signal, reason } = cancelAfter(100);
    const took = await rejectsWith(client.getUser(coupa.store.users.all()[3]!.id, { signal }), reason);
    assert.ok(took < 800, `rejected after ${took} ms`);
    await sleep(1_700);
    assert.equal(client.tokens.refreshCount, 0, 'the abandoned token request was aborted, not completed');
  });

  it('a Workday call cancelled while its token is being minted rejects at once, yet the grant completes so a rotated refresh token is not lost', async () => {
    workday.configure({ rotateRefreshTokens: true });
    const rotated: string[] = [];
    const client = workdayClient({ onRefreshTokenRotated: (token) => void rotated.push(token) });
    workday.controls.setFaults({ latencyMs: 800 });
    const { signal, reason } = cancelAfter(100);
    const took = await rejectsWith(client.getWorker(someWorker().wid, { signal }), reason);
    assert.ok(took < 600, `rejected after ${took} ms`);
    await sleep(1_000);
    assert.equal(client.tokens.refreshCount, 1, 'the grant went on after the caller left');
    assert.equal(rotated.length, 1);
    workday.controls.setFaults({});
    assert.equal((await client.getWorker(someWorker().wid)).id, someWorker().wid, 'the rotated token works');
    assert.equal(client.currentRefreshToken, rotated[0]);
  });

  it('a call waiting for a free request slot leaves the line when cancelled, and the line moves on', async () => {
    const client = workdayClient({ maxConcurrentRequests: 1 });
    await client.tokens.getToken();
    arrived = 0;
    workday.controls.setFaults({ latencyMs: 400 });
    const first = client.getWorker(someWorker().wid);
    const { signal, reason } = cancelAfter(100);
    const took = await rejectsWith(client.getWorker(workday.store.allWorkers()[13]!.wid, { signal }), reason);
    assert.ok(took < 300, `rejected after ${took} ms`);
    assert.equal(client.http.slots.waiting, 0);
    assert.equal((await first).id, someWorker().wid);
    assert.equal((await client.getWorker(workday.store.allWorkers()[14]!.wid)).id, workday.store.allWorkers()[14]!.wid);
    assert.equal(arrived, 2, 'the cancelled call never reached Workday');
  });

  it('an already cancelled call sends nothing', async () => {
    const client = workdayClient();
    const controller = new AbortController();
    const reason = new CancelledFailure('CANCELLED');
    controller.abort(reason);
    await rejectsWith(client.getWorkerProfile('21030', {}, { signal: controller.signal }), reason);
    assert.equal(arrived, 0);
    assert.equal((await admin(workday.url, 'GET', '/_sandbox/calls') as { total: number }).total, 0);
  });
});
