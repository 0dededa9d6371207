import { describe, expect, it } from 'vitest';
import { atLeast, atMost, describeTolerance, toleranceBound, withinTolerance } from './claim-tolerance';

describe('claim tolerances', () => {
  it('"at least a share": holds from the share of what the words say, the edge included', () => {
    expect(toleranceBound(2, atLeast(0.8))).toBeCloseTo(1.6);
    expect(withinTolerance(1.6, 2, atLeast(0.8))).toBe(true);
    expect(withinTolerance(1.599, 2, atLeast(0.8))).toBe(false);
    expect(describeTolerance(2, atLeast(0.8))).toBe('holds at 1.60× or more (80% of 2.00×)');
    expect(describeTolerance(1, atLeast(1), " × a thread copy's time")).toBe(
      "holds at 1.00 × a thread copy's time or more",
    );
  });

  it('"at most a factor": holds up to the factor of what the words say, the edge included', () => {
    expect(withinTolerance(1.1, 1, atMost(1.1))).toBe(true);
    expect(withinTolerance(1.101, 1, atMost(1.1))).toBe(false);
    expect(withinTolerance(0.5, 1, atMost(1.1))).toBe(true);
    expect(describeTolerance(1, atMost(1.1))).toBe('holds at 1.10× or less (a 10% margin)');
    expect(describeTolerance(1, atMost(1))).toBe('holds at 1.00× or less');
  });
});
