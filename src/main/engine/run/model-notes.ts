/** The Notes column: short remarks computed from a model's measurements, worded as its registry entry says. */
import { formatCoarseDuration } from '../../../shared/format';
import { MODELS } from '../../../shared/models';
import { speedupsOf } from '../../../shared/ranking';
import type { ModelResult } from '../../../shared/results';
import type { MeasuredModel } from './model-run';

/** The placement of a model the run never got to. */
export const NOT_STARTED = 'not started';

/** The placement of a model that cannot run on this machine (its probe said why, in its error). */
export const NOT_RUN = 'not run';

/** Remarks worth a glance: what went wrong first, then where it ran, start-up cost, the model's own remarks, failures. */
export function modelNotes(result: MeasuredModel): string[] {
  if (result.placement === NOT_STARTED) return ['not started: the run was cancelled before its turn'];
  const spec = MODELS[result.model].notes;
  const notes: string[] = [];
  if (result.check.ok === false) notes.push(`WRONG ANSWER: ${result.check.problem ?? 'mismatch'}`);
  if (result.state === 'cancelled')
    notes.push(`cancelled after ${result.completed + result.failed} of ${result.total} tasks`);
  if (result.error) notes.push(`failed: ${result.error}`);
  notes.push(result.placement);
  if (result.placement === NOT_RUN) return notes;
  // Only pools start anything; the calling thread's few microseconds of set-up are not a lesson.
  if (spec.startup) notes.push(`start-up ${formatCoarseDuration(result.startupMs)}`);
  notes.push(...(spec.extra?.(result) ?? []));
  const unexpected = result.failed - result.injectedFailures;
  if (result.injectedFailures > 0) notes.push(`${result.injectedFailures} failed as injected by the server`);
  if (unexpected > 0) {
    const first =
      result.failures.find((f) => !f.message.startsWith('HTTP 500'))?.message ?? result.failures[0]?.message;
    notes.push(`${unexpected} task${unexpected === 1 ? '' : 's'} failed${first ? ` (${first})` : ''}`);
  }
  return notes;
}

/** Each model's speedup (against its registry baseline) and notes, ranked by the one rule in shared/ranking. */
export function withSpeedups(results: readonly MeasuredModel[]): ModelResult[] {
  const speedups = speedupsOf(
    results.map(({ injectedFailures, remarks: _remarks, load: _load, ...r }) => ({
      ...r,
      expectedFailures: injectedFailures,
    })),
  );
  return results.map((measured, index) => {
    const { injectedFailures, remarks: _remarks, load: _load, ...result } = measured;
    const spec = MODELS[result.model];
    // A model whose baseline was not in the run at all is told how to get a speedup (Python's is py-sequential).
    const missing =
      spec.notes.withoutBaseline && result.state === 'done' && !results.some((r) => r.model === spec.baseline)
        ? [spec.notes.withoutBaseline]
        : [];
    return {
      ...result,
      expectedFailures: injectedFailures,
      speedup: speedups[index] ?? null,
      notes: [...modelNotes(measured), ...missing],
    };
  });
}
