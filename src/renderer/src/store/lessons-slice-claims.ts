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
  /** Quieter words after the text (what an undecided claim was about). */
  readonly detail: string | null;
}

/** How a claim reads: shown with its evidence, contradicted with the numbers, or undecided by this run. */
export function claimLine(claim: Claim): ClaimLine {
  if (claim.holds === true)
    return { holds: 'true', lead: 'Measured:', text: `${claim.text} — ${claim.evidence}`, detail: null };
  if (claim.holds === false)
    return {
      holds: 'false',
      lead: 'The measurement disagrees:',
      text: `${claim.text} — ${claim.evidence}`,
      detail: null,
    };
  return { holds: 'null', lead: 'This run cannot tell:', text: claim.evidence, detail: `(${claim.text})` };
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
