/** `distributed`: tasks through a NATS JetStream work queue to worker processes, here or on other machines. */
import { atLeast } from '../claim-tolerance';
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
        text: `${overlap} distributed worker${overlap === 1 ? '' : 's'} overlap ${overlap} wait${overlap === 1 ? '' : 's'} at a time: at least half of ${overlap}× after a broker round trip per task`,
        expected: overlap,
        // The words allow the broker's round trip: half of the overlap, as they say.
        tolerance: atLeast(0.5),
        cause: 'a broker round trip per task (publish, pull, ack, result) is large next to the waits',
      };
    },
    cpu: ({ tasks, pool, cores, scenario }) => {
      const parallel = Math.min(tasks, plannedWorkers(pool.workers), cores);
      return {
        text: `distributed workers compute in parallel on ${parallel} core${parallel === 1 ? '' : 's'}: at least half of ${parallel}× after a broker round trip per task`,
        expected: parallel,
        tolerance: atLeast(0.5),
        multiCore: true,
        cause: `a broker round trip per task, the broker and its workers starting, tasks that do not divide evenly over the cores${scenario.waitsToo ? ` (${scenario.waitsToo})` : ''}, or other processes using the cores`,
      };
    },
  },
});
