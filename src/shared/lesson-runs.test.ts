import { describe, expect, it } from 'vitest';
import { lessonHeadline, lessonSettings, type LessonRecord } from './lesson-runs';
import type { PipelineResult } from './lessons';

const MB = 1024 * 1024;

function row(carrier: 'threads' | 'processes', mode: 'clone' | 'transfer', bytes: number, msPerMb: number) {
  return { carrier, mode, bytes, ms: msPerMb * (bytes / MB), msPerMb, touchMs: 0.1, ok: true };
}

describe('a lesson run in one line', () => {
  it('data passing: the milliseconds per megabyte of each carrier at the largest payload, and the checksum verdict', () => {
    const record: LessonRecord = {
      lesson: 'data-passing',
      request: { repeats: 3 },
      result: {
        rows: [
          row('threads', 'clone', 64 * 1024, 9),
          row('threads', 'clone', 16 * MB, 2.85),
          row('threads', 'transfer', 16 * MB, 0.37),
        ],
        latency: [],
        unsupported: [],
        ok: false,
      },
    };
    expect(lessonHeadline(record)).toBe(
      'At 16 MB: threads clone 2.85 ms/MB · threads transfer 0.37 ms/MB; a payload came back wrong',
    );
    expect(lessonSettings(record)).toBe('sizes=64 KB–16 MB, repeats=3');
  });

  it('pipeline: items written, whether exactly once, the rate and how long the producer was blocked', () => {
    const result = {
      carrier: 'processes',
      consumers: [
        { label: 'process 1', items: 60 },
        { label: 'process 2', items: 40 },
      ],
      capacity: 8,
      produced: 100,
      written: 100,
      exactlyOnce: true,
      consumerRate: 1294.4,
      wallMs: 2000,
      producerBlockedMs: 1820,
    } as unknown as PipelineResult;
    const record: LessonRecord = { lesson: 'pipeline', request: { items: 100, ratePerSecond: null }, result };
    expect(lessonHeadline(record)).toBe(
      '100 of 100 written, every item written exactly once; 1294 items/s; producer blocked 91% of the run',
    );
    expect(lessonSettings(record)).toBe('items=100, consumers=2 processes, capacity=8');
  });
});
