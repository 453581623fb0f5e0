// Saved histories replay against today's workflow code: a change that would break running workflows fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Worker, DefaultLogger, Runtime, type WorkflowBundleOption } from '@temporalio/worker';
import { testDataConverter } from '../helpers/temporal';

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

test('there are saved histories to replay', () => {
  assert.ok(histories.length >= 3, `found ${histories.join(', ')}`);
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
