/** The comparison table's rows, worded from the models' results: one place for what each cell says. */
import type { ModelSummary } from '../../../../shared/views';
import type { ModelId } from '../../../../shared/models';
import { fastestOf } from '../../../../shared/ranking';
import {
  formatCount,
  formatDuration,
  formatRate,
  formatShare,
  formatSpeedup,
} from '../../../../shared/format';

/** One row of the table, every cell as text. */
export interface ResultRow {
  readonly model: ModelId;
  readonly state: ModelSummary['state'];
  readonly fastest: boolean;
  readonly totalTime: string;
  readonly speedup: string;
  readonly throughput: string;
  readonly p95: string;
  readonly cpu: string;
  readonly notes: string;
}

function notesOf(result: ModelSummary): string {
  const notes: string[] = [];
  // The engine's notes often say it already ("cancelled after 2 of 8 tasks").
  if (result.state !== 'done' && !result.notes.some((note) => note.includes(result.state)))
    notes.push(result.state);
  if (result.error) notes.push(result.error);
  if (result.failed > 0)
    notes.push(`${formatCount(result.failed)} of ${formatCount(result.total)} tasks failed`);
  if (result.check.ok === false)
    notes.push(`wrong answer${result.check.problem ? `: ${result.check.problem}` : ''}`);
  notes.push(...result.notes);
  return notes.join('; ');
}

/** The model marked fastest, by the one rule in shared/ranking (clean models only, two or more in the run). */
export function fastestModel(results: readonly ModelSummary[]): ModelId | undefined {
  return fastestOf(results)?.model;
}

/** Rows in run order, the fastest one marked once every model is in (`final`). */
export function resultRows(results: readonly ModelSummary[], final = true): ResultRow[] {
  const fastest = final ? fastestModel(results) : undefined;
  return results.map((result) => {
    // A model stopped before any task settled has no times to show, only its state.
    const measured = result.state === 'done' || result.completed + result.failed > 0;
    return {
      model: result.model,
      state: result.state,
      fastest: result.model === fastest,
      totalTime: measured ? formatDuration(result.wallMs) : '—',
      speedup: formatSpeedup(result.speedup),
      throughput: measured ? formatRate(result.throughput) : '—',
      p95: measured ? formatDuration(result.latencyMs.p95) : '—',
      cpu: measured ? formatShare(result.cpuUtilization) : '—',
      notes: notesOf(result),
    };
  });
}

/** The answer check in one line: all agree, or who was wrong; `final` false while models are still running. */
export function answerSummary(
  results: readonly ModelSummary[],
  final = true,
): { readonly ok: boolean | null; readonly text: string } {
  const wrong = results.filter((r) => r.check.ok === false);
  if (wrong.length > 0) {
    return {
      ok: false,
      text: wrong
        .map((r) => `${r.model} gave a wrong answer${r.check.problem ? ` (${r.check.problem})` : ''}`)
        .join('; '),
    };
  }
  const checked = results.filter((r) => r.check.ok === true);
  if (checked.length === 0) return { ok: null, text: 'No answer was checked.' };
  const answers = [...new Set(checked.map((r) => r.check.answer))];
  if (checked.length === 1)
    return { ok: true, text: `${answers.join(' / ')}: checked (${checked[0]!.model} only).` };
  const who =
    final && checked.length === results.length
      ? 'every model agrees'
      : `${checked.map((r) => r.model).join(', ')} agree`;
  return { ok: true, text: `${answers.join(' / ')}: checked, and ${who}.` };
}
