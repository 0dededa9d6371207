import { OUTGROWING_SAMPLE_RUN } from '../lessons/outgrowing-one-machine/outgrowing-sample.test-support';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../../shared/export-formats';
import type { DataPassingResult } from '../../../shared/lessons/data-passing';
import type {
  DeadlockAttempt,
  DeadlockResult,
  DeadlockTimelineEvent,
} from '../../../shared/lessons/deadlock';
import { ENGINE_LESSON_IDS } from '../../../shared/lessons/lesson-ids';
import type { PipelineResult } from '../../../shared/lessons/pipeline';
import type { RaceConditionResult, RaceRun } from '../../../shared/lessons/race-condition';
import { LESSON_EXPORT_FORMATS, type LessonRun } from '../../../shared/lessons/registry';
import { DATA_PASSING_CSV_COLUMNS, LATENCY_CSV_MODE } from '../lessons/data-passing/data-passing-export';
import { DEADLOCK_CSV_COLUMNS } from '../lessons/deadlock/deadlock-export';
import { PIPELINE_CSV_COLUMNS } from '../lessons/pipeline/pipeline-export';
import { RACE_CONDITION_CSV_COLUMNS } from '../lessons/race-condition/race-condition-export';
import { LessonExportUnsupported, exportLessonRun } from './lesson-export';
import type { TraceEvent } from './trace';

const STARTED_AT = '2025-11-21T10:16:00.123Z';
const STAMP = '2025-11-21-10-16-00';

// ---------------------------------------------------------------------------------------------------
// Fixtures: small, hand-built, shaped like what the lessons return.

function raceRun(overrides: Partial<RaceRun> & Pick<RaceRun, 'model' | 'mode'>): RaceRun {
  return {
    switchInsideIncrement: false,
    expected: 2000,
    final: 2000,
    lost: 0,
    lostPercent: 0,
    wallMs: 5,
    workers: [
      { worker: 1, increments: 1000, ms: 4.5 },
      { worker: 2, increments: 1000, ms: 4.75 },
    ],
    ...overrides,
  };
}

const RACE_RESULT: RaceConditionResult = {
  workers: 2,
  increments: 1000,
  cores: 4,
  runs: [
    raceRun({
      model: 'threads',
      mode: 'unsynchronised',
      final: 1140,
      lost: 860,
      lostPercent: 43,
      wallMs: 12.3456,
    }),
    raceRun({ model: 'threads', mode: 'atomic', wallMs: 2 }),
    raceRun({ model: 'threads', mode: 'mutex', wallMs: 9 }),
    raceRun({
      model: 'gil-threads',
      mode: 'unsynchronised',
      switchInsideIncrement: true,
      final: 1500,
      lost: 500,
      lostPercent: 25,
      wallMs: 30,
      workers: [
        { worker: 1, increments: 1000, ms: 29 },
        { worker: 2, increments: 1000, ms: 30 },
      ],
    }),
  ],
};

function raceLesson(result: RaceConditionResult = RACE_RESULT): LessonRun {
  return {
    lesson: 'race-condition',
    request: { workers: 2, increments: 1000 },
    result,
    runId: 'run-race',
    startedAt: STARTED_AT,
  };
}

const MB = 1024 * 1024;

const DATA_RESULT: DataPassingResult = {
  rows: [
    { carrier: 'threads', mode: 'clone', bytes: MB, ms: 4, msPerMb: 4, touchMs: 0.5, ok: true },
    { carrier: 'threads', mode: 'transfer', bytes: MB, ms: 1.5, msPerMb: 1.5, touchMs: 0.5, ok: true },
    { carrier: 'threads', mode: 'shared', bytes: MB, ms: 0.8, msPerMb: 0.8, touchMs: 0.5, ok: true },
    { carrier: 'processes', mode: 'clone', bytes: MB, ms: 12.25, msPerMb: 12.25, touchMs: 0.6, ok: true },
  ],
  latency: [
    { carrier: 'threads', samples: 200, medianMs: 0.05, p95Ms: 0.12 },
    { carrier: 'processes', samples: 200, medianMs: 0.2, p95Ms: 0.4 },
  ],
  unsupported: [
    {
      carrier: 'processes',
      mode: 'transfer',
      reason: 'processes have separate memory: a buffer cannot be moved into another process, only copied',
    },
  ],
  ok: true,
};

const DATA_LESSON: LessonRun = {
  lesson: 'data-passing',
  request: { sizes: [MB], repeats: 3 },
  result: DATA_RESULT,
  runId: 'run-data',
  startedAt: STARTED_AT,
};

const PIPELINE_RESULT: PipelineResult = {
  carrier: 'threads',
  consumers: [
    { label: 'thread 1 | core 0', items: 2 },
    { label: 'thread 2', items: 1 },
  ],
  capacity: 2,
  produced: 3,
  consumed: 3,
  written: 3,
  check: {
    expected: 3,
    rows: 3,
    distinctIds: 3,
    duplicates: 0,
    missing: 0,
    unknown: 0,
    missingIds: [],
    duplicateIds: [],
    exactlyOnce: true,
  },
  digestsChecked: 3,
  digestsWrong: 0,
  exactlyOnce: true,
  startupMs: 20,
  wallMs: 150,
  producerBlockedMs: 60,
  maxQueueDepth: 2,
  producerRate: 20,
  consumerRate: 20,
  series: [
    {
      atMs: 0,
      queueDepth: 0,
      produced: 0,
      consumed: 0,
      written: 0,
      producerRate: 0,
      consumerRate: 0,
      producerBlockedMs: 0,
    },
    {
      atMs: 50.5,
      queueDepth: 2,
      produced: 2,
      consumed: 0,
      written: 0,
      producerRate: 39.6,
      consumerRate: 0,
      producerBlockedMs: 10,
    },
    {
      atMs: 150,
      queueDepth: 0,
      produced: 3,
      consumed: 3,
      written: 3,
      producerRate: 20,
      consumerRate: 20,
      producerBlockedMs: 60,
    },
  ],
};

const PIPELINE_LESSON: LessonRun = {
  lesson: 'pipeline',
  request: { items: 3, capacity: 2, consumers: 2 },
  result: PIPELINE_RESULT,
  runId: 'run-pipeline',
  startedAt: STARTED_AT,
};

function event(
  atMs: number,
  worker: DeadlockTimelineEvent['worker'],
  kind: DeadlockTimelineEvent['kind'],
  lock: DeadlockTimelineEvent['lock'],
  heldBy: DeadlockTimelineEvent['heldBy'] = null,
  waitedMs = 0,
): DeadlockTimelineEvent {
  return { atMs, worker, kind, lock, heldBy, waitedMs };
}

/** Each holds its first lock, waits for the other's, reports the wait once; the detector ends it. */
const OPPOSITE: DeadlockAttempt = {
  strategy: 'opposite-order',
  orders: { A: ['L1', 'L2'], B: ['L2', 'L1'] },
  outcome: 'deadlock-detected',
  cycle: [
    { worker: 'A', waitsFor: 'L2', heldBy: 'B', waitedMs: 100.1 },
    { worker: 'B', waitsFor: 'L1', heldBy: 'A', waitedMs: 100.1 },
  ],
  explanation:
    'A waited 100 ms for L2 held by B; B waited 100 ms for L1 held by A: each waits for the other, a cycle no one can leave. Both threads were terminated.',
  formedAtMs: 51.5,
  detectedAtMs: 155,
  totalMs: 162.3,
  cleanupMs: 7.3,
  events: [
    event(1, 'A', 'acquired', 'L1'),
    event(1.2, 'B', 'acquired', 'L2'),
    event(51.3, 'A', 'waiting', 'L2', 'B'),
    event(51.5, 'B', 'waiting', 'L1', 'A'),
    event(151.4, 'A', 'wait-report', 'L2', 'B', 100.1),
    event(151.6, 'B', 'wait-report', 'L1', 'A', 100.1),
  ],
};

/** B waits for L1 while A holds both, then takes them in turn. */
const GLOBAL: DeadlockAttempt = {
  strategy: 'global-order',
  orders: { A: ['L1', 'L2'], B: ['L1', 'L2'] },
  outcome: 'completed',
  cycle: [],
  explanation:
    'Both workers take L1 before L2: whoever gets L1 first can always get L2, so no cycle can form.',
  formedAtMs: null,
  detectedAtMs: null,
  totalMs: 203.5,
  cleanupMs: null,
  events: [
    event(0.8, 'A', 'acquired', 'L1'),
    event(1, 'B', 'waiting', 'L1', 'A'),
    event(51, 'A', 'acquired', 'L2'),
    event(101.2, 'A', 'released', 'L2'),
    event(101.3, 'A', 'released', 'L1'),
    event(101.4, 'A', 'done', null),
    event(101.4, 'B', 'acquired', 'L1', null, 100.4),
    event(151.6, 'B', 'acquired', 'L2'),
    event(201.8, 'B', 'released', 'L2'),
    event(201.9, 'B', 'released', 'L1'),
    event(202, 'B', 'done', null),
  ],
};

function deadlockLesson(attempts: readonly DeadlockAttempt[] = [OPPOSITE, GLOBAL]): LessonRun {
  const result: DeadlockResult = { attempts };
  return {
    lesson: 'deadlock',
    request: { pauseMs: 50, reportAfterMs: 100 },
    result,
    runId: 'run-deadlock',
    startedAt: STARTED_AT,
  };
}

const LESSONS: Readonly<Record<LessonRun['lesson'], LessonRun>> = {
  'race-condition': raceLesson(),
  'data-passing': DATA_LESSON,
  pipeline: PIPELINE_LESSON,
  deadlock: deadlockLesson(),
  'outgrowing-one-machine': { ...OUTGROWING_SAMPLE_RUN, startedAt: STARTED_AT },
};

// ---------------------------------------------------------------------------------------------------
// Helpers

function csvLines(content: string): string[] {
  expect(content.endsWith('\r\n')).toBe(true);
  return content.slice(0, -2).split('\r\n');
}

interface TraceFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: string;
}

function trace(run: LessonRun): TraceFile {
  return JSON.parse(exportLessonRun(run, 'trace').content) as TraceFile;
}

function names(events: readonly TraceEvent[], kind: string, pid: number): [number, unknown][] {
  return events
    .filter((e) => e.ph === 'M' && e.name === kind && e.pid === pid)
    .map((e) => [e.tid, e.args?.name]);
}

function spans(events: readonly TraceEvent[], pid: number, tid?: number): TraceEvent[] {
  return events.filter((e) => e.ph === 'X' && e.pid === pid && (tid === undefined || e.tid === tid));
}

/** [name, start µs, end µs] of a thread's spans, in start order. */
function spanTimes(events: readonly TraceEvent[], pid: number, tid: number): [string, number, number][] {
  return spans(events, pid, tid)
    .filter((e) => !e.name.startsWith('reports:'))
    .map((e): [string, number, number] => [e.name, e.ts, e.ts + (e.dur ?? 0)])
    .sort((a, b) => a[1] - b[1]);
}

// ---------------------------------------------------------------------------------------------------

describe('exportLessonRun: files', () => {
  it.each([
    ['csv', 'csv', 'text/csv'],
    ['json', 'json', 'application/json'],
    ['markdown', 'md', 'text/markdown'],
    ['trace', 'trace.json', 'application/json'],
  ] as const)('names a %s file after the lesson and its start time', (format, ext, mimeType) => {
    const file = exportLessonRun(deadlockLesson(), format);
    expect(file.filename).toBe(`concurrency-lab-deadlock-${STAMP}.${ext}`);
    expect(file.mimeType).toBe(mimeType);
  });

  it('exports every lesson in every format LESSON_EXPORT_FORMATS offers, and refuses the others', () => {
    for (const lesson of ENGINE_LESSON_IDS) {
      for (const format of ['csv', 'json', 'markdown', 'trace'] as const satisfies readonly ExportFormat[]) {
        const run = LESSONS[lesson];
        if (LESSON_EXPORT_FORMATS[lesson].includes(format)) {
          const file = exportLessonRun(run, format);
          expect(file.filename).toBe(
            `concurrency-lab-${lesson}-${STAMP}.${format === 'markdown' ? 'md' : format === 'trace' ? 'trace.json' : format}`,
          );
          expect(file.content.length).toBeGreaterThan(0);
        } else {
          expect(() => exportLessonRun(run, format)).toThrow(LessonExportUnsupported);
        }
      }
    }
  });

  it('refuses a data-passing trace, naming the lesson and the formats it has', () => {
    const attempt = (): unknown => exportLessonRun(DATA_LESSON, 'trace');
    expect(attempt).toThrow(LessonExportUnsupported);
    expect(attempt).toThrow('the data-passing lesson has no timeline to trace: export CSV, JSON or Markdown');
  });
});

describe('exportLessonRun: JSON', () => {
  it('round-trips the request and the result, and says what it is', () => {
    const run = deadlockLesson();
    const content = exportLessonRun(run, 'json').content;
    expect(content).toMatch(/^\{\n {2}"tool": "concurrency-lab",\n/);
    expect(content.endsWith('}\n')).toBe(true);
    const report = JSON.parse(content) as Record<string, unknown>;
    expect(report).toMatchObject({
      tool: 'concurrency-lab',
      kind: 'lesson',
      lesson: 'deadlock',
      title: 'Deadlock',
      runId: 'run-deadlock',
      startedAt: STARTED_AT,
      settings: 'pause-ms=50, timeout-ms=100',
    });
    expect(report.request).toEqual(run.request);
    expect(report.result).toEqual(run.result);
  });

  it('carries the checked claims with their verdicts and evidence', () => {
    const report = JSON.parse(exportLessonRun(raceLesson(), 'json').content) as {
      claims: { text: string; holds: boolean | null; evidence: string }[];
    };
    expect(report.claims).toHaveLength(5);
    expect(report.claims[0]).toEqual({
      text: 'unsynchronised increments on real threads lose updates',
      holds: true,
      evidence: 'final 1,140 of 2,000 (860 lost)',
    });
    // A timed claim also says how its words are checked.
    expect(report.claims[3]).toEqual({
      text: 'a mutex is slower than Atomics.add: every increment takes and releases a lock',
      holds: true,
      evidence: '9 ms with the mutex vs 2 ms with Atomics.add',
      tolerance: "holds at 1.00× Atomics.add's time or more",
    });
  });

  it('keeps a data-passing run exportable as JSON', () => {
    const report = JSON.parse(exportLessonRun(DATA_LESSON, 'json').content) as { result: unknown };
    expect(report.result).toEqual(DATA_RESULT);
  });
});

describe('exportLessonRun: CSV', () => {
  it('race condition: a header and one row per run, with unformatted numbers', () => {
    const [header, ...rows] = csvLines(exportLessonRun(raceLesson(), 'csv').content);
    expect(header).toBe(RACE_CONDITION_CSV_COLUMNS.join(','));
    expect(header).toBe('model,mode,switch_inside_increment,expected,final,lost,lost_percent,wall_ms');
    expect(rows).toEqual([
      'threads,unsynchronised,false,2000,1140,860,43,12.346',
      'threads,atomic,false,2000,2000,0,0,2',
      'threads,mutex,false,2000,2000,0,0,9',
      'gil-threads,unsynchronised,true,2000,1500,500,25,30',
    ]);
  });

  it('data passing: one row per measured row, then the tiny-message latency in the same columns', () => {
    const [header, ...rows] = csvLines(exportLessonRun(DATA_LESSON, 'csv').content);
    expect(header).toBe(DATA_PASSING_CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(DATA_RESULT.rows.length + DATA_RESULT.latency.length);
    expect(rows[0]).toBe('threads,clone,1048576,4,4,0.5,true');
    expect(rows[3]).toBe('processes,clone,1048576,12.25,12.25,0.6,true');
    expect(rows.slice(4)).toEqual([
      `threads,${LATENCY_CSV_MODE},,0.05,,,`,
      `processes,${LATENCY_CSV_MODE},,0.2,,,`,
    ]);
    for (const row of rows) expect(row.split(',')).toHaveLength(DATA_PASSING_CSV_COLUMNS.length);
  });

  it('pipeline: one row per point of the series', () => {
    const [header, ...rows] = csvLines(exportLessonRun(PIPELINE_LESSON, 'csv').content);
    expect(header).toBe(
      'at_ms,queue_depth,produced,consumed,written,producer_rate,consumer_rate,producer_blocked_ms',
    );
    expect(header).toBe(PIPELINE_CSV_COLUMNS.join(','));
    expect(rows).toEqual(['0,0,0,0,0,0,0,0', '50.5,2,2,0,0,39.6,0,10', '150,0,3,3,3,20,20,60']);
  });

  it('deadlock: one row per timeline event of every attempt, blanks where there is no lock or holder', () => {
    const [header, ...rows] = csvLines(exportLessonRun(deadlockLesson(), 'csv').content);
    expect(header).toBe('strategy,at_ms,worker,event,lock,held_by,waited_ms');
    expect(header).toBe(DEADLOCK_CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(OPPOSITE.events.length + GLOBAL.events.length);
    expect(rows[2]).toBe('opposite-order,51.3,A,waiting,L2,B,0');
    expect(rows[4]).toBe('opposite-order,151.4,A,wait-report,L2,B,100.1');
    expect(rows).toContain('global-order,101.4,A,done,,,0');
    expect(rows).toContain('global-order,101.4,B,acquired,L1,,100.4');
    expect(rows.filter((row) => row.startsWith('global-order,'))).toHaveLength(GLOBAL.events.length);
  });
});

describe('exportLessonRun: Markdown', () => {
  it('opens with the title, start time, settings and headline, then the claims with their verdicts', () => {
    const md = exportLessonRun(raceLesson(), 'markdown').content;
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Race condition');
    expect(lines[2]).toBe(`Started ${STARTED_AT} · workers=2, increments=1000`);
    expect(lines[4]).toMatch(
      /^no lock lost 43% · Atomics\.add exact · mutex exact · GIL, switch inside \+= lost 25%$/,
    );
    expect(md).toContain('## What to notice');
    expect(md).toContain(
      '- ✓ unsynchronised increments on real threads lose updates — final 1,140 of 2,000 (860 lost)',
    );
    expect(md).toContain('- ✓ a mutex is exact — final 2,000 of 2,000 (0 lost)');
    expect(md).toContain(
      "- ✓ a mutex is slower than Atomics.add: every increment takes and releases a lock — 9 ms with the mutex vs 2 ms with Atomics.add (holds at 1.00× Atomics.add's time or more)",
    );
    expect(md).toContain('_other processes: not measured; the machine counts as busy when');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('says the machine was busy in its headline, and leaves the timed claims unjudged, when it was', () => {
    const busy = {
      ...raceLesson(),
      load: { windows: [{ during: 'before', otherCpuPercent: 91, ms: 1000 }] },
    };
    const md = exportLessonRun(busy, 'markdown').content;
    expect(md.split('\n')[4]).toMatch(
      /^The machine was busy: these numbers are unreliable\. Other processes used 91% of its CPU in the second before the run; .* no lock lost 43%/,
    );
    expect(md).toContain('_other processes: 91% of the CPU at most (in the second before the run);');
    expect(md).toMatch(/- \? a mutex is slower than Atomics\.add.*not judged: the machine was busy/);
    expect(md).toContain('- ✓ a mutex is exact — final 2,000 of 2,000 (0 lost)');
  });

  it('marks a contradicted claim ✗ and one the run cannot tell ?', () => {
    const fastMutex = {
      ...RACE_RESULT,
      runs: RACE_RESULT.runs
        .filter((r) => r.model === 'threads')
        .map((r) => (r.mode === 'mutex' ? { ...r, wallMs: 1 } : r)),
    };
    const md = exportLessonRun(raceLesson(fastMutex), 'markdown').content;
    expect(md).toContain(
      "- ✗ a mutex is slower than Atomics.add: every increment takes and releases a lock — 1 ms with the mutex vs 2 ms with Atomics.add (holds at 1.00× Atomics.add's time or more); likely cause: too few increments",
    );
    expect(md).toContain('- ? the GIL does not make counter += 1 atomic');
    expect(md).toContain('— not run this time');
  });

  it('race condition: the runs table, one row per run', () => {
    const md = exportLessonRun(raceLesson(), 'markdown').content;
    expect(md).toContain('| Model | Mode | GIL switch | Expected | Final | Lost | Lost % | Wall (ms) |');
    expect(md).toContain('| threads | no lock | — | 2,000 | 1,140 | 860 | 43% | 12.3 |');
    expect(md).toContain('| gil-threads | no lock | inside | 2,000 | 1,500 | 500 | 25% | 30.0 |');
    expect(md.split('\n').filter((line) => /^\| (threads|gil-threads) \|/.test(line))).toHaveLength(4);
  });

  it('data passing: the round trips, the latency and what processes cannot do', () => {
    const md = exportLessonRun(DATA_LESSON, 'markdown').content;
    expect(md).toContain('| processes | clone | 1 MB | 12.3 | 12.25 | 0.60 | ok |');
    expect(md).toContain('## Latency of a tiny message');
    expect(md).toContain('| processes | 200 | 0.20 | 0.40 |');
    expect(md).toContain('## What processes cannot do');
    expect(md).toContain('- **processes · transfer**: processes have separate memory');
    expect(md).toContain('- ✓ every payload came back with the right checksum — 4 of 4 rows verified');
  });

  it('data passing: a row that came back wrong is marked, and so is the checksum claim', () => {
    const wrong: DataPassingResult = {
      ...DATA_RESULT,
      rows: DATA_RESULT.rows.map((r) => (r.carrier === 'processes' ? { ...r, ok: false } : r)),
      ok: false,
    };
    const md = exportLessonRun({ ...DATA_LESSON, result: wrong }, 'markdown').content;
    expect(md).toContain('| processes | clone | 1 MB | 12.3 | 12.25 | 0.60 | WRONG |');
    expect(md).toContain('- ✗ every payload came back with the right checksum — 3 of 4 rows verified');
    const csv = exportLessonRun({ ...DATA_LESSON, result: wrong }, 'csv').content;
    expect(csv).toContain('processes,clone,1048576,12.25,12.25,0.6,false\r\n');
  });

  it('pipeline: the totals, the exactly-once check, and escaped consumer labels', () => {
    const md = exportLessonRun(PIPELINE_LESSON, 'markdown').content;
    expect(md).toContain('| Written | 3 |');
    expect(md).toContain('| Producer blocked (ms) | 60.0 (40%) |');
    expect(md).toContain('✓ every produced item was written exactly once: 3 rows for 3 items');
    expect(md).toContain('| thread 1 \\| core 0 | 2 |');
  });

  it('pipeline: a failed check says so and lists the ids', () => {
    const broken: PipelineResult = {
      ...PIPELINE_RESULT,
      written: 2,
      exactlyOnce: false,
      check: {
        ...PIPELINE_RESULT.check,
        rows: 2,
        distinctIds: 2,
        missing: 1,
        missingIds: [3],
        exactlyOnce: false,
      },
    };
    const md = exportLessonRun({ ...PIPELINE_LESSON, result: broken }, 'markdown').content;
    expect(md).toContain('✗ items were lost, duplicated or wrong: 2 rows for 3 items');
    expect(md).toContain('Missing ids: 3');
    expect(md).toContain('- ✗ every produced item is written exactly once');
  });

  it('deadlock: one section per attempt with its outcome, explanation and wait-for cycle', () => {
    const md = exportLessonRun(deadlockLesson(), 'markdown').content;
    const opposite = md.slice(md.indexOf('## opposite-order'), md.indexOf('## global-order'));
    const global = md.slice(md.indexOf('## global-order'));
    expect(md.indexOf('## opposite-order')).toBeGreaterThan(md.indexOf('## What to notice'));
    expect(opposite).toContain('A takes L1 then L2; B takes L2 then L1.');
    expect(opposite).toContain('**Outcome: deadlock-detected**');
    expect(opposite).toContain('detected at 155.0 ms');
    expect(opposite).toContain('Wait-for cycle: A → L2 (held by B) → B → L1 (held by A) → A');
    expect(opposite).toContain('| A | L2 | B | 100.1 |');
    expect(opposite).toContain(OPPOSITE.explanation);
    expect(global).toContain('**Outcome: completed**');
    expect(global).not.toContain('Wait-for cycle');
    expect(md).toContain(
      '- ✓ taking the locks in one global order never deadlocks — outcome: completed in 204 ms',
    );
  });
});

describe('exportLessonRun: trace', () => {
  it('race condition: a process per run, a thread per worker, a span per worker from 0 to its time', () => {
    const file = trace(raceLesson());
    expect(file.displayTimeUnit).toBe('ms');
    const events = file.traceEvents;
    expect(names(events, 'process_name', 1)).toEqual([[0, 'threads · no lock (43% lost)']]);
    expect(names(events, 'process_name', 2)).toEqual([[0, 'threads · Atomics.add (exact)']]);
    expect(names(events, 'process_name', 4)).toEqual([
      [0, 'gil-threads · no lock, switch inside += (25% lost)'],
    ]);
    expect(names(events, 'thread_name', 1)).toEqual([
      [1, 'worker 1'],
      [2, 'worker 2'],
    ]);
    expect(spans(events, 1).map((e) => [e.tid, e.ts, e.dur])).toEqual([
      [1, 0, 4500],
      [2, 0, 4750],
    ]);
    expect(spans(events, 4).map((e) => e.dur)).toEqual([29000, 30000]);
  });

  it('pipeline: counters for queue depth, rates and items at every point of the series', () => {
    const events = trace(PIPELINE_LESSON).traceEvents;
    const counters = (name: string) =>
      events.filter((e) => e.ph === 'C' && e.name === name).map((e) => [e.ts, e.args]);
    expect(counters('queue depth')).toEqual([
      [0, { queued: 0 }],
      [50500, { queued: 2 }],
      [150000, { queued: 0 }],
    ]);
    expect(counters('rate (items/s)')[1]).toEqual([50500, { producer: 39.6, consumer: 0 }]);
    expect(counters('items')[2]).toEqual([150000, { produced: 3, consumed: 3, written: 3 }]);
    expect(names(events, 'process_name', 1)).toHaveLength(1);
  });

  it('deadlock: pairs waiting with acquired and acquired with released, per worker and lock', () => {
    const events = trace(deadlockLesson()).traceEvents;
    // global-order is the second attempt: pid 2. A is tid 1, B tid 2.
    expect(spanTimes(events, 2, 1)).toEqual([
      ['holds L1', 800, 101300],
      ['holds L2', 51000, 101200],
    ]);
    expect(spanTimes(events, 2, 2)).toEqual([
      ['waits for L1', 1000, 101400],
      ['holds L1', 101400, 201900],
      ['holds L2', 151600, 201800],
    ]);
    const waited = spans(events, 2, 2).find((e) => e.name === 'waits for L1');
    expect(waited?.args).toMatchObject({ heldBy: 'A', acquired: true });
  });

  it('deadlock: spans never closed end at the end of the attempt, and the detection is marked', () => {
    const events = trace(deadlockLesson()).traceEvents;
    const end = OPPOSITE.totalMs * 1000;
    expect(spanTimes(events, 1, 1)).toEqual([
      ['holds L1', 1000, end],
      ['waits for L2', 51300, end],
    ]);
    expect(spanTimes(events, 1, 2)).toEqual([
      ['holds L2', 1200, end],
      ['waits for L1', 51500, end],
    ]);
    expect(spans(events, 1, 1).find((e) => e.name === 'waits for L2')?.args).toMatchObject({
      acquired: false,
    });
    const detector = spans(events, 1, 3);
    expect(detector.map((e) => [e.name, e.ts, e.ts + (e.dur ?? 0)])).toEqual([
      ['cycle formed, not yet detected', 51500, 155000],
      ['deadlock detected: terminating both threads', 155000, end],
    ]);
    expect(names(events, 'thread_name', 1)).toEqual([
      [1, 'worker A (L1 then L2)'],
      [2, 'worker B (L2 then L1)'],
      [3, 'deadlock detector'],
    ]);
    expect(names(events, 'thread_name', 2).map(([tid]) => tid)).toEqual([1, 2]);
    expect(names(events, 'process_name', 1)).toEqual([[0, 'opposite-order · deadlock-detected']]);
    // The wait reports show where the timeouts fired.
    expect(
      spans(events, 1, 1)
        .filter((e) => e.name.startsWith('reports:'))
        .map((e) => e.ts),
    ).toEqual([151400]);
  });

  it('deadlock: every span has a non-negative duration, lies within its attempt and nests on its thread', () => {
    const late: DeadlockAttempt = {
      ...GLOBAL,
      // A clock that disagrees a little: an event logged a hair after the attempt's measured end.
      totalMs: 201.85,
    };
    for (const attempts of [
      [OPPOSITE, GLOBAL],
      [OPPOSITE, late],
    ]) {
      const events = trace(deadlockLesson(attempts)).traceEvents;
      attempts.forEach((attempt, index) => {
        const pid = index + 1;
        const own = spans(events, pid);
        expect(own.length).toBeGreaterThan(0);
        for (const e of own) {
          expect(e.dur).toBeGreaterThanOrEqual(0);
          expect(e.ts).toBeGreaterThanOrEqual(0);
          expect(e.ts + (e.dur ?? 0)).toBeLessThanOrEqual(attempt.totalMs * 1000);
        }
        for (const tid of [1, 2, 3]) {
          const times = spanTimes(events, pid, tid);
          for (const [, aStart, aEnd] of times)
            for (const [, bStart, bEnd] of times) {
              const overlap = aStart < bEnd && bStart < aEnd;
              const nested = (aStart <= bStart && bEnd <= aEnd) || (bStart <= aStart && aEnd <= bEnd);
              if (overlap) expect(nested).toBe(true);
            }
        }
      });
    }
  });
});
