/** The shape of an engine lesson's engine part: what every lesson folder here exports. */
import type { EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { ProgressOf, RequestOf, ResultOf } from '../../../shared/lessons/registry';
import type { LessonExportSections } from '../reporters/lesson-sections';
import type { LessonEnvironment } from './lesson-environment';

/** A lesson's engine part: how it runs, and its own sections of the exports. */
export interface EngineLessonPart<L extends EngineLessonId> {
  /**
   * Measures the lesson, streaming what it measures to `progress` as it goes; rejects with a
   * CancelledError when the environment's signal aborts and a LessonInputError on bad input.
   */
  run(
    request: RequestOf<L>,
    env: LessonEnvironment,
    progress: (update: ProgressOf<L>) => void,
  ): Promise<ResultOf<L>>;
  /** Its CSV table, Markdown sections and, when it has a timeline, trace events. */
  readonly export: LessonExportSections<ResultOf<L>>;
}
