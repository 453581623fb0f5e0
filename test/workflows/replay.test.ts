// Saved histories replay against today's workflow code: a change that would break running workflows fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Worker, DefaultLogger, Runtime, type WorkflowBundleOption } from '@temporalio/worker';
import os from 'node:os';
import { testDataConverter } from '../helpers/temporal';
import { REQUIRED_INVOICE_PAYMENT_HISTORIES } from '../histories/record-invoice-payment';
import { REQUIRED_V2_HISTORIES, REQUIRED_V3_HISTORIES, REQUIRED_V4_HISTORIES, REQUIRED_V5_HISTORIES } from '../histories/record';
import { writeNewHistory, HistoryExistsError } from '../histories/history-files';

const historiesDir = path.resolve(__dirname, '../histories');
const histories = fs.readdirSync(historiesDir).filter((f) => f.endsWith('.json')).sort();

Runtime.install({ logger: new DefaultLogger('ERROR') });
const bundlePath = process.env.TEMPORAL_TEST_WORKFLOW_BUNDLE;
// The saved histories hold payloads encrypted with the tests' key, as production histories would.
const source = {
  dataConverter: testDataConverter,
  ...(bundlePath ? { workflowBundle: { codePath: bundlePath } as WorkflowBundleOption } : { workflowsPath: require.resolve('../../workflows') }),
};

function load(file: string): { events: Array<Record<string, unknown>> } {
  return JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')) as { events: Array<Record<string, unknown>> };
}

test('there is a saved history for every path of employeeProvisioning, and the v1 ones are kept', () => {
  const names = histories.map((f) => f.replace(/\.json$/, ''));
  for (const required of [...REQUIRED_V2_HISTORIES, ...REQUIRED_V3_HISTORIES, ...REQUIRED_V4_HISTORIES, ...REQUIRED_V5_HISTORIES, 'employee-provisioning-created', 'employee-provisioning-parked-then-retried', 'employee-provisioning-skipped']) {
    assert.ok(names.includes(required), `test/histories/${required}.json is missing: run npx tsx test/histories/record.ts`);
  }
});

test('there is a saved history for every path of invoiceToPayment and paymentPoller', () => {
  const names = histories.map((f) => f.replace(/\.json$/, ''));
  for (const required of REQUIRED_INVOICE_PAYMENT_HISTORIES) {
    assert.ok(names.includes(required), `test/histories/${required}.json is missing: run npx tsx test/histories/record-invoice-payment.ts`);
  }
});

test('the recorder refuses to overwrite a saved history', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'histories-'));
  try {
    writeNewHistory('some-path', '{"events":[1]}', dir);
    assert.throws(() => writeNewHistory('some-path', '{"events":[2]}', dir), HistoryExistsError);
    assert.equal(fs.readFileSync(path.join(dir, 'some-path.json'), 'utf8'), '{"events":[1]}', 'the first recording is intact');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const file of histories) {
  test(`replays ${file} deterministically`, { timeout: 60_000 }, async () => {
    await Worker.runReplayHistory(source, load(file), file);
  });
}

test('a history the code would not reproduce is caught', { timeout: 60_000 }, async () => {
  const history = load('employee-provisioning-created.json');
  const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes) as
    | { activityTaskScheduledEventAttributes: { activityType: { name: string } } }
    | undefined;
  assert.ok(scheduled, 'the history schedules an activity');
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'anActivityThisCodeNeverCalls';
  await assert.rejects(Worker.runReplayHistory(source, history, 'tampered'), /nondetermin|DeterminismViolation/i);
});
