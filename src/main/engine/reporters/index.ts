/** The reporters behind one entry point: a finished run rendered in the format a user asked for. */
import type { RunResult } from '../../../shared/results';
import { formatCsv } from './csv';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import { formatTable } from './table';

export { formatCsv } from './csv';
export { formatJson, toJsonReport, type JsonReport } from './json';
export { formatMarkdown } from './markdown';
export { formatTable } from './table';
export { formatTrace, toChromeTrace, type ChromeTrace, type TraceEvent } from './trace';
export { appendLog, formatLogLines } from './log';

/** The text formats a run can be reported in. */
export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';

/** Every report format, for CLI flag validation and menus. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'markdown'];

/** Options of formatReport; colour applies to the table only. */
export interface ReportOptions {
  readonly color?: boolean;
}

/** A run rendered in one of the text formats. */
export function formatReport(run: RunResult, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'table':
      return formatTable(run, options);
    case 'json':
      return formatJson(run);
    case 'csv':
      return formatCsv(run);
    case 'markdown':
      return formatMarkdown(run);
  }
}
