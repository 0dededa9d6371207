/** The rows of the history database: writing one with its checksum, listing them, and the retention rule. */
import type { Database, SqlValue } from 'sql.js';
import { isEngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { ModelId } from '../../../shared/models';
import type { RunResult } from '../../../shared/results';
import { isRunOrigin } from '../../../shared/run-origin';
import { describeParams, type ScenarioId } from '../../../shared/scenarios';
import type { DamagedListItem, LessonListItem, RunListItem } from '../../../shared/views';
import { forgetCheck, recordCheck, ROW_TABLES, type DamagedRow, type RowKind } from './row-checks';

function text(value: SqlValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Writes a row (replacing one with the same id) and its checksum; `values` in ROW_TABLES column order. */
export function insertRow(db: Database, kind: RowKind, values: readonly SqlValue[]): void {
  const { table, columns } = ROW_TABLES[kind];
  db.run(
    `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    [...values],
  );
  recordCheck(db, kind, text(values[0]), values);
}

/** Every race, newest first, except the damaged ones: read without touching the stored timelines. */
export function listRaceRows(db: Database, damaged: ReadonlyMap<string, DamagedRow>): RunListItem[] {
  const rows = db.exec(
    // The view that asked for a run is kept in its stored view; a damaged summary must not fail the list.
    `SELECT run_id, scenario, title, started_at, state, models, verdict, params,
       CASE WHEN json_valid(summary) THEN json_extract(summary, '$.run.origin') END
     FROM runs ORDER BY started_at DESC, rowid DESC`,
  )[0];
  return (rows?.values ?? []).flatMap(
    ([runId, scenario, title, startedAt, state, models, verdict, params, origin]) =>
      damaged.has(text(runId))
        ? []
        : [
            {
              kind: 'race' as const,
              runId: text(runId),
              scenario: text(scenario) as ScenarioId,
              // Runs saved before views kept their own runs had one view for all: the Race view.
              origin: isRunOrigin(origin) ? origin : 'race',
              title: text(title),
              settings: describeParams(
                text(scenario),
                JSON.parse(text(params) || '{}') as Record<string, number>,
              ),
              startedAt: text(startedAt),
              state: text(state) as RunResult['state'],
              models: JSON.parse(text(models)) as ModelId[],
              verdict: text(verdict),
            },
          ],
  );
}

/** Every lesson run, newest first, except the damaged ones, without their records. */
export function listLessonRows(db: Database, damaged: ReadonlyMap<string, DamagedRow>): LessonListItem[] {
  const rows = db.exec(
    'SELECT run_id, lesson, title, settings, started_at, verdict FROM lesson_runs ORDER BY started_at DESC, rowid DESC',
  )[0];
  return (rows?.values ?? []).flatMap(([runId, lesson, title, settings, startedAt, verdict]) =>
    // A lesson this version does not know (written by a newer one) is left out, not misread.
    isEngineLessonId(lesson) && !damaged.has(text(runId))
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

/** The damaged rows as the history lists them, newest first, each saying what is wrong and what can be done. */
export function damagedListItems(damaged: ReadonlyMap<string, DamagedRow>): DamagedListItem[] {
  return [...damaged.values()]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .map((row) => ({
      kind: 'damaged',
      runId: row.runId,
      was: row.kind,
      title: row.title,
      startedAt: row.startedAt,
      problem: `This ${row.kind === 'race' ? 'run' : 'lesson run'} is damaged in the history file (it ${row.problem}): it cannot be opened or exported, only deleted.`,
    }));
}

/**
 * Deletes the oldest races and lesson runs beyond the limit of each, then the oldest of either beyond
 * the one byte budget (the newest entry always stays); their pages are reused by later saves.
 */
export function evictBeyond(db: Database, limit: number, maxBytes: number): void {
  const rows = db.exec(
    `SELECT 'race', run_id, result_bytes, started_at, rowid FROM runs
     UNION ALL SELECT 'lesson', run_id, record_bytes, started_at, rowid FROM lesson_runs
     ORDER BY 4 DESC, 5 DESC`,
  )[0];
  const seen = { race: 0, lesson: 0 };
  let bytes = 0;
  const evicted = (rows?.values ?? []).filter(([kind, , size], index) => {
    const kept = ++seen[kind as RowKind];
    bytes += Number(size);
    return kept > limit || (index > 0 && bytes > maxBytes);
  });
  for (const [kind, runId] of evicted) {
    const rowKind = kind as RowKind;
    db.run(`DELETE FROM ${ROW_TABLES[rowKind].table} WHERE run_id = ?`, [runId ?? null]);
    forgetCheck(db, rowKind, text(runId));
  }
}
