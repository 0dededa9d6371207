import { describe, expect, it } from 'vitest';
import type { ClusterWorker } from '../../../../shared/cluster';
import { clockWords, heartbeatAge } from './cluster-workers';

const worker = (offset: number | null, uncertainty: number | null): ClusterWorker => ({
  host: 'laptop-3',
  pid: 1,
  cores: 4,
  labVersion: '0.1.0',
  state: 'idle',
  lastSeen: 0,
  tasksDone: 0,
  clockOffsetMs: offset,
  clockUncertaintyMs: uncertainty,
});

describe('the workers table in words', () => {
  it('says how long ago a worker beat', () => {
    expect(heartbeatAge(10_000, 10_300)).toBe('now');
    expect(heartbeatAge(10_000, 13_000)).toBe('3 s ago');
    expect(heartbeatAge(0, 300_000)).toBe('5 min ago');
  });

  it('says how far a clock is off and within what, without a sign it cannot know', () => {
    expect(clockWords(worker(null, null))).toBe('—');
    expect(clockWords(worker(-0.01, 0.3))).toBe('0.0 ms ± 0.3 ms');
    expect(clockWords(worker(3_600_000.5, 2))).toBe('+3,600,001 ms ± 2.0 ms');
    expect(clockWords(worker(-12.4, 0.5))).toBe('−12 ms ± 0.5 ms');
  });
});
