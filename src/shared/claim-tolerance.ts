/**
 * How a claim's words are checked against a number: the band its words allow around what they
 * speak of. "No speedup" allows a little noise above 1×; "near 2× on 2 cores" asks for most of 2×;
 * "no slower than" allows a stated margin. Each claim states its tolerance once, beside its words
 * (model registry entries, lesson modules), and every claim shows it with its evidence.
 */
import { formatPercent } from './format';

/** The band a measured ratio must fall in, relative to the ratio the words speak of. */
export type Tolerance =
  /** Holds when measured ≥ share × expected: "overlaps 8 waits" holds from 60% of 8×. */
  | { readonly kind: 'at-least'; readonly share: number }
  /** Holds when measured ≤ factor × expected: "no speedup" holds up to 1.10 × 1×. */
  | { readonly kind: 'at-most'; readonly factor: number };

/** At least this share of what the words say (0 < share ≤ 1). */
export function atLeast(share: number): Tolerance {
  return { kind: 'at-least', share };
}

/** At most this multiple of what the words say (factor ≥ 1). */
export function atMost(factor: number): Tolerance {
  return { kind: 'at-most', factor };
}

/** The number at the edge of the band: 1.60 for at least 80% of 2. */
export function toleranceBound(expected: number, tolerance: Tolerance): number {
  return tolerance.kind === 'at-least' ? tolerance.share * expected : tolerance.factor * expected;
}

/** Whether a measured ratio is inside the band (the edge included). */
export function withinTolerance(measured: number, expected: number, tolerance: Tolerance): boolean {
  // A hair of floating-point slack, so a measurement exactly on the stated edge counts as inside.
  const bound = toleranceBound(expected, tolerance);
  const slack = 1e-9 * Math.max(1, Math.abs(bound));
  return tolerance.kind === 'at-least' ? measured >= bound - slack : measured <= bound + slack;
}

/** How a number reads in a tolerance: two decimals, so the edge is exact ("1.60×", "1.10×"). */
function bound(value: number, unit: string): string {
  return `${value.toFixed(2)}${unit}`;
}

/**
 * The tolerance in words, for the claim's evidence line and tooltip: "holds at 1.60× or more (80% of
 * 2.00×)", "holds at 1.10× or less". `unit` follows the number ("×" for speedups and ratios).
 */
export function describeTolerance(expected: number, tolerance: Tolerance, unit = '×'): string {
  const edge = bound(toleranceBound(expected, tolerance), unit);
  if (tolerance.kind === 'at-least') {
    const share =
      tolerance.share === 1 ? '' : ` (${formatPercent(tolerance.share * 100)} of ${bound(expected, unit)})`;
    return `holds at ${edge} or more${share}`;
  }
  const over = tolerance.factor === 1 ? '' : ` (a ${formatPercent((tolerance.factor - 1) * 100)} margin)`;
  return `holds at ${edge} or less${over}`;
}
