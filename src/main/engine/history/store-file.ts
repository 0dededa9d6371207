/** The store's file on disk: atomic replacement, one write at a time, and moving a bad file aside. */
import { lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from '../../../shared/format';

/** The file operations the store needs; tests replace one to simulate a crash or a refusal. */
export interface StoreFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Writes the whole file and flushes it to the disk before resolving. */
  writeFileSynced(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Flushes a folder's entries (a rename) to the disk; platforms that cannot reject with EISDIR or EPERM. */
  syncDir(dir: string): Promise<void>;
  remove(path: string): Promise<void>;
}

// Windows cannot open a folder for fsync (EISDIR/EPERM), some file systems refuse it (EINVAL).
const DIR_SYNC_REFUSED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP']);

/** The real file system. */
export const nodeStoreFileSystem: StoreFileSystem = {
  readFile: (path) => readFile(path),
  async writeFileSynced(path, data) {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  async syncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  remove: (path) => rm(path, { recursive: true, force: true }),
};

/** The code of a Node system error ('ENOENT'...), or '' for anything else. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return '';
}

/** A system error in words, for a notice or a rejection. */
export function describeFileError(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'a folder is in the way';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return errorMessage(error);
  }
}

let tempCounter = 0;

function tempPrefix(file: string): string {
  return `${basename(file)}.tmp-`;
}

/**
 * Replaces `file` with `data` so that a crash at any point leaves either the old file or the new
 * one: write a temp file beside it, flush it, rename it over the file, flush the folder.
 */
export async function replaceFileAtomically(
  file: string,
  data: Uint8Array,
  fs: StoreFileSystem,
): Promise<void> {
  tempCounter += 1;
  const temp = join(dirname(file), `${tempPrefix(file)}${process.pid}-${tempCounter}`);
  try {
    await fs.writeFileSynced(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
  try {
    await fs.syncDir(dirname(file));
  } catch (error) {
    if (!DIR_SYNC_REFUSED.has(errorCode(error))) throw error;
  }
}

/** Deletes temp files a crashed write left beside `file`; returns how many there were. */
export async function removeLeftoverTemps(file: string, fs: StoreFileSystem): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return 0;
  }
  const leftovers = names.filter((name) => name.startsWith(tempPrefix(file)));
  await Promise.all(leftovers.map((name) => fs.remove(join(dirname(file), name)).catch(() => undefined)));
  return leftovers.length;
}

/** What is at the store's path. */
export type StoreFileContents =
  | { readonly kind: 'missing' }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Reads the store's file, telling a missing file from one that cannot be read. */
export async function readStoreFile(file: string, fs: StoreFileSystem): Promise<StoreFileContents> {
  try {
    return { kind: 'bytes', bytes: await fs.readFile(file) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: describeFileError(error) };
  }
}

/** Creates the folder that holds `file`; returns the problem in words, or null. */
export async function ensureFolder(file: string): Promise<string | null> {
  try {
    await mkdir(dirname(file), { recursive: true });
    return null;
  } catch (error) {
    return describeFileError(error);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** A free `<file>.corrupt-<timestamp>` name: rename() silently replaces, and an earlier bad file must not be lost. */
async function asideName(file: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 2; await exists(target); n += 1) target = `${file}.corrupt-${stamp}-${n}`;
  return target;
}

/** Renames a bad file (or folder) to `<file>.corrupt-<timestamp>`; returns the new path. */
export async function moveAside(file: string, fs: StoreFileSystem, now = new Date()): Promise<string> {
  const target = await asideName(file, now);
  await fs.rename(file, target);
  return target;
}

/** Writes a copy of a bad file's bytes to `<file>.corrupt-<timestamp>`, leaving the file in place; returns the copy's path. */
export async function copyAside(
  file: string,
  bytes: Uint8Array,
  fs: StoreFileSystem,
  now = new Date(),
): Promise<string> {
  const target = await asideName(file, now);
  await fs.writeFileSynced(target, bytes);
  return target;
}
