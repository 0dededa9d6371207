/** The form of "Outgrowing one machine" (the largest task and how many sizes below it) and its measurements as they come. */
import { OUTGROWING_KNOBS, sweepSizes } from '../../../../../shared/lessons/outgrowing-one-machine';
import type { EngineLessonForm } from '../engine-lesson-form';
import { knobField } from '../lesson-field';

/** The lesson's form. */
export const outgrowingForm: EngineLessonForm<'outgrowing-one-machine'> = {
  fields: [
    knobField(OUTGROWING_KNOBS.tinyTasks, '300'),
    knobField(OUTGROWING_KNOBS.tasks, '40'),
    knobField(OUTGROWING_KNOBS.taskMs, '20', 'the largest of the sweep'),
    knobField(OUTGROWING_KNOBS.sizes, '4'),
    knobField(OUTGROWING_KNOBS.maxWorkers, ''),
  ],
  request: (value) => {
    const maxWorkers = value('maxWorkers');
    return {
      tinyTasks: value('tinyTasks')!,
      tasks: value('tasks')!,
      sizesMs: sweepSizes(value('taskMs')!, value('sizes')!),
      ...(maxWorkers === undefined ? {} : { maxWorkers }),
    };
  },
  live: {
    cleared: { outgrowing: [] },
    fold: (live, { row }) => ({ outgrowing: [...live.outgrowing, row] }),
    fromResult: (result) => ({ outgrowing: result.rows }),
  },
};
