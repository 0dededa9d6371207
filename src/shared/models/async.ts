/** `async`: tasks interleaved on one thread's event loop, like asyncio.gather. */
import { atLeast, atMost } from '../claim-tolerance';
import { formatSpeedupApprox } from '../format';
import { defineModel, NODE_FAMILY } from './model-spec';

/** The async model's entry. */
export const ASYNC = defineModel({
  id: 'async',
  label: 'Async',
  python: 'asyncio.gather',
  summary: "Tasks interleaved on one thread's event loop: overlaps waiting, never computing.",
  family: NODE_FAMILY,
  runsOn: "the calling thread's event loop (in the app, one dedicated worker thread's)",
  poolKnobs: ['concurrency'],
  baseline: 'sequential',
  colors: { light: '#0a72b8', dark: '#4db2f0', presenterLight: '#005a9e', presenterDark: '#6cc8ff' },
  gilTrack: false,
  interleaved: true,
  notes: { startup: false },
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) => `one thread overlapped ${winner.workers ?? winner.total} waits at once`,
      cpu: () => 'nothing ran in parallel, so the model with the least overhead won',
    },
    shortfall: {
      rank: 2,
      remark: (speedup) => `stayed at ${speedup}: an event loop overlaps waiting, not computing`,
    },
  },
  claims: {
    io: ({ tasks, pool }) => {
      const overlap = Math.min(tasks, pool.concurrency ?? tasks);
      return {
        text: `async overlaps the waits on one thread: up to ${formatSpeedupApprox(overlap)} faster`,
        expected: overlap,
        // Starting and settling each task on the one thread is not free: most of the ideal, not all.
        tolerance: atLeast(0.6),
        cause:
          'the waits are short next to the work of starting and settling every task on one thread, or the server answered fewer requests at once',
      };
    },
    cpu: ({ scenario }) => ({
      text: 'async does not speed up computing: one thread, one core',
      expected: 1,
      // Run-to-run noise on one thread stays within a few percent; 10% is a speedup.
      tolerance: atMost(1.1),
      cause: scenario.waitsToo
        ? `${scenario.id} is not only computing: ${scenario.waitsToo}, and async overlaps those waits`
        : 'sequential ran first and paid for warming up the JIT compiler, or something else slowed it down',
    }),
  },
});
