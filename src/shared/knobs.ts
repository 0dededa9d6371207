/** Knobs: every number a user can set for a run, with its flag, range and meaning. */

/** A numeric setting with the range the engine accepts. */
export interface KnobSpec {
  /** Key in `RunRequest.params` or `RunRequest.pool`. */
  readonly key: string;
  /** CLI flag, without the leading dashes. */
  readonly flag: string;
  readonly label: string;
  readonly unit?: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The default, or null when "unset" means something (unlimited, none). */
  readonly default: number | null;
  /** What "unset" means when `default` is null, e.g. "unlimited". */
  readonly unsetMeans?: string;
  readonly help: string;
}

/** Human wording of a knob's allowed values, as used in every error message. */
export function describeRange(knob: Pick<KnobSpec, 'min' | 'max' | 'integer'>): string {
  const kind = knob.integer ? 'an integer' : 'a number';
  return `${kind} from ${formatKnobNumber(knob.min)} to ${formatKnobNumber(knob.max)}`;
}

/** Formats a knob bound without exponent notation or trailing zeros. */
export function formatKnobNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** Checks one value against a knob; returns the problem in words, or null when it is allowed. */
export function knobProblem(knob: KnobSpec, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be ${describeRange(knob)}`;
  if (knob.integer && !Number.isInteger(value)) return `must be ${describeRange(knob)}`;
  if (value < knob.min || value > knob.max) return `must be ${describeRange(knob)}`;
  return null;
}

/** Pool and scheduling settings shared by every scenario. */
export const POOL_KNOBS = {
  threads: {
    key: 'threads',
    flag: 'threads',
    label: 'Threads',
    min: 1,
    max: 128,
    integer: true,
    default: null,
    unsetMeans: 'min(32, cores + 4)',
    help: 'Worker threads in the threads and gil-threads pools (ThreadPoolExecutor default: min(32, cores + 4)).',
  },
  processes: {
    key: 'processes',
    flag: 'processes',
    label: 'Processes',
    min: 1,
    max: 64,
    integer: true,
    default: null,
    unsetMeans: 'one per core',
    help: 'Processes in the processes pool (multiprocessing.Pool default: one per core).',
  },
  concurrency: {
    key: 'concurrency',
    flag: 'concurrency',
    label: 'Async concurrency',
    min: 1,
    max: 100_000,
    integer: true,
    default: null,
    unsetMeans: 'unlimited',
    help: 'Most tasks in flight at once under async (like a semaphore around asyncio.gather); unset is unlimited.',
  },
  switchIntervalMs: {
    key: 'switchIntervalMs',
    flag: 'switch-interval',
    label: 'GIL switch interval',
    unit: 'ms',
    min: 0.1,
    max: 1000,
    integer: false,
    default: 5,
    help: 'How long a thread may hold the simulated GIL while others wait (sys.setswitchinterval; CPython: 5 ms).',
  },
  taskTimeoutMs: {
    key: 'taskTimeoutMs',
    flag: 'task-timeout',
    label: 'Task timeout',
    unit: 'ms',
    min: 1,
    max: 3_600_000,
    integer: true,
    default: null,
    unsetMeans: 'none',
    help: 'Fail a task that runs longer than this and replace its worker (threads, gil-threads, processes, distributed).',
  },
  workers: {
    key: 'workers',
    flag: 'workers',
    label: 'Distributed workers',
    min: 0,
    max: 64,
    integer: true,
    default: null,
    unsetMeans: 'one per core',
    help: 'Worker processes the distributed model starts on this machine (Celery: one per core); 0 uses only workers that joined (concurrency-lab worker).',
  },
} as const satisfies Record<string, KnobSpec>;

/** Keys of the pool settings. */
export type PoolKnobKey = keyof typeof POOL_KNOBS;
