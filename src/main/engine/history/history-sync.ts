/**
 * Keeps a history database in memory and its file on disk in step when other processes write the
 * same file (the app and `concurrency-lab serve` share one data folder by default).
 *
 * Design: merge on write under a lock. Every change is applied in memory at once (so it is listed at
 * once) and kept as a replayable mutation until it is on disk. A write takes the file's lock
 * (history-lock), re-reads the file if anyone else replaced it since this process last saw it,
 * replays the unsaved mutations on what it read, and replaces the file atomically. So a save never
 * overwrites another process's save: each acknowledged save survives whatever the others do. Reads
 * re-read the file when it changed, so each instance lists the other's runs as they are saved.
 */
import { stat } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import { withHistoryLock, type HistoryLockOptions } from './history-lock';
import { errorCode, readStoreFile, replaceFileAtomically, type StoreFileSystem } from './store-file';
import { verifyRows, type DamagedRow } from './row-checks';
import { openHistoryDatabase } from './store-schema';

/** A change to the database that can be applied again on a fresher copy of it (INSERT OR REPLACE, DELETE). */
export type Mutation = (db: Database) => void;

/** Identifies one version of the file: every atomic replacement changes at least one of these. */
interface FileStamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What the synchronised store provides. */
export interface SyncHost {
  /** The database in memory. */
  current(): Database;
  /** Takes a database freshly read from disk, with its damaged rows (and closes the old one). */
  adopt(db: Database, damaged: Map<string, DamagedRow>): void;
  /** Runs before each write: retention (evicting the oldest runs), on the merged database. */
  beforeWrite(db: Database): void;
}

async function stampOf(file: string): Promise<FileStamp | null> {
  try {
    const { ino, size, mtimeMs } = await stat(file);
    return { ino, size, mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  return (
    a === b || (a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs)
  );
}

/** Writes a history file merged with what other processes wrote, one write at a time in this process. */
export class HistorySync {
  private unsaved: Mutation[] = [];
  private inFlight: readonly Mutation[] = [];
  private last: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | null = null;
  private vacuum = false;

  private constructor(
    private readonly file: string,
    private readonly sql: SqlJsStatic,
    private readonly fs: StoreFileSystem,
    private readonly host: SyncHost,
    private readonly lock: HistoryLockOptions,
    private seen: FileStamp | null,
  ) {}

  /** Starts keeping `file` in step with the host's database, which was just read from it. */
  static async start(
    file: string,
    sql: SqlJsStatic,
    fs: StoreFileSystem,
    host: SyncHost,
    lock: HistoryLockOptions = {},
  ): Promise<HistorySync> {
    return new HistorySync(file, sql, fs, host, lock, await stampOf(file));
  }

  /**
   * Applies a change in memory now and resolves once it is on disk. Changes made while a write is
   * in progress share the next one, so a burst costs at most two writes.
   */
  commit(mutation: Mutation, options: { readonly vacuum?: boolean } = {}): Promise<void> {
    mutation(this.host.current());
    this.unsaved.push(mutation);
    // Rebuilds the file without deleted rows' pages: what the user deleted is gone from the disk too.
    if (options.vacuum) this.vacuum = true;
    if (this.waiting) return this.waiting;
    const next = this.last
      .catch(() => undefined)
      .then(() => {
        this.waiting = null;
        return this.write();
      });
    this.waiting = next;
    this.last = next;
    return next;
  }

  /** Re-reads the file if another process replaced it since; waits for a write in progress first. */
  refresh(): Promise<void> {
    const next = this.last
      .catch(() => undefined)
      .then(async () => {
        if (!sameStamp(await stampOf(this.file), this.seen)) await this.reload();
      });
    this.last = next;
    return next;
  }

  /** Resolves when no write is in progress or waiting. */
  async idle(): Promise<void> {
    await this.last.catch(() => undefined);
  }

  private async write(): Promise<void> {
    this.inFlight = this.unsaved;
    this.unsaved = [];
    const vacuum = this.vacuum;
    this.vacuum = false;
    try {
      await withHistoryLock(
        this.file,
        async () => {
          if (!sameStamp(await stampOf(this.file), this.seen)) await this.reload();
          const db = this.host.current();
          this.host.beforeWrite(db);
          if (vacuum) db.exec('VACUUM');
          await replaceFileAtomically(this.file, db.export(), this.fs);
          this.seen = await stampOf(this.file);
        },
        this.lock,
      );
    } catch (error) {
      // Still in memory: the next write tries them again.
      this.unsaved = [...this.inFlight, ...this.unsaved];
      this.vacuum ||= vacuum;
      throw error;
    } finally {
      this.inFlight = [];
    }
  }

  /**
   * Reads the file another process wrote and replays this process's unsaved changes on it. A file
   * that cannot be read is left alone: this process's copy is written over it only under the lock,
   * and it was whole when this process opened it, so the other writer's file is the one to distrust.
   */
  private async reload(): Promise<void> {
    const stamp = await stampOf(this.file);
    const contents = await readStoreFile(this.file, this.fs);
    if (contents.kind !== 'bytes') {
      this.seen = stamp;
      return;
    }
    this.seen = stamp;
    const opened = openHistoryDatabase(this.sql, contents.bytes);
    if (!opened.ok) return;
    for (const mutation of [...this.inFlight, ...this.unsaved]) mutation(opened.db);
    let damaged: Map<string, DamagedRow>;
    try {
      // After the replay: a damaged row this process deleted is gone, not listed.
      damaged = verifyRows(opened.db);
    } catch {
      opened.db.close();
      return;
    }
    this.host.adopt(opened.db, damaged);
  }
}
