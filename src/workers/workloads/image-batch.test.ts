import { describe, expect, it } from 'vitest';
import { measuringContext } from '../../test-support/measuring-context';
import {
  blurredPixelReference,
  pixelRgb,
  processImageWorkload,
  samplePositions,
  type ImageInput,
} from './image-batch';

/** FNV-1a 32-bit in BigInt arithmetic, as 8 hex digits: a second implementation of the checksum. */
function fnv1aHex(bytes: ArrayLike<number>): string {
  let h = 0x811c9dc5n;
  for (let i = 0; i < bytes.length; i++) h = ((h ^ BigInt(bytes[i]!)) * 0x01000193n) % 2n ** 32n;
  return h.toString(16).padStart(8, '0');
}

/** The whole blurred image, computed pixel by pixel from the definition: rounded mean of a clamped box. */
function bruteForceBlur({ seed, size, radius }: ImageInput): number[][] {
  const gray = (x: number, y: number): number => {
    const [r, g, b] = pixelRgb(seed, size, x, y);
    // BT.601 weights 0.299, 0.587, 0.114 as 77, 150, 29 / 256, truncated.
    return Math.floor((77 * r + 150 * g + 29 * b) / 256);
  };
  const clamp = (v: number): number => Math.min(size - 1, Math.max(0, v));
  const area = (2 * radius + 1) ** 2;
  return Array.from({ length: size }, (_, y) =>
    Array.from({ length: size }, (_, x) => {
      let sum = 0;
      for (let dy = -radius; dy <= radius; dy++)
        for (let dx = -radius; dx <= radius; dx++) sum += gray(clamp(x + dx), clamp(y + dy));
      // The area is odd, so sum / area is never exactly half-way and Math.round is unambiguous.
      return Math.round(sum / area);
    }),
  );
}

function run(input: ImageInput): ReturnType<typeof processImageWorkload> {
  return processImageWorkload(input, measuringContext());
}

describe('processImageWorkload', () => {
  for (const radius of [0, 1, 3]) {
    it(`matches a brute-force blur of a whole 16x16 image at radius ${radius}`, async () => {
      const input = { seed: 1234, size: 16, radius };
      const image = bruteForceBlur(input);
      const flat = image.flat();
      const output = await run(input);
      expect(output.checksum).toBe(fnv1aHex(flat));
      expect(output.mean).toBeCloseTo(flat.reduce((a, b) => a + b, 0) / flat.length, 12);
      for (const sample of output.samples) expect(sample.value).toBe(image[sample.y]![sample.x]);
    });
  }

  it('handles a blur radius larger than the image (every window clamped)', async () => {
    const input = { seed: 5, size: 4, radius: 6 };
    const flat = bruteForceBlur(input).flat();
    expect((await run(input)).checksum).toBe(fnv1aHex(flat));
  });

  it('reports samples at the checker positions, equal to the checker reference', async () => {
    for (const input of [
      { seed: 1000, size: 64, radius: 2 },
      { seed: 1001, size: 37, radius: 5 },
    ]) {
      const output = await run(input);
      expect(output.samples.map(({ x, y }) => ({ x, y }))).toEqual(samplePositions(input.seed, input.size));
      for (const { x, y, value } of output.samples) {
        expect(value, `(${x}, ${y})`).toBe(blurredPixelReference(input, x, y));
      }
    }
  });

  it('keeps sampled pixels inside the image and values within 0..255', async () => {
    const output = await run({ seed: 77, size: 48, radius: 3 });
    for (const { x, y, value } of output.samples) {
      expect(x >= 0 && x < 48 && y >= 0 && y < 48).toBe(true);
      expect(value >= 0 && value <= 255).toBe(true);
    }
    expect(output.mean).toBeGreaterThan(0);
    expect(output.mean).toBeLessThan(255);
  });

  it('is deterministic across two calls and differs between seeds', async () => {
    const input = { seed: 2024, size: 40, radius: 2 };
    const first = await run(input);
    const second = await run(input);
    expect(second).toEqual(first);
    const other = await run({ ...input, seed: 2025 });
    expect(other.checksum).not.toBe(first.checksum);
  });
});
