/** The pipeline's sink: rows written into an in-memory SQLite database (sql.js), and the exactly-once check run on it. */
import type { ExactlyOnceCheck } from '../../../../shared/lessons/pipeline';
import type { Database, Statement } from 'sql.js';
import { loadSqlJs } from '../../history/sql-engine';

/** One written row: an item's id, its transformed value, and which consumer wrote it. */
export interface SinkRow {
  readonly id: number;
  readonly digest: number;
  readonly consumer: number;
}

const EXAMPLES = 10;

/** An in-memory SQLite table of pipeline rows. */
export class SqliteSink {
  private readonly insert: Statement;

  private constructor(private readonly db: Database) {
    // No primary key on purpose: a duplicate must land as a second row and be counted, not be refused.
    db.run('CREATE TABLE items (id INTEGER NOT NULL, digest INTEGER NOT NULL, consumer INTEGER NOT NULL)');
    db.run('CREATE INDEX items_by_id ON items (id)');
    this.insert = db.prepare('INSERT INTO items (id, digest, consumer) VALUES (?, ?, ?)');
  }

  /** Opens an empty database (loading SQLite's WebAssembly the first time in this process). */
  static async open(): Promise<SqliteSink> {
    const sql = await loadSqlJs();
    return new SqliteSink(new sql.Database());
  }

  /** Inserts one row. */
  write(row: SinkRow): void {
    this.insert.run([row.id, row.digest, row.consumer]);
  }

  /** Checks that ids 0 … expected − 1 each have exactly one row and no other id has any. */
  check(expected: number): ExactlyOnceCheck {
    const [rows, distinctIds, known] = this.numbers(
      'SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT CASE WHEN id >= 0 AND id < ? THEN id END) FROM items',
      [expected],
    );
    const unknown = this.numbers('SELECT COUNT(*) FROM items WHERE id < 0 OR id >= ?', [expected])[0]!;
    const missing = expected - known!;
    const duplicates = rows! - distinctIds!;
    const missingIds =
      missing === 0
        ? []
        : this.column(
            `WITH RECURSIVE ids(i) AS (SELECT 0 WHERE ? > 0 UNION ALL SELECT i + 1 FROM ids WHERE i + 1 < ?)
       SELECT i FROM ids WHERE NOT EXISTS (SELECT 1 FROM items WHERE id = i) LIMIT ${EXAMPLES}`,
            [expected, expected],
          );
    const duplicateIds =
      duplicates === 0
        ? []
        : this.column(
            `SELECT id FROM items GROUP BY id HAVING COUNT(*) > 1 ORDER BY id LIMIT ${EXAMPLES}`,
            [],
          );
    return {
      expected,
      rows: rows!,
      distinctIds: distinctIds!,
      duplicates,
      missing,
      unknown,
      missingIds,
      duplicateIds,
      exactlyOnce: rows === expected && distinctIds === expected && missing === 0 && unknown === 0,
    };
  }

  /** The digests written for some ids. */
  digests(ids: readonly number[]): Map<number, number> {
    const found = new Map<number, number>();
    const select = this.db.prepare('SELECT id, digest FROM items WHERE id = ?');
    try {
      for (const id of ids) {
        select.bind([id]);
        while (select.step()) {
          const [rowId, digest] = select.get() as number[];
          found.set(rowId!, digest!);
        }
        select.reset();
      }
    } finally {
      select.free();
    }
    return found;
  }

  /** Frees the database. */
  close(): void {
    this.insert.free();
    this.db.close();
  }

  private numbers(sql: string, params: number[]): number[] {
    const [result] = this.db.exec(sql, params);
    return (result?.values[0] ?? []).map(Number);
  }

  private column(sql: string, params: number[]): number[] {
    const [result] = this.db.exec(sql, params);
    return (result?.values ?? []).map((row) => Number(row[0]));
  }
}
