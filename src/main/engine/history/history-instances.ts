/**
 * Which processes have a history file open: each leaves a small file beside it while it does, so an
 * instance that opens the history can tell the user that another one uses it too. Files of processes
 * that died on this machine are cleared; those of other machines are trusted for a day.
 */
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { isAlive } from './history-lock';

/** Entries older than this from another machine are taken for leftovers of a crash. */
const FOREIGN_STALE_MS = 24 * 60 * 60 * 1000;

/** Another process that has the history open. */
export interface OtherInstance {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** This process's entry, and the others found when it was made. */
export interface InstanceRegistration {
  readonly others: readonly OtherInstance[];
  /** Removes this process's entry (when the history is closed). */
  release(): Promise<void>;
}

/** An unreadable entry a few seconds old is one being written, not a leftover. */
async function isOld(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > 10_000;
}

function prefixOf(file: string): string {
  return `${basename(file)}.open-`;
}

/** Registers this process as a user of `file` and lists the other live users. */
export async function registerInstance(file: string): Promise<InstanceRegistration> {
  const folder = dirname(file);
  const prefix = prefixOf(file);
  const host = hostname();
  const others: OtherInstance[] = [];
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const path = join(folder, name);
    let entry: OtherInstance | null = null;
    try {
      entry = JSON.parse(await readFile(path, 'utf8')) as OtherInstance;
    } catch {
      // Unreadable: a crash while it was written; removed below like a dead one.
    }
    if (entry?.pid === process.pid && entry.host === host) continue;
    const local = entry?.host === host;
    const gone =
      entry === null
        ? await isOld(path)
        : local
          ? !isAlive(entry.pid)
          : Date.now() - Date.parse(entry.since) > FOREIGN_STALE_MS;
    if (gone) await unlink(path).catch(() => undefined);
    else if (entry) others.push(entry);
  }
  const own = join(folder, `${prefix}${host}-${process.pid}`);
  const self: OtherInstance = { pid: process.pid, host, since: new Date().toISOString() };
  const written = await writeFile(own, JSON.stringify(self)).then(
    () => true,
    () => false,
  );
  return {
    others,
    release: async () => {
      if (written) await unlink(own).catch(() => undefined);
    },
  };
}

/** The notice a second instance shows: what sharing the history means, in one sentence. */
export function sharedHistoryNotice(file: string, others: readonly OtherInstance[]): string | null {
  if (others.length === 0) return null;
  const who = others
    .map((other) => `process ${other.pid}${other.host === hostname() ? '' : ` on ${other.host}`}`)
    .join(', ');
  return `Another Concurrency Lab (${who}) uses the run history at ${file} too: runs saved by either are kept — each save merges with what is on disk — and each lists the other's runs as they are saved.`;
}
