/**
 * The lessons slice: the lesson on screen, every lesson's knobs as typed, the lesson in progress, and
 * what each lesson last measured — a run for the run lessons, the engine's result for the others.
 */
import type { RunView } from '../../../shared/views';
import { ENGINE_LESSON_IDS, type EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { PipelineCarrier } from '../../../shared/lessons/pipeline';
import {
  lessonSettings,
  type LessonProgress,
  type LessonProgressOf,
  type LessonRunMeta,
  type LessonRunOf,
  type RequestOf,
  type ResultOf,
} from '../../../shared/lessons/registry';
import type { LessonId } from '../../../shared/lessons/workshop';
import type { RunRequest } from '../../../shared/run-request';
import type { EngineLessonForm, LessonLiveState } from '../features/lessons/engine-lesson-form';
import { ENGINE_LESSON_FORMS } from '../features/lessons/engine-lesson-forms';
import type { LabSliceCreator, LabState } from './lab-store';
import {
  initialFormText,
  type LessonFormId,
  type RunFormId,
  type TenFilesVariant,
} from './lessons-slice-forms';
import type { EngineLessonRequestOf } from './lessons-slice-requests';
import { selectRunActive, selectRunOnScreen } from './run-slice';

/** What is asked for or in progress: a run lesson's run (through the run slice) or an engine lesson. */
export type ActiveLesson =
  | {
      readonly kind: 'run';
      readonly form: RunFormId;
      readonly runId: string | null;
      /** What was sent: the live visuals draw from it (the knobs may be edited meanwhile). */
      readonly request: RunRequest;
    }
  | { readonly kind: 'engine'; readonly lesson: EngineLessonId; readonly cancelling: boolean };

/** Where an engine lesson's result on screen is kept; `reopened` when it came from the history. */
export interface SavedLessonResult extends LessonRunMeta {
  readonly reopened: boolean;
  /** The knobs it ran with, in words (a re-opened run's may differ from the form's). */
  readonly settings?: string;
}

/** Where a lesson run on screen came from: the engine just finished it, or History re-opened it. */
export type LessonRunSource = 'finished' | 'reopened';

/** How an engine lesson's last attempt ended, when it did not simply finish. */
export type LessonEnding =
  { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly message: string };

/** The lessons' part of the state; the live state is what the streaming lessons measured so far. */
export interface LessonsState extends LessonLiveState {
  readonly current: LessonId;
  readonly variant: TenFilesVariant;
  readonly carrier: PipelineCarrier;
  /** Whether the run lessons add their real-CPython rows (where an interpreter is found). */
  readonly withPython: boolean;
  readonly text: Readonly<Record<LessonFormId, Readonly<Record<string, string>>>>;
  readonly active: ActiveLesson | null;
  /** What each engine lesson last measured (null while it runs again). */
  readonly results: { readonly [L in EngineLessonId]: ResultOf<L> | null };
  /** The last request each engine lesson sent: the live charts draw from it. */
  readonly sent: Readonly<Partial<{ [L in EngineLessonId]: RequestOf<L> }>>;
  /** Why a form's last attempt did not finish: cancelled, refused or failed. */
  readonly endings: Readonly<Partial<Record<LessonFormId, LessonEnding>>>;
  /** The history entry of each engine lesson's result on screen. */
  readonly saved: Readonly<Partial<Record<EngineLessonId, SavedLessonResult>>>;
  /** A lesson brought on screen from elsewhere (History's Open), whose heading should take focus. */
  readonly focusPending: LessonId | null;
}

/** The lessons' state and events. */
export interface LessonsSlice {
  readonly lessons: LessonsState;
  lessonChosen(id: LessonId): void;
  lessonKnobEdited(form: LessonFormId, field: string, text: string): void;
  variantChosen(variant: TenFilesVariant): void;
  carrierChosen(carrier: PipelineCarrier): void;
  pythonRowsToggled(withPython: boolean): void;
  lessonRunRequested(form: RunFormId, request: RunRequest): void;
  lessonRunStarted(runId: string): void;
  /** A run finished: kept as its lesson's last run if it is the lesson's pending run. */
  lessonRunSettled(view: RunView): void;
  /** The lesson's run was refused or failed (the run slice words why). */
  lessonRunEnded(runId: string | null, message: string): void;
  engineLessonStarted<L extends EngineLessonId>(sent: EngineLessonRequestOf<L>): void;
  lessonProgressed(progress: LessonProgress): void;
  /**
   * A lesson run to show in its lesson, as the engine's channel replied with it when it finished, or
   * as History re-opened it — which brings its lesson on screen, and is ignored while that lesson runs.
   */
  lessonRunShown<L extends EngineLessonId>(run: LessonRunOf<L>, source: LessonRunSource): void;
  engineLessonEnded(lesson: EngineLessonId, ending: LessonEnding): void;
  lessonCancelRequested(): void;
  /** The pending lesson's heading took focus. */
  lessonFocusTaken(): void;
}

const NO_RESULTS = Object.fromEntries(ENGINE_LESSON_IDS.map((lesson) => [lesson, null])) as {
  readonly [L in EngineLessonId]: null;
};

/** The live state as a lesson starts: what it streams is cleared. */
function liveCleared(lesson: EngineLessonId): Partial<LessonLiveState> {
  return ENGINE_LESSON_FORMS[lesson].live?.cleared ?? {};
}

/** The live state with one more update of the lesson that streamed it. */
function liveFolded<L extends EngineLessonId>(
  live: LessonLiveState,
  progress: LessonProgressOf<L>,
): Partial<LessonLiveState> {
  const form: EngineLessonForm<L> = ENGINE_LESSON_FORMS[progress.lesson];
  return form.live?.fold(live, progress) ?? {};
}

/** The live state of a whole run: everything it measured. */
function liveOf<L extends EngineLessonId>(run: LessonRunOf<L>): Partial<LessonLiveState> {
  const form: EngineLessonForm<L> = ENGINE_LESSON_FORMS[run.lesson];
  return form.live?.fromResult(run.result) ?? {};
}

function withoutEnding(state: LessonsState, form: LessonFormId): LessonsState['endings'] {
  if (!(form in state.endings)) return state.endings;
  const endings = { ...state.endings };
  delete endings[form];
  return endings;
}

function withoutSaved(state: LessonsState, lesson: EngineLessonId): LessonsState['saved'] {
  if (!(lesson in state.saved)) return state.saved;
  const saved = { ...state.saved };
  delete saved[lesson];
  return saved;
}

/** Creates the lessons slice. */
export const createLessonsSlice: LabSliceCreator<LessonsSlice> = (set) => {
  const update = (change: (l: LessonsState) => Partial<LessonsState> | null) =>
    set((s) => {
      const next = change(s.lessons);
      return next ? { lessons: { ...s.lessons, ...next } } : {};
    });
  return {
    lessons: {
      current: 'ten-files',
      variant: 'io',
      carrier: 'threads',
      withPython: false,
      text: initialFormText(),
      active: null,
      results: NO_RESULTS,
      rows: [],
      points: [],
      outgrowing: [],
      sent: {},
      endings: {},
      saved: {},
      focusPending: null,
    },
    lessonChosen: (id) => update((l) => (l.current === id ? null : { current: id })),
    lessonKnobEdited: (form, field, text) =>
      update((l) => ({ text: { ...l.text, [form]: { ...l.text[form], [field]: text } } })),
    variantChosen: (variant) => update((l) => (l.variant === variant ? null : { variant })),
    carrierChosen: (carrier) => update((l) => (l.carrier === carrier ? null : { carrier })),
    pythonRowsToggled: (withPython) => update((l) => (l.withPython === withPython ? null : { withPython })),
    lessonRunRequested: (form, request) =>
      update((l) => ({
        active: { kind: 'run', form, runId: null, request },
        endings: withoutEnding(l, form),
      })),
    lessonRunStarted: (runId) =>
      update((l) =>
        l.active?.kind === 'run' && l.active.runId === null ? { active: { ...l.active, runId } } : null,
      ),
    lessonRunSettled: (view) =>
      update((l) => {
        const active = l.active;
        if (active?.kind !== 'run') return null;
        if (active.runId !== null && active.runId !== view.run.runId) return null;
        const ending: LessonEnding | null = view.run.state === 'cancelled' ? { kind: 'cancelled' } : null;
        return {
          active: null,
          endings: ending ? { ...l.endings, [active.form]: ending } : l.endings,
        };
      }),
    lessonRunEnded: (runId, message) =>
      update((l) => {
        const active = l.active;
        if (active?.kind !== 'run') return null;
        if (runId !== null && active.runId !== null && active.runId !== runId) return null;
        return { active: null, endings: { ...l.endings, [active.form]: { kind: 'failed', message } } };
      }),
    engineLessonStarted: ({ lesson, request }) =>
      update((l) => ({
        active: { kind: 'engine', lesson, cancelling: false },
        sent: { ...l.sent, [lesson]: request },
        results: { ...l.results, [lesson]: null },
        saved: withoutSaved(l, lesson),
        endings: withoutEnding(l, lesson),
        ...liveCleared(lesson),
      })),
    lessonProgressed: (progress) =>
      update((l) => {
        if (l.active?.kind !== 'engine' || l.active.lesson !== progress.lesson) return null;
        return liveFolded(l, progress);
      }),
    lessonRunShown: (run, source) =>
      update((l) => {
        const running = l.active?.kind === 'engine' && l.active.lesson === run.lesson;
        if (source === 'reopened' && running) return null;
        // The window that ran it hears the same run twice (its channel's reply and lesson:ended): once is a change.
        const onScreen = l.saved[run.lesson];
        if (source === 'finished' && !running && onScreen?.runId === run.runId && !onScreen.reopened)
          return null;
        const shown = { results: { ...l.results, [run.lesson]: run.result }, ...liveOf(run) };
        const where = { runId: run.runId, startedAt: run.startedAt, ...(run.load ? { load: run.load } : {}) };
        if (source === 'finished')
          return {
            ...shown,
            active: running ? null : l.active,
            saved: { ...l.saved, [run.lesson]: { ...where, reopened: false } },
          };
        return {
          ...shown,
          current: run.lesson,
          // The charts draw from what was sent: the saved request, not the knobs as typed now.
          sent: { ...l.sent, [run.lesson]: run.request },
          saved: { ...l.saved, [run.lesson]: { ...where, reopened: true, settings: lessonSettings(run) } },
          endings: withoutEnding(l, run.lesson),
          focusPending: run.lesson,
        };
      }),
    engineLessonEnded: (lesson, ending) =>
      update((l) => ({
        active: l.active?.kind === 'engine' && l.active.lesson === lesson ? null : l.active,
        endings: { ...l.endings, [lesson]: ending },
      })),
    lessonCancelRequested: () =>
      update((l) => (l.active?.kind === 'engine' ? { active: { ...l.active, cancelling: true } } : null)),
    lessonFocusTaken: () => update((l) => (l.focusPending === null ? null : { focusPending: null })),
  };
};

/** The lesson on screen. */
export const selectCurrentLesson = (s: LabState): LessonId => s.lessons.current;

/** Why another view's Run waits while a lesson runs: the engine measures one thing at a time. */
export const LESSON_RUNNING = 'A lesson is running: cancel it or wait for it to finish.';

/**
 * Why another view's Run cannot be pressed while a workshop lesson runs, or null when none does: an
 * engine lesson, or a run lesson whose run is live (a run lesson that never got its run is not running).
 */
export function selectLessonRunningBlocker(s: LabState): string | null {
  const active = s.lessons.active;
  if (active?.kind === 'engine' || (active?.kind === 'run' && selectRunActive(s))) return LESSON_RUNNING;
  return null;
}

/** Whether this form's lesson is asked for or in progress. */
export function selectFormActive(s: LabState, form: LessonFormId): boolean {
  const active = s.lessons.active;
  if (!active) return false;
  return active.kind === 'run' ? active.form === form : active.lesson === form;
}

/** Whether this run lesson has a run to show: the one in progress, or its last one. */
export function selectFormRunOnScreen(s: LabState, form: RunFormId): boolean {
  const active = s.lessons.active;
  if (active?.kind === 'run' && active.form === form) return true;
  return selectRunOnScreen(s, form).models.length > 0;
}

/** The knobs of the run a run lesson shows: the one in progress, else its last one. */
export function selectFormRunParams(s: LabState, form: RunFormId): Readonly<Record<string, number>> | null {
  const active = s.lessons.active;
  if (active?.kind === 'run' && active.form === form) return active.request.params;
  const shown = selectRunOnScreen(s, form);
  return shown.view?.run.params ?? shown.request?.params ?? null;
}
