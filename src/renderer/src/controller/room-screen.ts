/** What an instructor's window reports as its screen, read from the store: attendees following it show the same. */
import type { RoomScreen } from '../../../shared/room';
import type { LabState } from '../store/lab-store';
import type { EngineLessonRequest } from '../store/lessons-slice-requests';
import { isEngineLesson } from '../store/lessons-slice-forms';
import type { LessonRequestRecord } from '../../../shared/room';

/** The screen of this window: its view, lesson, the run on screen and the lesson form showing it. */
export function selectInstructorScreen(s: LabState): RoomScreen {
  const active = s.lessons.active;
  const run = s.run.view?.run.runId ?? null;
  let runForm: string | null = null;
  if (active?.kind === 'run') runForm = active.form;
  else if (run !== null)
    runForm = Object.entries(s.lessons.runs).find(([, view]) => view?.run.runId === run)?.[0] ?? null;
  const lesson = s.lessons.current;
  const lessonRun = isEngineLesson(lesson) ? (s.lessons.saved[lesson]?.runId ?? null) : null;
  return { view: s.view.current, lesson, run, runForm, lessonRun };
}

/** Whether two screens show the same. */
export function sameScreen(a: RoomScreen | null, b: RoomScreen | null): boolean {
  if (a === null || b === null) return a === b;
  return (Object.keys(a) as (keyof RoomScreen)[]).every((key) => a[key] === b[key]);
}

/** The request of a lesson another window started, as this window's lessons slice takes it. */
export function engineLessonRequest(record: LessonRequestRecord): EngineLessonRequest {
  switch (record.lesson) {
    case 'race-condition':
      return { lesson: record.lesson, channel: 'lesson:race-condition', request: record.request };
    case 'data-passing':
      return { lesson: record.lesson, channel: 'lesson:data-passing', request: record.request };
    case 'pipeline':
      return { lesson: record.lesson, channel: 'lesson:pipeline', request: record.request };
    case 'deadlock':
      return { lesson: record.lesson, channel: 'lesson:deadlock', request: record.request };
  }
}
