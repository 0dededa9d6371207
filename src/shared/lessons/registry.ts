/**
 * The engine lessons' registry: one spec per lesson (a module each in this folder), and everything
 * derived from it — each lesson's request, result and progress types, a stored run, its settings
 * line, headline, claims, title and export formats. Adding a lesson is its module, its id in
 * lesson-ids.ts and one line here; the compiler then points at its engine and renderer parts.
 */
import type { ExportFormat } from '../export-formats';
import { judgedOnBusyMachine, type Claim } from '../claims';
import { busyMachine, type MachineLoad } from '../machine-load';
import { dataPassingLesson } from './data-passing';
import { deadlockLesson } from './deadlock';
import { ENGINE_LESSON_IDS, type EngineLessonId } from './lesson-ids';
import type { LessonSpec } from './lesson-spec';
import { outgrowingLesson } from './outgrowing-one-machine';
import { pipelineLesson } from './pipeline';
import { raceConditionLesson } from './race-condition';

const SPECS = {
  'race-condition': raceConditionLesson,
  'data-passing': dataPassingLesson,
  pipeline: pipelineLesson,
  deadlock: deadlockLesson,
  'outgrowing-one-machine': outgrowingLesson,
} as const satisfies { readonly [L in EngineLessonId]: LessonSpec<L, unknown, unknown, unknown> };

type Specs = typeof SPECS;

/** What a lesson's channel takes. */
export type RequestOf<L extends EngineLessonId> = Parameters<Specs[L]['settings']>[0];

/** What a lesson measures. */
export type ResultOf<L extends EngineLessonId> = Parameters<Specs[L]['headline']>[0];

/** What a lesson streams while it runs (never, for a lesson that streams nothing). */
export type ProgressOf<L extends EngineLessonId> = NonNullable<Specs[L]['progress']>;

/** A lesson's own spec, typed by its id. */
export type LessonSpecOf<L extends EngineLessonId> = LessonSpec<L, RequestOf<L>, ResultOf<L>, ProgressOf<L>>;

/** Every engine lesson's spec, by id. */
export const ENGINE_LESSONS: { readonly [L in EngineLessonId]: LessonSpecOf<L> } = SPECS;

/** A lesson's request and result, tagged with the lesson. */
export interface LessonRecordOf<L extends EngineLessonId> {
  readonly lesson: L;
  readonly request: RequestOf<L>;
  readonly result: ResultOf<L>;
}

/** Any lesson's request and result. */
export type LessonRecord = { [L in EngineLessonId]: LessonRecordOf<L> }[EngineLessonId];

/** Where a lesson run is kept: its id in the history and when it started, and how busy the machine was. */
export interface LessonRunMeta {
  readonly runId: string;
  /** ISO 8601. */
  readonly startedAt: string;
  /** Other processes' load around the run (busy-machine rule); runs saved before it was measured have none. */
  readonly load?: MachineLoad;
}

/** A finished run of one lesson: what its channel replies and what history:open-lesson returns. */
export type LessonRunOf<L extends EngineLessonId> = LessonRecordOf<L> & LessonRunMeta;

/** A finished run of any lesson, as the history keeps it. */
export type LessonRun = { [L in EngineLessonId]: LessonRunOf<L> }[EngineLessonId];

/** One lesson's live progress, tagged with the lesson. */
export type LessonProgressOf<L extends EngineLessonId> = { readonly lesson: L } & ProgressOf<L>;

/** The live progress of any lesson that streams (the lesson:progress event). */
export type LessonProgress = { [L in EngineLessonId]: LessonProgressOf<L> }[EngineLessonId];

/** A lesson's title, as its view, the history and the exports show it. */
export function lessonTitle(lesson: EngineLessonId): string {
  return ENGINE_LESSONS[lesson].title;
}

/** The knobs a lesson run used, in words ("workers=4, increments=1000000"): what tells runs apart. */
export function lessonSettings<L extends EngineLessonId>(record: LessonRecordOf<L>): string {
  const spec: LessonSpecOf<L> = ENGINE_LESSONS[record.lesson];
  return spec
    .settings(record.request, record.result)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/**
 * One line on what the run measured, for the history list and the Markdown export (the lesson view
 * shows the whole claims), after the busy-machine notice when the machine was busy.
 */
export function lessonHeadline<L extends EngineLessonId>(
  record: LessonRecordOf<L> & { readonly load?: MachineLoad },
): string {
  const spec: LessonSpecOf<L> = ENGINE_LESSONS[record.lesson];
  const busy = busyMachine(record.load);
  return busy ? `${busy.notice} ${spec.headline(record.result)}` : spec.headline(record.result);
}

/** The lesson's "what to notice", checked against this run's numbers; timed claims are not judged on a busy machine. */
export function lessonClaims<L extends EngineLessonId>(
  record: LessonRecordOf<L> & { readonly load?: MachineLoad },
): Claim[] {
  const spec: LessonSpecOf<L> = ENGINE_LESSONS[record.lesson];
  return judgedOnBusyMachine(spec.claims(record.result), busyMachine(record.load));
}

/** The export formats of each lesson: a trace needs a timeline. */
export const LESSON_EXPORT_FORMATS = Object.fromEntries(
  ENGINE_LESSON_IDS.map((id) => [id, ENGINE_LESSONS[id].exportFormats]),
) as Readonly<Record<EngineLessonId, readonly ExportFormat[]>>;
