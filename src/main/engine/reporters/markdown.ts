/** The Markdown export: the comparison table, GIL statistics and failures, for issues and write-ups. */
import { failureOf } from '../../../shared/ranking';
import type { ModelResult, RunResult } from '../../../shared/results';
import {
  COMPARISON_COLUMNS,
  COMPARISON_NUMERIC,
  comparisonCells,
  describeMachine,
  describeParams,
  fastestModel,
} from './table';
import { reportMs } from '../../../shared/format';
import { pythonFigures } from '../../../shared/python-run';
import { BUSY_MACHINE_RULE_TEXT, busyMachine, describeLoad } from '../../../shared/machine-load';
import { verdictSentence } from '../run/run-views';

/** Failures listed per model before the rest are summarised. */
const FAILURES_SHOWN = 5;

/** A table cell: pipes escaped and line breaks flattened so the row stays one row. */
export function markdownCell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function alignmentRow(numeric: readonly boolean[]): string {
  return tableRow(numeric.map((isNumber) => (isNumber ? '---:' : '---')));
}

function bold(cell: string): string {
  return cell === '' ? cell : `**${cell}**`;
}

function comparisonTable(run: RunResult): string[] {
  const fastest = fastestModel(run);
  const rows = run.results.map((model) => {
    // Bold marks the fastest here, so the plain-text `*` would be redundant.
    const cells = comparisonCells(model, false).map(markdownCell);
    return tableRow(model === fastest ? cells.map(bold) : cells);
  });
  return [tableRow([...COMPARISON_COLUMNS]), alignmentRow(COMPARISON_NUMERIC), ...rows];
}

function gilSection(model: ModelResult): string[] {
  const gil = model.gil;
  if (!gil) return [];
  const label = (lane: number): string => model.lanes.labelOf(lane) ?? `lane ${lane + 1}`;
  const rows = gil.lanes.map((lane) =>
    tableRow([
      markdownCell(label(lane.lane)),
      reportMs(lane.holdMs),
      reportMs(lane.waitMs),
      String(lane.switches),
    ]),
  );
  return [
    `### GIL: ${model.model} (switch interval ${gil.switchIntervalMs} ms)`,
    '',
    tableRow(['Lane', 'Hold (ms)', 'Wait (ms)', 'Switches']),
    alignmentRow([false, true, true, true]),
    ...rows,
    tableRow([
      '**all lanes**',
      bold(reportMs(gil.holdMs)),
      bold(reportMs(gil.waitMs)),
      bold(String(gil.switches)),
    ]),
    '',
  ];
}

/** What a real CPython measured: each figure, its value and how it was measured. */
function pythonSection(model: ModelResult): string[] {
  if (!model.python) return [];
  const rows = pythonFigures(model.python).map((figure) =>
    tableRow([markdownCell(figure.label), markdownCell(figure.value), markdownCell(figure.how)]),
  );
  const lanes = model.python.lanes.map((lane) =>
    tableRow([markdownCell(lane.label), String(lane.tasks), reportMs(lane.busyMs), reportMs(lane.cpuMs)]),
  );
  return [
    `### CPython: ${model.model} (${model.python.interpreter})`,
    '',
    tableRow(['Measured', 'Value', 'How']),
    alignmentRow([false, false, false]),
    ...rows,
    '',
    tableRow([
      model.python.cpuSource === 'time.process_time' ? 'Process' : 'Thread',
      'Tasks',
      'Busy (ms)',
      'CPU (ms)',
    ]),
    alignmentRow([false, true, true, true]),
    ...lanes,
    '',
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

function failureLines(model: ModelResult): string[] {
  if (model.failures.length === 0 && !model.error) return [];
  const lines = [
    `- **${model.model}**: ${model.failed} failed of ${model.total}${model.error ? ` — ${oneLine(model.error)}` : ''}`,
  ];
  for (const failure of model.failures.slice(0, FAILURES_SHOWN))
    lines.push(`  - task ${failure.task}: ${oneLine(failure.message)}`);
  const more = model.failed - Math.min(model.failures.length, FAILURES_SHOWN);
  if (more > 0) lines.push(`  - … and ${more} more`);
  return lines;
}

/**
 * A run as GitHub-flavoured Markdown: heading, settings, the busy-machine notice when there is one,
 * comparison table, verdict, other processes' load, GIL tables (simulated and real) and failures.
 */
export function formatMarkdown(run: RunResult): string {
  const fastest = fastestModel(run);
  const settings = [
    `\`${run.scenario}\``,
    describeParams(run),
    describeMachine(run),
    `started ${run.startedAt}`,
  ];
  const busy = busyMachine(run.load);
  const lines = [
    `## ${run.title}`,
    '',
    settings.filter((part) => part !== '').join(' · '),
    '',
    ...(busy ? [`> **${busy.notice}**`, ''] : []),
    ...comparisonTable(run),
    '',
    `**Verdict:** ${verdictSentence(run)}`,
    '',
    `_${describeLoad(run.load)}; ${BUSY_MACHINE_RULE_TEXT}._`,
    '',
  ];
  if (fastest) lines.push(`Fastest: **${fastest.model}**.`, '');
  const unranked = run.results.flatMap((model) => {
    const failure = failureOf(model);
    return failure ? [`${model.model} ${failure}`] : [];
  });
  if (unranked.length > 0) lines.push(`Not ranked: ${unranked.map(markdownCell).join('; ')}.`, '');
  for (const incident of run.incidents ?? []) lines.push(`**${markdownCell(incident)}**`, '');
  if (run.state === 'cancelled') lines.push('_Cancelled: partial results._', '');
  lines.push(...run.results.flatMap(gilSection));
  lines.push(...run.results.flatMap(pythonSection));
  const failures = run.results.flatMap(failureLines);
  if (failures.length > 0) lines.push('### Failures', '', ...failures, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
