/**
 * The export of a lesson run (race condition, data passing, pipeline, deadlock): CSV, JSON, Markdown,
 * or a Chrome trace for the lessons that have a timeline — the same file kinds a race of models exports.
 */
import type { ExportFile, ExportFormat } from '../../../shared/export-formats';
import { exportFile } from './export-file';
import {
  dataPassingClaims,
  deadlockClaims,
  pipelineClaims,
  raceConditionClaims,
  type Claim,
} from '../../../shared/lesson-claims';
import {
  LESSON_EXPORT_FORMATS,
  SAVED_LESSON_TITLES,
  lessonHeadline,
  lessonSettings,
  type LessonRecord,
  type LessonRun,
} from '../../../shared/lesson-runs';
import type {
  DataPassingResult,
  DeadlockAttempt,
  DeadlockResult,
  LockName,
  LockWorker,
  PipelineResult,
  RaceConditionResult,
  RaceRun,
} from '../../../shared/lessons';
import { formatBytes, formatCount, formatPercent, reportMs } from '../../../shared/format';
import { csvField } from './csv';
import { round3 } from './json';
import { markdownCell } from './markdown';
import type { TraceArgs, TraceEvent } from './trace';

/** A lesson asked for in a format it has no data for (a trace of data passing, which has no timeline). */
export class LessonExportUnsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LessonExportUnsupported';
  }
}

const FORMAT_NAMES: Readonly<Record<ExportFormat, string>> = {
  csv: 'CSV',
  json: 'JSON',
  markdown: 'Markdown',
  trace: 'a Chrome trace',
};

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function unsupported(run: LessonRun, format: ExportFormat): LessonExportUnsupported {
  const allowed = orList(
    LESSON_EXPORT_FORMATS[run.lesson].map((f) => (f === 'trace' ? 'a trace' : FORMAT_NAMES[f])),
  );
  const what =
    format === 'trace' ? 'has no timeline to trace' : `cannot be exported as ${FORMAT_NAMES[format]}`;
  return new LessonExportUnsupported(`the ${run.lesson} lesson ${what}: export ${allowed}`);
}

/** The export of a lesson run; throws LessonExportUnsupported when the lesson has no such format (see LESSON_EXPORT_FORMATS). */
export function exportLessonRun(run: LessonRun, format: ExportFormat): ExportFile {
  if (!LESSON_EXPORT_FORMATS[run.lesson].includes(format)) throw unsupported(run, format);
  const content =
    format === 'csv'
      ? lessonCsv(run)
      : format === 'json'
        ? lessonJson(run)
        : format === 'markdown'
          ? lessonMarkdown(run)
          : lessonTrace(run);
  return exportFile(run.lesson, run.startedAt, format, content);
}

/** The lesson's "what to notice", checked against this run's numbers. */
function lessonClaims(record: LessonRecord): Claim[] {
  switch (record.lesson) {
    case 'race-condition':
      return raceConditionClaims(record.result);
    case 'data-passing':
      return dataPassingClaims(record.result);
    case 'pipeline':
      return pipelineClaims(record.result);
    case 'deadlock':
      return deadlockClaims(record.result);
  }
}

// ---------------------------------------------------------------------------------------------------
// JSON

function lessonJson(run: LessonRun): string {
  const report = {
    tool: 'concurrency-lab',
    kind: 'lesson',
    lesson: run.lesson,
    title: SAVED_LESSON_TITLES[run.lesson],
    runId: run.runId,
    startedAt: run.startedAt,
    settings: lessonSettings(run),
    request: run.request,
    result: run.result,
    claims: lessonClaims(run).map(({ text, holds, evidence }) => ({ text, holds, evidence })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------
// CSV: one rectangular table per lesson, CRLF line breaks as csv.ts writes them.

type CsvValue = Parameters<typeof csvField>[0];

function csvTable(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [columns.join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The race-condition CSV columns. */
export const RACE_CONDITION_CSV_COLUMNS = [
  'model',
  'mode',
  'switch_inside_increment',
  'expected',
  'final',
  'lost',
  'lost_percent',
  'wall_ms',
] as const;

/** The data-passing CSV columns. */
export const DATA_PASSING_CSV_COLUMNS = [
  'carrier',
  'mode',
  'bytes',
  'round_trip_ms',
  'ms_per_mb',
  'far_side_read_ms',
  'checksum_ok',
] as const;

/** The mode of the data-passing CSV rows that hold a tiny message's latency rather than a payload's. */
export const LATENCY_CSV_MODE = 'message-round-trip';

/** The pipeline CSV columns. */
export const PIPELINE_CSV_COLUMNS = [
  'at_ms',
  'queue_depth',
  'produced',
  'consumed',
  'written',
  'producer_rate',
  'consumer_rate',
  'producer_blocked_ms',
] as const;

/** The deadlock CSV columns. */
export const DEADLOCK_CSV_COLUMNS = [
  'strategy',
  'at_ms',
  'worker',
  'event',
  'lock',
  'held_by',
  'waited_ms',
] as const;

function lessonCsv(run: LessonRun): string {
  switch (run.lesson) {
    case 'race-condition':
      return csvTable(
        RACE_CONDITION_CSV_COLUMNS,
        run.result.runs.map((r) => [
          r.model,
          r.mode,
          r.switchInsideIncrement,
          r.expected,
          r.final,
          r.lost,
          r.lostPercent,
          r.wallMs,
        ]),
      );
    case 'data-passing':
      // The tiny-message latency follows the payload rows in the same columns: mode message-round-trip,
      // no payload size, its median round trip. Its p95 and sample count are in the JSON and Markdown.
      return csvTable(DATA_PASSING_CSV_COLUMNS, [
        ...run.result.rows.map((r) => [r.carrier, r.mode, r.bytes, r.ms, r.msPerMb, r.touchMs, r.ok]),
        ...run.result.latency.map((l) => [l.carrier, LATENCY_CSV_MODE, null, l.medianMs, null, null, null]),
      ]);
    case 'pipeline':
      return csvTable(
        PIPELINE_CSV_COLUMNS,
        run.result.series.map((p) => [
          p.atMs,
          p.queueDepth,
          p.produced,
          p.consumed,
          p.written,
          p.producerRate,
          p.consumerRate,
          p.producerBlockedMs,
        ]),
      );
    case 'deadlock':
      return csvTable(
        DEADLOCK_CSV_COLUMNS,
        run.result.attempts.flatMap((a) =>
          a.events.map((e) => [a.strategy, e.atMs, e.worker, e.kind, e.lock, e.heldBy, e.waitedMs]),
        ),
      );
  }
}

// ---------------------------------------------------------------------------------------------------
// Markdown

const VERDICT_MARKS = { true: '✓', false: '✗', null: '?' } as const;

function verdictMark(holds: boolean | null): string {
  return VERDICT_MARKS[String(holds) as keyof typeof VERDICT_MARKS];
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** A GitHub table; cells are escaped here. */
function markdownTable(
  headers: readonly string[],
  numeric: readonly boolean[],
  rows: readonly (readonly string[])[],
): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [
    line(headers),
    `| ${numeric.map((isNumber) => (isNumber ? '---:' : '---')).join(' | ')} |`,
    ...rows.map(line),
  ];
}

const MODE_WORDS: Readonly<Record<RaceRun['mode'], string>> = {
  unsynchronised: 'no lock',
  atomic: 'Atomics.add',
  mutex: 'mutex',
};

function raceMarkdown(result: RaceConditionResult): string[] {
  const rows = result.runs.map((r) => [
    r.model,
    MODE_WORDS[r.mode],
    r.model === 'gil-threads' ? (r.switchInsideIncrement ? 'inside' : 'between') : '—',
    formatCount(r.expected),
    formatCount(r.final),
    formatCount(r.lost),
    formatPercent(r.lostPercent),
    reportMs(r.wallMs),
  ]);
  return [
    '## Runs',
    '',
    `${result.workers} workers × ${formatCount(result.increments)} increments each, on ${result.cores} cores.`,
    '',
    ...markdownTable(
      ['Model', 'Mode', 'GIL switch', 'Expected', 'Final', 'Lost', 'Lost %', 'Wall (ms)'],
      [false, false, false, true, true, true, true, true],
      rows,
    ),
    '',
  ];
}

function dataPassingMarkdown(result: DataPassingResult): string[] {
  const lines = [
    '## Round trips',
    '',
    ...markdownTable(
      ['Carrier', 'Mode', 'Payload', 'Round trip (ms)', 'ms/MB', 'Far side read (ms)', 'Checksum'],
      [false, false, true, true, true, true, false],
      result.rows.map((r) => [
        r.carrier,
        r.mode,
        formatBytes(r.bytes),
        reportMs(r.ms),
        r.msPerMb.toFixed(2),
        reportMs(r.touchMs),
        r.ok ? 'ok' : 'WRONG',
      ]),
    ),
    '',
  ];
  if (result.latency.length > 0)
    lines.push(
      '## Latency of a tiny message',
      '',
      ...markdownTable(
        ['Carrier', 'Samples', 'Median (ms)', 'p95 (ms)'],
        [false, true, true, true],
        result.latency.map((l) => [
          l.carrier,
          formatCount(l.samples),
          reportMs(l.medianMs),
          reportMs(l.p95Ms),
        ]),
      ),
      '',
    );
  if (result.unsupported.length > 0)
    lines.push(
      '## What processes cannot do',
      '',
      ...result.unsupported.map((u) => `- **${u.carrier} · ${u.mode}**: ${oneLine(u.reason)}`),
      '',
    );
  return lines;
}

function idsText(ids: readonly number[], total: number): string {
  return `${ids.join(', ')}${total > ids.length ? ', …' : ''}`;
}

function pipelineMarkdown(result: PipelineResult): string[] {
  const blockedShare = result.wallMs > 0 ? (100 * result.producerBlockedMs) / result.wallMs : 0;
  const totals: [string, string][] = [
    ['Consumers', `${result.consumers.length} ${result.carrier}`],
    ['Queue capacity', formatCount(result.capacity)],
    ['Produced', formatCount(result.produced)],
    ['Consumed', formatCount(result.consumed)],
    ['Written', formatCount(result.written)],
    ['Start-up (ms)', reportMs(result.startupMs)],
    ['Wall (ms)', reportMs(result.wallMs)],
    ['Producer blocked (ms)', `${reportMs(result.producerBlockedMs)} (${formatPercent(blockedShare)})`],
    ['Deepest queue', formatCount(result.maxQueueDepth)],
    ['Producer rate (items/s)', formatCount(Math.round(result.producerRate))],
    ['Consumer rate (items/s)', formatCount(Math.round(result.consumerRate))],
  ];
  const check = result.check;
  const lines = [
    '## Totals',
    '',
    ...markdownTable(['Measure', 'Value'], [false, true], totals),
    '',
    '## Exactly once',
    '',
    `${result.exactlyOnce ? '✓ every produced item was written exactly once' : '✗ items were lost, duplicated or wrong'}: ${formatCount(check.rows)} rows for ${formatCount(check.expected)} items — ${formatCount(check.distinctIds)} distinct, ${formatCount(check.missing)} missing, ${formatCount(check.duplicates)} duplicated, ${formatCount(check.unknown)} unknown; ${formatCount(result.digestsWrong)} of ${formatCount(result.digestsChecked)} digests rechecked were wrong.`,
  ];
  if (check.missingIds.length > 0) lines.push('', `Missing ids: ${idsText(check.missingIds, check.missing)}`);
  if (check.duplicateIds.length > 0)
    lines.push('', `Duplicated ids: ${idsText(check.duplicateIds, check.duplicates)}`);
  lines.push('');
  if (result.consumers.length > 0)
    lines.push(
      '## Items per consumer',
      '',
      ...markdownTable(
        ['Consumer', 'Items'],
        [false, true],
        result.consumers.map((c) => [c.label, formatCount(c.items)]),
      ),
      '',
    );
  return lines;
}

function attemptMarkdown(a: DeadlockAttempt): string[] {
  const orders = (['A', 'B'] as const).map((w) => `${w} takes ${a.orders[w][0]} then ${a.orders[w][1]}`);
  const times = [
    a.formedAtMs !== null ? `cycle formed at ${reportMs(a.formedAtMs)} ms` : null,
    a.detectedAtMs !== null ? `detected at ${reportMs(a.detectedAtMs)} ms` : null,
    `over after ${reportMs(a.totalMs)} ms`,
    a.cleanupMs !== null ? `terminating the stuck threads took ${reportMs(a.cleanupMs)} ms` : null,
  ].filter((part) => part !== null);
  const lines = [
    `## ${a.strategy}`,
    '',
    `${orders.join('; ')}.`,
    '',
    `**Outcome: ${a.outcome}** — ${times.join(', ')}.`,
    '',
    oneLine(a.explanation),
    '',
  ];
  if (a.cycle.length > 0) {
    const first = a.cycle[0]!.worker;
    const path = a.cycle.map((w) => `${w.worker} → ${w.waitsFor} (held by ${w.heldBy})`).join(' → ');
    lines.push(
      `Wait-for cycle: ${path} → ${first}`,
      '',
      ...markdownTable(
        ['Worker', 'Waits for', 'Held by', 'Waited (ms)'],
        [false, false, false, true],
        a.cycle.map((w) => [w.worker, w.waitsFor, w.heldBy, reportMs(w.waitedMs)]),
      ),
      '',
    );
  }
  return lines;
}

function deadlockMarkdown(result: DeadlockResult): string[] {
  return result.attempts.flatMap(attemptMarkdown);
}

function lessonMarkdown(run: LessonRun): string {
  const settings = lessonSettings(run);
  const claims = lessonClaims(run).map(
    (c) => `- ${verdictMark(c.holds)} ${oneLine(c.text)} — ${oneLine(c.evidence)}`,
  );
  const lines = [
    `# ${SAVED_LESSON_TITLES[run.lesson]}`,
    '',
    [`Started ${run.startedAt}`, settings].filter((part) => part !== '').join(' · '),
    '',
    oneLine(lessonHeadline(run)),
    '',
    '## What to notice',
    '',
    ...claims,
    '',
  ];
  switch (run.lesson) {
    case 'race-condition':
      lines.push(...raceMarkdown(run.result));
      break;
    case 'data-passing':
      lines.push(...dataPassingMarkdown(run.result));
      break;
    case 'pipeline':
      lines.push(...pipelineMarkdown(run.result));
      break;
    case 'deadlock':
      lines.push(...deadlockMarkdown(run.result));
      break;
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Chrome trace: times in µs. Each process (a race run, a deadlock attempt) starts at 0 on its own
// clock, so runs made one after another line up for comparison.

function us(ms: number): number {
  return round3(ms * 1000);
}

function metadata(name: string, pid: number, tid: number, args: TraceArgs): TraceEvent {
  return { name, ph: 'M', ts: 0, pid, tid, args };
}

function processMetadata(pid: number, name: string): TraceEvent[] {
  return [
    metadata('process_name', pid, 0, { name }),
    metadata('process_sort_index', pid, 0, { sort_index: pid }),
  ];
}

function threadMetadata(pid: number, tid: number, name: string): TraceEvent[] {
  return [
    metadata('thread_name', pid, tid, { name }),
    metadata('thread_sort_index', pid, tid, { sort_index: tid }),
  ];
}

/** A race run's process name: "threads · no lock (57% lost)". */
export function raceRunLabel(r: RaceRun): string {
  const how =
    r.model === 'gil-threads'
      ? `${MODE_WORDS[r.mode]}, switch ${r.switchInsideIncrement ? 'inside' : 'between'} +=`
      : MODE_WORDS[r.mode];
  return `${r.model} · ${how} (${r.lost === 0 ? 'exact' : `${formatPercent(r.lostPercent)} lost`})`;
}

function raceTrace(result: RaceConditionResult): TraceEvent[] {
  return result.runs.flatMap((r, index) => {
    const pid = index + 1;
    return [
      ...processMetadata(pid, raceRunLabel(r)),
      ...r.workers.flatMap((w) => [
        ...threadMetadata(pid, w.worker, `worker ${w.worker}`),
        {
          name: `${formatCount(w.increments)} increments`,
          cat: r.model,
          ph: 'X' as const,
          ts: 0,
          dur: us(Math.max(0, w.ms)),
          pid,
          tid: w.worker,
          args: { increments: w.increments, expected: r.expected, final: r.final, lost: r.lost },
        },
      ]),
    ];
  });
}

function pipelineTrace(result: PipelineResult): TraceEvent[] {
  const pid = 1;
  const counter = (name: string, ts: number, args: TraceArgs): TraceEvent => ({
    name,
    cat: 'pipeline',
    ph: 'C',
    ts,
    pid,
    tid: 1,
    args,
  });
  return [
    ...processMetadata(
      pid,
      `pipeline · ${result.consumers.length} ${result.carrier} consumers, capacity ${result.capacity}`,
    ),
    ...threadMetadata(pid, 1, 'queue'),
    ...result.series.flatMap((p) => {
      const ts = us(Math.max(0, p.atMs));
      return [
        counter('queue depth', ts, { queued: p.queueDepth }),
        counter('rate (items/s)', ts, { producer: p.producerRate, consumer: p.consumerRate }),
        counter('items', ts, { produced: p.produced, consumed: p.consumed, written: p.written }),
      ];
    }),
  ];
}

const LOCK_WORKERS: readonly LockWorker[] = ['A', 'B'];
const DETECTOR_TID = LOCK_WORKERS.length + 1;

/**
 * An attempt's spans: per worker, waiting for a lock until acquired and holding it until released (a
 * span still open when the attempt ended closes at its end), the wait reports as zero-length marks, and
 * on the detector's thread the time from the cycle forming to its detection, then to the threads' end.
 */
function attemptSpans(a: DeadlockAttempt, pid: number): TraceEvent[] {
  const end = Math.max(0, a.totalMs);
  const within = (ms: number): number => Math.min(Math.max(ms, 0), end);
  const span = (
    name: string,
    tid: number,
    fromMs: number,
    toMs: number,
    args: TraceArgs,
    cname?: string,
  ): TraceEvent => {
    const from = within(fromMs);
    const to = Math.max(from, within(toMs));
    return {
      name,
      cat: a.strategy,
      ph: 'X',
      ts: us(from),
      dur: round3(us(to) - us(from)),
      pid,
      tid,
      ...(cname ? { cname } : {}),
      args,
    };
  };
  const events: TraceEvent[] = [];
  LOCK_WORKERS.forEach((worker, index) => {
    const tid = index + 1;
    const waiting = new Map<LockName, { atMs: number; heldBy: LockWorker | null }>();
    const holding = new Map<LockName, number>();
    const waitSpan = (
      lock: LockName,
      from: { atMs: number; heldBy: LockWorker | null },
      toMs: number,
      got: boolean,
    ) =>
      span(
        `waits for ${lock}`,
        tid,
        from.atMs,
        toMs,
        { lock, heldBy: from.heldBy ?? '', acquired: got },
        got ? undefined : 'terrible',
      );
    for (const e of a.events) {
      if (e.worker !== worker || e.lock === null) continue;
      if (e.kind === 'waiting') waiting.set(e.lock, { atMs: e.atMs, heldBy: e.heldBy });
      else if (e.kind === 'acquired') {
        const wait = waiting.get(e.lock);
        if (wait) events.push(waitSpan(e.lock, wait, e.atMs, true));
        waiting.delete(e.lock);
        holding.set(e.lock, e.atMs);
      } else if (e.kind === 'released') {
        const since = holding.get(e.lock);
        if (since !== undefined) events.push(span(`holds ${e.lock}`, tid, since, e.atMs, { lock: e.lock }));
        holding.delete(e.lock);
      } else if (e.kind === 'wait-report')
        events.push(
          span(`reports: waited ${Math.round(e.waitedMs)} ms for ${e.lock}`, tid, e.atMs, e.atMs, {
            lock: e.lock,
            heldBy: e.heldBy ?? '',
            waitedMs: e.waitedMs,
          }),
        );
    }
    // Never let go, or never got it: the attempt ended (the thread was terminated) with the span open.
    for (const [lock, since] of holding)
      events.push(span(`holds ${lock}`, tid, since, end, { lock, released: false }));
    for (const [lock, wait] of waiting) events.push(waitSpan(lock, wait, end, false));
  });
  if (a.formedAtMs !== null && a.detectedAtMs !== null)
    events.push(
      span('cycle formed, not yet detected', DETECTOR_TID, a.formedAtMs, a.detectedAtMs, {
        formedAtMs: a.formedAtMs,
      }),
    );
  if (a.detectedAtMs !== null)
    events.push(
      span(
        'deadlock detected: terminating both threads',
        DETECTOR_TID,
        a.detectedAtMs,
        a.totalMs,
        {
          detectedAtMs: a.detectedAtMs,
          cycle: a.cycle.map((w) => `${w.worker} waits for ${w.waitsFor} held by ${w.heldBy}`).join('; '),
        },
        'terrible',
      ),
    );
  return events;
}

function deadlockTrace(result: DeadlockResult): TraceEvent[] {
  return result.attempts.flatMap((a, index) => {
    const pid = index + 1;
    return [
      ...processMetadata(pid, `${a.strategy} · ${a.outcome}`),
      ...LOCK_WORKERS.flatMap((worker, i) =>
        threadMetadata(pid, i + 1, `worker ${worker} (${a.orders[worker].join(' then ')})`),
      ),
      ...(a.detectedAtMs !== null ? threadMetadata(pid, DETECTOR_TID, 'deadlock detector') : []),
      ...attemptSpans(a, pid).sort((x, y) => x.ts - y.ts),
    ];
  });
}

function lessonTraceEvents(run: LessonRun): TraceEvent[] {
  switch (run.lesson) {
    case 'race-condition':
      return raceTrace(run.result);
    case 'pipeline':
      return pipelineTrace(run.result);
    case 'deadlock':
      return deadlockTrace(run.result);
    case 'data-passing':
      throw unsupported(run, 'trace');
  }
}

function lessonTrace(run: LessonRun): string {
  return `${JSON.stringify({ traceEvents: lessonTraceEvents(run), displayTimeUnit: 'ms' })}\n`;
}
