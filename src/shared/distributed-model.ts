/**
 * The distributed model as the catalogue will list it once the model registry takes it: what it is for
 * people who know the Python story, and its one numeric knob. Server address and credentials are run
 * options (text), not knobs.
 */
import type { KnobSpec } from './knobs';

/** What the distributed model is. */
export const DISTRIBUTED_MODEL_INFO = {
  id: 'distributed',
  label: 'Distributed',
  python: 'Celery workers behind a broker',
  summary:
    'Tasks go through a NATS JetStream queue to worker processes that may run on other machines: a broker round trip per task buys more machines.',
} as const;

/** Local worker processes the distributed model starts (0: only workers that joined from elsewhere). */
export const DISTRIBUTED_WORKERS_KNOB = {
  key: 'workers',
  flag: 'workers',
  label: 'Local workers',
  min: 0,
  max: 64,
  integer: true,
  default: null,
  unsetMeans: 'one per core',
  help: 'Worker processes the distributed model starts on this machine; 0 uses only workers that joined (concurrency-lab worker).',
} as const satisfies KnobSpec;

/** The default number of local workers: one per core, as Celery's prefork pool. */
export function defaultDistributedWorkers(cores: number): number {
  return Math.max(1, cores);
}
