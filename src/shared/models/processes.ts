/** `processes`: a pool of OS processes, like multiprocessing.Pool. */
import { atLeast } from '../claim-tolerance';
import { defineModel, NODE_FAMILY } from './model-spec';

/** The processes model's entry. */
export const PROCESSES = defineModel({
  id: 'processes',
  label: 'Processes',
  python: 'multiprocessing.Pool',
  summary: 'A pool of OS processes: parallel CPU work, paid for in start-up time and copied data.',
  family: NODE_FAMILY,
  runsOn: 'a pool of OS processes (utility processes in the app, child processes elsewhere)',
  poolKnobs: ['processes', 'taskTimeoutMs'],
  baseline: 'sequential',
  colors: { light: '#c2418a', dark: '#ee7fbd', presenterLight: '#b0136d', presenterDark: '#ff8fcf' },
  gilTrack: false,
  interleaved: false,
  notes: { startup: true },
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) => `${winner.workers} processes overlapped their waits`,
      cpu: (winner) => `CPU-bound work spread over ${winner.cores} core${winner.cores === 1 ? '' : 's'}`,
    },
  },
  claims: {
    io: ({ tasks, pool }) => {
      const overlap = Math.min(tasks, pool.processes);
      return {
        text: `${pool.processes} processes overlap ${overlap} waits at a time`,
        expected: overlap,
        tolerance: atLeast(0.6),
        cause: 'sending each task to a process and its result back is large next to the waits',
      };
    },
    cpu: ({ tasks, pool, cores, scenario }) => {
      const parallel = Math.min(tasks, pool.processes, cores);
      return {
        text: `processes compute in parallel: near ${parallel}× on ${parallel} cores`,
        expected: parallel,
        tolerance: atLeast(0.8),
        multiCore: true,
        cause: `copying inputs and results between processes, tasks that do not divide evenly over the cores${scenario.waitsToo ? ` (${scenario.waitsToo})` : ''}, or other processes using the cores`,
      };
    },
  },
});
