import { describe, expect, it } from 'vitest';
import type { DataPassingRow, PipelinePoint } from '../../../shared/lessons';
import { foldDataPassingRow, foldPipelinePoint, PIPELINE_POINTS_KEPT } from './lessons-slice-progress';

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

function row(bytes: number, ms: number, mode: DataPassingRow['mode'] = 'clone'): DataPassingRow {
  return { carrier: 'threads', mode, bytes, ms, msPerMb: ms, touchMs: 0, ok: true };
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

  it('adds data-passing rows as they are measured, replacing a row measured again', () => {
    let rows = foldDataPassingRow([], row(1024, 1));
    rows = foldDataPassingRow(rows, row(4096, 2));
    rows = foldDataPassingRow(rows, row(1024, 3, 'transfer'));
    rows = foldDataPassingRow(rows, row(1024, 5));
    expect(rows.map((r) => [r.mode, r.bytes, r.ms])).toEqual([
      ['clone', 1024, 5],
      ['clone', 4096, 2],
      ['transfer', 1024, 3],
    ]);
  });
});
