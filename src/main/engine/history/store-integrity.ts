/**
 * Whether SQLite can use a history file's pages, and copying the rows out of one it cannot. SQLite's
 * integrity check misses some damage (a flipped byte in an index page can pass it yet fail every
 * query through that index), so the queries the store runs are tried as well.
 */
import { errorMessage } from '../../../shared/format';
import type { Database, SqlJsStatic } from 'sql.js';

/** Every way the store reads each table: by index, in order, and by full scan. */
const PROBES = [
  'SELECT count(*) FROM runs',
  "SELECT run_id FROM runs WHERE run_id = ''",
  'SELECT run_id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1',
  'SELECT count(*) FROM lesson_runs',
  "SELECT run_id FROM lesson_runs WHERE run_id = ''",
  'SELECT run_id FROM lesson_runs ORDER BY started_at DESC, rowid DESC LIMIT 1',
  'SELECT count(*) FROM row_checks',
  "SELECT crc FROM row_checks WHERE kind = '' AND run_id = ''",
];

function check(db: Database): string | null {
  const first = db.exec('PRAGMA integrity_check')[0]?.values[0]?.[0];
  if (first !== 'ok') return String(first);
  try {
    for (const probe of PROBES) db.exec(probe);
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * What SQLite finds wrong with the file, or null. An index out of step with its table (a flipped
 * key) is rebuilt from the table first: the rows themselves are then checked one by one (row-checks).
 */
export function integrityProblem(db: Database): string | null {
  if (check(db) === null) return null;
  try {
    db.exec('REINDEX');
  } catch {
    // The damage is beyond what rebuilding the indexes mends: the check below says how.
  }
  return check(db);
}

/** The tables a salvage copies, with their columns. */
export type SalvageTables = readonly { readonly table: string; readonly columns: readonly string[] }[];

/**
 * Copies every row that can still be read from a damaged file into `target` (a fresh history), by
 * scanning each table without its indexes; a table whose scan breaks keeps the rows read before the
 * break. Returns how many rows were copied, or null when the file cannot be opened at all.
 */
export function salvageRows(
  sql: SqlJsStatic,
  bytes: Uint8Array,
  target: Database,
  tables: SalvageTables,
): Map<string, number> | null {
  let source: Database;
  try {
    source = new sql.Database(bytes);
  } catch {
    return null;
  }
  const copied = new Map<string, number>();
  try {
    for (const { table, columns } of tables) {
      let count = 0;
      const insert = target.prepare(
        `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      try {
        const scan = source.prepare(`SELECT ${columns.join(', ')} FROM ${table} NOT INDEXED`);
        try {
          while (scan.step()) {
            insert.run(scan.get());
            count++;
          }
        } finally {
          scan.free();
        }
      } catch {
        // The rest of this table is unreadable: what was copied stays.
      } finally {
        insert.free();
      }
      copied.set(table, count);
    }
  } finally {
    try {
      source.close();
    } catch {
      // Closing a damaged file may fail; nothing was written to it.
    }
  }
  return copied;
}
