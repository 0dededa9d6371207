import { describe, expect, it } from 'vitest';
import { rangeTicks, tickLabel, tickStep, timeTicks } from './time-ticks';

describe('time ticks', () => {
  it('ticks at 1-2-5 steps from 0', () => {
    expect(timeTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(timeTicks(2500)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(timeTicks(0)).toEqual([0]);
  });

  it('ticks within a zoomed-in range, at round times', () => {
    expect(rangeTicks(1234, 1290)).toEqual([1240, 1250, 1260, 1270, 1280, 1290]);
    const deep = rangeTicks(12_345.6001, 12_345.6601);
    expect(deep[0]).toBe(12_345.61);
    expect(tickStep(deep)).toBeCloseTo(0.01, 9);
  });

  it('labels ticks in ms or s, with the decimals their step needs', () => {
    expect(tickLabel(0)).toBe('0');
    expect(tickLabel(250)).toBe('250 ms');
    expect(tickLabel(1500)).toBe('1.5 s');
    expect(tickLabel(1500, 500)).toBe('1.5 s');
    expect(tickLabel(12_345.61, 0.01)).toBe('12.34561 s');
    expect(tickLabel(250.5, 0.5)).toBe('250.5 ms');
    expect(tickLabel(4000, 2000)).toBe('4 s');
  });
});
