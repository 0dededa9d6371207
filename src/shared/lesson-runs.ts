/**
 * A finished run of a workshop lesson the engine measures itself (race condition, data passing,
 * pipeline, deadlock), as the history keeps it: what was asked, what was measured, and when — so it
 * can be listed next to the model races, re-opened in its lesson and exported.
 */
import { formatBytes, formatPercent } from './format';
import type { ExportFormat } from './export-formats';
import type {
  DataPassingRequest,
  DataPassingResult,
  DeadlockRequest,
  DeadlockResult,
  PipelineRequest,
  PipelineResult,
  RaceConditionRequest,
  RaceConditionResult,
} from './lessons';

/** The lessons whose runs the engine measures itself and the history keeps. */
export const SAVED_LESSON_IDS = ['race-condition', 'data-passing', 'pipeline', 'deadlock'] as const;

/** One of them. */
export type SavedLessonId = (typeof SAVED_LESSON_IDS)[number];

/** A lesson's request and result, tagged with the lesson. */
export type LessonRecord =
  | {
      readonly lesson: 'race-condition';
      readonly request: RaceConditionRequest;
      readonly result: RaceConditionResult;
    }
  | {
      readonly lesson: 'data-passing';
      readonly request: DataPassingRequest;
      readonly result: DataPassingResult;
    }
  | { readonly lesson: 'pipeline'; readonly request: PipelineRequest; readonly result: PipelineResult }
  | { readonly lesson: 'deadlock'; readonly request: DeadlockRequest; readonly result: DeadlockResult };

/** Where a lesson run is kept: its id in the history and when it started. */
export interface LessonRunMeta {
  readonly runId: string;
  /** ISO 8601. */
  readonly startedAt: string;
}

/** A finished lesson run, as stored. */
export type LessonRun = LessonRecord & LessonRunMeta;

/** A lesson channel's reply: the result, and where the history keeps it. */
export type Saved<R> = R & LessonRunMeta;

/** Each lesson's title, as its view and the history show it. */
export const SAVED_LESSON_TITLES: Readonly<Record<SavedLessonId, string>> = {
  'race-condition': 'Race condition',
  'data-passing': 'Passing data between workers',
  pipeline: 'Producer/consumer pipeline',
  deadlock: 'Deadlock',
};

/** Whether a value names a lesson the history keeps. */
export function isSavedLessonId(value: unknown): value is SavedLessonId {
  return typeof value === 'string' && (SAVED_LESSON_IDS as readonly string[]).includes(value);
}

/** The knobs a lesson run used, in words ("workers=4, increments=1000000"): what tells runs apart. */
export function lessonSettings(record: LessonRecord): string {
  const pairs: [string, string | number][] = [];
  switch (record.lesson) {
    case 'race-condition': {
      const r = record.request;
      pairs.push(['workers', r.workers], ['increments', r.increments]);
      if (r.switchIntervalMs !== undefined) pairs.push(['switch-interval', r.switchIntervalMs]);
      break;
    }
    case 'data-passing': {
      const sizes = [...new Set(record.result.rows.map((row) => row.bytes))].sort((a, b) => a - b);
      if (sizes.length > 0)
        pairs.push(['sizes', `${formatBytes(sizes[0]!)}–${formatBytes(sizes[sizes.length - 1]!)}`]);
      if (record.request.repeats !== undefined) pairs.push(['repeats', record.request.repeats]);
      if (record.request.latencySamples !== undefined)
        pairs.push(['latency-samples', record.request.latencySamples]);
      break;
    }
    case 'pipeline': {
      const r = record.request;
      pairs.push(
        ['items', r.items],
        ['consumers', `${record.result.consumers.length} ${record.result.carrier}`],
        ['capacity', record.result.capacity],
      );
      if (r.ratePerSecond !== undefined && r.ratePerSecond !== null) pairs.push(['rate', r.ratePerSecond]);
      if (r.roundsPerItem !== undefined) pairs.push(['work', r.roundsPerItem]);
      break;
    }
    case 'deadlock': {
      const r = record.request;
      if (r.pauseMs !== undefined) pairs.push(['pause-ms', r.pauseMs]);
      if (r.reportAfterMs !== undefined) pairs.push(['timeout-ms', r.reportAfterMs]);
      break;
    }
  }
  return pairs.map(([key, value]) => `${key}=${value}`).join(', ');
}

/** One line on what the run measured, for the history list (the lesson view shows the whole claims). */
export function lessonHeadline(record: LessonRecord): string {
  switch (record.lesson) {
    case 'race-condition': {
      const parts = record.result.runs.map((run) => {
        const who =
          run.model === 'gil-threads'
            ? `GIL, switch ${run.switchInsideIncrement ? 'inside' : 'between'} +=`
            : run.mode === 'unsynchronised'
              ? 'no lock'
              : run.mode === 'atomic'
                ? 'Atomics.add'
                : 'mutex';
        return `${who} ${run.lost === 0 ? 'exact' : `lost ${formatPercent(run.lostPercent)}`}`;
      });
      return parts.join(' · ');
    }
    case 'data-passing': {
      const largest = Math.max(0, ...record.result.rows.map((row) => row.bytes));
      const at = record.result.rows.filter((row) => row.bytes === largest);
      const parts = at.map((row) => `${row.carrier} ${row.mode} ${row.msPerMb.toFixed(2)} ms/MB`);
      const verified = record.result.ok ? 'every payload verified' : 'a payload came back wrong';
      return at.length > 0 ? `At ${formatBytes(largest)}: ${parts.join(' · ')}; ${verified}` : verified;
    }
    case 'pipeline': {
      const r = record.result;
      const once = r.exactlyOnce ? 'every item written exactly once' : 'items lost or duplicated';
      const blocked = r.wallMs > 0 ? formatPercent((100 * r.producerBlockedMs) / r.wallMs) : '0%';
      return `${r.written} of ${r.produced} written, ${once}; ${Math.round(r.consumerRate)} items/s; producer blocked ${blocked} of the run`;
    }
    case 'deadlock':
      return record.result.attempts
        .map((a) =>
          a.outcome === 'deadlock-detected'
            ? `${a.strategy}: deadlock detected after ${Math.round(a.detectedAtMs ?? a.totalMs)} ms`
            : `${a.strategy}: ${a.outcome} in ${Math.round(a.totalMs)} ms`,
        )
        .join(' · ');
  }
}

/** The export formats of each lesson: a trace needs a timeline, and data passing has none. */
export const LESSON_EXPORT_FORMATS: Readonly<Record<SavedLessonId, readonly ExportFormat[]>> = {
  'race-condition': ['csv', 'json', 'markdown', 'trace'],
  'data-passing': ['csv', 'json', 'markdown'],
  pipeline: ['csv', 'json', 'markdown', 'trace'],
  deadlock: ['csv', 'json', 'markdown', 'trace'],
};
