import { describe, expect, it } from 'vitest';
import { SqliteSink } from './sqlite-sink';

async function sinkWith(ids: number[]): Promise<SqliteSink> {
  const sink = await SqliteSink.open();
  for (const id of ids) sink.write({ id, digest: id * 3, consumer: 0 });
  return sink;
}

describe('SqliteSink', () => {
  it('passes when every id is written exactly once', async () => {
    const sink = await sinkWith([3, 1, 0, 2]);
    expect(sink.check(4)).toMatchObject({
      rows: 4,
      distinctIds: 4,
      duplicates: 0,
      missing: 0,
      exactlyOnce: true,
    });
    expect(sink.digests([2, 3])).toEqual(
      new Map([
        [2, 6],
        [3, 9],
      ]),
    );
    sink.close();
  });

  it('names missing, duplicated and unknown ids', async () => {
    const sink = await sinkWith([0, 1, 1, 3, 7]);
    expect(sink.check(4)).toEqual({
      expected: 4,
      rows: 5,
      distinctIds: 4,
      duplicates: 1,
      missing: 1,
      unknown: 1,
      missingIds: [2],
      duplicateIds: [1],
      exactlyOnce: false,
    });
    sink.close();
  });

  it('checks an empty run', async () => {
    const sink = await sinkWith([]);
    expect(sink.check(0)).toMatchObject({ rows: 0, missing: 0, missingIds: [], exactlyOnce: true });
    sink.close();
  });
});
