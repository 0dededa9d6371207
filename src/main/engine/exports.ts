/** Turns a finished run into a file to save: CSV, JSON, Markdown or Chrome trace JSON. */
import type { ExportFile, ExportFormat } from '../../shared/ipc';
import type { RunResult } from '../../shared/results';
import { formatCsv, formatJson, formatMarkdown, formatTrace } from './reporters';

const FORMATS: Readonly<
  Record<ExportFormat, { ext: string; mimeType: string; format: (run: RunResult) => string }>
> = {
  csv: { ext: 'csv', mimeType: 'text/csv', format: formatCsv },
  json: { ext: 'json', mimeType: 'application/json', format: (run) => formatJson(run) },
  markdown: { ext: 'md', mimeType: 'text/markdown', format: formatMarkdown },
  trace: { ext: 'trace.json', mimeType: 'application/json', format: formatTrace },
};

/** The export of a run in one format, with a file name that says what and when. */
export function exportRun(run: RunResult, format: ExportFormat): ExportFile {
  const spec = FORMATS[format];
  const stamp = run.startedAt.replace(/\.\d+Z$/, '').replace(/[:T]/g, '-');
  return {
    filename: `concurrency-lab-${run.scenario}-${stamp}.${spec.ext}`,
    mimeType: spec.mimeType,
    content: spec.format(run),
  };
}
