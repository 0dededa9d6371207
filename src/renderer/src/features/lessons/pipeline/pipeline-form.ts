/** The pipeline lesson's form (items, rate, queue, consumers, work) and its points as they stream. */
import { PIPELINE_KNOBS, type PipelinePoint } from '../../../../../shared/lessons/pipeline';
import type { EngineLessonForm } from '../engine-lesson-form';
import { knobField } from '../lesson-field';

/** Pipeline points kept while a run goes on; past this, every other point is dropped so the whole run stays in view. */
export const PIPELINE_POINTS_KEPT = 2000;

/** The points with one more: a point from before the last one (another run's) is ignored. */
export function foldPipelinePoint(
  points: readonly PipelinePoint[],
  point: PipelinePoint,
): readonly PipelinePoint[] {
  const last = points.at(-1);
  if (last && point.atMs < last.atMs) return points;
  const next = [...points, point];
  return next.length > PIPELINE_POINTS_KEPT
    ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1)
    : next;
}

/** The pipeline lesson's form. */
export const pipelineForm: EngineLessonForm<'pipeline'> = {
  fields: [
    knobField(PIPELINE_KNOBS.items, '4000'),
    { ...knobField(PIPELINE_KNOBS.ratePerSecond, ''), placeholder: 'unlimited' },
    knobField(PIPELINE_KNOBS.capacity, '8'),
    knobField(PIPELINE_KNOBS.consumers, ''),
    knobField(PIPELINE_KNOBS.roundsPerItem, '100000'),
  ],
  request: (value, { carrier }) => {
    const consumers = value('consumers');
    return {
      items: value('items')!,
      ratePerSecond: value('ratePerSecond') ?? null,
      capacity: value('capacity')!,
      ...(consumers === undefined ? {} : { consumers }),
      carrier,
      roundsPerItem: value('roundsPerItem')!,
    };
  },
  live: {
    cleared: { points: [] },
    fold: (live, { point }) => ({ points: foldPipelinePoint(live.points, point) }),
    fromResult: (result) => ({ points: result.series }),
  },
};
