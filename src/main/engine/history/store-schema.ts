/** The history database's layout, and the checks that tell our database from anything else at its path. */
import type { Database, SqlJsStatic } from 'sql.js';
import { errorMessage } from '../../../shared/format';
import { integrityProblem } from './store-integrity';

/**
 * Bumped whenever the layout changes; kept in the file's `PRAGMA user_version`.
 * 1: runs. 2: adds lesson_runs (a version 1 file is upgraded in place when opened).
 */
export const SCHEMA_VERSION = 2;

/** The columns of a race's row, in the order its checksum covers them (see row-checks). */
export const RUN_COLUMNS = [
  'run_id',
  'started_at',
  'scenario',
  'title',
  'state',
  'models',
  'verdict',
  'params',
  'summary',
  'result',
  'result_encoding',
  'result_bytes',
] as const;

/** The columns of a lesson run's row, in the order its checksum covers them. */
export const LESSON_COLUMNS = [
  'run_id',
  'started_at',
  'lesson',
  'title',
  'settings',
  'verdict',
  'record',
  'record_bytes',
] as const;

/** A lesson run is JSON+gzip like a race (a long pipeline run charts 20 points a second). */
const CREATE_LESSON_RUNS = `
  CREATE TABLE IF NOT EXISTS lesson_runs (
    run_id TEXT PRIMARY KEY NOT NULL,
    started_at TEXT NOT NULL,
    lesson TEXT NOT NULL,
    title TEXT NOT NULL,
    settings TEXT NOT NULL,
    verdict TEXT NOT NULL,
    record BLOB NOT NULL,
    record_bytes INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS lesson_runs_by_start ON lesson_runs (started_at);
`;

/**
 * One checksum per row (see row-checks), in a table of its own so that versions without it read and
 * write the file unchanged; created in every history this version opens, without a schema bump.
 */
const CREATE_ROW_CHECKS = `
  CREATE TABLE IF NOT EXISTS row_checks (
    kind TEXT NOT NULL,
    run_id TEXT NOT NULL,
    crc INTEGER NOT NULL,
    PRIMARY KEY (kind, run_id)
  );
`;

const CREATE = `
  CREATE TABLE runs (
    run_id TEXT PRIMARY KEY NOT NULL,
    started_at TEXT NOT NULL,
    scenario TEXT NOT NULL,
    title TEXT NOT NULL,
    state TEXT NOT NULL,
    models TEXT NOT NULL,
    verdict TEXT NOT NULL,
    params TEXT NOT NULL,
    summary TEXT NOT NULL,
    result BLOB NOT NULL,
    result_encoding TEXT NOT NULL,
    result_bytes INTEGER NOT NULL
  );
  CREATE INDEX runs_by_start ON runs (started_at);
  ${CREATE_LESSON_RUNS}
  ${CREATE_ROW_CHECKS}
  PRAGMA user_version = ${SCHEMA_VERSION};
`;

const SQLITE_HEADER = 'SQLite format 3\0';

/** A new, empty history database. */
export function createHistoryDatabase(sql: SqlJsStatic): Database {
  const db = new sql.Database();
  db.exec(CREATE);
  return db;
}

/** An opened history database, or why the bytes are not one (in words that finish "because ..."). */
export type OpenedHistory =
  | { readonly ok: true; readonly db: Database }
  | {
      readonly ok: false;
      readonly reason: string;
      /** Laid out as a history, but SQLite finds its pages damaged: its rows may still be copied out. */
      readonly salvageable?: boolean;
    };

/** Why the bytes cannot be a whole SQLite file, judged from the header alone; null when they can. */
function headerProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'it is empty';
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_HEADER)
    return 'it is not a SQLite database';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = view.getUint32(28);
  // SQLite would read the missing pages as zeros and might not notice until a query hits them.
  if (pages > 0 && bytes.length < pageSize * pages) return 'it is truncated';
  return null;
}

function hasLayout(db: Database, table: string, expected: readonly string[]): boolean {
  const columns = (db.exec(`PRAGMA table_info(${table})`)[0]?.values ?? []).map((row) => row[1]);
  return columns.length === expected.length && expected.every((name) => columns.includes(name));
}

/** Why the database is not a history this version can use, or null; a version 1 history is upgraded. */
function schemaProblem(db: Database): string | null {
  const version = db.exec('PRAGMA user_version')[0]?.values[0]?.[0];
  if (typeof version === 'number' && version > SCHEMA_VERSION)
    return `it was written by a newer version of the app (schema ${version}; this one reads ${SCHEMA_VERSION})`;
  if (version !== 1 && version !== SCHEMA_VERSION)
    return `it is not a run history of this app (schema version ${String(version)}, expected ${SCHEMA_VERSION})`;
  if (!hasLayout(db, 'runs', RUN_COLUMNS)) return 'its runs table has a different layout';
  // The upgrade lives in memory until the next save writes the whole file, atomically.
  if (version === 1) db.exec(`${CREATE_LESSON_RUNS} PRAGMA user_version = ${SCHEMA_VERSION};`);
  if (!hasLayout(db, 'lesson_runs', LESSON_COLUMNS)) return 'its lesson_runs table has a different layout';
  db.exec(CREATE_ROW_CHECKS);
  return null;
}

/** Opens the bytes of a history file, checking that they are whole and laid out as this version expects. */
export function openHistoryDatabase(sql: SqlJsStatic, bytes: Uint8Array): OpenedHistory {
  const header = headerProblem(bytes);
  if (header) return { ok: false, reason: header };
  let db: Database | null = null;
  try {
    db = new sql.Database(bytes);
    const problem = schemaProblem(db);
    if (problem !== null) {
      db.close();
      return { ok: false, reason: problem };
    }
    const damage = integrityProblem(db);
    if (damage === null) return { ok: true, db };
    db.close();
    return { ok: false, reason: `it is damaged (${damage})`, salvageable: true };
  } catch (error) {
    try {
      db?.close();
    } catch {
      // The reason below is what the user needs; a failed close of a damaged file adds nothing.
    }
    const message = errorMessage(error);
    // SQLite read the header but not every page: the rows it can still reach may be copied out.
    return {
      ok: false,
      reason: `it is damaged (${message})`,
      salvageable: /malformed|corrupt/i.test(message),
    };
  }
}
