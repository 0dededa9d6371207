import { describe, expect, it } from 'vitest';
import type { SystemStats } from '../../../shared/views';
import { createLabStore } from './lab-store';
import { SYSTEM_SAMPLES_KEPT, selectLatestStats, selectStatsSamples, selectWorstDelay } from './system-slice';

function stats(at: number, p99: number): SystemStats {
  return {
    at,
    eventLoopDelay: { p50: 1, p99, max: p99 * 2 },
    eventLoopUtilization: 0.2,
    processCpuPercent: 12,
    machineCpuPercent: 30,
    rssMb: 120,
    heapUsedMb: 40,
  };
}

describe('system slice', () => {
  it('keeps the last minute of samples', () => {
    const store = createLabStore();
    for (let i = 0; i < SYSTEM_SAMPLES_KEPT + 5; i++) store.getState().systemSampled(stats(i, i));
    const samples = selectStatsSamples(store.getState());
    expect(samples).toHaveLength(SYSTEM_SAMPLES_KEPT);
    expect(samples[0]?.at).toBe(5);
    expect(selectLatestStats(store.getState())?.at).toBe(SYSTEM_SAMPLES_KEPT + 4);
    expect(selectWorstDelay(store.getState())).toBe(SYSTEM_SAMPLES_KEPT + 4);
  });
});
