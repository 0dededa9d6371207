/**
 * The lessons' intents: a run lesson starts a run through the lab controller's one run machinery; an
 * engine lesson invokes its own channel and folds the progress it streams; Cancel stops either.
 */
import type { LabApi, LabError, Reply } from '../../../shared/ipc';
import type { EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { LessonRunOf } from '../../../shared/lessons/registry';
import type { LessonId } from '../../../shared/lessons/workshop';
import type { LabStore } from '../store/lab-store';
import { formOf, type RunFormId } from '../store/lessons-slice-forms';
import type { EngineLessonRequestOf } from '../store/lessons-slice-requests';
import {
  isEngineLessonForm,
  selectEngineLessonRequest,
  selectLessonBlocker,
  selectRunLessonRequest,
} from '../store/lessons-slice-selectors';
import { selectIsAttendee } from '../store/room-slice';
import { selectRunActive } from '../store/run-slice';
import { refusalText } from './refusal-text';
import type { LabController } from './lab-controller';

/** What the lessons can ask for. */
export interface LessonController {
  /** Listens to the engine's lesson and run events; returns the function that stops listening. */
  start(): () => void;
  /** Runs a lesson (the one on screen unless named), if its form is valid and nothing else runs. */
  runLesson(id?: LessonId): Promise<void>;
  /** Cancels the lesson in progress: an engine lesson, or a run lesson's run. */
  cancelLesson(): Promise<void>;
}

/** The part of the lab controller the lessons share: one run at a time, app-wide. */
export type RunStarter = Pick<LabController, 'startRun' | 'cancelRun'>;

/** An engine refusal or failure in one sentence. */
export function lessonErrorText(error: LabError): string {
  if (error.code === 'busy') return `Something else is running: ${error.message}`;
  if (error.code === 'invalid-request' && error.issues?.length)
    return `The engine refused the lesson: ${error.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`;
  return error.message;
}

/** Runs an engine lesson on its channel, which replies with the run as the history keeps it. */
function invokeLesson<L extends EngineLessonId>(
  api: LabApi,
  { channel, request }: EngineLessonRequestOf<L>,
): Promise<Reply<LessonRunOf<L>>> {
  // The contract's reply of `lesson:${L}` is LessonRunOf<L>; TypeScript does not resolve it for a generic lesson.
  return api.invoke(channel, request) as Promise<Reply<LessonRunOf<L>>>;
}

/** Creates the controller of the lessons. */
export function createLessonController(api: LabApi, store: LabStore, runs: RunStarter): LessonController {
  const state = () => store.getState();

  async function runEngineLesson<L extends EngineLessonId>(request: EngineLessonRequestOf<L>): Promise<void> {
    state().engineLessonStarted(request);
    const reply = await invokeLesson(api, request);
    if (reply.ok) state().lessonRunShown(reply.value, 'finished');
    else if (reply.error.code === 'cancelled')
      state().engineLessonEnded(request.lesson, { kind: 'cancelled' });
    else state().engineLessonEnded(request.lesson, { kind: 'failed', message: lessonErrorText(reply.error) });
  }

  async function runRunLesson(form: RunFormId): Promise<void> {
    const validation = selectRunLessonRequest(state(), form);
    if (!validation.ok) return;
    state().lessonRunRequested(form, validation.value);
    const runId = await runs.startRun(validation.value);
    if (runId === null) state().lessonRunEnded(null, state().run.error ?? 'The engine refused the run.');
    else state().lessonRunStarted(runId);
  }

  async function runLesson(id: LessonId = state().lessons.current): Promise<void> {
    const form = formOf(id, state().lessons.variant);
    if (form === null || selectLessonBlocker(state(), form) !== null) return;
    if (!isEngineLessonForm(form)) {
      // An attendee's run request goes to the server, which refuses it; the lesson on screen stays.
      if (selectIsAttendee(state())) {
        const validation = selectRunLessonRequest(state(), form);
        if (validation.ok) await runs.startRun(validation.value);
        return;
      }
      return runRunLesson(form);
    }
    const validation = selectEngineLessonRequest(state(), form);
    if (!validation.ok) return;
    if (selectIsAttendee(state())) {
      const reply = await invokeLesson(api, validation.value);
      if (!reply.ok) state().roomRefused(refusalText(reply.error));
      return;
    }
    await runEngineLesson(validation.value);
  }

  async function cancelLesson(): Promise<void> {
    const active = state().lessons.active;
    if (active?.kind === 'engine') {
      if (active.cancelling) return;
      if (selectIsAttendee(state())) {
        const reply = await api.invoke('lesson:cancel', null);
        if (!reply.ok) state().roomRefused(refusalText(reply.error));
        return;
      }
      state().lessonCancelRequested();
      const reply = await api.invoke('lesson:cancel', null);
      // A lesson that ended meanwhile cannot be cancelled; its own reply settles the state.
      if (!reply.ok) console.warn(`lesson cancel refused: ${reply.error.message}`);
    } else if (selectRunActive(state())) {
      await runs.cancelRun();
    }
  }

  function start(): () => void {
    const stops = [
      api.on('lesson:progress', (progress) => state().lessonProgressed(progress)),
      api.on('run:finished', (view) => state().lessonRunSettled(view)),
      api.on('run:failed', ({ runId, message }) => state().lessonRunEnded(runId, message)),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  return { start, runLesson, cancelLesson };
}
