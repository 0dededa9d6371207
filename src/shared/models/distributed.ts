/** `distributed`: tasks through a NATS JetStream work queue to worker processes, here or on other machines. */
import { defineModel, type ModelFamily } from './model-spec';

/** The broker's runtime: its group in the model picker when no probe names the server's version. */
export const NATS_FAMILY: ModelFamily = { id: 'nats', label: 'NATS JetStream' };

/** Local workers a race plans for in its claims: joined workers are not known before the run. */
function plannedWorkers(workers: number): number {
  return Math.max(1, workers);
}

/** The distributed model's entry. */
export const DISTRIBUTED = defineModel({
  id: 'distributed',
  label: 'Distributed',
  python: 'Celery workers behind a broker',
  summary:
    'Tasks go through a NATS JetStream queue to worker processes that may run on other machines: a broker round trip per task buys more machines.',
  family: NATS_FAMILY,
  runsOn:
    'worker processes pulling from a NATS JetStream queue: local ones (one per core by default) and any that joined with concurrency-lab worker',
  poolKnobs: ['workers', 'taskTimeoutMs'],
  // Opt-in: it starts a broker and needs nats-server installed or a server to use.
  defaultSelected: false,
  baseline: 'sequential',
  colors: { light: '#8a5a2b', dark: '#d4a373', presenterLight: '#6f4518', presenterDark: '#e0b084' },
  gilTrack: false,
  interleaved: false,
  // Redeliveries, duplicates ignored, clock uncertainty and the broker's share of the start-up, as measured.
  notes: { startup: true, extra: (result) => result.remarks ?? [] },
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) => `${winner.workers} workers behind the broker overlapped their waits`,
      cpu: (winner) =>
        `CPU-bound work spread over ${winner.workers} worker process${winner.workers === 1 ? '' : 'es'} behind the broker`,
    },
  },
  claims: {
    io: ({ tasks, pool }) => {
      const overlap = Math.min(tasks, plannedWorkers(pool.workers));
      return {
        text: `${overlap} distributed worker${overlap === 1 ? '' : 's'} overlap ${overlap} wait${overlap === 1 ? '' : 's'} at a time, through the broker`,
        holds: (speedup) => speedup >= 0.5 * overlap,
      };
    },
    cpu: ({ tasks, pool, cores }) => {
      const parallel = Math.min(tasks, plannedWorkers(pool.workers), cores);
      return {
        text: `distributed workers compute in parallel on up to ${parallel} cores, a broker round trip per task`,
        holds: (speedup) => speedup >= 0.5 * parallel,
        multiCore: true,
      };
    },
  },
});
