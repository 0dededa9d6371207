import { describe, expect, it } from 'vitest';
import type { PipelinePoint } from '../../../../../shared/lessons/pipeline';
import { foldPipelinePoint, PIPELINE_POINTS_KEPT } from './pipeline-form';

function point(atMs: number, queueDepth = 1): PipelinePoint {
  return {
    atMs,
    queueDepth,
    produced: atMs,
    consumed: atMs,
    written: atMs,
    producerRate: 10,
    consumerRate: 10,
    producerBlockedMs: 0,
  };
}

describe('lesson progress folding', () => {
  it('appends pipeline points in time order and ignores a point from before the last one', () => {
    let points = foldPipelinePoint([], point(50));
    points = foldPipelinePoint(points, point(100, 8));
    expect(points.map((p) => p.atMs)).toEqual([50, 100]);
    expect(foldPipelinePoint(points, point(20))).toBe(points);
  });

  it('halves a long run’s points instead of dropping its beginning, keeping the latest', () => {
    let points: readonly PipelinePoint[] = [];
    for (let i = 1; i <= PIPELINE_POINTS_KEPT + 1; i++) points = foldPipelinePoint(points, point(i * 50));
    expect(points.length).toBeLessThanOrEqual(PIPELINE_POINTS_KEPT / 2 + 2);
    expect(points[0]!.atMs).toBe(50);
    expect(points.at(-1)!.atMs).toBe((PIPELINE_POINTS_KEPT + 1) * 50);
  });
});
