/** The Notes column: short remarks computed from a model's measurements. */
import type { ModelResult } from '../../../shared/results';
import type { MeasuredModel } from './model-run';

/** The placement of a model the run never got to. */
export const NOT_STARTED = 'not started';

function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Remarks worth a glance: what went wrong first, then where it ran, start-up cost, GIL contention, failures. */
export function modelNotes(result: MeasuredModel): string[] {
  if (result.placement === NOT_STARTED) return ['not started: the run was cancelled before its turn'];
  const notes: string[] = [];
  if (result.check.ok === false) notes.push(`WRONG ANSWER: ${result.check.problem ?? 'mismatch'}`);
  if (result.state === 'cancelled')
    notes.push(`cancelled after ${result.completed + result.failed} of ${result.total} tasks`);
  if (result.error) notes.push(`failed: ${result.error}`);
  notes.push(result.placement);
  // Only pools start anything; the calling thread's few microseconds of set-up are not a lesson.
  if (result.model === 'threads' || result.model === 'gil-threads' || result.model === 'processes') {
    notes.push(`start-up ${seconds(result.startupMs)}`);
  }
  if (result.gil) {
    const { holdMs, waitMs, switches } = result.gil;
    const taskMs = result.timeline.reduce((sum, task) => sum + (task.endedAt - task.startedAt), 0);
    const busy = result.wallMs > 0 ? Math.round((holdMs / result.wallMs) * 100) : 0;
    const waited = taskMs > 0 ? Math.round((waitMs / taskMs) * 100) : 0;
    notes.push(
      `GIL held ${busy}% of the time, tasks waited ${waited}% for it, ${switches} switch${switches === 1 ? '' : 'es'}`,
    );
  }
  const unexpected = result.failed - result.injectedFailures;
  if (result.injectedFailures > 0) notes.push(`${result.injectedFailures} failed as injected by the server`);
  if (unexpected > 0) {
    const first =
      result.failures.find((f) => !f.message.startsWith('HTTP 500'))?.message ?? result.failures[0]?.message;
    notes.push(`${unexpected} task${unexpected === 1 ? '' : 's'} failed${first ? ` (${first})` : ''}`);
  }
  return notes;
}

/** sequential's wall time over each model's, when sequential completed cleanly in the same run. */
export function withSpeedups(results: readonly MeasuredModel[]): ModelResult[] {
  const baseline = results.find(
    (r) => r.model === 'sequential' && r.state === 'done' && r.failed === r.injectedFailures,
  );
  return results.map(({ injectedFailures: _injected, ...result }) => ({
    ...result,
    speedup:
      baseline && result.state === 'done' && result.wallMs > 0 ? baseline.wallMs / result.wallMs : null,
    notes: modelNotes({ ...result, injectedFailures: _injected }),
  }));
}
