// Where the Workday refresh token lives between refreshes: pluggable, a file by default, shared by every worker process.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../infra/logger';
import { abortableSleep, throwIfAborted } from '../http/cancellation';

/**
 * Keeps the refresh token Workday last handed out. Workday may rotate the refresh token on every
 * grant and revoke the one presented, so the token in WORKDAY_REFRESH_TOKEN stops working after the
 * first rotation: every process must read the current one here before it refreshes and write the
 * new one back, or a restart (or another worker) presents a revoked token and loses access.
 */
export interface RefreshTokenStore {
  /** The current refresh token, or null when the store holds none yet (the configured one is used). */
  load(): Promise<string | null>;
  /** Replaces the stored token (after a rotation). */
  save(refreshToken: string): Promise<void>;
  /**
   * Runs load → token request → save with no other process doing the same, so two processes never
   * present the same rotated token (the second would get invalid_grant). Waiting gives up when
   * `signal` aborts; `work` itself always runs to its end. A store shared by several processes must
   * implement it; a store private to one process may leave it out.
   */
  exclusive?<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface FileRefreshTokenStoreOptions {
  /** The token file (WORKDAY_REFRESH_TOKEN_FILE); its directory is created when missing. */
  path: string;
  /**
   * The configured refresh token (WORKDAY_REFRESH_TOKEN). The file remembers a fingerprint of the
   * configured token it grew from: when an operator configures a different one (a new token was
   * generated in Workday), the file's token is outdated and `load()` answers null.
   */
  seed?: string;
  /**
   * A lock older than this is taken to be left by a crashed process and broken (default 60 s). It must
   * exceed the token request's timeout, or a slow refresh could have its lock broken under it.
   */
  staleLockMs?: number;
  logger?: Logger;
}

interface StoredFile {
  refreshToken: string;
  /** Fingerprint of the configured token this one descends from. */
  seed: string | null;
  savedAt: string;
}

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
}

/** Errors that mean "this location cannot be written", not "try again". */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR']);

function errorCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** Not reversible (a refresh token is long and random); tells one configured token from another. */
function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/**
 * A refresh token in a JSON file: written atomically (temp file + rename, mode 0600), guarded by a
 * lock file created with O_EXCL. Every worker process that shares the file (same host, or a shared
 * volume) sees the token the last rotation produced. When the location cannot be written (a
 * read-only image), it warns once and keeps the token in this process's memory only.
 */
export class FileRefreshTokenStore implements RefreshTokenStore {
  readonly path: string;
  private readonly lockPath: string;
  private readonly seedFingerprint: string | null;
  private readonly staleLockMs: number;
  private readonly logger: Logger | undefined;
  private unwritable = false;

  constructor(options: FileRefreshTokenStoreOptions) {
    this.path = path.resolve(options.path);
    this.lockPath = `${this.path}.lock`;
    this.seedFingerprint = options.seed ? fingerprint(options.seed) : null;
    this.staleLockMs = options.staleLockMs ?? 60_000;
    this.logger = options.logger;
  }

  async load(): Promise<string | null> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (err) {
      // No such file (ENOTDIR: a parent is a file): nothing stored yet.
      if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') return null;
      throw err;
    }
    let stored: Partial<StoredFile>;
    try {
      stored = JSON.parse(text) as Partial<StoredFile>;
    } catch {
      this.logger?.warn({ file: this.path }, 'workday refresh token file is not valid JSON: ignoring it and using the configured token');
      return null;
    }
    if (typeof stored.refreshToken !== 'string' || stored.refreshToken === '') return null;
    if (this.seedFingerprint !== null && stored.seed !== this.seedFingerprint) {
      this.logger?.info({ file: this.path }, 'WORKDAY_REFRESH_TOKEN changed since the token file was written: using the configured token');
      return null;
    }
    return stored.refreshToken;
  }

  async save(refreshToken: string): Promise<void> {
    if (this.unwritable) return;
    const body: StoredFile = { refreshToken, seed: this.seedFingerprint, savedAt: new Date().toISOString() };
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.mkdir(path.dirname(this.path), { recursive: true, mode: 0o700 });
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(body)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      // rename() replaces the file in one step: a reader sees the old token or the new one, never half of one.
      await fs.rename(temp, this.path);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      if (this.markUnwritable(err)) return;
      throw err;
    }
  }

  async exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const owner = await this.lock(signal);
    try {
      return await work();
    } finally {
      if (owner) await this.unlock(owner);
    }
  }

  /** Takes the lock file; null when the location cannot be written (then there is nothing to share). */
  private async lock(signal?: AbortSignal): Promise<LockOwner | null> {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), nonce: randomBytes(8).toString('hex') };
    for (;;) {
      throwIfAborted(signal);
      if (this.unwritable) return null;
      try {
        await fs.writeFile(this.lockPath, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
        return owner;
      } catch (err) {
        const code = errorCode(err);
        if (code === 'ENOENT') {
          try {
            await fs.mkdir(path.dirname(this.lockPath), { recursive: true, mode: 0o700 });
          } catch (mkdirErr) {
            if (this.markUnwritable(mkdirErr)) return null;
            throw mkdirErr;
          }
          continue;
        }
        if (this.markUnwritable(err)) return null;
        if (code !== 'EEXIST') throw err;
      }
      await this.breakIfStale();
      // Jittered, so waiting processes do not retry in step.
      await abortableSleep(20 + Math.floor(Math.random() * 40), signal);
    }
  }

  private async unlock(owner: LockOwner): Promise<void> {
    const current = await this.readLock();
    // Only our own lock: if ours was broken as stale, the file now belongs to someone else.
    if (current?.nonce === owner.nonce) await fs.rm(this.lockPath, { force: true });
  }

  private async readLock(): Promise<(Partial<LockOwner> & { mtimeMs: number }) | null> {
    try {
      const [text, stat] = await Promise.all([fs.readFile(this.lockPath, 'utf8'), fs.stat(this.lockPath)]);
      let parsed: Partial<LockOwner> = {};
      try {
        parsed = JSON.parse(text) as Partial<LockOwner>;
      } catch {
        // A lock whose writer died between create and write: judged by its age alone.
      }
      return { ...parsed, mtimeMs: stat.mtimeMs };
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return null;
      throw err;
    }
  }

  /** Removes a lock left by a crashed process: its owner is gone (same host) or it is older than staleLockMs. */
  private async breakIfStale(): Promise<void> {
    const lock = await this.readLock();
    if (!lock) return;
    const tooOld = Date.now() - lock.mtimeMs > this.staleLockMs;
    const ownerGone = lock.host === os.hostname() && typeof lock.pid === 'number' && !processAlive(lock.pid);
    if (!tooOld && !ownerGone) return;
    // Re-read just before removing, so a lock another waiter has meanwhile taken is left alone.
    const again = await this.readLock();
    if (!again || again.nonce !== lock.nonce || again.mtimeMs !== lock.mtimeMs) return;
    this.logger?.warn({ file: this.lockPath, ownerPid: lock.pid ?? null }, 'breaking a stale workday refresh token lock');
    await fs.rm(this.lockPath, { force: true });
  }

  private markUnwritable(err: unknown): boolean {
    const code = errorCode(err);
    if (!code || !UNWRITABLE.has(code)) return false;
    if (!this.unwritable) {
      this.unwritable = true;
      this.logger?.warn(
        { file: this.path, code },
        'workday refresh token file cannot be written: a rotated refresh token stays in this process only and will not survive a restart; point WORKDAY_REFRESH_TOKEN_FILE at a writable (shared) location',
      );
    }
    return true;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return errorCode(err) === 'EPERM';
  }
}
