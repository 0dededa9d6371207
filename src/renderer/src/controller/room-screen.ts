/** What an instructor's window reports as its screen, read from the store: attendees following it show the same. */
import { isEngineLessonId, lessonChannel, type EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { LessonRequestRecordOf, RoomScreen } from '../../../shared/room';
import type { LabState } from '../store/lab-store';
import type { EngineLessonRequestOf } from '../store/lessons-slice-requests';
import { selectRunOnScreen } from '../store/run-slice';
import { isRunFormSlot, selectCurrentSlot } from '../store/run-slots';

/** The screen of this window: its view, lesson, the run its view shows and the lesson form showing it. */
export function selectInstructorScreen(s: LabState): RoomScreen {
  const active = s.lessons.active;
  const slot = selectCurrentSlot(s);
  const run = slot === null ? null : (selectRunOnScreen(s, slot).view?.run.runId ?? null);
  let runForm: string | null = null;
  if (active?.kind === 'run') runForm = active.form;
  else if (run !== null && slot !== null && isRunFormSlot(slot)) runForm = slot;
  const lesson = s.lessons.current;
  const lessonRun = isEngineLessonId(lesson) ? (s.lessons.saved[lesson]?.runId ?? null) : null;
  return { view: s.view.current, lesson, run, runForm, lessonRun };
}

/** Whether two screens show the same. */
export function sameScreen(a: RoomScreen | null, b: RoomScreen | null): boolean {
  if (a === null || b === null) return a === b;
  return (Object.keys(a) as (keyof RoomScreen)[]).every((key) => a[key] === b[key]);
}

/** The request of a lesson another window started, as this window's lessons slice takes it. */
export function engineLessonRequest<L extends EngineLessonId>(
  record: LessonRequestRecordOf<L>,
): EngineLessonRequestOf<L> {
  return { lesson: record.lesson, channel: lessonChannel(record.lesson), request: record.request };
}
