/** Batch image processing: a generated RGBA image, converted to grayscale, then box-blurred. */
import type { WorkloadContext } from './workload-context';
import { fnv1aBytes, hex32, seededRandom } from '../../shared/hashing';
import { grayOf, pixelRgb } from '../../shared/image-pixels';

/** One image to generate and process. */
export interface ImageInput {
  readonly seed: number;
  readonly size: number;
  readonly radius: number;
}

/** A processed pixel the checker recomputes independently. */
export interface ImageSample {
  readonly x: number;
  readonly y: number;
  readonly value: number;
}

/** Checksum and mean of the processed image, and a few sampled pixels. */
export interface ImageOutput {
  readonly checksum: string;
  readonly mean: number;
  readonly samples: readonly ImageSample[];
}

export { grayOf, pixelRgb };

/** Where the checker samples the processed image. */
export function samplePositions(seed: number, size: number, count = 8): { x: number; y: number }[] {
  const random = seededRandom(seed ^ 0x5a5a5a5a);
  return Array.from({ length: count }, () => ({
    x: Math.floor(random() * size),
    y: Math.floor(random() * size),
  }));
}

/** Rounded mean of a box of (2r+1)^2 gray values with clamped edges, computed directly: the checker's reference. */
export function blurredPixelReference(input: ImageInput, x: number, y: number): number {
  const { seed, size, radius } = input;
  let sum = 0;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const px = Math.min(size - 1, Math.max(0, x + dx));
      const py = Math.min(size - 1, Math.max(0, y + dy));
      const [r, g, b] = pixelRgb(seed, size, px, py);
      sum += grayOf(r, g, b);
    }
  }
  const area = (2 * radius + 1) ** 2;
  return Math.floor((sum + (area >> 1)) / area);
}

/** Generates the image, converts it to grayscale and blurs it with a separable box filter. */
export async function processImageWorkload(input: ImageInput, ctx: WorkloadContext): Promise<ImageOutput> {
  const { seed, size, radius } = input;
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixelRgb(seed, size, x, y);
      const i = (y * size + x) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = 255;
    }
    if ((y & 7) === 0) await ctx.checkpoint();
  }
  const gray = new Uint8Array(size * size);
  for (let p = 0, i = 0; p < gray.length; p++, i += 4) gray[p] = grayOf(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!);
  await ctx.checkpoint();

  // Horizontal then vertical sums over a clamped window; one division at the end keeps it exact.
  const rows = new Uint32Array(size * size);
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let dx = -radius; dx <= radius; dx++) sum += gray[row + Math.min(size - 1, Math.max(0, x + dx))]!;
      rows[row + x] = sum;
    }
    if ((y & 7) === 0) await ctx.checkpoint();
  }
  const area = (2 * radius + 1) ** 2;
  const out = new Uint8Array(size * size);
  let total = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let dy = -radius; dy <= radius; dy++)
        sum += rows[Math.min(size - 1, Math.max(0, y + dy)) * size + x]!;
      const value = Math.floor((sum + (area >> 1)) / area);
      out[y * size + x] = value;
      total += value;
    }
    if ((y & 7) === 0) await ctx.checkpoint();
  }
  const samples = samplePositions(seed, size).map(({ x, y }) => ({ x, y, value: out[y * size + x]! }));
  return { checksum: hex32(fnv1aBytes(out)), mean: total / out.length, samples };
}
