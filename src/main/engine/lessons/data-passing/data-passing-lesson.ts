/** The data-passing lesson's engine part: the round trips, streamed row by row, and its export sections. */
import type { EngineLessonPart } from '../engine-lesson';
import { dataPassingExport } from './data-passing-export';
import { runDataPassingLesson } from './data-passing';

/** The data-passing lesson, as the engine runs and exports it. */
export const dataPassingPart: EngineLessonPart<'data-passing'> = {
  run: (request, env, progress) => runDataPassingLesson(request, env, { onRow: (row) => progress({ row }) }),
  export: dataPassingExport,
};
