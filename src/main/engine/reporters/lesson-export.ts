/**
 * The export of a lesson run: CSV, JSON, Markdown, or a Chrome trace for the lessons that have a
 * timeline — the same file kinds a race of models exports. The title, settings, headline and checked
 * claims come from the lesson's spec; the tables and the trace from its engine part.
 */
import type { ExportFile, ExportFormat } from '../../../shared/export-formats';
import type { EngineLessonId } from '../../../shared/lessons/lesson-ids';
import {
  LESSON_EXPORT_FORMATS,
  lessonClaims,
  lessonHeadline,
  lessonSettings,
  lessonTitle,
  type LessonRun,
  type LessonRunOf,
} from '../../../shared/lessons/registry';
import { ENGINE_LESSON_PARTS } from '../lessons/engine-lessons';
import type { LessonExportSections } from './lesson-sections';
import { oneLine } from './lesson-sections';
import { BUSY_MACHINE_RULE_TEXT, busyMachine, describeLoad } from '../../../shared/machine-load';
import { csvField } from './csv';
import { exportFile } from './export-file';

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

function unsupported(lesson: EngineLessonId, format: ExportFormat): LessonExportUnsupported {
  const allowed = orList(
    LESSON_EXPORT_FORMATS[lesson].map((f) => (f === 'trace' ? 'a trace' : FORMAT_NAMES[f])),
  );
  const what =
    format === 'trace' ? 'has no timeline to trace' : `cannot be exported as ${FORMAT_NAMES[format]}`;
  return new LessonExportUnsupported(`the ${lesson} lesson ${what}: export ${allowed}`);
}

/** The export of a lesson run; throws LessonExportUnsupported when the lesson has no such format (see LESSON_EXPORT_FORMATS). */
export function exportLessonRun(run: LessonRun, format: ExportFormat): ExportFile {
  if (!LESSON_EXPORT_FORMATS[run.lesson].includes(format)) throw unsupported(run.lesson, format);
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

/** The lesson's own export sections, typed by its lesson. */
function sectionsOf<L extends EngineLessonId>(
  run: LessonRunOf<L>,
): LessonExportSections<LessonRunOf<L>['result']> {
  return ENGINE_LESSON_PARTS[run.lesson].export;
}

function lessonJson(run: LessonRun): string {
  const report = {
    tool: 'concurrency-lab',
    kind: 'lesson',
    lesson: run.lesson,
    title: lessonTitle(run.lesson),
    runId: run.runId,
    startedAt: run.startedAt,
    settings: lessonSettings(run),
    request: run.request,
    result: run.result,
    machineLoad: {
      windows: run.load?.windows ?? [],
      busy: busyMachine(run.load) !== null,
      notice: busyMachine(run.load)?.notice ?? null,
      rule: BUSY_MACHINE_RULE_TEXT,
    },
    claims: lessonClaims(run).map(({ text, holds, evidence, tolerance, cause }) => ({
      text,
      holds,
      evidence,
      ...(tolerance ? { tolerance } : {}),
      ...(cause ? { cause } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One rectangular table, CRLF line breaks as csv.ts writes them. */
function lessonCsv<L extends EngineLessonId>(run: LessonRunOf<L>): string {
  const { columns, rows } = sectionsOf(run).csv;
  const lines = [columns.join(','), ...rows(run.result).map((row) => row.map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

const VERDICT_MARKS = { true: '✓', false: '✗', null: '?' } as const;

function verdictMark(holds: boolean | null): string {
  return VERDICT_MARKS[String(holds) as keyof typeof VERDICT_MARKS];
}

function lessonMarkdown<L extends EngineLessonId>(run: LessonRunOf<L>): string {
  const settings = lessonSettings(run);
  const claims = lessonClaims(run).map((c) =>
    [
      `- ${verdictMark(c.holds)} ${oneLine(c.text)} — ${oneLine(c.evidence)}`,
      c.tolerance ? ` (${oneLine(c.tolerance)})` : '',
      c.cause ? `; likely cause: ${oneLine(c.cause)}` : '',
    ].join(''),
  );
  const lines = [
    `# ${lessonTitle(run.lesson)}`,
    '',
    [`Started ${run.startedAt}`, settings].filter((part) => part !== '').join(' · '),
    '',
    oneLine(lessonHeadline(run)),
    '',
    `_${describeLoad(run.load)}; ${BUSY_MACHINE_RULE_TEXT}._`,
    '',
    '## What to notice',
    '',
    ...claims,
    '',
    ...sectionsOf(run).markdown(run.result),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

// Times in µs. Each process (a race run, a deadlock attempt) starts at 0 on its own clock, so runs
// made one after another line up for comparison.
function lessonTrace<L extends EngineLessonId>(run: LessonRunOf<L>): string {
  const trace = sectionsOf(run).trace;
  if (!trace) throw unsupported(run.lesson, 'trace');
  return `${JSON.stringify({ traceEvents: trace(run.result), displayTimeUnit: 'ms' })}\n`;
}
