import { describe, expect, it } from 'vitest';
import { simulationMatchesCPython } from './gil-claims';

describe('the simulation matches CPython', () => {
  it('holds when CPU speedups are within 0.2 and both I/O speedups are near the thread count', () => {
    const claim = simulationMatchesCPython(
      { gilThreads: 0.98, pyThreads: 0.91 },
      { gilThreads: 7.4, pyThreads: 7.8 },
      8,
    );
    expect(claim.holds).toBe(true);
    expect(claim.text).toBe(
      'the simulation matches CPython: CPU speedups of gil-threads and py-threads within 0.2 of each other, and on I/O both near the 8 threads (at least 5.60×)',
    );
    expect(claim.evidence).toBe(
      'CPU: gil-threads 0.98×, py-threads 0.91×, 0.07 apart; I/O: gil-threads 7.40×, py-threads 7.80× with 8 threads',
    );
  });

  it('is contradicted by a CPU gap over 0.2, or by either I/O speedup short of the thread count', () => {
    expect(
      simulationMatchesCPython({ gilThreads: 1.0, pyThreads: 0.75 }, { gilThreads: 7, pyThreads: 7 }, 8)
        .holds,
    ).toBe(false);
    expect(
      simulationMatchesCPython({ gilThreads: 1.0, pyThreads: 0.9 }, { gilThreads: 7, pyThreads: 3 }, 8).holds,
    ).toBe(false);
  });

  it('cannot tell until both comparisons ran with both models, and says which is missing', () => {
    const claim = simulationMatchesCPython({ gilThreads: 1.0, pyThreads: null }, null, 8);
    expect(claim.holds).toBeNull();
    expect(claim.evidence).toBe('CPU: not measured with both yet; I/O: not measured with both yet');
    // A contradiction already measured is not hidden by what is missing.
    expect(simulationMatchesCPython({ gilThreads: 1.0, pyThreads: 0.5 }, null, 8).holds).toBe(false);
  });
});
