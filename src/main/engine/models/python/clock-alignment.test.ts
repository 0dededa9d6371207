import { describe, expect, it } from 'vitest';
import { alignClocks, toLabTime } from './clock-alignment';

describe('alignClocks', () => {
  it('keeps the ping with the shortest round trip and bounds the offset by half of it', () => {
    // The harness's clock reads 1000 ms less than the lab's.
    const alignment = alignClocks([
      { sentAt: 5000, receivedAt: 5010, remoteAt: 4009, remoteEpochMs: 5009 },
      { sentAt: 6000, receivedAt: 6002, remoteAt: 5001, remoteEpochMs: 6004 },
      { sentAt: 7000, receivedAt: 7006, remoteAt: 6001, remoteEpochMs: 7001 },
    ]);
    expect(alignment.roundTripMs).toBe(2);
    expect(alignment.uncertaintyMs).toBe(1);
    expect(alignment.offsetMs).toBe(1000);
    expect(alignment.pings).toBe(3);
    expect(alignment.wallClockDifferenceMs).toBe(3);
    expect(toLabTime(alignment, 5500)).toBe(6500);
  });

  it('refuses to align without a ping', () => {
    expect(() => alignClocks([])).toThrow(/at least one ping/);
  });
});
