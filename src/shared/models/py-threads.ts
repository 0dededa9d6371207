/** `py-threads`: concurrent.futures.ThreadPoolExecutor in a real CPython, under the real GIL. */
import { atLeast, atMost } from '../claim-tolerance';
import { CPYTHON_FAMILY, CPYTHON_NOTES } from './cpython';
import { defineModel } from './model-spec';

/** The py-threads model's entry. */
export const PY_THREADS = defineModel({
  id: 'py-threads',
  label: 'Python threads',
  python: 'ThreadPoolExecutor (real CPython)',
  summary:
    'A pool of real CPython threads under the real GIL: waits overlap, computing takes turns — what gil-threads simulates.',
  family: CPYTHON_FAMILY,
  runsOn: 'a thread pool of a Python harness process',
  poolKnobs: ['threads', 'switchIntervalMs', 'taskTimeoutMs'],
  baseline: 'py-sequential',
  defaultSelected: false,
  colors: { light: '#5f7f14', dark: '#a6cc4e', presenterLight: '#476300', presenterDark: '#bfe467' },
  gilTrack: false,
  interleaved: false,
  notes: CPYTHON_NOTES,
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) =>
        `${winner.workers} Python threads overlapped their waits: CPython releases the GIL while a thread waits`,
      cpu: () => 'nothing ran in parallel under the GIL, so the model with the least overhead won',
    },
    shortfall: {
      rank: 3,
      remark: (speedup) => `reached only ${speedup}: under the real GIL one Python thread computes at a time`,
    },
  },
  claims: {
    io: ({ tasks, pool }) => {
      const overlap = Math.min(tasks, pool.threads);
      return {
        text: `the real GIL is released while waiting: ${pool.threads} Python threads overlap ${overlap} waits at a time`,
        expected: overlap,
        tolerance: atLeast(0.6),
        cause: 'starting a Python thread per task and waking it is large next to the waits',
      };
    },
    cpu: ({ scenario }) => ({
      text: 'under the real GIL, Python threads take turns: no speedup for computing',
      expected: 1,
      tolerance: atMost(1.1),
      cause: scenario.waitsToo
        ? `${scenario.id} is not only computing: ${scenario.waitsToo}, and a waiting thread releases the GIL`
        : 'py-sequential ran first and was slowed by something else, or the work called C code that releases the GIL',
    }),
  },
});
