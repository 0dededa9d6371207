/**
 * The engine parts of the lessons, one per lesson of the shared registry (shared/lessons/registry.ts):
 * a lesson whose id is there and whose part is missing here fails to compile.
 */
import type { EngineLessonId } from '../../../shared/lessons/lesson-ids';
import { dataPassingPart } from './data-passing/data-passing-lesson';
import { deadlockPart } from './deadlock/deadlock-lesson';
import type { EngineLessonPart } from './engine-lesson';
import { outgrowingPart } from './outgrowing-one-machine/outgrowing-one-machine-lesson';
import { pipelinePart } from './pipeline/pipeline-lesson';
import { raceConditionPart } from './race-condition/race-condition-lesson';

/** Every lesson's engine part, by id. */
export const ENGINE_LESSON_PARTS: { readonly [L in EngineLessonId]: EngineLessonPart<L> } = {
  'race-condition': raceConditionPart,
  'data-passing': dataPassingPart,
  pipeline: pipelinePart,
  deadlock: deadlockPart,
  'outgrowing-one-machine': outgrowingPart,
};
