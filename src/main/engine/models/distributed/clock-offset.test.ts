import { describe, expect, it } from 'vitest';
import { ClockEstimate } from './clock-offset';

describe('clock offset', () => {
  it('estimates a clock 1 s ahead from a symmetric ping, within half the round trip', () => {
    const clock = new ClockEstimate();
    clock.add({ sentAt: 100, receivedAt: 104, remoteAt: 1102 });
    expect(clock.offsetMs).toBe(1000);
    expect(clock.uncertaintyMs).toBe(2);
    expect(clock.toLab(1500)).toBe(500);
  });

  it('keeps the ping with the shortest round trip', () => {
    const clock = new ClockEstimate();
    clock.add({ sentAt: 0, receivedAt: 10, remoteAt: 1009 }); // asymmetric and slow: offset 1004 ± 5
    clock.add({ sentAt: 20, receivedAt: 21, remoteAt: 1020.5 }); // fast: offset 1000 ± 0.5
    clock.add({ sentAt: 30, receivedAt: 38, remoteAt: 1030 }); // slow again: ignored
    expect(clock.offsetMs).toBe(1000);
    expect(clock.uncertaintyMs).toBe(0.5);
  });

  it('replaces a best sample once it is a minute old, since clocks drift', () => {
    const clock = new ClockEstimate();
    clock.add({ sentAt: 0, receivedAt: 1, remoteAt: 0.5 });
    clock.add({ sentAt: 70_000, receivedAt: 70_004, remoteAt: 70_012 });
    expect(clock.offsetMs).toBe(10);
  });

  it('knows nothing before the first answer, and ignores a sample that came back before it left', () => {
    const clock = new ClockEstimate();
    clock.add({ sentAt: 10, receivedAt: 5, remoteAt: 7 });
    expect(clock.known).toBe(false);
    expect(clock.offsetMs).toBe(0);
    expect(clock.uncertaintyMs).toBe(Infinity);
  });
});
