// Support's command lines against a parked run: the project CLI and the real `temporal` CLI through the codec server, with its token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { testDataConverter } from '../helpers/temporal';
import { statusQuery } from '../../workflows/sync-state';
import type { employeeProvisioning } from '../../workflows/employee-provisioning';
import { createCodecServerApp, type CodecRequestEvent } from '../../clients/codec-server';
import { demoPayloadKeyFile } from '../../infra/data-converter';
import { resolveTemporalCli } from '../../scripts/dev-server';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
let h: ProvisioningHarness;

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address, ...env },
  });
}

/** Runs a command and returns its exit code and output, failing or not. */
async function outcome(p: Promise<{ stdout: string; stderr: string }>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await p) };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

before(async () => {
  h = await startProvisioningHarness();
  await h.startWorkers();
});

after(async () => {
  await h?.close();
});

test('support provisions from the CLI, reads why a run waits, and skips it', { timeout: 120_000 }, async () => {
  // The seeded worker without a work email cannot become a Coupa user.
  const employeeId = '21020';
  const started = await cli(['provision', employeeId, '--trigger', 'manual']);
  assert.match(started.stdout, /started employee-provisioning\/21020/);
  assert.match(started.stdout, new RegExp(`http://localhost:8233/namespaces/${h.temporal.namespace}/workflows/employee-provisioning%2F21020`));

  const handle = h.temporal.env.client.workflow.getHandle<typeof employeeProvisioning>(`employee-provisioning/${employeeId}`);
  await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

  const status = await cli(['status', employeeId]);
  assert.doesNotMatch(status.stdout + status.stderr, /Unknown encoding/);
  const shown = JSON.parse(status.stdout.slice(0, status.stdout.lastIndexOf('}') + 1)) as { syncState: string; lastError: string; runStatus: string };
  assert.equal(shown.syncState, 'needs-attention');
  assert.equal(shown.runStatus, 'RUNNING');
  assert.match(shown.lastError, /no work email/i);

  await cli(['skip', employeeId, '--reason', 'contractor, no Coupa access needed']);
  const result = await handle.result();
  assert.equal(result.outcome, 'skipped');
  assert.equal(result.coupaUserId, null);
  assert.ok(result.status.warnings.some((w) => w.includes('contractor, no Coupa access needed')));
});

test('the CLI rejects a malformed employee ID without touching Temporal', async () => {
  await assert.rejects(cli(['provision', '21020; rm -rf /']), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr ?? '', /is not a Workday employee ID/);
    return true;
  });
});

test('without PAYLOAD_ENCRYPTION_KEYS the CLI uses the demo key file, or names the variable; it never prints "Unknown encoding"', { timeout: 60_000 }, async () => {
  const employeeId = '21001';
  await (await h.provision(employeeId, 'manual')).result();
  // Read-only: this test never writes the demo's key, whose runs it would make unreadable.
  const demoKeyExists = fs.existsSync(demoPayloadKeyFile);
  const keyless = await outcome(cli(['status', employeeId], { PAYLOAD_ENCRYPTION_KEYS: undefined }));
  assert.equal(keyless.code, 1);
  if (demoKeyExists) {
    assert.match(keyless.stderr, /PAYLOAD_ENCRYPTION_KEYS is not set; using the demo's key from \.data\/temporal\/demo-payload-key/);
    // The demo's key is not the tests' key: the CLI says which key the run needs.
    assert.match(keyless.stderr, /encrypted with key "test-key-1"/);
  } else {
    assert.match(keyless.stderr, /PAYLOAD_ENCRYPTION_KEYS: missing/);
    assert.match(keyless.stderr, /\.data\/temporal\/demo-payload-key/);
  }
  const plaintext = await outcome(cli(['status', employeeId], { PAYLOAD_ENCRYPTION_KEYS: undefined, PAYLOAD_ENCRYPTION: 'off' }));
  assert.equal(plaintext.code, 1);
  assert.match(plaintext.stderr, /encrypted \(key "test-key-1"\) but PAYLOAD_ENCRYPTION=off: set PAYLOAD_ENCRYPTION_KEYS/);
  for (const r of [keyless, plaintext]) assert.doesNotMatch(r.stdout + r.stderr, /Unknown encoding/);
});

test('the real temporal CLI finds a parked run, reads its status and sends retry through the codec server, with its token only', { timeout: 180_000 }, async () => {
  const token = crypto.randomBytes(32).toString('base64url');
  const events: CodecRequestEvent[] = [];
  const codecServer = http.createServer(
    createCodecServerApp({
      codec: testDataConverter.payloadCodecs![0]!,
      allowedOrigins: [],
      tokens: [{ name: 'support', token }],
      onRequest: (e) => events.push(e),
    }),
  );
  await new Promise<void>((resolve) => codecServer.listen(0, '127.0.0.1', resolve));
  const codecEndpoint = `http://127.0.0.1:${(codecServer.address() as AddressInfo).port}`;
  // A clean environment and home: no TEMPORAL_CODEC_AUTH or config profile of the machine's user leaks in.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-cli-home-'));
  const temporal = (...args: string[]) =>
    outcome(
      run(resolveTemporalCli(), [...args, '--address', h.temporal.address, '--namespace', h.temporal.namespace, '--output', 'json', '--color', 'never'], {
        env: { PATH: process.env.PATH, HOME: home, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
        timeout: 60_000,
      }),
    );
  try {
    const employeeId = '21020';
    const workflowId = `employee-provisioning/${employeeId}`;
    await h.provision(employeeId, 'manual');
    const handle = h.temporal.env.client.workflow.getHandle<typeof employeeProvisioning>(workflowId);
    await eventually(async () => ((await handle.query(statusQuery)).syncState === 'needs-attention' ? true : undefined), 'the run to park');

    // Support's first step: find the parked runs by their search attribute.
    const listed = await eventually(async () => {
      const list = await temporal('workflow', 'list', '--query', "SyncState='needs-attention'");
      assert.equal(list.code, 0, list.stderr);
      return list.stdout.includes(`"${workflowId}"`) ? list.stdout : undefined;
    }, 'the parked run in the visibility list');
    const runs = JSON.parse(listed) as Array<{ execution: { workflowId: string }; status: string; searchAttributes: { indexedFields: Record<string, { data: string }> } }>;
    const parked = runs.find((r) => r.execution.workflowId === workflowId);
    assert.equal(parked?.status, 'WORKFLOW_EXECUTION_STATUS_RUNNING');
    assert.equal(JSON.parse(Buffer.from(parked.searchAttributes.indexedFields.SyncState!.data, 'base64').toString()), 'needs-attention');

    // Read why it waits: the codec server decrypts the answer for the token's holder.
    const query = await temporal('workflow', 'query', '--workflow-id', workflowId, '--type', 'status', '--codec-endpoint', codecEndpoint, '--codec-auth', `Bearer ${token}`);
    assert.equal(query.code, 0, query.stderr);
    assert.doesNotMatch(query.stdout, /Unknown encoding|binary\/encrypted|encryption-key-id/);
    const status = JSON.parse(query.stdout) as { queryResult: Array<{ syncState: string; lastError: string; retries: number }> };
    assert.equal(status.queryResult[0]?.syncState, 'needs-attention');
    assert.match(status.queryResult[0]?.lastError ?? '', /no work email/i);
    assert.ok(events.some((e) => e.direction === 'decode' && e.status === 200 && e.caller === 'support' && e.payloads > 0));
    // The query has no arguments: the CLI posts `{}` to /encode, which must not be a 400.
    assert.ok(events.some((e) => e.direction === 'encode' && e.status === 200 && e.payloads === 0));

    // Without the token the codec server refuses, and so the CLI fails instead of showing ciphertext.
    const refusedFrom = events.length;
    const withoutToken = await temporal('workflow', 'query', '--workflow-id', workflowId, '--type', 'status', '--codec-endpoint', codecEndpoint);
    assert.notEqual(withoutToken.code, 0);
    assert.match(withoutToken.stderr, /401|Unauthorized/i);
    assert.doesNotMatch(withoutToken.stdout, /no work email/i);
    const refused = events.slice(refusedFrom);
    assert.ok(refused.length > 0 && refused.every((e) => e.status === 401 && e.caller === null), JSON.stringify(refused));
    const wrongToken = await temporal('workflow', 'query', '--workflow-id', workflowId, '--type', 'status', '--codec-endpoint', codecEndpoint, '--codec-auth', `Bearer ${token.slice(1)}`);
    assert.notEqual(wrongToken.code, 0);
    assert.equal(events.at(-1)?.status, 401);

    // After the fix, support sends retry (no arguments: `{}` again) and the run tries once more.
    const signal = await temporal('workflow', 'signal', '--workflow-id', workflowId, '--name', 'retry', '--codec-endpoint', codecEndpoint, '--codec-auth', `Bearer ${token}`);
    assert.equal(signal.code, 0, signal.stderr);
    // Still no work email: it parks again, having counted the retry. Then end it, so it holds nothing for the next file.
    await eventually(async () => {
      const after = await handle.query(statusQuery);
      return after.retries === 1 && after.syncState === 'needs-attention' ? true : undefined;
    }, 'the retried run to park again');
    await handle.signal('skip', 'test done');
    await handle.result();
  } finally {
    await new Promise<void>((resolve) => codecServer.close(() => resolve()));
    fs.rmSync(home, { recursive: true, force: true });
  }
});
