import { describe, expect, it } from 'vitest';
import {
  countOverlapping,
  DEFAULT_FRAME_BUDGET_MS,
  droppedFrames,
  frameBudgetMs,
  longestGap,
  longGaps,
  missedFrames,
  summarizeFrames,
} from './frame-statistics';

const BUDGET = 1000 / 60;

describe('frame statistics', () => {
  it('measures the frame budget as the shortest refresh-aligned gap, within 30–240 Hz', () => {
    // A janky second at 60 Hz: most frames late, but one on time is enough.
    expect(frameBudgetMs([33.3, 50, 16.7, 33.3, 200])).toBeCloseTo(16.7);
    expect(frameBudgetMs([8.3, 16.7, 8.4])).toBeCloseTo(8.3);
    expect(frameBudgetMs([0.5, 16.7])).toBeCloseTo(16.7);
    expect(frameBudgetMs([])).toBe(DEFAULT_FRAME_BUDGET_MS);
    expect(frameBudgetMs([500, 600, 700])).toBeCloseTo(1000 / 30);
  });

  it('counts no dropped frame for gaps up to two budgets (jitter)', () => {
    expect(missedFrames(BUDGET, BUDGET)).toBe(0);
    expect(missedFrames(1.9 * BUDGET, BUDGET)).toBe(0);
    expect(missedFrames(2 * BUDGET, BUDGET)).toBe(0);
  });

  it('counts the frames a longer gap skipped', () => {
    expect(missedFrames(2.2 * BUDGET, BUDGET)).toBe(1);
    expect(missedFrames(50, BUDGET)).toBe(2);
    // A 2 s freeze at 60 Hz: 120 frames should have been drawn, one was.
    expect(missedFrames(2000, BUDGET)).toBe(119);
    expect(droppedFrames([16, 17, 50, 16, 2000], BUDGET)).toBe(121);
  });

  it('finds the longest gap and the long ones', () => {
    expect(longestGap([16, 2034.5, 17])).toBe(2034.5);
    expect(longestGap([])).toBe(0);
    expect(longGaps([16, 49, 50, 51, 2000])).toBe(2);
  });

  it('summarises a recording', () => {
    const frames = [16.7, 16.6, 100, 16.7].map((gap, i) => ({ at: 1000 + i * 20, gap }));
    expect(summarizeFrames(frames, BUDGET)).toEqual({
      frames: 4,
      longestGapMs: 100,
      droppedFrames: 5,
      budgetMs: BUDGET,
    });
  });

  it('counts long tasks that overlap a window', () => {
    const tasks = [
      { startTime: 100, duration: 60 }, // ends before the window
      { startTime: 900, duration: 200 }, // straddles its start
      { startTime: 1500, duration: 2000 }, // inside
      { startTime: 5000, duration: 80 }, // after
    ];
    expect(countOverlapping(tasks, 1000, 4000)).toBe(2);
    expect(countOverlapping([], 0, 1)).toBe(0);
  });
});
