// Saved histories are added, never overwritten: the oldest behaviour of a workflow must keep replaying.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { resolveTemporalCli } from '../../scripts/dev-server';

export const historiesDir = __dirname;

export class HistoryExistsError extends Error {
  override name = 'HistoryExistsError';
}

/** Writes a new history file; refuses when one of that name exists (record a new name instead). */
export function writeNewHistory(name: string, json: string, dir: string = historiesDir): string {
  const file = path.join(dir, `${name}.json`);
  try {
    // 'wx' fails if the file exists, atomically: no check-then-write race.
    fs.writeFileSync(file, json, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new HistoryExistsError(`${path.relative(process.cwd(), file)} exists and is never overwritten: saved histories are how old runs keep replaying. Record under a new name.`);
    }
    throw err;
  }
  return file;
}

export function historyExists(name: string, dir: string = historiesDir): boolean {
  return fs.existsSync(path.join(dir, `${name}.json`));
}

/**
 * A run's history as the CLI's JSON export: the format Worker.runReplayHistory reads (and what support
 * downloads from the Web UI), saved under a new name.
 */
export function saveRunHistory(temporal: { address: string; namespace: string }, workflowId: string, name: string): string {
  const json = execFileSync(resolveTemporalCli(), ['workflow', 'show', '--address', temporal.address, '--namespace', temporal.namespace, '-w', workflowId, '-o', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return writeNewHistory(name, json);
}
