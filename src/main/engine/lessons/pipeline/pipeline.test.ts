import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { forkSpawner } from '../../models/process-spawner';
import { alive, osThreadCount, recordingSpawner } from '../cleanup.test-support';
import type { PipelinePoint } from '../../../../shared/lessons/pipeline';
import { produceItems, runPipelineLesson } from './pipeline';

const env = { hostScripts: builtHostScripts(), spawner: forkSpawner };

describe('pipeline lesson', () => {
  it('writes every produced item exactly once through a thread pool, and the full queue holds the producer back', async () => {
    const progress: PipelinePoint[] = [];
    const result = await runPipelineLesson(
      { items: 400, capacity: 4, consumers: 2, carrier: 'threads', roundsPerItem: 20_000 },
      env,
      { onProgress: (point) => progress.push(point) },
    );
    expect(result).toMatchObject({
      produced: 400,
      consumed: 400,
      written: 400,
      exactlyOnce: true,
      digestsWrong: 0,
    });
    expect(result.check).toMatchObject({ rows: 400, distinctIds: 400, missing: 0, duplicates: 0 });
    expect(result.digestsChecked).toBe(64);
    expect(result.consumers.reduce((n, c) => n + c.items, 0)).toBe(400);
    expect(result.maxQueueDepth).toBeLessThanOrEqual(4);
    // An unpaced producer is always faster than a round trip per item: it must have waited for room.
    expect(result.producerBlockedMs).toBeGreaterThan(0);
    // At most 20 progress points a second, and the last one has the totals.
    expect(progress.length).toBeLessThanOrEqual(result.wallMs / 50 + 2);
    expect(progress.at(-1)).toMatchObject({ produced: 400, consumed: 400, written: 400, queueDepth: 0 });
    expect(result.series).toEqual(progress);
    for (const point of result.series) expect(point.queueDepth).toBeLessThanOrEqual(4);
  });

  it('writes every produced item exactly once through a process pool', async () => {
    const result = await runPipelineLesson(
      { items: 150, capacity: 2, consumers: 2, carrier: 'processes', roundsPerItem: 1000 },
      env,
    );
    expect(result).toMatchObject({ produced: 150, written: 150, exactlyOnce: true });
    expect(result.consumers.map((c) => c.label)).toEqual([
      expect.stringMatching(/^process 1 \(pid \d+\)$/),
      expect.stringMatching(/^process 2 \(pid \d+\)$/),
    ]);
  });

  it.each(['threads', 'processes'] as const)(
    'stops every %s consumer when cancelled mid-stream',
    async (carrier) => {
      const pids: number[] = [];
      const threadsBefore = osThreadCount();
      const controller = new AbortController();
      const lesson = runPipelineLesson(
        { items: 1_000_000, capacity: 8, consumers: 2, carrier, roundsPerItem: 1000 },
        { ...env, spawner: recordingSpawner(pids), signal: controller.signal },
        { onProgress: (point) => point.written > 20 && controller.abort() },
      );
      await expect(lesson).rejects.toThrow(/cancelled/);
      expect(pids.length).toBe(carrier === 'processes' ? 2 : 0);
      expect(pids.filter(alive)).toEqual([]);
      if (threadsBefore !== null)
        await expect.poll(osThreadCount, { timeout: 2000 }).toBeLessThanOrEqual(threadsBefore);
    },
  );

  it('rejects a knob out of range', async () => {
    await expect(runPipelineLesson({ items: 10, capacity: 0 }, env)).rejects.toThrow(
      /capacity must be an integer from 1 to 10000 \(got 0\)/,
    );
  });
});

describe('produceItems', () => {
  it('yields every id once, in order, with a seed', async () => {
    const ids: number[] = [];
    for await (const item of produceItems(5, null)) {
      expect(typeof item.seed).toBe('number');
      ids.push(item.id);
    }
    expect(ids).toEqual([0, 1, 2, 3, 4]);
  });
});
