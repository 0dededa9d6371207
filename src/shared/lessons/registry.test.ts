import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../export-formats';
import { INVOKE_CHANNELS } from '../ipc';
import { ENGINE_LESSON_IDS, isEngineLessonId, lessonChannel } from './lesson-ids';
import type { PipelineResult } from './pipeline';
import { ENGINE_LESSONS, lessonHeadline, lessonSettings, lessonTitle, type LessonRecord } from './registry';
import { LESSON_IDS, WORKSHOP_LESSONS } from './workshop';

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

describe('the lesson registry', () => {
  it.each(ENGINE_LESSON_IDS)(
    '%s: a spec under its own id, with a title, a summary, knobs and exports',
    (id) => {
      const spec = ENGINE_LESSONS[id];
      expect(spec.id).toBe(id);
      expect(spec.title.trim().length).toBeGreaterThan(0);
      expect(spec.summary.trim().length).toBeGreaterThan(0);
      expect(Object.keys(spec.knobs).length).toBeGreaterThan(0);
      for (const [key, knob] of Object.entries(spec.knobs)) expect(knob.key).toBe(key);
      expect(spec.exportFormats).toEqual(expect.arrayContaining(['csv', 'json', 'markdown']));
      expect(EXPORT_FORMATS).toEqual(expect.arrayContaining([...spec.exportFormats]));
      expect(spec.request.safeParse({ unknownKnob: 1 }).success).toBe(false);
      expect(typeof spec.claims).toBe('function');
      expect(isEngineLessonId(id)).toBe(true);
      expect(lessonChannel(id)).toBe(`lesson:${id}`);
    },
  );

  it('names each lesson once: the workshop lists every engine lesson with its spec’s title', () => {
    const titles = WORKSHOP_LESSONS.map((lesson) => lesson.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(new Set(LESSON_IDS).size).toBe(LESSON_IDS.length);
    for (const id of ENGINE_LESSON_IDS)
      expect(WORKSHOP_LESSONS.filter((lesson) => lesson.id === id)).toEqual([
        { id, kind: 'engine', title: lessonTitle(id), summary: ENGINE_LESSONS[id].summary },
      ]);
    expect(WORKSHOP_LESSONS.filter((lesson) => lesson.kind !== 'engine').map((l) => l.id)).toEqual([
      'ten-files',
      'http-requests',
      'image-batch',
      'which-model',
    ]);
    expect(isEngineLessonId('ten-files')).toBe(false);
  });

  it('gives every engine lesson a channel of the contract', () => {
    for (const id of ENGINE_LESSON_IDS) expect(INVOKE_CHANNELS).toContain(lessonChannel(id));
  });
});
