/** A claim checked against a measurement: what a race or a lesson says a run shows, and whether this run does. */
import type { ModelId } from './models';

/** One thing to notice, and whether this run shows it. */
export interface Claim {
  readonly text: string;
  /** The model the claim is about, so a lesson can leave out models it never runs; null or absent when it is about no single model. */
  readonly model?: ModelId | null;
  /** true: the measurement shows it; false: it contradicts it; null: this run cannot tell (model not run, one core). */
  readonly holds: boolean | null;
  /** The numbers behind the verdict, in words. */
  readonly evidence: string;
  /**
   * How the words are checked against the numbers, in words ("holds at 1.60× or more (80% of
   * 2.00×)"): shown beside the evidence and as the claim's tooltip; absent when checked exactly.
   */
  readonly tolerance?: string;
  /** When the numbers contradict the words: their likely cause, in words. */
  readonly cause?: string;
  /** Set when this run could have told but was not judged: the machine was busy, so its times are unreliable. */
  readonly notJudged?: 'busy-machine';
  /** Whether the claim compares times, which a busy machine distorts; claims about answers and counts do not. */
  readonly timed?: boolean;
}

/**
 * The claims as a run on a busy machine shows them: every claim that compares times is neither held
 * nor contradicted ("not judged: busy machine"); claims about answers and counts stand.
 */
export function judgedOnBusyMachine(
  claims: readonly Claim[],
  busy: { readonly reason: string } | null,
): Claim[] {
  if (!busy) return [...claims];
  return claims.map((claim) => {
    if (!claim.timed || claim.holds === null) return claim;
    const { cause: _cause, ...rest } = claim;
    return {
      ...rest,
      holds: null,
      notJudged: 'busy-machine',
      evidence: `${claim.evidence}; not judged: ${busy.reason}`,
    };
  });
}
