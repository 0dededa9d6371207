/** `py-processes`: multiprocessing worker processes of a real CPython, each with its own interpreter and GIL. */
import { atLeast } from '../claim-tolerance';
import { CPYTHON_FAMILY, CPYTHON_NOTES } from './cpython';
import { defineModel } from './model-spec';

/** The py-processes model's entry. */
export const PY_PROCESSES = defineModel({
  id: 'py-processes',
  label: 'Python processes',
  python: 'multiprocessing (real CPython)',
  summary:
    'A pool of Python worker processes, each with its own interpreter and GIL: CPU work runs on every core.',
  family: CPYTHON_FAMILY,
  runsOn: 'multiprocessing worker processes started by a Python harness process',
  poolKnobs: ['processes', 'taskTimeoutMs'],
  baseline: 'py-sequential',
  defaultSelected: false,
  colors: { light: '#a4521f', dark: '#eb9a62', presenterLight: '#873c0b', presenterDark: '#ffae75' },
  gilTrack: false,
  interleaved: false,
  notes: CPYTHON_NOTES,
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) => `${winner.workers} Python processes overlapped their waits`,
      cpu: (winner) =>
        `CPU-bound Python spread over ${winner.cores} core${winner.cores === 1 ? '' : 's'}, one GIL per process`,
    },
  },
  claims: {
    io: ({ tasks, pool }) => {
      const overlap = Math.min(tasks, pool.processes);
      return {
        text: `${pool.processes} Python processes overlap ${overlap} waits at a time`,
        expected: overlap,
        tolerance: atLeast(0.6),
        cause: 'pickling each task to a worker process and its result back is large next to the waits',
      };
    },
    cpu: ({ tasks, pool, cores, scenario }) => {
      const parallel = Math.min(tasks, pool.processes, cores);
      return {
        text: `Python processes compute in parallel on up to ${parallel} cores (one GIL each)`,
        expected: parallel,
        // "In parallel", not "near N×": pickling, start-up and uneven tasks cost CPython's pool more than Node's.
        tolerance: atLeast(0.6),
        multiCore: true,
        cause: `pickling inputs and results between processes, starting the pool, tasks that do not divide evenly over the cores${scenario.waitsToo ? ` (${scenario.waitsToo})` : ''}, or other processes using the cores`,
      };
    },
  },
});
