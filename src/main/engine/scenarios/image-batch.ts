/** image-batch: grayscale + box blur of N generated images; sampled pixels recomputed directly, checksums compared. */
import { IMAGE_SEED_BASE } from '../../../shared/image-pixels';
import { blurredPixelReference, type ImageInput } from '../../../workers/workloads/image-batch';
import { formatCount } from '../../../shared/format';
import { field, type ScenarioRunner } from './scenario';

/** The engine side of image-batch. */
export const imageBatchScenario: ScenarioRunner = {
  id: 'image-batch',
  async prepare(params) {
    const size = params.imageSize!;
    const radius = params.blurRadius!;
    const inputs: ImageInput[] = Array.from({ length: params.tasks! }, (_, i) => ({
      seed: IMAGE_SEED_BASE + i,
      size,
      radius,
    }));
    return {
      tasks: inputs.map((input) => ({ workload: 'process-image', input })),
      derived: { pixelsPerImage: size * size },
      check(task, output) {
        const input = inputs[task]!;
        const samples = field(output, 'samples');
        const checksum = field(output, 'checksum');
        if (!Array.isArray(samples) || samples.length === 0 || typeof checksum !== 'string') {
          return { ok: false, problem: `image ${task}: malformed output` };
        }
        for (const sample of samples as { x: number; y: number; value: number }[]) {
          const want = blurredPixelReference(input, sample.x, sample.y);
          if (sample.value !== want) {
            return {
              ok: false,
              problem: `image ${task}: pixel (${sample.x}, ${sample.y}) is ${sample.value}, expected ${want}`,
            };
          }
        }
        return { ok: true, digest: checksum, tally: 1n };
      },
      answer: (_tally, completed) =>
        `${formatCount(completed)} images of ${size}×${size} px blurred (radius ${radius}), sampled pixels verified`,
      async dispose() {},
    };
  },
};
