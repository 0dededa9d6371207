/** The deadlock lesson's form: the pause while holding a lock, the lock wait timeout and when to give up. */
import { DEADLOCK_KNOBS } from '../../../../../shared/lessons/deadlock';
import type { EngineLessonForm } from '../engine-lesson-form';
import { knobField } from '../lesson-field';

/** The deadlock lesson's form. */
export const deadlockForm: EngineLessonForm<'deadlock'> = {
  fields: [
    knobField(DEADLOCK_KNOBS.pauseMs, '50'),
    knobField(DEADLOCK_KNOBS.reportAfterMs, '200'),
    knobField(DEADLOCK_KNOBS.giveUpAfterMs, '5000'),
  ],
  request: (value) => ({
    pauseMs: value('pauseMs')!,
    reportAfterMs: value('reportAfterMs')!,
    giveUpAfterMs: value('giveUpAfterMs')!,
  }),
};
