import { describe, expect, it } from 'vitest';
import { writeJsonInTurns } from './json-in-turns';
import { gunzipJson, gzipJson } from './run-codec';
import type { TaskRecord } from '../../../shared/results';
import { LaneList } from '../../../shared/lane-list';
import { TaskTimeline } from '../../../shared/task-timeline';

async function text(value: unknown): Promise<{ json: string; parts: number }> {
  let json = '';
  let parts = 0;
  await writeJsonInTurns(value, (part) => {
    json += part;
    parts++;
  });
  return { json, parts };
}

const records = (count: number): object[] =>
  Array.from({ length: count }, (_, task) => ({
    task,
    lane: task % 7,
    queuedAt: task * 0.25,
    startedAt: task * 0.5 + 0.125,
    endedAt: task * 0.5 + 1.0625,
    ok: task % 13 !== 0,
  }));

describe('writeJsonInTurns', () => {
  it('writes what JSON.stringify writes, for a run the size of a 100,000-task result', async () => {
    const run = {
      runId: 'r1',
      startedAt: new Date(0),
      optional: undefined,
      results: [
        {
          model: 'threads',
          timeline: records(100_000),
          lanes: [{ index: 0, label: 'thread 1' }],
          error: undefined,
        },
        {
          model: 'async',
          timeline: records(3),
          throughput: [
            [0, 1],
            [1, 2.5],
          ],
          notes: [],
        },
      ],
      sparse: [1, undefined, 'two', null, { nested: [true, false] }],
      empty: {},
      text: 'quotes " and \\ and \u2028 and ☃',
    };
    const { json, parts } = await text(run);
    expect(json).toBe(JSON.stringify(run));
    // Written in parts: a reader (gzip) gets it piece by piece, never as one huge string.
    expect(parts).toBeGreaterThan(5);
  });

  it('writes a timeline and lanes kept as columns as the arrays JSON.stringify makes of them', async () => {
    const timeline = TaskTimeline.of(records(20_001) as TaskRecord[]);
    const lanes = LaneList.of(
      Array.from({ length: 5_000 }, (_, index) => ({ index, label: `slot ${index + 1}` })),
    );
    const run = {
      results: [
        { model: 'threads', timeline, lanes },
        { model: 'async', timeline: TaskTimeline.sized(0), lanes: LaneList.of([]) },
      ],
    };
    const { json, parts } = await text(run);
    expect(json).toBe(JSON.stringify(run));
    expect(JSON.parse(json).results[0].timeline).toEqual(records(20_001));
    expect(JSON.parse(json).results[1].timeline).toEqual([]);
    expect(JSON.parse(json).results[0].lanes).toEqual([...lanes]);
    expect(parts).toBeGreaterThan(1);
  });

  it('writes plain values and small arrays as JSON.stringify does', async () => {
    for (const value of [null, 0, -1.5, 'text', true, [], [1, 2, 3], [[1], [2]], { a: [{ b: undefined }] }])
      expect((await text(value)).json).toBe(JSON.stringify(value));
  });

  it('lets the event loop run while it writes a big value', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await text({ results: Array.from({ length: 5 }, () => ({ timeline: records(100_000) })) });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('gzipJson', () => {
  it('stores a big run that reads back equal', async () => {
    const run = { results: [{ model: 'processes', timeline: records(20_000) }] };
    expect(await gunzipJson(await gzipJson(run))).toEqual(run);
  });

  it('refuses a value with no JSON form, as JSON.stringify does', async () => {
    await expect(gzipJson({ big: 1n })).rejects.toThrow(/BigInt/);
  });
});
