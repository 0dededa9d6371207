/**
 * "What to notice", as shown: each claim with what the measurement says of it. A contradicted claim
 * is worded as contradicted, never shown as if it held.
 */
import type { RunSummary } from '../../../shared/views';
import type { Claim } from '../../../shared/claims';
import { raceClaims } from '../../../shared/race-claims';
import type { ModelId } from '../../../shared/models';

/** The claim's verdict as the list item's data-holds attribute carries it. */
export type ClaimState = 'true' | 'false' | 'null';

/** One line of "What to notice". */
export interface ClaimLine {
  readonly holds: ClaimState;
  /** The verdict in words, read first. */
  readonly lead: string;
  readonly text: string;
  /** Quieter words after the text: what an undecided claim was about, or a contradiction's likely cause. */
  readonly detail: string | null;
  /** How the words are checked ("holds at 1.60× or more (80% of 2.00×)"): shown quietly and as the tooltip. */
  readonly tolerance: string | null;
}

/**
 * How a claim reads: shown with its evidence, contradicted with the numbers and the likely cause,
 * not judged on a busy machine, or undecided by this run.
 */
export function claimLine(claim: Claim): ClaimLine {
  const tolerance = claim.tolerance ?? null;
  const measured = `${claim.text} — ${claim.evidence}`;
  if (claim.holds === true)
    return { holds: 'true', lead: 'Measured:', text: measured, detail: null, tolerance };
  if (claim.holds === false)
    return {
      holds: 'false',
      lead: 'The measurement disagrees:',
      text: measured,
      detail: claim.cause ? `Likely cause: ${claim.cause}.` : null,
      tolerance,
    };
  if (claim.notJudged === 'busy-machine')
    return { holds: 'null', lead: 'Not judged, busy machine:', text: measured, detail: null, tolerance };
  return {
    holds: 'null',
    lead: 'This run cannot tell:',
    text: claim.evidence,
    detail: `(${claim.text})`,
    tolerance,
  };
}

/** The claims a lesson shows: those about a model it runs, and those about no single model. */
export function claimsForModels(claims: readonly Claim[], models: readonly ModelId[]): Claim[] {
  return claims.filter((claim) => {
    const model = claim.model ?? null;
    return model === null || models.includes(model);
  });
}

/** The race claims of a run, without those about models the lesson never runs. */
export function runLessonClaims(run: RunSummary, models: readonly ModelId[]): Claim[] {
  return claimsForModels(raceClaims(run), models);
}
