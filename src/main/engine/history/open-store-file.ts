/** Opening the history's file: under its lock, with a bad file moved aside and the user told, in one sentence, what happened. */
import { errorMessage } from '../../../shared/format';
import type { Database, SqlJsStatic } from 'sql.js';
import { registerInstance, sharedHistoryNotice, type InstanceRegistration } from './history-instances';
import { HistoryLockTimeout, withHistoryLock, type HistoryLockOptions } from './history-lock';
import {
  copyAside,
  describeFileError,
  ensureFolder,
  moveAside,
  readStoreFile,
  removeLeftoverTemps,
  replaceFileAtomically,
  type StoreFileSystem,
} from './store-file';
import { salvageRows } from './store-integrity';
import { ROW_TABLES, verifyRows, type DamagedRow } from './row-checks';
import { createHistoryDatabase, openHistoryDatabase, type OpenedHistory } from './store-schema';

/** The database read from the file, whether to keep saving to it, and what to tell the user. */
export interface OpenedFile {
  readonly db: Database;
  /** Rows that failed their check (see row-checks), by run id. */
  readonly damaged: Map<string, DamagedRow>;
  readonly persist: boolean;
  readonly notices: readonly string[];
  /** This process's entry among the history's users; null when the history is not saved. */
  readonly instance: InstanceRegistration | null;
}

async function readOrMoveAside(
  file: string,
  sql: SqlJsStatic,
  fs: StoreFileSystem,
): Promise<{
  readonly db: Database;
  readonly damaged: Map<string, DamagedRow>;
  readonly persist: boolean;
  readonly notice: string | null;
}> {
  // Under the lock: no other process is half-way through a write, so any temp file is a crash's leftover.
  await removeLeftoverTemps(file, fs);
  const contents = await readStoreFile(file, fs);
  const empty = (): Map<string, DamagedRow> => new Map();
  if (contents.kind === 'missing')
    return { db: createHistoryDatabase(sql), damaged: empty(), persist: true, notice: null };
  const opened =
    contents.kind === 'bytes'
      ? verifiedHistory(sql, contents.bytes)
      : { ok: false as const, reason: contents.reason };
  if (opened.ok) return { db: opened.db, damaged: opened.damaged, persist: true, notice: null };
  if (contents.kind === 'bytes' && opened.salvageable) {
    const salvaged = await salvage(file, contents.bytes, opened.reason, sql, fs).catch(() => null);
    if (salvaged) return salvaged;
  }
  const because = `The run history at ${file} could not be opened because ${opened.reason}`;
  try {
    const aside = await moveAside(file, fs);
    const notice = `${because}, so it was moved to ${aside} and the app started with an empty history.`;
    return { db: createHistoryDatabase(sql), damaged: empty(), persist: true, notice };
  } catch (error) {
    const notice = `${because} and could not be moved aside (${describeFileError(error)}), so it was left in place and runs from this session will not be saved.`;
    return { db: createHistoryDatabase(sql), damaged: empty(), persist: false, notice };
  }
}

/**
 * Copies the rows that can still be read out of a file whose pages are damaged into a fresh one,
 * which replaces it; the damaged bytes are kept beside it. In this order, so that a crash at any
 * point leaves either the old file or the new one in place, and the damaged copy.
 */
async function salvage(
  file: string,
  bytes: Uint8Array,
  reason: string,
  sql: SqlJsStatic,
  fs: StoreFileSystem,
): Promise<{ db: Database; damaged: Map<string, DamagedRow>; persist: boolean; notice: string } | null> {
  const db = createHistoryDatabase(sql);
  const copied = salvageRows(sql, bytes, db, [
    ...Object.values(ROW_TABLES),
    { table: 'row_checks', columns: ['kind', 'run_id', 'crc'] },
  ]);
  if (copied === null) {
    db.close();
    return null;
  }
  const aside = await copyAside(file, bytes, fs);
  const damaged = verifyRows(db);
  await replaceFileAtomically(file, db.export(), fs);
  const runs = (copied.get('runs') ?? 0) + (copied.get('lesson_runs') ?? 0);
  const notice = `The run history at ${file} was damaged (${reason.replace(/^it is damaged \(|\)$/g, '')}): the ${runs} run${runs === 1 ? '' : 's'} that could still be read were copied into a fresh file, and the damaged one was kept as ${aside}.`;
  return { db, damaged, persist: true, notice };
}

/**
 * Opens the bytes of a history file and checks every row. A file so damaged that reading its rows
 * fails (SQLite's own check missed it) is not a history this version can use.
 */
export function verifiedHistory(
  sql: SqlJsStatic,
  bytes: Uint8Array,
):
  | { readonly ok: true; readonly db: Database; readonly damaged: Map<string, DamagedRow> }
  | Extract<OpenedHistory, { readonly ok: false }> {
  const opened = openHistoryDatabase(sql, bytes);
  if (!opened.ok) return opened;
  try {
    return { ok: true, db: opened.db, damaged: verifyRows(opened.db) };
  } catch (error) {
    opened.db.close();
    return { ok: false, reason: `it is damaged (${errorMessage(error)})` };
  }
}

/** Opens the database at `file`, or explains in one sentence why the store starts empty or unsaved. */
export async function openStoreFile(
  file: string,
  sql: SqlJsStatic,
  fs: StoreFileSystem,
  lock: HistoryLockOptions,
): Promise<OpenedFile> {
  const folderProblem = await ensureFolder(file);
  if (folderProblem) {
    const notice = `The run history folder for ${file} could not be created (${folderProblem}), so runs from this session will not be saved.`;
    return {
      db: createHistoryDatabase(sql),
      damaged: new Map(),
      persist: false,
      notices: [notice],
      instance: null,
    };
  }
  let opened;
  try {
    opened = await withHistoryLock(file, () => readOrMoveAside(file, sql, fs), lock);
  } catch (error) {
    if (!(error instanceof HistoryLockTimeout)) throw error;
    const notice = `The run history at ${file} could not be opened because ${error.message}, so runs from this session will not be saved.`;
    return {
      db: createHistoryDatabase(sql),
      damaged: new Map(),
      persist: false,
      notices: [notice],
      instance: null,
    };
  }
  const instance = opened.persist ? await registerInstance(file) : null;
  const shared = instance ? sharedHistoryNotice(file, instance.others) : null;
  const notices = [opened.notice, shared].filter((notice): notice is string => notice !== null);
  return { db: opened.db, damaged: opened.damaged, persist: opened.persist, notices, instance };
}
