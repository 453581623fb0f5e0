// The supplier commands of the project CLI: sync a supplier now, show a held bank change (masked, who, when), approve it, and a refusal when nothing waits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProvisioningHarness, eventually, type ProvisioningHarness } from '../helpers/provisioning-harness';
import { editCoupa, setSyncWindow, settled, wireNotices, workdaySupplier } from '../helpers/supplier-sync';
import { pendingBankChange } from '../../clients/supplier-sync';

const repoRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
let h: ProvisioningHarness;
let unwire: () => void;

function cli(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'clients', 'cli.ts'), ...args], { cwd: repoRoot, env: { ...process.env, ...h.workerEnv(0), TEMPORAL_ADDRESS: h.temporal.address } });
}

before(async () => {
  h = await startProvisioningHarness();
  setSyncWindow(h, 1);
  await h.startWorkers();
  unwire = wireNotices(h);
});

after(async () => {
  unwire?.();
  await h?.close();
});

test('support syncs a supplier, reads a held bank change masked with who asked and when, and approves it', { timeout: 120_000 }, async () => {
  const started = await cli(['supplier-sync', '--workday-id', 'S-1002', '--coupa-number', 'S-1002']);
  assert.match(started.stdout, /sync requested: supplier-sync\/S-1002/);
  await eventually(async () => settled(h, 'S-1002'), 'the first sync');

  await editCoupa(h, 501, { changes: { bankAccounts: { accountNumber: '246813579024', iban: 'DE89370400440532013000' } }, by: 'dana@initech' });
  await eventually(async () => (await pendingBankChange(h.temporal.env.client, 'S-1002')) ?? undefined, 'the held change');
  const shown = await cli(['supplier-bank-change', 'show', 'S-1002']);
  assert.match(shown.stdout, /old: account ••••6789/);
  assert.match(shown.stdout, /new: account ••••9024, IBAN ••••3000/);
  assert.match(shown.stdout, /asked by dana@initech, detected at \d{4}-/);
  assert.doesNotMatch(shown.stdout, /246813579024|DE89370400440532013000|000123456789/);

  const approved = await cli(['supplier-bank-change', 'approve', 'S-1002', '--by', 'carol']);
  assert.match(approved.stdout, /approved by carol/);
  assert.doesNotMatch(approved.stdout, /246813579024/);
  await eventually(async () => (workdaySupplier(h, 'S-1002')?.settlementAccounts[0]?.iban === 'DE89370400440532013000' ? true : undefined), 'the approved details in Workday');

  const refused = await cli(['supplier-bank-change', 'reject', 'S-1002', '--by', 'carol', '--reason', 'late']).then(
    () => assert.fail('a decision with nothing waiting must fail'),
    (err: { code?: number; stderr?: string; stdout?: string }) => err,
  );
  assert.equal(refused.code, 1);
  assert.match(`${refused.stderr ?? ''}${refused.stdout ?? ''}`, /no bank change waiting/);
});
