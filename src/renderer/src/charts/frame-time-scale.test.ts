import { describe, expect, it } from 'vitest';
import { gapCeiling, gapFraction, gapLabel, gapTicks, GAP_FLOOR_MS } from './frame-time-scale';

describe('frame-time scale', () => {
  it('grows the axis to the next tick above the longest gap, never under 100 ms', () => {
    expect(gapCeiling(16)).toBe(100);
    expect(gapCeiling(180)).toBe(200);
    expect(gapCeiling(2034)).toBe(5000);
  });

  it('maps gaps on a log scale between the floor and the ceiling', () => {
    expect(gapFraction(GAP_FLOOR_MS, 100)).toBe(0);
    expect(gapFraction(1, 100)).toBe(0);
    expect(gapFraction(100, 100)).toBe(1);
    expect(gapFraction(5000, 100)).toBe(1);
    expect(gapFraction(50, 500)).toBeCloseTo(0.5);
  });

  it('keeps the gap labels few and readable', () => {
    expect(gapTicks(100)).toEqual([10, 20, 50, 100]);
    expect(gapTicks(200)).toEqual([10, 20, 50, 100, 200]);
    expect(gapTicks(5000)).toEqual([10, 100, 1000]);
    expect(gapLabel(50)).toBe('50 ms');
    expect(gapLabel(2000)).toBe('2 s');
  });
});
