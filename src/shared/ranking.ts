/**
 * Which models of a run are ranked — given a speedup, or called fastest — and why the others are
 * not. The one rule the engine, the table, the verdict, every export, the UI and the CLI's exit code
 * share: a model that failed any task it was not meant to fail, or whose answer was wrong, or that
 * failed as a whole, is never ranked. The lab never shows a fast failure as a win.
 */
import { MODELS, type ModelId } from './models';

/** What the rule reads of a model's result; a ModelResult and a ModelSummary both fit. */
export interface RankingInput {
  readonly model: ModelId;
  readonly state: 'done' | 'cancelled' | 'failed';
  readonly wallMs: number;
  readonly total: number;
  readonly failed: number;
  /** Failures the scenario planned (injected by the server); absent in runs saved before it was recorded. */
  readonly expectedFailures?: number;
  readonly check: { readonly ok: boolean | null };
}

/** Failed tasks nobody planned; a run saved before planned failures were recorded is judged by its state alone. */
export function unexpectedFailures(result: RankingInput): number {
  if (result.expectedFailures === undefined) return 0;
  return Math.max(0, result.failed - result.expectedFailures);
}

/**
 * What disqualifies a model, in words that follow its name ("failed 12 of 12 tasks"), or null when
 * nothing does. A cancelled model is not ranked either, but nothing failed: that gives null too.
 */
export function failureOf(result: RankingInput): string | null {
  if (result.check.ok === false) return 'gave a wrong answer';
  const unexpected = unexpectedFailures(result);
  if (unexpected > 0) return `failed ${unexpected} of ${result.total} task${result.total === 1 ? '' : 's'}`;
  if (result.state === 'failed') return 'failed';
  return null;
}

/** Whether a model ran every task cleanly with a right answer: only such a model gets a speedup or "fastest". */
export function isRankable(result: RankingInput): boolean {
  return result.state === 'done' && failureOf(result) === null;
}

/** The state a model's run ends in: a run that ended normally but failed a task or its check has failed. */
export function finalState(result: RankingInput): RankingInput['state'] {
  return result.state === 'done' && failureOf(result) !== null ? 'failed' : result.state;
}

/**
 * The rankable model with the lowest total time; none unless at least two are rankable (a model that
 * beat only failures, or nobody, is not "fastest").
 */
export function fastestOf<T extends RankingInput>(results: readonly T[]): T | undefined {
  const rankable = results.filter(isRankable);
  if (rankable.length < 2) return undefined;
  return rankable.reduce((fastest, result) => (result.wallMs < fastest.wallMs ? result : fastest));
}

/**
 * Each model's speedup: its baseline's total time over its own (sequential for the Node models, as
 * its registry entry says), null unless both are rankable.
 */
export function speedupsOf(results: readonly RankingInput[]): (number | null)[] {
  return results.map((result) => {
    const baseline = results.find((r) => r.model === MODELS[result.model].baseline && isRankable(r));
    return baseline && isRankable(result) && result.wallMs > 0 ? baseline.wallMs / result.wallMs : null;
  });
}

/** Whether every model of a finished run is rankable: the CLI exits 0 only then. */
export function everyModelClean(results: readonly RankingInput[]): boolean {
  return results.length > 0 && results.every(isRankable);
}
