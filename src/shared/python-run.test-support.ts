/** A CPython run's statistics for tests: realistic numbers, fixed. */
import type { PythonRunStats } from './python-run';

/** Two CPU-bound threads under the GIL: each got about half a core while its tasks ran. */
export const THREADS_UNDER_GIL: PythonRunStats = {
  interpreter: 'CPython 3.11.7, GIL',
  executable: '/usr/bin/python3.11',
  clock: {
    offsetMs: 1_765_000_000_123.456,
    uncertaintyMs: 0.021,
    roundTripMs: 0.042,
    pings: 10,
    wallClockDifferenceMs: 0.3,
  },
  startMethod: null,
  gilEnabledAfterRun: true,
  switchIntervalMs: 5,
  lanes: [
    { lane: 0, label: 'thread 1', busyMs: 2000, cpuMs: 1020, tasks: 2 },
    { lane: 1, label: 'thread 2', busyMs: 2000, cpuMs: 980, tasks: 2 },
  ],
  cpuSource: 'time.thread_time',
  wakeProbe: {
    sleepMs: 1,
    samples: 300,
    idleP50Ms: 0.06,
    lateP50Ms: 4.9,
    lateP95Ms: 5.2,
    lateMaxMs: 9.8,
    lateMeanMs: 4.7,
  },
};
