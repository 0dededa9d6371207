/**
 * What a lesson's export sections are made of: each engine lesson writes its own CSV table, Markdown
 * sections and trace events from these pieces; lesson-export.ts puts them in a file with the parts
 * every lesson shares (the title, settings, headline and checked claims).
 */
import type { csvField } from './csv';
import { round3 } from './json';
import { markdownCell } from './markdown';
import type { TraceArgs, TraceEvent } from './trace';

/** One cell of a CSV row, unformatted. */
export type CsvValue = Parameters<typeof csvField>[0];

/** A lesson's own parts of its exports. */
export interface LessonExportSections<Result> {
  /** The CSV: one rectangular table, its columns and one row per line. */
  readonly csv: {
    readonly columns: readonly string[];
    rows(result: Result): readonly (readonly CsvValue[])[];
  };
  /** The Markdown after "What to notice": the lesson's own sections, as lines. */
  markdown(result: Result): string[];
  /** The Chrome trace's events (times in µs); absent when the lesson has no timeline. */
  trace?(result: Result): TraceEvent[];
}

/** Text on one line, for a Markdown list item or paragraph. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** A GitHub table; cells are escaped here. */
export function markdownTable(
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

/** Milliseconds as a trace's microseconds. */
export function us(ms: number): number {
  return round3(ms * 1000);
}

function metadata(name: string, pid: number, tid: number, args: TraceArgs): TraceEvent {
  return { name, ph: 'M', ts: 0, pid, tid, args };
}

/** A trace process's name and place in the list. */
export function processMetadata(pid: number, name: string): TraceEvent[] {
  return [
    metadata('process_name', pid, 0, { name }),
    metadata('process_sort_index', pid, 0, { sort_index: pid }),
  ];
}

/** A trace thread's name and place in its process. */
export function threadMetadata(pid: number, tid: number, name: string): TraceEvent[] {
  return [
    metadata('thread_name', pid, tid, { name }),
    metadata('thread_sort_index', pid, tid, { sort_index: tid }),
  ];
}
