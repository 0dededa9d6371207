/** Turns finished runs into a file to save: CSV, JSON, Markdown or Chrome trace JSON — one run, or several side by side. */
import type { RunView } from '../../../shared/views';
import type { ExportFile, ExportFormat } from '../../../shared/export-formats';
import { compareRuns } from '../../../shared/compare-runs';
import { reportSeconds } from '../../../shared/format';
import type { RunResult } from '../../../shared/results';
import {
  formatCsv,
  formatJson,
  formatMarkdown,
  formatTrace,
  toChromeTrace,
  toJsonReport,
  type TraceEvent,
} from './';
import { exportFile } from './export-file';

const FORMATTERS: Readonly<Record<ExportFormat, (run: RunResult) => string>> = {
  csv: formatCsv,
  json: (run) => formatJson(run),
  markdown: formatMarkdown,
  trace: formatTrace,
};

/** The export of a run in one format, with a file name that says what and when. */
export function exportRun(run: RunResult, format: ExportFormat): ExportFile {
  return exportFile(run.scenario, run.startedAt, format, FORMATTERS[format](run));
}

/** Processes per run in a combined trace: one per model, with room to spare. */
const PIDS_PER_RUN = 10;

function combinedTrace(runs: readonly RunResult[]): string {
  // Each run keeps its own time zero, so runs made hours apart still line up for comparison.
  const traceEvents: TraceEvent[] = runs.flatMap((run, index) =>
    toChromeTrace(run).traceEvents.map((event) => {
      const moved = { ...event, pid: event.pid + index * PIDS_PER_RUN };
      if (event.ph === 'M' && event.name === 'process_name' && event.args && 'name' in event.args) {
        return {
          ...moved,
          args: {
            ...event.args,
            name: `run ${index + 1} (${run.scenario}, ${run.startedAt}): ${String(event.args.name)}`,
          },
        };
      }
      return moved;
    }),
  );
  return `${JSON.stringify({ traceEvents, displayTimeUnit: 'ms' })}\n`;
}

function combinedCsv(runs: readonly RunResult[]): string {
  const lines: string[] = [];
  runs.forEach((run, index) => {
    const [header, ...rows] = formatCsv(run)
      .split('\r\n')
      .filter((line) => line !== '');
    if (index === 0) lines.push(`run_id,started_at,${header}`);
    for (const row of rows) lines.push(`${run.runId},${run.startedAt},${row}`);
  });
  return `${lines.join('\r\n')}\r\n`;
}

function combinedMarkdown(runs: readonly RunResult[], views: readonly RunView[]): string {
  const comparison = compareRuns(views);
  const header = `| Model | ${comparison.labels.map((label) => label.replace(/\|/g, '\\|')).join(' | ')} |`;
  const rule = `| --- | ${comparison.labels.map(() => '---:').join(' | ')} |`;
  const rows = comparison.series.map(
    (series) =>
      `| ${series.model} | ${series.totalMs.map((ms) => (ms === null ? '—' : `${reportSeconds(ms)} s`)).join(' | ')} |`,
  );
  const table = ['## Comparison: total time per model', '', header, rule, ...rows].join('\n');
  return `# ${comparison.title}\n\n${table}\n\n${runs.map(formatMarkdown).join('\n')}`;
}

/** Several runs as one file: CSV rows tagged by run, JSON with every report, Markdown with a comparison table, one trace with a process per run and model. */
export function exportRuns(
  runs: readonly RunResult[],
  views: readonly RunView[],
  format: ExportFormat,
): ExportFile {
  if (runs.length === 1) return exportRun(runs[0]!, format);
  const content =
    format === 'csv'
      ? combinedCsv(runs)
      : format === 'json'
        ? `${JSON.stringify({ runs: runs.map((run) => toJsonReport(run)) }, null, 2)}\n`
        : format === 'markdown'
          ? combinedMarkdown(runs, views)
          : combinedTrace(runs);
  return exportFile(`comparison-${runs.length}-runs`, runs[0]!.startedAt, format, content);
}
