// Config comes through infra/ only: no connector reads the environment itself.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [full] : [];
  });
}

it('no file under connectors/ reads process.env', () => {
  const root = path.resolve(__dirname, '../../connectors');
  const files = sourceFiles(root);
  assert.ok(files.length >= 8, 'the connector sources were found');
  const offenders = files.filter((f) => /process\s*\.\s*env|process\s*\[\s*['"]env['"]\s*\]/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});
