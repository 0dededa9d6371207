/** `threads`: a pool of worker threads, like ThreadPoolExecutor, but without a GIL. */
import { atLeast } from '../claim-tolerance';
import { defineModel, NODE_FAMILY } from './model-spec';

/** The threads model's entry. */
export const THREADS = defineModel({
  id: 'threads',
  label: 'Threads',
  python: 'ThreadPoolExecutor',
  summary: 'A pool of worker threads; JavaScript has no GIL, so CPU work runs on every core.',
  family: NODE_FAMILY,
  runsOn: 'a pool of worker threads',
  poolKnobs: ['threads', 'taskTimeoutMs'],
  baseline: 'sequential',
  colors: { light: '#0c8a5f', dark: '#3fcf96', presenterLight: '#00704a', presenterDark: '#4fe3a8' },
  gilTrack: false,
  interleaved: false,
  notes: { startup: true },
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) =>
        `${winner.workers} threads overlapped their waits — waiting needs no core, so even the GIL does not stop it`,
      cpu: (winner) => `CPU-bound work spread over ${winner.cores} core${winner.cores === 1 ? '' : 's'}`,
    },
  },
  claims: {
    io: ({ tasks, pool }) => {
      const overlap = Math.min(tasks, pool.threads);
      return {
        text: `${pool.threads} threads overlap ${overlap} waits at a time`,
        expected: overlap,
        tolerance: atLeast(0.6),
        cause: 'handing each task to a thread and back is large next to the waits',
      };
    },
    cpu: ({ tasks, pool, cores, scenario }) => {
      const parallel = Math.min(tasks, pool.threads, cores);
      return {
        text: `threads compute in parallel (JavaScript has no GIL): near ${parallel}× on ${parallel} cores`,
        expected: parallel,
        // "Near N×": most of the ideal; copying data and uneven tasks cost a little, never a fifth.
        tolerance: atLeast(0.8),
        multiCore: true,
        cause: `copying each task's data to its thread and back, tasks that do not divide evenly over the cores${scenario.waitsToo ? ` (${scenario.waitsToo})` : ''}, or other processes using the cores`,
      };
    },
  },
});
