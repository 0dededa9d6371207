import { describe, expect, it } from 'vitest';
import { CpuHistory, otherLoad, readCpuCounters, type CpuCounters } from './cpu-load';

const at = (ms: number, machineBusyMs: number, selfMs: number, cores = 2): CpuCounters => ({
  at: ms,
  machineBusyMs,
  machineTotalMs: ms * cores,
  selfMs,
});

describe('otherLoad', () => {
  it('is the machine’s busy time less the lab’s own and its children’s, as a share of every core', () => {
    // 1 s on 2 cores: 1500 ms busy, of which the lab 600 ms and its pool processes 300 ms.
    expect(otherLoad('threads', at(0, 0, 0), at(1000, 1500, 600), 300)).toEqual({
      during: 'threads',
      otherCpuPercent: 30,
      ms: 1000,
    });
  });

  it('never reads below 0% or above 100% (the counters tick at different rates)', () => {
    expect(otherLoad('x', at(0, 0, 0), at(1000, 100, 120)).otherCpuPercent).toBe(0);
    expect(otherLoad('x', at(0, 0, 0), at(0, 0, 0)).otherCpuPercent).toBe(0);
  });

  it('reads real counters that only move forward', () => {
    const first = readCpuCounters();
    const second = readCpuCounters();
    expect(second.at).toBeGreaterThanOrEqual(first.at);
    expect(second.machineTotalMs).toBeGreaterThanOrEqual(first.machineTotalMs);
    expect(second.selfMs).toBeGreaterThanOrEqual(first.selfMs);
  });
});

describe('CpuHistory', () => {
  it('measures the second before from the newest reading at least a second old', () => {
    const history = new CpuHistory();
    history.record(at(0, 0, 0));
    history.record(at(1000, 200, 0));
    history.record(at(1500, 1000, 0));
    const before = history.secondBefore(at(2100, 2000, 0));
    // From the reading at 1000 ms: 1800 ms of busy time over 1100 ms × 2 cores.
    expect(before?.during).toBe('before');
    expect(before?.ms).toBe(1100);
    expect(before?.otherCpuPercent).toBeCloseTo((1800 / 2200) * 100);
  });

  it('falls back to the oldest reading, and knows nothing without one', () => {
    const history = new CpuHistory();
    expect(history.secondBefore(at(100, 0, 0))).toBeNull();
    history.record(at(500, 0, 0));
    expect(history.secondBefore(at(800, 300, 0))?.ms).toBe(300);
  });

  it('forgets readings older than ten seconds', () => {
    const history = new CpuHistory();
    history.record(at(0, 0, 0));
    history.record(at(20_000, 0, 0));
    history.record(at(21_000, 0, 0));
    expect(history.secondBefore(at(21_500, 0, 0))?.ms).toBe(1500);
  });
});
