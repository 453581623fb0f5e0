// A Workday tenant that rotates its refresh token: the rotated token is persisted, shared by every process, and survives a restart.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import { createLogger } from '../../infra/logger';
import { startWorkdaySandbox, type WorkdaySandbox } from '../../sandbox/workday/index';
import { FileRefreshTokenStore, WorkdayClient } from '../../connectors/workday';
import { ConnectorErrorTypes } from '../../connectors/http';
import { admin, callsTo, expectFailure } from './helpers';

const TOKEN_ROUTE = 'POST /ccx/oauth2/:tenant/token';

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger('test', 'debug', { destination: { write: (line: string) => void lines.push(line) } });
  return { logger, text: () => lines.join('') };
}

describe('rotated Workday refresh tokens', () => {
  let sandbox: WorkdaySandbox;
  let dir: string;
  let tokenFile: string;

  before(async () => {
    sandbox = await startWorkdaySandbox({ rotateRefreshTokens: true });
  });
  after(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    sandbox.reset();
    sandbox.configure({ rotateRefreshTokens: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-refresh-'));
    tokenFile = path.join(dir, 'state', 'workday-refresh-token');
  });

  /** One worker process: its own client and its own store object, over the shared file. */
  const processClient = (logger: ReturnType<typeof capturedLogger>['logger'], rotated: string[] = []) =>
    new WorkdayClient({
      baseUrl: sandbox.url,
      tenant: sandbox.tenant,
      ...sandbox.credentials,
      timeoutMs: 5_000,
      logger,
      refreshTokenStore: new FileRefreshTokenStore({ path: tokenFile, seed: sandbox.credentials.refreshToken, logger }),
      onRefreshTokenRotated: (token) => void rotated.push(token),
    });

  it('two worker processes sharing the token file keep authenticating across rotations, and a restart authenticates from the file', async () => {
    const { logger, text } = capturedLogger();
    const rotated: string[] = [];
    const first = processClient(logger, rotated);
    const second = processClient(logger, rotated);
    const worker = sandbox.store.allWorkers()[7]!;

    for (let round = 0; round < 4; round++) {
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      // Both find their access token expired at once: each refreshes, one after the other under the lock,
      // and the second presents the token the first was just given.
      const [a, b] = await Promise.all([first.getWorker(worker.wid), second.getWorker(worker.wid)]);
      assert.equal(a.id, worker.wid);
      assert.equal(b.id, worker.wid);
      await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
      assert.equal((await second.getWorker(worker.wid)).id, worker.wid);
      assert.equal((await first.getWorker(worker.wid)).id, worker.wid);
    }
    const grants = await callsTo(sandbox.url, TOKEN_ROUTE);
    assert.equal(grants, rotated.length, 'every grant rotated the token and every rotation was seen');
    assert.ok(grants >= 16, `${grants} grants`);
    assert.equal(new Set(rotated).size, rotated.length, 'no refresh token was presented twice');

    const stored = JSON.parse(fs.readFileSync(tokenFile, 'utf8')) as { refreshToken: string };
    assert.equal(stored.refreshToken, rotated.at(-1));
    assert.equal(fs.statSync(tokenFile).mode & 0o777, 0o600, 'only the worker user reads the token');
    assert.deepEqual(fs.readdirSync(path.dirname(tokenFile)), ['workday-refresh-token'], 'no lock or temp file left behind');

    // A restart: a new process whose configured token was revoked by the first rotation.
    const restarted = processClient(logger);
    await admin(sandbox.url, 'POST', '/_sandbox/tokens/expire');
    assert.equal((await restarted.getWorker(worker.wid)).id, worker.wid);
    // The same restart without the file presents the revoked token and is refused.
    const forgetful = new WorkdayClient({ baseUrl: sandbox.url, tenant: sandbox.tenant, ...sandbox.credentials, timeoutMs: 5_000 });
    const refused = await expectFailure(forgetful.getWorker(worker.wid));
    assert.equal(refused.type, ConnectorErrorTypes.AuthFailed);
    assert.match(refused.message, /invalid_grant/);

    const out = text();
    assert.match(out, /workday refresh token rotated/);
    for (const token of [sandbox.credentials.refreshToken, ...rotated]) assert.ok(!out.includes(token), 'a refresh token appeared in the log');
  });

  it('a newly configured WORKDAY_REFRESH_TOKEN replaces the file written from the old one', async () => {
    const { logger } = capturedLogger();
    const client = processClient(logger);
    await client.getWorker(sandbox.store.allWorkers()[0]!.wid);
    assert.ok(await new FileRefreshTokenStore({ path: tokenFile, seed: sandbox.credentials.refreshToken }).load(), 'the file holds the rotated token');
    assert.equal(await new FileRefreshTokenStore({ path: tokenFile, seed: 'a-token-generated-later' }).load(), null, 'a different configured token wins');
    assert.ok(await new FileRefreshTokenStore({ path: tokenFile }).load(), 'without a seed to compare, the file is used');
  });

  it('a lock left by a crashed process is broken; a live one is waited for, and the wait gives up on cancellation', async () => {
    const store = new FileRefreshTokenStore({ path: tokenFile, staleLockMs: 400 });
    fs.mkdirSync(path.dirname(tokenFile), { recursive: true });
    const lockFile = `${tokenFile}.lock`;
    // A process that has exited: its pid is free.
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString());
    fs.writeFileSync(lockFile, JSON.stringify({ pid: deadPid, host: os.hostname(), nonce: 'crashed' }));
    let started = Date.now();
    assert.equal(await store.exclusive(async () => 'ran'), 'ran');
    assert.ok(Date.now() - started < 300, 'the dead owner was noticed at once');
    assert.equal(fs.existsSync(lockFile), false);

    // A live owner (this very process, as far as the file says) holds it: waited for until it is stale.
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: os.hostname(), nonce: 'alive' }));
    const controller = new AbortController();
    const reason = new CancelledFailure('CANCELLED');
    setTimeout(() => controller.abort(reason), 100);
    await assert.rejects(store.exclusive(async () => 'never', controller.signal), (err) => err === reason);
    started = Date.now();
    assert.equal(await store.exclusive(async () => 'after the stale timeout'), 'after the stale timeout');
    assert.ok(Date.now() - started >= 200, 'it waited for the lock to go stale');
  });

  it('a token file that cannot be written warns once and keeps the token in memory', async () => {
    const { logger, text } = capturedLogger();
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const store = new FileRefreshTokenStore({ path: path.join(blocker, 'sub', 'token'), seed: 'seed', logger });
    assert.equal(await store.exclusive(async () => 'ran'), 'ran');
    await store.save('rotated-secret-value');
    await store.save('rotated-secret-value-2');
    assert.equal(await store.load(), null);
    assert.equal(text().match(/cannot be written/g)?.length, 1);
    assert.ok(!text().includes('rotated-secret-value'));
  });
});
