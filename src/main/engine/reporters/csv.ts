/** The CSV export: one RFC 4180 row per model, numbers unformatted for spreadsheets. */
import type { ModelResult, RunResult } from '../../../shared/results';
import { round3 } from './json';
import { notesCell } from './table';
import { busyMachine } from '../../../shared/machine-load';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'scenario',
  'model',
  'state',
  'wall_ms',
  'startup_ms',
  'total',
  'completed',
  'failed',
  'throughput',
  'speedup',
  'p50_ms',
  'p95_ms',
  'max_ms',
  'queue_p95_ms',
  'cpu_utilization',
  'peak_rss_mb',
  'check_ok',
  'answer',
  'notes',
  'other_cpu_percent',
  'machine_busy',
] as const;

type CsvValue = string | number | boolean | null;

/** One field, quoted when it holds a comma, a quote or a line break (quotes doubled), per RFC 4180. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(round3(value)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(run: RunResult, model: ModelResult): CsvValue[] {
  return [
    run.scenario,
    model.model,
    model.state,
    model.wallMs,
    model.startupMs,
    model.total,
    model.completed,
    model.failed,
    model.throughput,
    model.speedup,
    model.latencyMs.p50,
    model.latencyMs.p95,
    model.latencyMs.max,
    model.queueWaitMs.p95,
    model.cpuUtilization,
    model.peakRssMb,
    model.check.ok,
    model.check.answer,
    notesCell(model),
    // Other processes' CPU while this model ran; whether the run as a whole was on a busy machine.
    run.load?.windows.find((window) => window.during === model.model)?.otherCpuPercent ?? null,
    busyMachine(run.load) !== null,
  ];
}

/** A run as CSV text: a header and one row per model, CRLF line breaks as RFC 4180 asks. */
export function formatCsv(run: RunResult): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...run.results.map((model) => row(run, model).map(csvField).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
