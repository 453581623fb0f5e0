// Workflow code is replayed: it (and everything it imports) must not import I/O libraries or Node built-ins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

const repoRoot = path.resolve(__dirname, '../..');
// Node built-ins the Temporal workflow sandbox itself allows.
const allowedBuiltins = new Set(['assert', 'url', 'util']);
const forbiddenPackages = ['axios', 'pino', 'express', 'yaml', 'fast-xml-parser', '@temporalio/worker', '@temporalio/client', '@temporalio/activity'];
const forbiddenDirs = ['connectors', 'activities', 'infra', 'clients', 'workers', 'sandbox'];
/** The one place failure type names live: plain constants that import nothing, shared by connectors and workflows. */
const allowedModules = new Set(['connectors/http/error-types.ts']);

/** Every module specifier a file imports at run time (type-only imports are erased and allowed). */
export function runtimeImports(source: string): string[] {
  const specs: string[] = [];
  const importRe = /^\s*(import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(importRe)) if (m[2]) specs.push(m[2]);
  for (const m of source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) if (m[1]) specs.push(m[1]);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) if (m[1]) specs.push(m[1]);
  return specs;
}

export function violationsOf(file: string, specs: string[]): string[] {
  const problems: string[] = [];
  for (const spec of specs) {
    const bare = spec.replace(/^node:/, '');
    if (spec.startsWith('node:') || (builtinModules.includes(bare) && !allowedBuiltins.has(bare))) {
      if (!allowedBuiltins.has(bare)) problems.push(`${file} imports Node built-in "${spec}"`);
    } else if (forbiddenPackages.some((p) => spec === p || spec.startsWith(`${p}/`))) {
      problems.push(`${file} imports "${spec}"`);
    } else if (spec.startsWith('.')) {
      const target = path.relative(repoRoot, path.resolve(path.dirname(path.join(repoRoot, file)), spec));
      const top = target.split(path.sep)[0] ?? '';
      if (allowedModules.has(`${target}.ts`) || allowedModules.has(target)) continue;
      if (forbiddenDirs.includes(top)) problems.push(`${file} imports "${spec}" (${top}/ is not deterministic)`);
    }
  }
  return problems;
}

function resolveLocal(fromFile: string, spec: string): string | null {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

test('workflow code and everything it imports stays deterministic', () => {
  const queue = fs
    .readdirSync(path.join(repoRoot, 'workflows'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(repoRoot, 'workflows', f));
  const seen = new Set<string>();
  const problems: string[] = [];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const specs = runtimeImports(fs.readFileSync(file, 'utf8'));
    problems.push(...violationsOf(path.relative(repoRoot, file), specs));
    for (const spec of specs.filter((s) => s.startsWith('.'))) {
      const next = resolveLocal(file, spec);
      if (next) queue.push(next);
    }
  }
  assert.ok(seen.size >= 3, `expected to walk the workflow modules, walked ${seen.size}`);
  assert.deepEqual(problems, []);
});

test('the failure-type constants workflows import stay free of imports', () => {
  for (const file of allowedModules) assert.deepEqual(runtimeImports(fs.readFileSync(path.join(repoRoot, file), 'utf8')), [], `${file} imports nothing`);
});

test('the check catches the imports it exists to catch', () => {
  const source = [
    "import axios from 'axios';",
    "import fs from 'node:fs';",
    "import { x } from '../connectors/coupa';",
    "import type { Y } from '../activities';",
    "import { z } from 'zod';",
  ].join('\n');
  const problems = violationsOf('workflows/example.ts', runtimeImports(source));
  assert.equal(problems.length, 3, problems.join('\n'));
});
