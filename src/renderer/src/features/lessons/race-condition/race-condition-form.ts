/** The race-condition lesson's form: workers, increments and the GIL's switch interval. */
import { RACE_KNOBS } from '../../../../../shared/lessons/race-condition';
import type { EngineLessonForm } from '../engine-lesson-form';
import { knobField } from '../lesson-field';

/** The race-condition lesson's form. */
export const raceConditionForm: EngineLessonForm<'race-condition'> = {
  fields: [
    knobField(RACE_KNOBS.workers, '4'),
    knobField(RACE_KNOBS.increments, '1000000'),
    knobField(RACE_KNOBS.switchIntervalMs, '5'),
  ],
  request: (value) => ({
    workers: value('workers')!,
    increments: value('increments')!,
    switchIntervalMs: value('switchIntervalMs')!,
  }),
};
