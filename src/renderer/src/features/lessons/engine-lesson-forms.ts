/**
 * The renderer parts of the engine lessons' forms, one per lesson of the shared registry
 * (shared/lessons/registry.ts): a lesson whose id is there and whose form is missing here fails to
 * compile. Each lesson's screen is registered beside the others in lessons-view.tsx.
 */
import type { EngineLessonId } from '../../../../shared/lessons/lesson-ids';
import { dataPassingForm } from './data-passing/data-passing-form';
import { deadlockForm } from './deadlock/deadlock-form';
import type { EngineLessonForm } from './engine-lesson-form';
import { outgrowingForm } from './outgrowing-one-machine/outgrowing-form';
import { pipelineForm } from './pipeline/pipeline-form';
import { raceConditionForm } from './race-condition/race-condition-form';

/** Every engine lesson's form, by id. */
export const ENGINE_LESSON_FORMS: { readonly [L in EngineLessonId]: EngineLessonForm<L> } = {
  'race-condition': raceConditionForm,
  'data-passing': dataPassingForm,
  pipeline: pipelineForm,
  deadlock: deadlockForm,
  'outgrowing-one-machine': outgrowingForm,
};
