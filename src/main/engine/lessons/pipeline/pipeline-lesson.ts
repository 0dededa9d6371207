/** The pipeline lesson's engine part: the pipeline, streamed point by point, and its export sections. */
import type { EngineLessonPart } from '../engine-lesson';
import { pipelineExport } from './pipeline-export';
import { runPipelineLesson } from './pipeline';

/** The pipeline lesson, as the engine runs and exports it. */
export const pipelinePart: EngineLessonPart<'pipeline'> = {
  run: (request, env, progress) =>
    runPipelineLesson(request, env, { onProgress: (point) => progress({ point }) }),
  export: pipelineExport,
};
