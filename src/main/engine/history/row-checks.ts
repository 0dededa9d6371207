/**
 * Checksums of the stored rows, so that a row damaged on disk is found when the history is opened —
 * listed as damaged, with what is wrong, and deletable — instead of failing later with a raw parse
 * error. They live in a table of their own: older versions of the app read and write the file
 * unchanged (a row they save has no checksum and is checked by parsing, then given one).
 */
import { crc32 } from 'node:zlib';
import type { Database, SqlValue } from 'sql.js';
import { LESSON_COLUMNS, RUN_COLUMNS } from './store-schema';

/** Which table a row is in: races of models, or lesson runs. */
export type RowKind = 'race' | 'lesson';

/** A stored row that cannot be trusted, and why. */
export interface DamagedRow {
  readonly kind: RowKind;
  /** Its id as listed: its stored id when that is still text, else one made from where it is stored. */
  readonly runId: string;
  /** Where it is stored, and the checksum of what is stored there now: deleting it deletes exactly that. */
  readonly rowid: number;
  readonly contentCrc: number;
  readonly startedAt: string;
  readonly title: string;
  /** What is wrong, in words that follow "it" ("no longer matches the checksum saved with it"). */
  readonly problem: string;
}

/** A stored run that cannot be read: it is listed as damaged and can only be deleted. */
export class DamagedRunError extends Error {
  constructor(readonly row: DamagedRow) {
    super(
      `run ${row.runId} is damaged in the run history (it ${row.problem}): it cannot be opened or exported; delete it`,
    );
    this.name = 'DamagedRunError';
  }
}

/** The table and columns of each kind, in the order their checksum covers them. */
export const ROW_TABLES: Readonly<
  Record<RowKind, { readonly table: string; readonly columns: readonly string[] }>
> = {
  race: { table: 'runs', columns: RUN_COLUMNS },
  lesson: { table: 'lesson_runs', columns: LESSON_COLUMNS },
};

/** CRC-32 of a row's values in column order, each tagged with its type and length so no two rows collide by shifting bytes. */
export function rowChecksum(values: readonly SqlValue[]): number {
  let crc = 0;
  for (const value of values) {
    const bytes =
      value instanceof Uint8Array ? value : Buffer.from(value === null ? '' : String(value), 'utf8');
    const tag =
      value === null ? 'z' : value instanceof Uint8Array ? 'b' : typeof value === 'number' ? 'n' : 's';
    crc = crc32(`${tag}${bytes.length}:`, crc);
    crc = crc32(bytes, crc);
  }
  return crc;
}

/** Saves the checksum of a row just written with these values. */
export function recordCheck(db: Database, kind: RowKind, runId: string, values: readonly SqlValue[]): void {
  db.run('INSERT OR REPLACE INTO row_checks (kind, run_id, crc) VALUES (?, ?, ?)', [
    kind,
    runId,
    rowChecksum(values),
  ]);
}

/** Forgets the checksum of a deleted row. */
export function forgetCheck(db: Database, kind: RowKind, runId: string): void {
  db.run('DELETE FROM row_checks WHERE kind = ? AND run_id = ?', [kind, runId]);
}

function text(value: SqlValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function parses(text: SqlValue, shape: 'object' | 'array'): boolean {
  if (typeof text !== 'string') return false;
  try {
    const value: unknown = JSON.parse(text);
    return shape === 'array' ? Array.isArray(value) : typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

/** For a row without a checksum (saved by an older version): what parsing finds wrong, or null. */
function shapeProblem(kind: RowKind, row: Readonly<Record<string, SqlValue>>): string | null {
  if (typeof row.run_id !== 'string' || typeof row.started_at !== 'string')
    return 'has no readable id or start time';
  if (kind === 'lesson') return row.record instanceof Uint8Array ? null : 'has no stored record';
  if (!parses(row.summary ?? null, 'object')) return 'has a summary that is not readable';
  if (!parses(row.models ?? null, 'array') || !parses(row.params ?? null, 'object'))
    return 'has settings that are not readable';
  return row.result instanceof Uint8Array ? null : 'has no stored timeline';
}

/** A damaged row as found at `rowid`, listed under its stored id when that is unique text. */
function damagedRow(
  kind: RowKind,
  row: Readonly<Record<string, SqlValue>>,
  values: readonly SqlValue[],
  problem: string,
  taken: ReadonlyMap<string, DamagedRow>,
): DamagedRow {
  const rowid = Number(row.rowid_);
  const stored = text(row.run_id);
  return {
    kind,
    runId: stored !== '' && !taken.has(stored) ? stored : `damaged-${kind}-${rowid}`,
    rowid,
    contentCrc: rowChecksum(values),
    startedAt: text(row.started_at),
    title: text(row.title),
    problem,
  };
}

/** Selects the rows of a kind with their rowid and checksum: every column by name, so a damaged type cannot shift them. */
function selectRows(kind: RowKind, where = ''): string {
  const { table, columns } = ROW_TABLES[kind];
  return `SELECT t.rowid AS rowid_, ${columns.map((c) => `t.${c}`).join(', ')}, c.crc AS crc FROM ${table} t
     LEFT JOIN row_checks c ON c.kind = '${kind}' AND c.run_id = t.run_id ${where}`;
}

/**
 * Checks every row: against its checksum where it has one, by parsing where it has none (and then
 * gives it one, so later damage is caught). Returns the damaged rows by their listed id.
 */
export function verifyRows(db: Database): Map<string, DamagedRow> {
  const damaged = new Map<string, DamagedRow>();
  for (const kind of ['race', 'lesson'] as const) {
    const { table, columns } = ROW_TABLES[kind];
    const statement = db.prepare(selectRows(kind));
    const unchecked: { row: Record<string, SqlValue>; values: SqlValue[] }[] = [];
    try {
      while (statement.step()) {
        const row = statement.getAsObject();
        const values = columns.map((column) => row[column] ?? null);
        const problem =
          typeof row.crc === 'number'
            ? rowChecksum(values) === row.crc
              ? null
              : 'no longer matches the checksum saved with it'
            : shapeProblem(kind, row);
        if (problem === null && typeof row.crc !== 'number') unchecked.push({ row, values });
        if (problem === null) continue;
        const found = damagedRow(kind, row, values, problem, damaged);
        damaged.set(found.runId, found);
      }
    } finally {
      statement.free();
    }
    // A checksum no row claims means a row's id was damaged: then no row without one can be trusted.
    const orphaned = Number(
      db.exec(
        `SELECT count(*) FROM row_checks c WHERE c.kind = ? AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.run_id = c.run_id)`,
        [kind],
      )[0]?.values[0]?.[0] ?? 0,
    );
    for (const { row, values } of unchecked) {
      if (orphaned === 0) recordCheck(db, kind, text(row.run_id), values);
      else {
        const found = damagedRow(kind, row, values, 'has an id that no longer matches any checksum', damaged);
        damaged.set(found.runId, found);
      }
    }
  }
  return damaged;
}

/** The row stored under `runId` as a damaged one, found damaged when it was read (`problem`); undefined when there is none. */
export function damagedRowOf(
  db: Database,
  kind: RowKind,
  runId: string,
  problem: string,
): DamagedRow | undefined {
  const statement = db.prepare(selectRows(kind, 'WHERE t.run_id = ?'));
  try {
    statement.bind([runId]);
    if (!statement.step()) return undefined;
    const row = statement.getAsObject();
    return damagedRow(
      kind,
      row,
      ROW_TABLES[kind].columns.map((column) => row[column] ?? null),
      problem,
      new Map(),
    );
  } finally {
    statement.free();
  }
}

/** Deletes a damaged row: the row at its rowid, only while it still holds what was found damaged there. */
export function deleteDamaged(db: Database, row: DamagedRow): void {
  const { table, columns } = ROW_TABLES[row.kind];
  const stored = db.exec(`SELECT ${columns.join(', ')} FROM ${table} WHERE rowid = ?`, [row.rowid])[0]
    ?.values[0];
  if (stored && rowChecksum(stored) === row.contentCrc)
    db.run(`DELETE FROM ${table} WHERE rowid = ?`, [row.rowid]);
}
