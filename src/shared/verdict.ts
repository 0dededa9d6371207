/** The one-sentence verdict of a run, computed from its measurements and the scenario's kind. */
import type { ModelId } from './models';
import type { ScenarioKind } from './scenarios';

/** The parts of a model's result the verdict reads. */
export interface VerdictInput {
  readonly model: ModelId;
  readonly state: 'done' | 'cancelled' | 'failed';
  readonly wallMs: number;
  readonly speedup: number | null;
  readonly checkOk: boolean | null;
  readonly total: number;
  readonly workers: number | null;
}

function times(x: number): string {
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}

/** The clean model with the lowest total time, if any. */
export function fastestOf(results: readonly VerdictInput[]): VerdictInput | undefined {
  return results
    .filter((r) => r.state === 'done' && r.checkOk !== false)
    .reduce<VerdictInput | undefined>((best, r) => (!best || r.wallMs < best.wallMs ? r : best), undefined);
}

function why(winner: VerdictInput, kind: ScenarioKind, cores: number): string {
  if (kind === 'io') {
    if (winner.model === 'async')
      return `one thread overlapped ${winner.workers ?? winner.total} waits at once`;
    if (winner.model === 'processes') return `${winner.workers} processes overlapped their waits`;
    return `${winner.workers} threads overlapped their waits — waiting needs no core, so even the GIL does not stop it`;
  }
  if (winner.model === 'threads' || winner.model === 'processes') {
    return `CPU-bound work spread over ${cores} core${cores === 1 ? '' : 's'}`;
  }
  return 'nothing ran in parallel, so the model with the least overhead won';
}

/**
 * E.g. "threads ran 1.9× faster than sequential: CPU-bound work spread over 2 cores; gil-threads
 * reached only 0.9×: under the GIL one thread computes at a time."
 */
export function verdict(results: readonly VerdictInput[], kind: ScenarioKind, cores: number): string {
  const wrong = results.filter((r) => r.checkOk === false).map((r) => r.model);
  const wrongNote =
    wrong.length > 0
      ? ` ${wrong.join(' and ')} gave a wrong answer and ${wrong.length === 1 ? 'is' : 'are'} not ranked.`
      : '';
  const winner = fastestOf(results);
  if (!winner) {
    return results.some((r) => r.state === 'cancelled')
      ? `Cancelled before any model finished.${wrongNote}`
      : `No model finished cleanly.${wrongNote}`;
  }
  const sequential = results.find((r) => r.model === 'sequential' && r.state === 'done');
  if (!sequential || winner.speedup === null) {
    const second = results
      .filter((r) => r !== winner && r.state === 'done' && r.checkOk !== false)
      .sort((a, b) => a.wallMs - b.wallMs)[0];
    const lead = second ? `, ${times(second.wallMs / winner.wallMs)} ahead of ${second.model}` : '';
    return `${winner.model} was fastest${lead} (run sequential too to measure speedups).${wrongNote}`;
  }
  if (winner.model === 'sequential') {
    return `No model beat the plain loop: per-task overhead outweighed what concurrency could overlap here.${wrongNote}`;
  }
  let sentence = `${winner.model} ran ${times(winner.speedup)} faster than sequential: ${why(winner, kind, cores)}`;
  const gil = results.find((r) => r.model === 'gil-threads' && r.state === 'done' && r.speedup !== null);
  if (kind === 'cpu' && gil && gil.speedup !== null && gil.speedup < 1.3 && winner.model !== 'gil-threads') {
    sentence += `; gil-threads reached only ${times(gil.speedup)}: under the GIL one thread computes at a time`;
  }
  const async = results.find((r) => r.model === 'async' && r.state === 'done' && r.speedup !== null);
  if (
    kind === 'cpu' &&
    async &&
    async.speedup !== null &&
    async.speedup < 1.3 &&
    winner.model !== 'async' &&
    !sentence.includes('gil-threads')
  ) {
    sentence += `; async stayed at ${times(async.speedup)}: an event loop overlaps waiting, not computing`;
  }
  return `${sentence}.${wrongNote}`;
}
