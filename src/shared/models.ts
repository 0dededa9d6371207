/** The five concurrency models, their Python analogues and their default pool sizes. */

/** Model ids are fixed: the UI, the CLI, the tests and the docs use them. */
export const MODEL_IDS = ['sequential', 'async', 'threads', 'gil-threads', 'processes'] as const;

/** One of the five concurrency models. */
export type ModelId = (typeof MODEL_IDS)[number];

/** What a model is, for people who know the Python story. */
export interface ModelInfo {
  readonly id: ModelId;
  readonly label: string;
  readonly python: string;
  readonly summary: string;
}

/** Every model, in the order runs use. */
export const MODELS: Readonly<Record<ModelId, ModelInfo>> = {
  sequential: {
    id: 'sequential',
    label: 'Sequential',
    python: 'a plain for loop',
    summary: 'One task after another on one thread: the baseline every speedup is measured against.',
  },
  async: {
    id: 'async',
    label: 'Async',
    python: 'asyncio.gather',
    summary: "Tasks interleaved on one thread's event loop: overlaps waiting, never computing.",
  },
  threads: {
    id: 'threads',
    label: 'Threads',
    python: 'ThreadPoolExecutor',
    summary: 'A pool of worker threads; JavaScript has no GIL, so CPU work runs on every core.',
  },
  'gil-threads': {
    id: 'gil-threads',
    label: 'GIL threads',
    python: 'threads under the GIL',
    summary: 'The same pool, but code runs only while holding one simulated GIL: I/O overlaps, CPU does not.',
  },
  processes: {
    id: 'processes',
    label: 'Processes',
    python: 'multiprocessing.Pool',
    summary: 'A pool of OS processes: parallel CPU work, paid for in start-up time and copied data.',
  },
};

/** Type guard for model ids arriving from outside. */
export function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && (MODEL_IDS as readonly string[]).includes(value);
}

/** ThreadPoolExecutor's default: min(32, cores + 4). */
export function defaultThreadCount(cores: number): number {
  return Math.min(32, cores + 4);
}

/** multiprocessing.Pool's default: one process per core. */
export function defaultProcessCount(cores: number): number {
  return Math.max(1, cores);
}

/** sys.getswitchinterval() in CPython: 5 ms. */
export const DEFAULT_SWITCH_INTERVAL_MS = 5;
