import { describe, expect, it } from 'vitest';
import { measuringContext } from '../../test-support/measuring-context';
import { generateMatrix, invertMatrixWorkload, inverseResidual } from './matrix-inverse';

function invert(seed: number, n: number): ReturnType<typeof invertMatrixWorkload> {
  return invertMatrixWorkload({ seed, n }, measuringContext());
}

/** The full product A * B of two row-major n x n matrices. */
function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      for (let j = 0; j < n; j++) c[i * n + j]! += aik * b[k * n + j]!;
    }
  return c;
}

/** Largest |(A * B - I)_ij|. */
function distanceFromIdentity(product: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(product[i * n + j]! - (i === j ? 1 : 0)));
  return worst;
}

describe('generateMatrix', () => {
  it('is reproducible from its seed and diagonally dominated by sqrt(n)', () => {
    const n = 9;
    const a = generateMatrix(3, n);
    expect(generateMatrix(3, n)).toEqual(a);
    expect(generateMatrix(4, n)).not.toEqual(a);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = a[i * n + j]!;
        if (i === j) expect(v - 3).toBeGreaterThanOrEqual(-1);
        else expect(Math.abs(v)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('invertMatrixWorkload', () => {
  it('matches the analytic 2x2 inverse', async () => {
    for (const seed of [1, 2, 3, 99]) {
      const [a, b, c, d] = generateMatrix(seed, 2);
      const det = a! * d! - b! * c!;
      const want = [d! / det, -b! / det, -c! / det, a! / det];
      const { inverse } = await invert(seed, 2);
      for (let i = 0; i < 4; i++) expect(inverse[i]).toBeCloseTo(want[i]!, 12);
    }
  });

  it('gives A * A^-1 = I within 1e-10 for a 30x30 matrix (full product)', async () => {
    const n = 30;
    for (const seed of [7000, 7001]) {
      const { inverse } = await invert(seed, n);
      expect(distanceFromIdentity(multiply(generateMatrix(seed, n), inverse, n), n)).toBeLessThan(1e-10);
      // A left inverse too: A^-1 * A = I.
      expect(distanceFromIdentity(multiply(inverse, generateMatrix(seed, n), n), n)).toBeLessThan(1e-10);
    }
  });

  it('inverts a 1x1 matrix to its reciprocal', async () => {
    const { inverse } = await invert(5, 1);
    expect(inverse[0]! * generateMatrix(5, 1)[0]!).toBeCloseTo(1, 14);
  });

  it('is deterministic: same seed, same digest; another seed, another digest', async () => {
    const first = await invert(42, 12);
    const second = await invert(42, 12);
    expect(second.digest).toBe(first.digest);
    expect(second.inverse).toEqual(first.inverse);
    expect((await invert(43, 12)).digest).not.toBe(first.digest);
  });
});

describe('inverseResidual', () => {
  it('is tiny for the true inverse and large when one entry is flipped', async () => {
    const n = 30;
    const seed = 7003;
    const { inverse } = await invert(seed, n);
    expect(inverseResidual(seed, n, inverse)).toBeLessThan(1e-10);

    // Flip the sign of the largest entry of the inverse.
    let at = 0;
    for (let i = 1; i < inverse.length; i++) if (Math.abs(inverse[i]!) > Math.abs(inverse[at]!)) at = i;
    const perturbed = Float64Array.from(inverse);
    perturbed[at] = -perturbed[at]!;
    expect(inverseResidual(seed, n, perturbed)).toBeGreaterThan(1e-3);
  });

  it('is large for the inverse of another matrix', async () => {
    const { inverse } = await invert(8001, 10);
    expect(inverseResidual(8002, 10, inverse)).toBeGreaterThan(1e-3);
  });
});
