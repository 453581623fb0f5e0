// Saved histories are added, never overwritten: the oldest behaviour of a workflow must keep replaying.
import fs from 'node:fs';
import path from 'node:path';

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
