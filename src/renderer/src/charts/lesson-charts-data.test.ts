import { describe, expect, it } from 'vitest';
import { grayOf, pixelRgb } from '../../../shared/image-pixels';
import type { DeadlockAttempt } from '../../../shared/lessons/deadlock';
import { snapshot } from '../test-support/fixtures';
import { formatBytes } from '../../../shared/format';
import { logTicks, passingSeries } from './lesson-data-passing-data';
import { deadlockLayout, tickStep } from './lesson-deadlock-layout';
import { describeTiles } from './lesson-image-tiles';
import { processedPixels, thumbnailBlurRadius, thumbnailPixels } from './lesson-image-thumbnails';
import { peakSeries, withSnapshot } from './lesson-in-flight-data';
import { pipelineHeadline } from './lesson-pipeline-data';
import { lostText, raceRunLabel, raceRunLines } from './lesson-race-data';

describe('lesson chart data', () => {
  it('draws thumbnails from the workers’ own pixel generator, and their processed look in its gray', () => {
    const colour = thumbnailPixels(1000, 16, 16);
    expect([...colour.slice(0, 3)]).toEqual(pixelRgb(1000, 16, 0, 0));
    const gray = processedPixels(colour, 16, 0);
    expect(gray[0]).toBe(grayOf(colour[0]!, colour[1]!, colour[2]!));
    expect(gray[0]).toBe(gray[1]);
    expect(thumbnailBlurRadius(4, 512, 56)).toBe(0);
    expect(thumbnailBlurRadius(8, 64, 56)).toBe(7);
  });

  it('says how many images each lane processed', () => {
    const text = describeTiles({
      label: 'threads',
      total: 4,
      taskLanes: [0, 1, 0, -1],
      imageSize: 64,
      blurRadius: 2,
      lanes: [
        { index: 0, label: 'thread 1' },
        { index: 1, label: 'thread 2' },
      ],
    });
    expect(text).toBe('threads: 3 of 4 images processed (thread 1 2, thread 2 1).');
  });

  it('adds one in-flight point per newer snapshot, and plots the peak of the last quarter second', () => {
    let series = withSnapshot([], snapshot('async', { elapsedMs: 100, running: 20 }));
    series = withSnapshot(series, snapshot('async', { elapsedMs: 100, running: 5 }));
    series = withSnapshot(series, snapshot('async', { elapsedMs: 150, running: 0 }));
    expect(series).toEqual([
      { x: 0, y: 0 },
      { x: 0.1, y: 20 },
      { x: 0.15, y: 0 },
    ]);
    expect(peakSeries(series).map((p) => p.y)).toEqual([0, 20, 20]);
    expect(peakSeries([...series, { x: 0.5, y: 1 }]).at(-1)).toEqual({ x: 0.5, y: 1 });
  });

  it('groups data-passing rows into one line per carrier and mode, by size', () => {
    const row = (mode: 'clone' | 'transfer', bytes: number, msPerMb: number) => ({
      carrier: 'threads' as const,
      mode,
      bytes,
      ms: 1,
      msPerMb,
      touchMs: 0,
      ok: true,
    });
    const series = passingSeries([row('clone', 4096, 3), row('clone', 1024, 5), row('transfer', 1024, 9)]);
    expect(series.map((s) => s.label)).toEqual([
      'threads · structured clone',
      'threads · transfer',
      'threads · SharedArrayBuffer',
      'processes · structured clone',
    ]);
    expect(series[0]!.points).toEqual([
      { x: 1024, y: 5 },
      { x: 4096, y: 3 },
    ]);
    expect(formatBytes(16 * 1024 * 1024)).toBe('16 MB');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
    expect(logTicks(0.3, 12)).toEqual([0.5, 1, 2, 5, 10]);
  });

  it('names race runs and their lost updates', () => {
    const run = {
      model: 'gil-threads' as const,
      mode: 'unsynchronised' as const,
      switchInsideIncrement: true,
      expected: 100,
      final: 45,
      lost: 55,
      lostPercent: 55.04,
      wallMs: 1,
      workers: [],
    };
    expect(raceRunLabel(run)).toBe('GIL, switch inside +=');
    expect(raceRunLines(run)).toEqual(['GIL', 'switch', 'inside +=']);
    expect(lostText(run)).toBe('55% lost');
    expect(lostText({ ...run, lost: 0, lostPercent: 0 })).toBe('exact');
  });

  it('words the pipeline’s latest moment', () => {
    const point = {
      atMs: 500,
      queueDepth: 8,
      produced: 1234,
      consumed: 1226,
      written: 1226,
      producerRate: 1,
      consumerRate: 1,
      producerBlockedMs: 250,
    };
    expect(pipelineHeadline({ points: [point], capacity: 8 })).toBe(
      'queue 8 of 8 · 1,234 produced · 1,226 written · producer waited 0.25 s',
    );
  });

  it('turns a deadlock attempt’s lock events into held and waited spans', () => {
    const event = (
      atMs: number,
      worker: 'A' | 'B',
      kind: DeadlockAttempt['events'][number]['kind'],
      lock: 'L1' | 'L2' | null,
    ) => ({
      atMs,
      worker,
      kind,
      lock,
      heldBy: null,
      waitedMs: 0,
    });
    const attempt: DeadlockAttempt = {
      strategy: 'opposite-order',
      orders: { A: ['L1', 'L2'], B: ['L2', 'L1'] },
      outcome: 'deadlock-detected',
      cycle: [],
      explanation: '',
      formedAtMs: 50,
      detectedAtMs: 250,
      totalMs: 260,
      cleanupMs: 5,
      events: [
        event(1, 'A', 'acquired', 'L1'),
        event(1, 'B', 'acquired', 'L2'),
        event(50, 'A', 'waiting', 'L2'),
        event(50, 'B', 'waiting', 'L1'),
        event(250, 'A', 'wait-report', 'L2'),
      ],
    };
    const layout = deadlockLayout(attempt);
    expect(layout.spans).toContainEqual({
      worker: 'A',
      lock: 'L1',
      kind: 'hold',
      start: 1,
      end: 260,
      open: true,
    });
    expect(layout.spans).toContainEqual({
      worker: 'B',
      lock: 'L1',
      kind: 'wait',
      start: 50,
      end: 260,
      open: true,
    });
    expect(layout.marks).toEqual([{ worker: 'A', kind: 'report', at: 250 }]);

    const fixed = deadlockLayout({
      ...attempt,
      outcome: 'completed',
      detectedAtMs: null,
      totalMs: 120,
      events: [
        event(1, 'B', 'acquired', 'L1'),
        event(2, 'A', 'waiting', 'L1'),
        event(100, 'B', 'released', 'L1'),
        event(100, 'A', 'acquired', 'L1'),
        event(110, 'A', 'released', 'L1'),
        event(110, 'A', 'done', null),
      ],
    });
    expect(fixed.spans).toEqual([
      { worker: 'B', lock: 'L1', kind: 'hold', start: 1, end: 100, open: false },
      { worker: 'A', lock: 'L1', kind: 'wait', start: 2, end: 100, open: false },
      { worker: 'A', lock: 'L1', kind: 'hold', start: 100, end: 110, open: false },
    ]);
    expect(tickStep(260)).toBe(50);
    expect(tickStep(2000)).toBe(500);
  });
});
