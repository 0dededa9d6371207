import { describe, expect, it } from 'vitest';
import type { TaskRecord } from './results';
import { TaskTimeline } from './task-timeline';

const records: TaskRecord[] = [
  { task: 0, lane: 2, queuedAt: 0, startedAt: 0.125, endedAt: 5.5, ok: true },
  { task: 3, lane: 0, queuedAt: 0.25, startedAt: 1, endedAt: 1e9 + 0.5, ok: false },
  { task: 7, lane: 1, queuedAt: 0.25, startedAt: 2, endedAt: 2, ok: true },
];

describe('TaskTimeline', () => {
  it('gives back the records it was made of, one by one, in slices, iterated and as JSON', () => {
    const timeline = TaskTimeline.of(records);
    expect(timeline).toHaveLength(3);
    expect(timeline.at(1)).toEqual(records[1]);
    expect(timeline.slice(1, 10)).toEqual(records.slice(1));
    expect([...timeline]).toEqual(records);
    expect(JSON.parse(JSON.stringify({ timeline }))).toEqual({ timeline: records });
  });

  it('keeps times at full precision and the ok flag as a boolean', () => {
    const [, failed] = TaskTimeline.of(records);
    expect(failed!.endedAt).toBe(1e9 + 0.5);
    expect(failed!.ok).toBe(false);
  });

  it('is empty when made of nothing, and its JSON is an empty array', () => {
    expect(JSON.stringify(TaskTimeline.sized(0))).toBe('[]');
    expect([...TaskTimeline.of([])]).toEqual([]);
  });

  it('refuses columns of different lengths', () => {
    const columns = { ...TaskTimeline.sized(2), ok: new Uint8Array(1) };
    expect(() => new TaskTimeline(columns)).toThrow(/columns of one length/);
  });
});
