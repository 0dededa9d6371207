import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SnapshotThrottle } from './snapshot-throttle';

/** The throttle reads performance.now(); vitest's fake timers advance it together with setTimeout. */
describe('SnapshotThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('moves performance.now() with the fake clock (the premise of these tests)', () => {
    const before = performance.now();
    vi.advanceTimersByTime(123);
    expect(performance.now() - before).toBe(123);
  });

  it('emits at most ~20 times for 1000 changes in one second, and always emits the last state', () => {
    let state = 0;
    const seen: number[] = [];
    const throttle = new SnapshotThrottle(() => seen.push(state), 50);
    for (let i = 1; i <= 1000; i++) {
      state = i;
      throttle.changed();
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    // One immediate emission, then at most one per 50 ms over 1000 ms.
    expect(seen.length).toBeLessThanOrEqual(21);
    expect(seen.length).toBeGreaterThanOrEqual(19);
    expect(seen.at(-1)).toBe(1000);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
  });

  it('spaces emissions at least one interval apart', () => {
    const times: number[] = [];
    const throttle = new SnapshotThrottle(() => times.push(performance.now()), 50);
    for (let i = 0; i < 300; i++) {
      throttle.changed();
      vi.advanceTimersByTime(3);
    }
    vi.advanceTimersByTime(100);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(50);
  });

  it('delivers a lone change after a burst (trailing emission)', () => {
    let state = 'a';
    const seen: string[] = [];
    const throttle = new SnapshotThrottle(() => seen.push(state), 50);
    throttle.changed(); // immediate
    state = 'b';
    throttle.changed(); // within the interval: deferred
    expect(seen).toEqual(['a']);
    vi.advanceTimersByTime(49);
    expect(seen).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['a', 'b']);
  });

  it('emits a change at once when the interval has already passed', () => {
    const seen: number[] = [];
    const throttle = new SnapshotThrottle(() => seen.push(performance.now()), 50);
    throttle.changed();
    vi.advanceTimersByTime(500);
    throttle.changed();
    expect(seen).toHaveLength(2);
    expect(seen[1]! - seen[0]!).toBe(500);
  });

  it('flush() emits immediately, even within the interval, and replaces a pending emission', () => {
    let emissions = 0;
    const throttle = new SnapshotThrottle(() => emissions++, 50);
    throttle.changed();
    throttle.changed(); // pending
    expect(emissions).toBe(1);
    throttle.flush();
    expect(emissions).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(emissions).toBe(2);
  });

  it('dispose() cancels a pending emission', () => {
    let emissions = 0;
    const throttle = new SnapshotThrottle(() => emissions++, 50);
    throttle.changed();
    throttle.changed(); // pending
    throttle.dispose();
    vi.advanceTimersByTime(1000);
    expect(emissions).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
