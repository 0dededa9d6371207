/** The race-condition lesson's export sections: one row per run, the runs table, and each worker as a trace thread. */
import { formatCount, formatPercent, reportMs } from '../../../../shared/format';
import type { RaceConditionResult, RaceRun } from '../../../../shared/lessons/race-condition';
import {
  markdownTable,
  processMetadata,
  threadMetadata,
  us,
  type LessonExportSections,
} from '../../reporters/lesson-sections';
import type { TraceEvent } from '../../reporters/trace';

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

/** A race run's process name: "threads · no lock (57% lost)". */
function raceRunLabel(r: RaceRun): string {
  const how =
    r.model === 'gil-threads'
      ? `${MODE_WORDS[r.mode]}, switch ${r.switchInsideIncrement ? 'inside' : 'between'} +=`
      : MODE_WORDS[r.mode];
  return `${r.model} · ${how} (${r.lost === 0 ? 'exact' : `${formatPercent(r.lostPercent)} lost`})`;
}

/** Each run a process starting at 0, each worker a thread with one span of its increments. */
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

/** The race-condition lesson's export sections. */
export const raceConditionExport: LessonExportSections<RaceConditionResult> = {
  csv: {
    columns: RACE_CONDITION_CSV_COLUMNS,
    rows: (result) =>
      result.runs.map((r) => [
        r.model,
        r.mode,
        r.switchInsideIncrement,
        r.expected,
        r.final,
        r.lost,
        r.lostPercent,
        r.wallMs,
      ]),
  },
  markdown: raceMarkdown,
  trace: raceTrace,
};
