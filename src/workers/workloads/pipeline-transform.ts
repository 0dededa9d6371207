/** The pipeline lesson's consumer work: a small CPU transform of one item into the row the sink writes. */

/** One item of the pipeline. */
export interface PipelineTransformInput {
  readonly id: number;
  readonly seed: number;
  /** Mixing rounds: the CPU cost of one item (about 1 ms per 200,000 on a laptop core). */
  readonly rounds: number;
}

/** The row for the sink. */
export interface PipelineTransformOutput {
  readonly id: number;
  readonly digest: number;
}

/** The digest of an item: `rounds` of xorshift-multiply mixing of its seed, as an unsigned int. */
export function pipelineDigest(seed: number, rounds: number): number {
  let x = seed | 0 || 0x9e3779b9;
  for (let i = 0; i < rounds; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x = Math.imul(x, 0x2545f491) + i;
  }
  return x >>> 0;
}

/** Transforms one item. */
export async function pipelineTransformWorkload(
  input: PipelineTransformInput,
): Promise<PipelineTransformOutput> {
  return { id: input.id, digest: pipelineDigest(input.seed, input.rounds) };
}
