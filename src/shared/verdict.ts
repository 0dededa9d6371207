/** The one-sentence verdict of a run, computed from its measurements and worded by the winner's registry entry. */
import { formatSpeedup } from './format';
import { MODELS, type ModelId } from './models';
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

/** The verdict's inputs from a run's results (a RunResult's or a RunSummary's). */
export function verdictInputs(run: {
  readonly results: readonly (Omit<VerdictInput, 'checkOk'> & {
    readonly check: { readonly ok: boolean | null };
  })[];
}): VerdictInput[] {
  return run.results.map((r) => ({
    model: r.model,
    state: r.state,
    wallMs: r.wallMs,
    speedup: r.speedup,
    checkOk: r.check.ok,
    total: r.total,
    workers: r.workers,
  }));
}

/** Below this speedup on CPU-bound work, a model "stayed near 1×": worth a remark when it did not win. */
const SHORTFALL_BELOW = 1.3;

/** The clean model with the lowest total time, if any. */
export function fastestOf(results: readonly VerdictInput[]): VerdictInput | undefined {
  return results
    .filter((r) => r.state === 'done' && r.checkOk !== false)
    .reduce<VerdictInput | undefined>((best, r) => (!best || r.wallMs < best.wallMs ? r : best), undefined);
}

/** At most one remark on a model that fell short on CPU-bound work: the lowest-ranked one that applies. */
function shortfallRemark(results: readonly VerdictInput[], winner: VerdictInput, kind: ScenarioKind): string {
  if (kind !== 'cpu') return '';
  const remarks = results.flatMap((r) => {
    const verdict = MODELS[r.model].verdict;
    if (verdict.kind !== 'contender' || !verdict.shortfall || r === winner) return [];
    if (r.state !== 'done' || r.speedup === null || r.speedup >= SHORTFALL_BELOW) return [];
    const { rank, remark } = verdict.shortfall;
    return [{ rank, text: `; ${r.model} ${remark(formatSpeedup(r.speedup))}` }];
  });
  return remarks.sort((a, b) => a.rank - b.rank)[0]?.text ?? '';
}

/**
 * When plain loops of two runtimes computed the same tasks cleanly, how much longer one took:
 * "CPython took 27.4× as long as Node.js on the same tasks (py-sequential vs sequential)." Empty
 * otherwise, and for work that waits (any runtime waits as long).
 */
export function runtimeRemark(results: readonly VerdictInput[], kind: ScenarioKind): string {
  if (kind !== 'cpu') return '';
  const loops = results.filter(
    (r) =>
      MODELS[r.model].verdict.kind === 'baseline' &&
      r.state === 'done' &&
      r.checkOk !== false &&
      r.wallMs > 0,
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
 * reached only 0.96×: under the GIL one thread computes at a time." — followed by how the runtimes'
 * plain loops compared, when two ran (see runtimeRemark).
 */
export function verdict(results: readonly VerdictInput[], kind: ScenarioKind, cores: number): string {
  return `${ranking(results, kind, cores)}${runtimeRemark(results, kind)}`;
}

function ranking(results: readonly VerdictInput[], kind: ScenarioKind, cores: number): string {
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
  const spec = MODELS[winner.model];
  const baseline = results.find((r) => r.model === spec.baseline && r.state === 'done');
  if (!baseline || winner.speedup === null) {
    const second = results
      .filter((r) => r !== winner && r.state === 'done' && r.checkOk !== false)
      .sort((a, b) => a.wallMs - b.wallMs)[0];
    const lead = second ? `, ${formatSpeedup(second.wallMs / winner.wallMs)} ahead of ${second.model}` : '';
    return `${winner.model} was fastest${lead} (run ${spec.baseline} too to measure speedups).${wrongNote}`;
  }
  if (spec.verdict.kind === 'baseline') return `${spec.verdict.unbeaten}.${wrongNote}`;
  const why = spec.verdict.why[kind]({ workers: winner.workers, total: winner.total, cores });
  const sentence = `${winner.model} ran ${formatSpeedup(winner.speedup)} faster than ${spec.baseline}: ${why}`;
  return `${sentence}${shortfallRemark(results, winner, kind)}.${wrongNote}`;
}
