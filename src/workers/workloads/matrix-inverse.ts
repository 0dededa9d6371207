/** Dense matrix inversion by Gauss-Jordan elimination with partial pivoting. */
import type { WorkloadContext } from './workload-context';
import { fnv1aBytes, hex32, seededRandom } from '../../shared/hashing';

/** A random n x n matrix, generated from its seed on whichever side needs it. */
export interface MatrixInput {
  readonly seed: number;
  readonly n: number;
}

/** The inverse (row-major) and a digest of its bytes. */
export interface MatrixOutput {
  readonly inverse: Float64Array;
  readonly digest: string;
}

/** A reproducible, well-conditioned random matrix: entries in [-1, 1) plus sqrt(n) on the diagonal. */
export function generateMatrix(seed: number, n: number): Float64Array {
  const random = seededRandom(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < a.length; i++) a[i] = random() * 2 - 1;
  for (let i = 0; i < n; i++) a[i * n + i]! += Math.sqrt(n);
  return a;
}

/** Inverts the matrix of the input, checkpointing after every pivot column. */
export async function invertMatrixWorkload(input: MatrixInput, ctx: WorkloadContext): Promise<MatrixOutput> {
  const { seed, n } = input;
  const a = generateMatrix(seed, n);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    const p = a[pivot * n + col]!;
    if (Math.abs(p) < 1e-12) throw new Error(`matrix ${seed} is singular at column ${col}`);
    if (pivot !== col) {
      swapRows(a, n, pivot, col);
      swapRows(inv, n, pivot, col);
    }
    const scale = 1 / a[col * n + col]!;
    for (let k = 0; k < n; k++) {
      a[col * n + k]! *= scale;
      inv[col * n + k]! *= scale;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r * n + col]!;
      if (f === 0) continue;
      const ro = r * n;
      const co = col * n;
      for (let k = 0; k < n; k++) {
        a[ro + k]! -= f * a[co + k]!;
        inv[ro + k]! -= f * inv[co + k]!;
      }
    }
    await ctx.checkpoint();
  }
  return { inverse: inv, digest: hex32(fnv1aBytes(new Uint8Array(inv.buffer))) };
}

function swapRows(m: Float64Array, n: number, r1: number, r2: number): void {
  for (let k = 0; k < n; k++) {
    const t = m[r1 * n + k]!;
    m[r1 * n + k] = m[r2 * n + k]!;
    m[r2 * n + k] = t;
  }
}

/**
 * Checks A * inverse ~ I without an O(n^3) product: for a random x, A * (inverse * x) must give x back
 * (Freivalds' idea). Returns the largest deviation.
 */
export function inverseResidual(seed: number, n: number, inverse: Float64Array): number {
  const a = generateMatrix(seed, n);
  const random = seededRandom(seed ^ 0x1234567);
  const x = Float64Array.from({ length: n }, () => random() * 2 - 1);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += inverse[i * n + k]! * x[k]!;
    y[i] = s;
  }
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[i * n + k]! * y[k]!;
    worst = Math.max(worst, Math.abs(s - x[i]!));
  }
  return worst;
}
