/** The comparison table as aligned plain text, plus the cell wording every text reporter shares. */
import {
  reportMs,
  reportSeconds,
  reportShare,
  reportSpeedup,
  reportThroughput,
} from '../../../shared/format';
import { formatKnobNumber } from '../../../shared/knobs';
import { failureOf, fastestOf } from '../../../shared/ranking';
import type { ModelResult, RunResult } from '../../../shared/results';
import { busyMachine } from '../../../shared/machine-load';
import { paramFlags, scenarioInfo } from '../../../shared/scenarios';
import { runtimeRemark } from '../../../shared/verdict';

/** The comparison columns, in the order every reporter shows them. */
export const COMPARISON_COLUMNS = [
  'Model',
  'Total time (s)',
  'Speedup',
  'Throughput (tasks/s)',
  'p95 latency (ms)',
  'CPU util',
  'Notes',
] as const;

/** Whether each comparison column holds numbers (right-aligned) or text (left-aligned). */
export const COMPARISON_NUMERIC: readonly boolean[] = [false, true, true, true, true, true, false];

/** Options of the table reporter. */
export interface TableOptions {
  /** ANSI colours: bold header, green fastest, red failed or wrong. */
  readonly color?: boolean;
}

/** The model the table marks fastest, by the rule in shared/ranking; none when fewer than two models ran. */
export function fastestModel(run: RunResult): ModelResult | undefined {
  return fastestOf(run.results);
}

/** Whether a model's row must stand out as bad: it failed a task, its check or as a whole. */
export function isFailedModel(model: ModelResult): boolean {
  return failureOf(model) !== null;
}

/** The run's scenario knobs as [CLI flag, value] pairs. */
export function paramEntries(run: RunResult): (readonly [string, string])[] {
  return paramFlags(run.scenario, run.params);
}

/** The values the scenario derived on this machine, e.g. `(calibrated: wordsPerFile=123456)`; empty when none. */
export function describeDerived(run: RunResult): string {
  const entries = Object.entries(run.derived);
  if (entries.length === 0) return '';
  const text = entries.map(
    ([key, value]) => `${key}=${typeof value === 'number' ? formatKnobNumber(value) : value}`,
  );
  return `(calibrated: ${text.join(', ')})`;
}

/** Knobs and derived values in one phrase, e.g. `tasks=10, task-ms=500 (calibrated: wordsPerFile=123456)`. */
export function describeParams(run: RunResult): string {
  const params = paramEntries(run)
    .map(([flag, value]) => `${flag}=${value}`)
    .join(', ');
  return [params, describeDerived(run)].filter((part) => part !== '').join(' ');
}

/** The machine in a few words, e.g. `2 cores, Node v20.20.2`. */
export function describeMachine(run: RunResult): string {
  const { cores, node, electron } = run.machine;
  const parts = [
    `${cores} ${cores === 1 ? 'core' : 'cores'}`,
    `Node ${node.startsWith('v') ? node : `v${node}`}`,
  ];
  if (electron) parts.push(`Electron ${electron}`);
  return parts.join(', ');
}

/** The Model cell: the id, its state when not done, a wrong-answer mark and `*` when fastest. */
export function modelCell(model: ModelResult, fastest: boolean): string {
  let name: string = model.model;
  if (model.state !== 'done') name += ` (${model.state})`;
  if (model.check.ok === false) name += ' (wrong answer)';
  return fastest ? `${name}*` : name;
}

/** The Notes cell: the model's notes, plus its error when the notes do not already say it. */
export function notesCell(model: ModelResult): string {
  const notes = [...model.notes];
  if (model.error && !notes.some((note) => note.includes(model.error ?? ''))) notes.push(model.error);
  return notes.join('; ');
}

/** One model's comparison cells, in COMPARISON_COLUMNS order. */
export function comparisonCells(model: ModelResult, fastest: boolean): string[] {
  const ran = model.completed + model.failed > 0;
  return [
    modelCell(model, fastest),
    reportSeconds(model.wallMs),
    reportSpeedup(model.speedup),
    reportThroughput(model.throughput),
    ran ? reportMs(model.latencyMs.p95) : '-',
    reportShare(model.cpuUtilization),
    notesCell(model),
  ];
}

/** The header line: scenario, title, knobs, derived values and machine. */
export function describeRun(run: RunResult): string {
  const params = describeParams(run);
  return [`${run.scenario}: ${run.title}`, ...(params ? [params] : []), describeMachine(run)].join(' — ');
}

const ANSI = { bold: '\u001b[1m', green: '\u001b[32m', red: '\u001b[31m', reset: '\u001b[0m' } as const;

function alignRow(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (COMPARISON_NUMERIC[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

/** The answer every finished model gave, once checked: "Checked answer (4 models): 12,345 primes in …". */
function checkedAnswerLine(run: RunResult): string[] {
  const checked = run.results.filter((model) => model.state === 'done' && model.check.ok === true);
  const answer = checked[0]?.check.answer;
  if (!answer || checked.some((model) => model.check.answer !== answer)) return [];
  return [`Checked answer (${checked.length} model${checked.length === 1 ? '' : 's'}): ${answer}`];
}

/** The comparison table as aligned plain text, as the CLI prints it after a run. */
export function formatTable(run: RunResult, options: TableOptions = {}): string {
  const paint = (code: string, text: string): string =>
    options.color ? `${code}${text}${ANSI.reset}` : text;
  const fastest = fastestModel(run);
  const runtimes = runtimeRemark(run.results, scenarioInfo(run.scenario).kind).trim();
  const rows = run.results.map((model) => ({ model, cells: comparisonCells(model, model === fastest) }));
  const widths = COMPARISON_COLUMNS.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row.cells[i] ?? '').length)),
  );

  const lines = [describeRun(run), '', paint(ANSI.bold, alignRow(COMPARISON_COLUMNS, widths))];
  lines.push(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const { model, cells } of rows) {
    const line = alignRow(cells, widths);
    if (model === fastest) lines.push(paint(ANSI.green, line));
    else if (isFailedModel(model)) lines.push(paint(ANSI.red, line));
    else lines.push(line);
  }
  const pooled = run.results.some((model) => model.startupMs > 0 && model.placement !== 'not started');
  const footer = [
    ...(fastest ? ['* fastest'] : []),
    ...checkedAnswerLine(run),
    ...(runtimes ? [runtimes] : []),
    ...(pooled
      ? ['Total time runs from the first task queued to the last one done; pool start-up is in Notes.']
      : []),
    ...(run.incidents ?? []),
    ...(run.state === 'cancelled' ? ['Cancelled: partial results.'] : []),
  ];
  const busy = busyMachine(run.load);
  if (busy) footer.push(paint(ANSI.red, busy.notice));
  if (footer.length > 0) lines.push('', ...footer);
  return `${lines.join('\n')}\n`;
}
