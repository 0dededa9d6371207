/** The deadlock lesson's engine part: both lock orders, and their export sections. */
import type { EngineLessonPart } from '../engine-lesson';
import { deadlockExport } from './deadlock-export';
import { runDeadlockLesson } from './deadlock';

/** The deadlock lesson, as the engine runs and exports it. */
export const deadlockPart: EngineLessonPart<'deadlock'> = {
  run: (request, env) => runDeadlockLesson(request, env),
  export: deadlockExport,
};
