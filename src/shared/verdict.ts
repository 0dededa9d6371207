/** The one-sentence verdict of a run, computed from its measurements and the scenario's kind. */
import { failureOf, fastestOf, isRankable, type RankingInput } from './ranking';
import type { ScenarioKind } from './scenarios';

/** The parts of a model's result the verdict reads. */
export interface VerdictInput extends RankingInput {
  readonly speedup: number | null;
  readonly workers: number | null;
}

function times(x: number): string {
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}

/** What disqualified each model that is not ranked, one sentence each: " threads failed 3 of 8 tasks and is not ranked." */
function unrankedNote(results: readonly VerdictInput[]): string {
  return results
    .flatMap((r) => {
      const failure = failureOf(r);
      return failure ? [` ${r.model} ${failure} and is not ranked.`] : [];
    })
    .join('');
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
  const unranked = unrankedNote(results);
  const clean = results.filter(isRankable);
  // A model is only "fastest" among two or more clean ones: beating failures is no result.
  if (clean.length === 1) {
    return results.length === 1
      ? `${clean[0]!.model} ran every task cleanly (race other models to compare).`
      : `Only ${clean[0]!.model} ran every task cleanly, so nothing is ranked.${unranked}`;
  }
  const winner = fastestOf(results);
  if (!winner) {
    return results.some((r) => r.state === 'cancelled')
      ? `Cancelled before any model finished cleanly.${unranked}`
      : `No model finished cleanly.${unranked}`;
  }
  const sequential = results.find((r) => r.model === 'sequential' && isRankable(r));
  if (!sequential || winner.speedup === null) {
    const second = results
      .filter((r) => r !== winner && isRankable(r))
      .sort((a, b) => a.wallMs - b.wallMs)[0];
    const lead = second ? `, ${times(second.wallMs / winner.wallMs)} ahead of ${second.model}` : '';
    return `${winner.model} was fastest${lead} (run sequential too to measure speedups).${unranked}`;
  }
  if (winner.model === 'sequential') {
    return `No model beat the plain loop: per-task overhead outweighed what concurrency could overlap here.${unranked}`;
  }
  let sentence = `${winner.model} ran ${times(winner.speedup)} faster than sequential: ${why(winner, kind, cores)}`;
  const gil = results.find((r) => r.model === 'gil-threads' && isRankable(r) && r.speedup !== null);
  if (kind === 'cpu' && gil && gil.speedup !== null && gil.speedup < 1.3 && winner.model !== 'gil-threads') {
    sentence += `; gil-threads reached only ${times(gil.speedup)}: under the GIL one thread computes at a time`;
  }
  const async = results.find((r) => r.model === 'async' && isRankable(r) && r.speedup !== null);
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
  return `${sentence}.${unranked}`;
}
