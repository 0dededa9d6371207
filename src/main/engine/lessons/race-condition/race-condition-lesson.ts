/** The race-condition lesson's engine part: the race on real threads and under the GIL, and its export sections. */
import type { EngineLessonPart } from '../engine-lesson';
import { raceConditionExport } from './race-condition-export';
import { runRaceConditionLesson } from './race-condition';

/** The race-condition lesson, as the engine runs and exports it. */
export const raceConditionPart: EngineLessonPart<'race-condition'> = {
  run: (request, env) => runRaceConditionLesson(request, env),
  export: raceConditionExport,
};
