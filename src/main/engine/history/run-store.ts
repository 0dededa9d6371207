/** The run history on disk: every finished run in one SQLite database (sql.js, WebAssembly) in the app's data folder. */
import type { Database, SqlValue } from 'sql.js';
import type { LessonListItem, RunListItem, RunView } from '../../../shared/views';
import { isEngineLessonId } from '../../../shared/lessons/lesson-ids';
import {
  lessonHeadline,
  lessonSettings,
  lessonTitle,
  type LessonRun,
} from '../../../shared/lessons/registry';
import type { ModelId } from '../../../shared/models';
import type { RunResult } from '../../../shared/results';
import { isRunOrigin } from '../../../shared/run-origin';
import { describeParams, type ScenarioId } from '../../../shared/scenarios';
import { gunzipJson, gzipJson, gzipJsonCodec, type RunCodec } from './run-codec';
import { loadSqlJs } from './sql-engine';
import {
  describeFileError,
  ensureFolder,
  moveAside,
  nodeStoreFileSystem,
  readStoreFile,
  removeLeftoverTemps,
  SerialFileWriter,
  type StoreFileSystem,
} from './store-file';
import { createHistoryDatabase, openHistoryDatabase } from './store-schema';

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
}

const DEFAULT_LIMIT = 200;
// sql.js keeps the whole database in WebAssembly memory and rewrites the file on every change.
const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Opens the database at `file`, or explains in one sentence why the store starts empty or unsaved. */
async function openFile(
  file: string,
  fs: StoreFileSystem,
): Promise<{ readonly db: Database; readonly persist: boolean; readonly notice: string | null }> {
  const sql = await loadSqlJs();
  const folderProblem = await ensureFolder(file);
  if (folderProblem) {
    const notice = `The run history folder for ${file} could not be created (${folderProblem}), so runs from this session will not be saved.`;
    return { db: createHistoryDatabase(sql), persist: false, notice };
  }
  await removeLeftoverTemps(file, fs);
  const contents = await readStoreFile(file, fs);
  if (contents.kind === 'missing') return { db: createHistoryDatabase(sql), persist: true, notice: null };
  const opened =
    contents.kind === 'bytes'
      ? openHistoryDatabase(sql, contents.bytes)
      : { ok: false as const, reason: contents.reason };
  if (opened.ok) return { db: opened.db, persist: true, notice: null };
  const because = `The run history at ${file} could not be opened because ${opened.reason}`;
  try {
    const aside = await moveAside(file, fs);
    const notice = `${because}, so it was moved to ${aside} and the app started with an empty history.`;
    return { db: createHistoryDatabase(sql), persist: true, notice };
  } catch (error) {
    const notice = `${because} and could not be moved aside (${describeFileError(error)}), so it was left in place and runs from this session will not be saved.`;
    return { db: createHistoryDatabase(sql), persist: false, notice };
  }
}

function text(value: SqlValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Every finished run, kept across sessions; writes are atomic and a bad file never stops the app. */
export class RunStore {
  private readonly writer: SerialFileWriter | null;
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly db: Database,
    /** Where the history is saved; null when it lives in memory only. */
    readonly file: string | null,
    private readonly limit: number,
    private readonly maxBytes: number,
    private readonly codec: RunCodec,
    fs: StoreFileSystem,
  ) {
    this.writer = file === null ? null : new SerialFileWriter(file, () => this.db.export(), fs);
  }

  /** Opens (or creates) the history; a missing, corrupt or unreadable file gives an empty store, never an error. */
  static async open(options: RunStoreOptions): Promise<RunStore> {
    const limit = positiveInteger('limit', options.limit ?? DEFAULT_LIMIT);
    const maxBytes = positiveInteger('maxBytes', options.maxBytes ?? DEFAULT_MAX_BYTES);
    const fs = options.fileSystem ?? nodeStoreFileSystem;
    const codec = options.codec ?? gzipJsonCodec;
    if (options.file === null) {
      return new RunStore(createHistoryDatabase(await loadSqlJs()), null, limit, maxBytes, codec, fs);
    }
    const { db, persist, notice } = await openFile(options.file, fs);
    if (notice) options.onNotice?.(notice);
    return new RunStore(db, persist ? options.file : null, limit, maxBytes, codec, fs);
  }

  /** Saves a finished run (replacing one with the same id); resolves once it is on disk. */
  save(result: RunResult, view: RunView): Promise<void> {
    this.assertOpen();
    return this.track(this.saveNow(result, view));
  }

  private async saveNow(result: RunResult, view: RunView): Promise<void> {
    const blob = await this.codec.encode(result);
    // close() waits for this save, so the database is still open here.
    this.db.run(
      `INSERT OR REPLACE INTO runs (run_id, started_at, scenario, title, state, models, verdict, params,
         summary, result, result_encoding, result_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
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
      ],
    );
    this.evict();
    await this.persist();
  }

  /** Saves a finished lesson run (replacing one with the same id); resolves once it is on disk. */
  saveLesson(run: LessonRun): Promise<void> {
    this.assertOpen();
    return this.track(this.saveLessonNow(run));
  }

  private async saveLessonNow(run: LessonRun): Promise<void> {
    const blob = await gzipJson(run);
    this.db.run(
      `INSERT OR REPLACE INTO lesson_runs (run_id, started_at, lesson, title, settings, verdict, record,
         record_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        run.runId,
        run.startedAt,
        run.lesson,
        lessonTitle(run.lesson),
        lessonSettings(run),
        lessonHeadline(run),
        blob,
        blob.byteLength,
      ],
    );
    this.evict();
    await this.persist();
  }

  /** Every lesson run, newest first, without their records. */
  listLessons(): LessonListItem[] {
    this.assertOpen();
    const rows = this.db.exec(
      'SELECT run_id, lesson, title, settings, started_at, verdict FROM lesson_runs ORDER BY started_at DESC, rowid DESC',
    )[0];
    return (rows?.values ?? []).flatMap(([runId, lesson, title, settings, startedAt, verdict]) =>
      // A lesson this version does not know (written by a newer one) is left out, not misread.
      isEngineLessonId(lesson)
        ? [
            {
              kind: 'lesson' as const,
              runId: text(runId),
              lesson,
              title: text(title),
              settings: text(settings),
              startedAt: text(startedAt),
              verdict: text(verdict),
            },
          ]
        : [],
    );
  }

  /** A whole lesson run, or undefined when there is none. */
  async getLesson(runId: string): Promise<LessonRun | undefined> {
    this.assertOpen();
    const record = this.db.exec('SELECT record FROM lesson_runs WHERE run_id = ?', [runId])[0]
      ?.values[0]?.[0];
    if (record === undefined) return undefined;
    if (!(record instanceof Uint8Array))
      throw new Error(`lesson run ${runId} is stored in a form this version cannot read`);
    return gunzipJson<LessonRun>(record);
  }

  /** Writes the whole database to the file, atomically; in-memory changes stay when it fails. */
  private async persist(): Promise<void> {
    if (!this.writer) return;
    try {
      await this.writer.write();
    } catch (error) {
      throw new Error(`could not write the run history to ${this.file} (${describeFileError(error)})`, {
        cause: error,
      });
    }
  }

  /**
   * Deletes the oldest races and lesson runs beyond the limit of each, then the oldest of either beyond
   * the one byte budget (the newest entry always stays); their pages are reused by later saves.
   */
  private evict(): void {
    const rows = this.db.exec(
      `SELECT 'runs', run_id, result_bytes, started_at, rowid FROM runs
       UNION ALL SELECT 'lesson_runs', run_id, record_bytes, started_at, rowid FROM lesson_runs
       ORDER BY 4 DESC, 5 DESC`,
    )[0];
    const seen = { runs: 0, lesson_runs: 0 };
    let bytes = 0;
    const evicted = (rows?.values ?? []).filter(([table, , size], index) => {
      const kept = ++seen[table as keyof typeof seen];
      bytes += Number(size);
      return kept > this.limit || (index > 0 && bytes > this.maxBytes);
    });
    for (const [table, runId] of evicted)
      this.db.run(`DELETE FROM ${table === 'runs' ? 'runs' : 'lesson_runs'} WHERE run_id = ?`, [
        runId ?? null,
      ]);
  }

  /** Every run, newest first, read without touching the stored timelines. */
  list(): RunListItem[] {
    this.assertOpen();
    const rows = this.db.exec(
      `SELECT run_id, scenario, title, started_at, state, models, verdict, params,
         json_extract(summary, '$.run.origin') FROM runs ORDER BY started_at DESC, rowid DESC`,
    )[0];
    return (rows?.values ?? []).map(
      ([runId, scenario, title, startedAt, state, models, verdict, params, origin]) => ({
        kind: 'race' as const,
        runId: text(runId),
        scenario: text(scenario) as ScenarioId,
        // The view that asked for it, kept in the stored view; runs saved before had one view for all.
        origin: isRunOrigin(origin) ? origin : 'race',
        title: text(title),
        settings: describeParams(text(scenario), JSON.parse(text(params) || '{}') as Record<string, number>),
        startedAt: text(startedAt),
        state: text(state) as RunResult['state'],
        models: JSON.parse(text(models)) as ModelId[],
        verdict: text(verdict),
      }),
    );
  }

  /** A run as the UI re-opens it (summary, final snapshots, verdict), or undefined when there is none. */
  getView(runId: string): RunView | undefined {
    this.assertOpen();
    const summary = this.db.exec('SELECT summary FROM runs WHERE run_id = ?', [runId])[0]?.values[0]?.[0];
    return summary === undefined ? undefined : (JSON.parse(text(summary)) as RunView);
  }

  /** A whole run with every timeline, for exports, or undefined when there is none. */
  async getResult(runId: string): Promise<RunResult | undefined> {
    this.assertOpen();
    const row = this.db.exec('SELECT result, result_encoding FROM runs WHERE run_id = ?', [runId])[0]
      ?.values[0];
    if (!row) return undefined;
    const [blob, encoding] = row;
    if (encoding !== this.codec.encoding || !(blob instanceof Uint8Array))
      throw new Error(`run ${runId} is stored as ${String(encoding)}, which this version cannot read`);
    return this.codec.decode(blob);
  }

  /** Deletes runs by id, from memory and from the file; resolves to how many there were. */
  delete(runIds: readonly string[]): Promise<number> {
    this.assertOpen();
    let deleted = 0;
    for (const runId of new Set(runIds)) {
      this.db.run('DELETE FROM runs WHERE run_id = ?', [runId]);
      deleted += this.db.getRowsModified();
      this.db.run('DELETE FROM lesson_runs WHERE run_id = ?', [runId]);
      deleted += this.db.getRowsModified();
    }
    if (deleted === 0) return Promise.resolve(0);
    // Rebuilds the file without the deleted runs' pages: what the user deleted is gone from the disk too.
    this.db.exec('VACUUM');
    return this.track(this.persist().then(() => deleted));
  }

  /** How many runs are kept, races and lesson runs. */
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
    await this.writer?.idle();
    this.db.close();
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
