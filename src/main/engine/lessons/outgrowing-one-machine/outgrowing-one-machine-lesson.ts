/** "Outgrowing one machine" as the engine runs and exports it: each measurement streamed as it is made. */
import type { EngineLessonPart } from '../engine-lesson';
import { runOutgrowingLesson } from './outgrowing-one-machine';
import { outgrowingExport } from './outgrowing-one-machine-export';

/** The lesson's engine part. */
export const outgrowingPart: EngineLessonPart<'outgrowing-one-machine'> = {
  run: (request, env, progress) => runOutgrowingLesson(request, env, (row) => progress({ row })),
  export: outgrowingExport,
};
