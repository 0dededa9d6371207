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
}
