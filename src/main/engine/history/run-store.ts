/**
 * The run history on disk: every finished run in one SQLite database (sql.js, WebAssembly) in the
 * app's data folder, shared safely by every process that opens it (see history-sync), every row
 * checked against its checksum when it is read from disk (see row-checks).
 */
import { errorMessage } from '../../../shared/format';
import type { Database, SqlValue } from 'sql.js';
import type { DamagedListItem, LessonListItem, RunListItem, RunView } from '../../../shared/views';
import {
  lessonHeadline,
  lessonSettings,
  lessonTitle,
  type LessonRun,
} from '../../../shared/lessons/registry';
import type { RunResult } from '../../../shared/results';
import type { InstanceRegistration } from './history-instances';
import type { HistoryLockOptions } from './history-lock';
import { HistorySync, type Mutation } from './history-sync';
import { openStoreFile } from './open-store-file';
import { damagedListItems, evictBeyond, insertRow, listLessonRows, listRaceRows } from './history-rows';
import {
  damagedRowOf,
  DamagedRunError,
  deleteDamaged,
  forgetCheck,
  ROW_TABLES,
  type DamagedRow,
  type RowKind,
} from './row-checks';

export { DamagedRunError } from './row-checks';
import { gunzipJson, gzipJson, gzipJsonCodec, type RunCodec } from './run-codec';
import { loadSqlJs } from './sql-engine';
import { describeFileError, nodeStoreFileSystem, type StoreFileSystem } from './store-file';
import { createHistoryDatabase } from './store-schema';

/** How a store is opened. */
export interface RunStoreOptions {
  /** The database file; null keeps the history in memory only. */
  readonly file: string | null;
  /** Told, in one sentence, when the file or its folder was unusable and what became of the file. */
  readonly onNotice?: (message: string) => void;
  /** Runs kept, and lesson runs kept; the oldest beyond it are deleted. 200 by default. */
  readonly limit?: number;
  /** Compressed bytes of races and lesson runs kept (the newest is always kept). 128 MiB by default. */
  readonly maxBytes?: number;
  /** The file operations; tests replace one to simulate a crash. */
  readonly fileSystem?: StoreFileSystem;
  /** How whole runs are stored; tests wrap it to count decompressions. */
  readonly codec?: RunCodec;
  /** How long to wait for another process's write, and when its lock counts as abandoned. */
  readonly lock?: HistoryLockOptions;
}

const DEFAULT_LIMIT = 200;
// sql.js keeps the whole database in WebAssembly memory and rewrites the file on every change.
const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function text(value: SqlValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Every finished run, kept across sessions and processes; writes are atomic and a bad file never stops the app. */
export class RunStore {
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;
  private damaged: Map<string, DamagedRow>;
  private sync: HistorySync | null = null;

  private constructor(
    private db: Database,
    /** Where the history is saved; null when it lives in memory only. */
    readonly file: string | null,
    private readonly limit: number,
    private readonly maxBytes: number,
    private readonly codec: RunCodec,
    private readonly instance: InstanceRegistration | null,
    damaged: Map<string, DamagedRow>,
  ) {
    this.damaged = damaged;
  }

  /** Opens (or creates) the history; a missing, corrupt or unreadable file gives an empty store, never an error. */
  static async open(options: RunStoreOptions): Promise<RunStore> {
    const limit = positiveInteger('limit', options.limit ?? DEFAULT_LIMIT);
    const maxBytes = positiveInteger('maxBytes', options.maxBytes ?? DEFAULT_MAX_BYTES);
    const fs = options.fileSystem ?? nodeStoreFileSystem;
    const codec = options.codec ?? gzipJsonCodec;
    const sql = await loadSqlJs();
    if (options.file === null)
      return new RunStore(createHistoryDatabase(sql), null, limit, maxBytes, codec, null, new Map());
    const opened = await openStoreFile(options.file, sql, fs, options.lock ?? {});
    for (const notice of opened.notices) options.onNotice?.(notice);
    const file = opened.persist ? options.file : null;
    const store = new RunStore(opened.db, file, limit, maxBytes, codec, opened.instance, opened.damaged);
    if (file !== null) {
      store.sync = await HistorySync.start(
        file,
        sql,
        fs,
        {
          current: () => store.db,
          adopt: (db, damaged) => store.adopt(db, damaged),
          beforeWrite: (db) => evictBeyond(db, store.limit, store.maxBytes),
        },
        options.lock,
      );
    }
    return store;
  }

  /** Saves a finished run (replacing one with the same id); resolves once it is on disk. */
  save(result: RunResult, view: RunView): Promise<void> {
    this.assertOpen();
    return this.track(
      this.codec.encode(result).then((blob) => {
        const values: SqlValue[] = [
          result.runId,
          result.startedAt,
          result.scenario,
          result.title,
          result.state,
          JSON.stringify(result.results.map((r) => r.model)),
          view.verdict,
          JSON.stringify(result.params),
          JSON.stringify(view),
          blob,
          this.codec.encoding,
          blob.byteLength,
        ];
        return this.commit((db) => insertRow(db, 'race', values));
      }),
    );
  }

  /** Saves a finished lesson run (replacing one with the same id); resolves once it is on disk. */
  saveLesson(run: LessonRun): Promise<void> {
    this.assertOpen();
    return this.track(
      gzipJson(run).then((blob) => {
        const values: SqlValue[] = [
          run.runId,
          run.startedAt,
          run.lesson,
          lessonTitle(run.lesson),
          lessonSettings(run),
          lessonHeadline(run),
          blob,
          blob.byteLength,
        ];
        return this.commit((db) => insertRow(db, 'lesson', values));
      }),
    );
  }

  /** Re-reads the history if another process saved to it since (before listing or opening runs). */
  async refresh(): Promise<void> {
    this.assertOpen();
    await this.sync?.refresh();
  }

  /** Every lesson run, newest first, without their records; damaged ones are in listDamaged(). */
  listLessons(): LessonListItem[] {
    this.assertOpen();
    return listLessonRows(this.db, this.damaged);
  }

  /** Every run that cannot be read any more, newest first: listed so that it can be deleted. */
  listDamaged(): DamagedListItem[] {
    this.assertOpen();
    return damagedListItems(this.damaged);
  }

  /** A whole lesson run, or undefined when there is none; a damaged one throws DamagedRunError. */
  async getLesson(runId: string): Promise<LessonRun | undefined> {
    this.assertOpen();
    this.assertIntact(runId);
    const record = this.db.exec('SELECT record FROM lesson_runs WHERE run_id = ?', [runId])[0]
      ?.values[0]?.[0];
    if (record === undefined) return undefined;
    if (!(record instanceof Uint8Array))
      throw new Error(`lesson run ${runId} is stored in a form this version cannot read`);
    return this.readOrMarkDamaged('lesson', runId, () => gunzipJson<LessonRun>(record));
  }

  /** Every run, newest first, read without touching the stored timelines; damaged ones are in listDamaged(). */
  list(): RunListItem[] {
    this.assertOpen();
    return listRaceRows(this.db, this.damaged);
  }

  /** A run as the UI re-opens it (summary, final snapshots, verdict), or undefined when there is none. */
  getView(runId: string): RunView | undefined {
    this.assertOpen();
    this.assertIntact(runId);
    const summary = this.db.exec('SELECT summary FROM runs WHERE run_id = ?', [runId])[0]?.values[0]?.[0];
    return summary === undefined ? undefined : (JSON.parse(text(summary)) as RunView);
  }

  /** A whole run with every timeline, for exports, or undefined when there is none. */
  async getResult(runId: string): Promise<RunResult | undefined> {
    this.assertOpen();
    this.assertIntact(runId);
    const row = this.db.exec('SELECT result, result_encoding FROM runs WHERE run_id = ?', [runId])[0]
      ?.values[0];
    if (!row) return undefined;
    const [blob, encoding] = row;
    if (encoding !== this.codec.encoding || !(blob instanceof Uint8Array))
      throw new Error(`run ${runId} is stored as ${String(encoding)}, which this version cannot read`);
    return this.readOrMarkDamaged('race', runId, () => this.codec.decode(blob));
  }

  /** Deletes runs by id (damaged ones too), from memory and from the file; resolves to how many there were. */
  delete(runIds: readonly string[]): Promise<number> {
    this.assertOpen();
    const ids = [...new Set(runIds)];
    const damaged = ids.flatMap((runId) => this.damaged.get(runId) ?? []);
    const intact = ids.filter((runId) => !this.damaged.has(runId));
    const remove: Mutation = (db) => {
      for (const row of damaged) deleteDamaged(db, row);
      for (const runId of intact) {
        for (const kind of ['race', 'lesson'] as const) {
          db.run(`DELETE FROM ${ROW_TABLES[kind].table} WHERE run_id = ?`, [runId]);
          forgetCheck(db, kind, runId);
        }
      }
    };
    const deleted = damaged.length + intact.filter((runId) => this.has(runId)).length;
    if (deleted === 0) return Promise.resolve(0);
    for (const row of damaged) this.damaged.delete(row.runId);
    return this.track(this.commit(remove, true).then(() => deleted));
  }

  /** How many runs are kept, races and lesson runs (damaged ones included). */
  count(): number {
    this.assertOpen();
    const races = Number(this.db.exec('SELECT count(*) FROM runs')[0]?.values[0]?.[0] ?? 0);
    return races + Number(this.db.exec('SELECT count(*) FROM lesson_runs')[0]?.values[0]?.[0] ?? 0);
  }

  /** Waits for saves and writes in progress, then frees the database; the store cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await this.sync?.idle();
    await this.instance?.release();
    this.db.close();
  }

  /** Applies a change now and, when the history has a file, resolves once it is there. */
  private async commit(mutation: Mutation, vacuum = false): Promise<void> {
    if (!this.sync) {
      mutation(this.db);
      evictBeyond(this.db, this.limit, this.maxBytes);
      return;
    }
    try {
      await this.sync.commit(mutation, { vacuum });
    } catch (error) {
      throw new Error(`could not write the run history to ${this.file} (${describeFileError(error)})`, {
        cause: error,
      });
    }
  }

  /** Takes a database another process wrote (merged with this one's unsaved changes), checking every row. */
  private adopt(db: Database, damaged: Map<string, DamagedRow>): void {
    const old = this.db;
    this.db = db;
    this.damaged = damaged;
    old.close();
  }

  private has(runId: string): boolean {
    const found = (table: string): boolean =>
      this.db.exec(`SELECT 1 FROM ${table} WHERE run_id = ?`, [runId])[0] !== undefined;
    return found('runs') || found('lesson_runs');
  }

  private assertIntact(runId: string): void {
    const row = this.damaged.get(runId);
    if (row) throw new DamagedRunError(row);
  }

  /** Decodes a stored blob; one that fails to decode (its gzip check fails) marks the row damaged. */
  private async readOrMarkDamaged<T>(kind: RowKind, runId: string, decode: () => Promise<T>): Promise<T> {
    try {
      return await decode();
    } catch (error) {
      const problem = `has stored data that cannot be decompressed (${errorMessage(error)})`;
      const row = damagedRowOf(this.db, kind, runId, problem);
      if (!row) throw error;
      this.damaged.set(row.runId, row);
      throw new DamagedRunError(row);
    }
  }

  private track<T>(operation: Promise<T>): Promise<T> {
    this.pending.add(operation);
    const forget = (): void => {
      this.pending.delete(operation);
    };
    operation.then(forget, forget);
    return operation;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the run store is closed');
  }
}
