import { describe, expect, it } from 'vitest';
import { cpuShare, pythonFigures, pythonNote, type PythonRunStats } from './python-run';
import { THREADS_UNDER_GIL } from './python-run.test-support';

describe('what a CPython run measured, in words', () => {
  it('gives the CPU share of busy time, per lane and in all', () => {
    expect(cpuShare(THREADS_UNDER_GIL)).toBeCloseTo(0.5, 9);
    const [cpu, notOnCpu, probe, interval, gil, clock, interpreter] = pythonFigures(THREADS_UNDER_GIL);
    expect(cpu).toMatchObject({ label: 'CPU while busy', value: '50% (thread 1 51%, thread 2 49%)' });
    expect(cpu!.how).toMatch(/time\.thread_time.*waiting for the GIL/);
    expect(notOnCpu!.value).toBe('2.00 s in all');
    expect(probe!.value).toBe('p50 4.9 ms, p95 5.2 ms, max 9.8 ms (idle p50 0.1 ms, 300 samples)');
    expect(probe!.how).toMatch(/sleeps 1 ms at a time/);
    expect(interval!.value).toBe('5.0 ms');
    expect(gil!.value).toBe('on');
    expect(clock!.value).toBe('within ± 0.02 ms (10 pings)');
    expect(clock!.how).toContain('plus 1765000000123.456 ms is the lab’s clock');
    expect(interpreter!.value).toBe('CPython 3.11.7, GIL');
  });

  it('says per-process CPU time for processes, and notes the start method', () => {
    const processes: PythonRunStats = {
      ...THREADS_UNDER_GIL,
      cpuSource: 'time.process_time',
      startMethod: 'spawn',
    };
    const figures = pythonFigures(processes);
    expect(figures[0]!.how).toMatch(/time\.process_time.*own interpreter and GIL/);
    expect(figures.at(-1)!.value).toBe('CPython 3.11.7, GIL, spawn start method');
    expect(pythonNote(processes)).toBe(
      'processes on a CPU 50% of busy time; 1 ms sleep woke 4.9 ms late (p50)',
    );
  });

  it('notes a free-threaded run whose GIL stayed off, and one thread by its name', () => {
    const single: PythonRunStats = {
      ...THREADS_UNDER_GIL,
      gilEnabledAfterRun: false,
      lanes: [{ lane: 0, label: 'main thread', busyMs: 100, cpuMs: 99, tasks: 1 }],
    };
    expect(pythonNote(single)).toBe(
      'main thread on a CPU 99% of busy time; 1 ms sleep woke 4.9 ms late (p50); GIL off',
    );
  });
});
