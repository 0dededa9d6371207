/** `py-threads-nogil`: the same ThreadPoolExecutor on a free-threaded CPython (3.13t or later) with the GIL disabled. */
import { atLeast } from '../claim-tolerance';
import { CPYTHON_NOTES, FREE_THREADED_FAMILY } from './cpython';
import { defineModel } from './model-spec';

/** The py-threads-nogil model's entry. */
export const PY_THREADS_NOGIL = defineModel({
  id: 'py-threads-nogil',
  label: 'Python threads, no GIL',
  python: 'ThreadPoolExecutor (free-threaded CPython, -X gil=0)',
  summary:
    'The same thread pool on a free-threaded CPython with the GIL disabled: CPU work runs on every core, in one process.',
  family: FREE_THREADED_FAMILY,
  runsOn: 'a thread pool of a free-threaded Python harness process',
  poolKnobs: ['threads', 'taskTimeoutMs'],
  baseline: 'py-sequential',
  defaultSelected: false,
  colors: { light: '#4a5bb0', dark: '#97a5f2', presenterLight: '#2f3f96', presenterDark: '#adb9ff' },
  gilTrack: false,
  interleaved: false,
  notes: CPYTHON_NOTES,
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) => `${winner.workers} free-threaded Python threads overlapped their waits`,
      cpu: (winner) =>
        `with the GIL disabled, Python threads computed on ${winner.cores} core${winner.cores === 1 ? '' : 's'} at once`,
    },
  },
  claims: {
    cpu: ({ tasks, pool, cores, scenario }) => {
      const parallel = Math.min(tasks, pool.threads, cores);
      return {
        text: `without the GIL, Python threads compute in parallel on up to ${parallel} cores`,
        expected: parallel,
        tolerance: atLeast(0.6),
        multiCore: true,
        cause: `an extension module switched the GIL back on, tasks that do not divide evenly over the cores${scenario.waitsToo ? ` (${scenario.waitsToo})` : ''}, or other processes using the cores`,
      };
    },
  },
});
