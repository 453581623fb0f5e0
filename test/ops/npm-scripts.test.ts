// `npm test` is `make test`'s test step, and every npm script runs a file that exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The last command `make -n <target>` would run (the earlier ones are setup and typecheck). */
function makeRecipe(target: string): string {
  const lines = execFileSync('make', ['-n', '--no-print-directory', target, 'TESTS='], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n');
  return lines.at(-1)!.replace(/^exec\s+/, '').trim();
}

test('every npm script runs a file that exists', () => {
  for (const [name, command] of Object.entries(scripts)) {
    for (const file of command.split(/\s+/).filter((word) => /\.(m?[jt]s)$/.test(word))) {
      // dist/ is what `npm run build` writes: its source must exist (dist/x/y.js ← x/y.ts).
      const source = file.startsWith('dist/') ? file.replace(/^dist\//, '').replace(/\.js$/, '.ts') : file;
      assert.ok(fs.existsSync(path.join(repoRoot, source)), `npm run ${name}: ${source} exists`);
    }
  }
});

test("npm test runs the same command as make test's test step", () => {
  assert.equal(scripts.test, makeRecipe('test'));
});

test('npm test reaches the test runner and passes its arguments on as filters', () => {
  const result = spawnSync('npm', ['test', '--silent', '--', 'no-test-file-is-called-this'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, /no test files match no-test-file-is-called-this/);
});

test('make test-ui runs the browser test, outside make test', () => {
  assert.equal(makeRecipe('test-ui'), 'npx tsx test/ui/run.ts');
});
