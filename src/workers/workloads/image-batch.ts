/** Batch image processing: a generated RGBA image, converted to grayscale, then box-blurred. */
import type { WorkloadContext } from '../workload-context';
import { fnv1aBytes, hex32, mix32, seededRandom } from './hashing';

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

/** The colour of pixel (x, y) of the image with this seed: gradients, soft circles and grain, like a photo. */
export function pixelRgb(seed: number, size: number, x: number, y: number): [number, number, number] {
  const u = x / size;
  const v = y / size;
  const cx = 0.3 + 0.4 * ((seed % 7) / 7);
  const cy = 0.3 + 0.4 * ((seed % 11) / 11);
  const d = Math.hypot(u - cx, v - cy);
  const ring = d < 0.25 ? 80 * (1 - d / 0.25) : 0;
  const grain = (mix32(seed, x, y) & 31) - 16;
  const r = 60 + 120 * u + ring + grain;
  const g = 40 + 150 * v + ring / 2 + grain;
  const b = 180 - 100 * u * v + grain;
  return [clampByte(r), clampByte(g), clampByte(b)];
}

function clampByte(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

/** ITU-R 601 luma in integer arithmetic. */
export function grayOf(r: number, g: number, b: number): number {
  return (r * 77 + g * 150 + b * 29) >> 8;
}

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
