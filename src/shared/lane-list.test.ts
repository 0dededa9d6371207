import { describe, expect, it } from 'vitest';
import { LaneList, LaneListBuilder, type Lane } from './lane-list';

const lanes: Lane[] = [
  { index: 0, label: 'thread 1' },
  { index: 2, label: 'worker 3 (pid 4242) ☃' },
  { index: 5, label: '' },
  { index: 9, label: 'slot 10' },
];

describe('LaneList', () => {
  it('gives back its lanes by position, by index, in slices, mapped, iterated and as JSON', () => {
    const list = LaneList.of(lanes);
    expect(list).toHaveLength(4);
    expect(list.at(1)).toEqual(lanes[1]);
    expect(list.at(4)).toBeUndefined();
    expect(list.labelOf(9)).toBe('slot 10');
    expect(list.labelOf(5)).toBe('');
    expect(list.labelOf(3)).toBeUndefined();
    expect(list.slice(1, 3)).toEqual(lanes.slice(1, 3));
    expect(list.map((lane, i) => `${i}:${lane.index}`)).toEqual(['0:0', '1:2', '2:5', '3:9']);
    expect([...list]).toEqual(lanes);
    expect(JSON.parse(JSON.stringify({ lanes: list }))).toEqual({ lanes });
  });

  it('puts lanes in index order, the last label of an index given twice winning (a replaced worker)', () => {
    const list = LaneList.of([lanes[3]!, lanes[0]!, { index: 0, label: 'thread 1 (renamed)' }]);
    expect([...list]).toEqual([{ index: 0, label: 'thread 1 (renamed)' }, lanes[3]]);
  });

  it('is built a slice at a time into the same list, and refuses lanes out of order', () => {
    const builder = new LaneListBuilder();
    builder.add(lanes.slice(0, 2));
    builder.add([]);
    builder.add(lanes.slice(2));
    expect([...builder.done()]).toEqual(lanes);
    expect(() => builder.add([{ index: 9, label: 'again' }])).toThrow(/ascending index order/);
  });

  it('finds every label among 100,000 lanes (async)', () => {
    const builder = new LaneListBuilder();
    for (let from = 0; from < 100_000; from += 10_000)
      builder.add(
        Array.from({ length: 10_000 }, (_, i) => ({ index: from + i, label: `slot ${from + i + 1}` })),
      );
    const list = builder.done();
    expect(list).toHaveLength(100_000);
    expect([0, 1, 9_999, 10_000, 54_321, 99_999].map((index) => list.labelOf(index))).toEqual([
      'slot 1',
      'slot 2',
      'slot 10000',
      'slot 10001',
      'slot 54322',
      'slot 100000',
    ]);
  });
});
