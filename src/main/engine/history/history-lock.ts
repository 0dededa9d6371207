/**
 * The exclusive lock on a history file, shared by every process that uses it (the desktop app and
 * `concurrency-lab serve` share one data folder by default). A lock is a file created with O_EXCL
 * beside the history, holding who took it; its holder touches it while it works. A lock whose holder
 * is gone — a dead process on this machine, or a lock nobody touched for `staleMs` — is broken.
 */
import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from './store-file';

/** How long to wait, and when a lock counts as abandoned. */
export interface HistoryLockOptions {
  /** Longest wait for another holder before giving up; 15 s by default. */
  readonly waitMs?: number;
  /** A lock not touched for this long is abandoned (its holder hung or its machine died); 30 s by default. */
  readonly staleMs?: number;
}

/** Who holds a lock, as its file says. */
interface LockOwner {
  readonly token: string;
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** The lock could not be taken in time: someone else holds it and is alive. */
export class HistoryLockTimeout extends Error {
  constructor(lockFile: string, owner: LockOwner | null, waitedMs: number) {
    super(
      `the run history is locked by ${owner ? `process ${owner.pid} on ${owner.host} (since ${owner.since})` : 'another process'}; waited ${Math.round(waitedMs / 1000)} s (lock file ${lockFile})`,
    );
    this.name = 'HistoryLockTimeout';
  }
}

/** The lock file of a history file. */
export function lockFileOf(file: string): string {
  return `${file}.lock`;
}

/** Whether a process with this id runs on this machine. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.token === 'string' && typeof value.pid === 'number' && typeof value.host === 'string')
      return { token: value.token, pid: value.pid, host: value.host, since: String(value.since) };
  } catch {
    // A holder that died while writing the file leaves it empty or cut: judged by its age alone.
  }
  return null;
}

/** The lock file's holder and age, or null when there is no lock file. */
async function readLock(lockFile: string): Promise<{ owner: LockOwner | null; ageMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockFile, 'utf8'), stat(lockFile)]);
    return { owner: parseOwner(text), ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function isStale(lock: { owner: LockOwner | null; ageMs: number }, staleMs: number): boolean {
  if (lock.ageMs > staleMs) return true;
  const { owner } = lock;
  return owner !== null && owner.host === hostname() && !isAlive(owner.pid);
}

/**
 * Removes an abandoned lock, and only that one: it is renamed aside first, and if what was moved
 * turns out to be a lock another process took meanwhile, it is linked back (link fails rather than
 * replace a lock that appeared since).
 */
async function breakStale(lockFile: string, stale: LockOwner | null): Promise<void> {
  const aside = `${lockFile}.stale-${randomUUID()}`;
  try {
    await rename(lockFile, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = parseOwner(await readFile(aside, 'utf8').catch(() => ''));
  if (moved !== null && moved.token !== stale?.token) await link(aside, lockFile).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Creates the lock file; false when it exists. */
async function tryCreate(lockFile: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockFile, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

/** Runs `work` holding the history file's lock; waits for another holder, breaks an abandoned lock. */
export async function withHistoryLock<T>(
  file: string,
  work: () => Promise<T>,
  options: HistoryLockOptions = {},
): Promise<T> {
  const lockFile = lockFileOf(file);
  const waitMs = options.waitMs ?? 15_000;
  const staleMs = options.staleMs ?? 30_000;
  const owner: LockOwner = {
    token: randomUUID(),
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  };
  const started = Date.now();
  for (let pause = 5; !(await tryCreate(lockFile, owner)); pause = Math.min(pause * 2, 100)) {
    const lock = await readLock(lockFile);
    if (lock === null) continue;
    if (isStale(lock, staleMs)) {
      await breakStale(lockFile, lock.owner);
      continue;
    }
    if (Date.now() - started > waitMs)
      throw new HistoryLockTimeout(lockFile, lock.owner, Date.now() - started);
    await sleep(pause);
  }
  // Touched while held, so a long write is never taken for an abandoned one.
  const heartbeat = setInterval(() => {
    const now = new Date();
    void utimes(lockFile, now, now).catch(() => undefined);
  }, staleMs / 4);
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    // Only our own lock is removed: one broken meanwhile by a process that judged us dead stays.
    const current = await readLock(lockFile).catch(() => null);
    if (current?.owner?.token === owner.token) await unlink(lockFile).catch(() => undefined);
  }
}
