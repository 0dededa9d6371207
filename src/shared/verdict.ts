/** The one-sentence verdict of a run, computed from its measurements and worded by the winner's registry entry. */
import { formatSpeedup } from './format';
import { MODELS } from './models';
import { failureOf, fastestOf, isRankable, type RankingInput } from './ranking';
import type { ScenarioKind } from './scenarios';

/** The parts of a model's result the verdict reads: what ranking reads, and its speedup and workers. */
export interface VerdictInput extends RankingInput {
  readonly speedup: number | null;
  readonly workers: number | null;
}

/** Below this speedup on CPU-bound work, a model "stayed near 1×": worth a remark when it did not win. */
const SHORTFALL_BELOW = 1.3;

/** What disqualified each model that is not ranked, one sentence each: " threads failed 3 of 8 tasks and is not ranked." */
function unrankedNote(results: readonly VerdictInput[]): string {
  return results
    .flatMap((r) => {
      const failure = failureOf(r);
      return failure ? [` ${r.model} ${failure} and is not ranked.`] : [];
    })
    .join('');
}

/** At most one remark on a model that fell short on CPU-bound work: the lowest-ranked one that applies. */
function shortfallRemark(results: readonly VerdictInput[], winner: VerdictInput, kind: ScenarioKind): string {
  if (kind !== 'cpu') return '';
  const remarks = results.flatMap((r) => {
    const verdict = MODELS[r.model].verdict;
    if (verdict.kind !== 'contender' || !verdict.shortfall || r === winner) return [];
    if (!isRankable(r) || r.speedup === null || r.speedup >= SHORTFALL_BELOW) return [];
    const { rank, remark } = verdict.shortfall;
    return [{ rank, text: `; ${r.model} ${remark(formatSpeedup(r.speedup))}` }];
  });
  return remarks.sort((a, b) => a.rank - b.rank)[0]?.text ?? '';
}

/**
 * When plain loops of two runtimes computed the same tasks cleanly, how much longer one took: "CPython
 * took 27.4× as long as Node.js on the same tasks (py-sequential vs sequential)." Empty otherwise,
 * and for work that waits (any runtime waits as long).
 */
export function runtimeRemark(results: readonly VerdictInput[], kind: ScenarioKind): string {
  if (kind !== 'cpu') return '';
  const loops = results.filter(
    (r) => MODELS[r.model].verdict.kind === 'baseline' && isRankable(r) && r.wallMs > 0,
  );
  const [first, ...others] = loops;
  if (!first) return '';
  const family = (r: VerdictInput): string => MODELS[r.model].family.label;
  return others
    .filter((other) => MODELS[other.model].family.id !== MODELS[first.model].family.id)
    .map(
      (other) =>
        ` ${family(other)} took ${formatSpeedup(other.wallMs / first.wallMs)} as long as ${family(first)} on the same tasks (${other.model} vs ${first.model}).`,
    )
    .join('');
}

/**
 * E.g. "threads ran 1.92× faster than sequential: CPU-bound work spread over 2 cores; gil-threads
 * reached only 0.96×: under the GIL one thread computes at a time." Only models shared/ranking
 * ranks are compared; each one that failed is named, with what it failed. Followed by how the
 * runtimes' plain loops compared, when two ran (see runtimeRemark).
 */
export function verdict(results: readonly VerdictInput[], kind: ScenarioKind, cores: number): string {
  return `${ranking(results, kind, cores)}${runtimeRemark(results, kind)}`;
}

function ranking(results: readonly VerdictInput[], kind: ScenarioKind, cores: number): string {
  const unranked = unrankedNote(results);
  const clean = results.filter(isRankable);
  // A model is only "fastest" among two or more clean ones: beating failures is no result.
  if (clean.length === 1) {
    const only = clean[0]!;
    const baseline = MODELS[only.model].baseline;
    const compare =
      baseline === only.model ? 'race other models to compare' : `run ${baseline} too to measure its speedup`;
    return results.length === 1
      ? `${only.model} ran every task cleanly (${compare}).`
      : `Only ${only.model} ran every task cleanly, so nothing is ranked.${unranked}`;
  }
  const winner = fastestOf(results);
  if (!winner) {
    return results.some((r) => r.state === 'cancelled')
      ? `Cancelled before any model finished cleanly.${unranked}`
      : `No model finished cleanly.${unranked}`;
  }
  const spec = MODELS[winner.model];
  const baseline = results.find((r) => r.model === spec.baseline && isRankable(r));
  if (!baseline || winner.speedup === null) {
    const second = results
      .filter((r) => r !== winner && isRankable(r))
      .sort((a, b) => a.wallMs - b.wallMs)[0];
    const lead = second ? `, ${formatSpeedup(second.wallMs / winner.wallMs)} ahead of ${second.model}` : '';
    return `${winner.model} was fastest${lead} (run ${spec.baseline} too to measure speedups).${unranked}`;
  }
  if (spec.verdict.kind === 'baseline') return `${spec.verdict.unbeaten}.${unranked}`;
  const why = spec.verdict.why[kind]({ workers: winner.workers, total: winner.total, cores });
  const sentence = `${winner.model} ran ${formatSpeedup(winner.speedup)} faster than ${spec.baseline}: ${why}`;
  return `${sentence}${shortfallRemark(results, winner, kind)}.${unranked}`;
}
