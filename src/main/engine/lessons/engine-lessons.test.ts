/**
 * Every lesson of the registry is whole on the engine's side: its spec reads a run (settings,
 * headline, claims) and its engine part runs it and writes an export in every format the spec
 * offers — a trace exactly when it has a timeline. A lesson added without one of these fails here
 * (or, for a missing sample run, engine part or spec, fails to compile).
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../shared/export-formats';
import { ENGINE_LESSON_IDS, type EngineLessonId } from '../../../shared/lessons/lesson-ids';
import {
  ENGINE_LESSONS,
  lessonClaims,
  lessonHeadline,
  lessonSettings,
  type LessonRunOf,
} from '../../../shared/lessons/registry';
import { exportLessonRun, LessonExportUnsupported } from '../reporters/lesson-export';
import type { EngineLessonPart } from './engine-lesson';
import { ENGINE_LESSON_PARTS } from './engine-lessons';
import { OUTGROWING_SAMPLE_RUN } from './outgrowing-one-machine/outgrowing-sample.test-support';

const META = { runId: 'run-1', startedAt: '2026-01-02T03:04:05.000Z' };

/** A small run of each lesson, shaped like what it returns. */
const SAMPLE_RUNS: { readonly [L in EngineLessonId]: LessonRunOf<L> } = {
  'race-condition': {
    lesson: 'race-condition',
    request: { workers: 2, increments: 10 },
    result: {
      workers: 2,
      increments: 10,
      cores: 2,
      runs: [
        {
          model: 'threads',
          mode: 'atomic',
          switchInsideIncrement: false,
          expected: 20,
          final: 20,
          lost: 0,
          lostPercent: 0,
          wallMs: 1,
          workers: [{ worker: 1, increments: 10, ms: 1 }],
        },
      ],
    },
    ...META,
  },
  'data-passing': {
    lesson: 'data-passing',
    request: { sizes: [1024], repeats: 1 },
    result: {
      rows: [
        { carrier: 'threads', mode: 'clone', bytes: 1024, ms: 1, msPerMb: 1024, touchMs: 0.1, ok: true },
      ],
      latency: [{ carrier: 'threads', samples: 10, medianMs: 0.05, p95Ms: 0.1 }],
      unsupported: [],
      ok: true,
    },
    ...META,
  },
  pipeline: {
    lesson: 'pipeline',
    request: { items: 1 },
    result: {
      carrier: 'threads',
      consumers: [{ label: 'thread 1', items: 1 }],
      capacity: 8,
      produced: 1,
      consumed: 1,
      written: 1,
      check: {
        expected: 1,
        rows: 1,
        distinctIds: 1,
        duplicates: 0,
        missing: 0,
        unknown: 0,
        missingIds: [],
        duplicateIds: [],
        exactlyOnce: true,
      },
      digestsChecked: 1,
      digestsWrong: 0,
      exactlyOnce: true,
      startupMs: 5,
      wallMs: 10,
      producerBlockedMs: 0,
      maxQueueDepth: 1,
      producerRate: 100,
      consumerRate: 100,
      series: [
        {
          atMs: 5,
          queueDepth: 1,
          produced: 1,
          consumed: 1,
          written: 1,
          producerRate: 100,
          consumerRate: 100,
          producerBlockedMs: 0,
        },
      ],
    },
    ...META,
  },
  deadlock: {
    lesson: 'deadlock',
    request: { pauseMs: 10 },
    result: {
      attempts: [
        {
          strategy: 'global-order',
          orders: { A: ['L1', 'L2'], B: ['L1', 'L2'] },
          outcome: 'completed',
          cycle: [],
          explanation: 'one order',
          formedAtMs: null,
          detectedAtMs: null,
          totalMs: 30,
          cleanupMs: null,
          events: [
            { atMs: 1, worker: 'A', kind: 'acquired', lock: 'L1', heldBy: null, waitedMs: 0 },
            { atMs: 2, worker: 'A', kind: 'released', lock: 'L1', heldBy: null, waitedMs: 0 },
          ],
        },
      ],
    },
    ...META,
  },
  'outgrowing-one-machine': OUTGROWING_SAMPLE_RUN,
};

/** A lesson's engine part and its sample run, typed by the lesson. */
function partAndRun<L extends EngineLessonId>(lesson: L): [EngineLessonPart<L>, LessonRunOf<L>] {
  return [ENGINE_LESSON_PARTS[lesson], SAMPLE_RUNS[lesson]];
}

/** What a lesson's own export sections write of its sample run. */
function sections<L extends EngineLessonId>(lesson: L) {
  const [part, run] = partAndRun(lesson);
  return {
    columns: part.export.csv.columns,
    rows: part.export.csv.rows(run.result),
    markdown: part.export.markdown(run.result),
    traced: part.export.trace !== undefined,
  };
}

describe.each(ENGINE_LESSON_IDS)('the %s lesson', (lesson) => {
  const spec = ENGINE_LESSONS[lesson];
  const part = ENGINE_LESSON_PARTS[lesson];
  const run = SAMPLE_RUNS[lesson];

  it('reads a run: settings, a headline and checked claims', () => {
    expect(lessonSettings(run)).toMatch(/^([a-z-]+=[^,]+(, |$))*$/);
    expect(lessonHeadline(run).length).toBeGreaterThan(0);
    const claims = lessonClaims(run);
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      expect(claim.text.length).toBeGreaterThan(0);
      expect(claim.evidence.length).toBeGreaterThan(0);
      expect([true, false, null]).toContain(claim.holds);
    }
  });

  it('has an engine part that runs it', () => {
    expect(typeof part.run).toBe('function');
  });

  it('has export sections for every format it offers, a trace exactly when it has a timeline', () => {
    expect(spec.exportFormats).toEqual(expect.arrayContaining(['csv', 'json', 'markdown']));
    const { columns, rows, markdown, traced } = sections(lesson);
    expect(columns.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toHaveLength(columns.length);
    expect(markdown.join('\n')).toMatch(/^## /m);
    expect(traced).toBe(spec.exportFormats.includes('trace'));
    for (const format of EXPORT_FORMATS) {
      if (spec.exportFormats.includes(format))
        expect(exportLessonRun(run, format).content.length).toBeGreaterThan(0);
      else expect(() => exportLessonRun(run, format)).toThrow(LessonExportUnsupported);
    }
  });
});
