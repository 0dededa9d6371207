/** `async`: tasks interleaved on one thread's event loop, like asyncio.gather. */
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
        holds: (speedup) => speedup >= 0.6 * overlap,
      };
    },
    cpu: () => ({
      text: 'async does not speed up computing: one thread, one core',
      holds: (speedup) => speedup <= 1.3,
    }),
  },
});
