// Bundles today's workflow code with a few textual changes, as a developer's edit would make them: for replay tests.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { bundleWorkflowCode } from '@temporalio/worker';
import { failureConverterPath } from '../../infra/data-converter';

const repoRoot = path.resolve(__dirname, '../..');

export interface CodeChange {
  /** Path from the repository root, under workflows/ or mapping/. */
  file: string;
  from: string;
  to: string;
}

/** The changed copy lives under .data/test (inside the repository, so @temporalio/* resolve); removed afterwards. */
export async function bundleWithChanges(changes: CodeChange[]): Promise<string> {
  const root = path.join(repoRoot, '.data', 'test', `changed-${randomUUID().slice(0, 8)}`);
  try {
    for (const dir of ['workflows', 'mapping']) fs.cpSync(path.join(repoRoot, dir), path.join(root, dir), { recursive: true });
    fs.mkdirSync(path.join(root, 'connectors', 'http'), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, 'connectors/http/error-types.ts'), path.join(root, 'connectors/http/error-types.ts'));
    for (const change of changes) {
      const file = path.join(root, change.file);
      const original = fs.readFileSync(file, 'utf8');
      const changed = original.replace(change.from, change.to);
      assert.notEqual(changed, original, `${change.file} contains the text to change`);
      fs.writeFileSync(file, changed);
    }
    const quiet = () => undefined;
    const bundle = await bundleWorkflowCode({
      workflowsPath: path.join(root, 'workflows', 'index.ts'),
      failureConverterPath,
      logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: (m) => console.error(m) },
    });
    return bundle.code;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
