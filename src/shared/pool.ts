/**
 * Pool settings: what an unset knob means on this machine (Python's defaults), a request's settings
 * with those filled in, and the settings in words. A new pool knob is a POOL_KNOBS entry plus one
 * line in each of the two maps below; the compiler asks for both.
 */
import { formatKnobNumber, POOL_KNOBS, type PoolKnobKey } from './knobs';

/** sys.getswitchinterval() in CPython: 5 ms. */
export const DEFAULT_SWITCH_INTERVAL_MS = POOL_KNOBS.switchIntervalMs.default;

/** ThreadPoolExecutor's default: min(32, cores + 4). */
export function defaultThreadCount(cores: number): number {
  return Math.min(32, cores + 4);
}

/** multiprocessing.Pool's default: one process per core. */
export function defaultProcessCount(cores: number): number {
  return Math.max(1, cores);
}

/** Celery's prefork pool default, and the distributed model's local workers: one per core. */
export function defaultDistributedWorkers(cores: number): number {
  return Math.max(1, cores);
}

/** What each knob is when a request leaves it out, on a machine with `cores` cores; null means unlimited or none. */
const POOL_DEFAULTS = {
  threads: defaultThreadCount,
  processes: defaultProcessCount,
  concurrency: (): number | null => null,
  switchIntervalMs: (): number => DEFAULT_SWITCH_INTERVAL_MS,
  taskTimeoutMs: (): number | null => null,
  workers: defaultDistributedWorkers,
} satisfies { readonly [K in PoolKnobKey]: (cores: number) => number | null };

/** Pool settings with defaults applied; concurrency and taskTimeoutMs are null when unlimited. */
export type ResolvedPool = { readonly [K in PoolKnobKey]: ReturnType<(typeof POOL_DEFAULTS)[K]> };

/** Pool and scheduling settings as a request gives them; a missing field takes its default. */
export type PoolOptions = { readonly [K in PoolKnobKey]?: number };

/** The pool knobs in the order forms and reports list them. */
export const POOL_KNOB_KEYS = Object.keys(POOL_KNOBS) as readonly PoolKnobKey[];

/** Pool settings with Python's defaults for whatever the request left out. */
export function resolvePool(pool: PoolOptions, cores: number): ResolvedPool {
  return Object.fromEntries(
    POOL_KNOB_KEYS.map((key) => [key, pool[key] ?? POOL_DEFAULTS[key](cores)]),
  ) as ResolvedPool;
}

/** Each setting as a run's facts show it; null leaves it out (no task timeout). */
const POOL_FACTS: { readonly [K in PoolKnobKey]: (value: ResolvedPool[K]) => string | null } = {
  threads: (value) => `${value} threads`,
  processes: (value) => `${value} processes`,
  concurrency: (value) => `async ${value === null ? 'unlimited' : `≤ ${value}`}`,
  switchIntervalMs: (value) => `GIL switch ${formatKnobNumber(value)} ms`,
  taskTimeoutMs: (value) => (value === null ? null : `task timeout ${value} ms`),
  workers: (value) => `${value} distributed worker${value === 1 ? '' : 's'}`,
};

/**
 * The settings in words: "6 threads · 2 processes · async unlimited · GIL switch 5 ms". Given the knobs
 * the run's models read, a knob none of them reads is left out; one a stored run predates is too.
 */
export function poolFacts(pool: ResolvedPool, readBy?: readonly PoolKnobKey[]): string {
  const fact = <K extends PoolKnobKey>(key: K): string | null =>
    pool[key] === undefined || (readBy && !readBy.includes(key)) ? null : POOL_FACTS[key](pool[key]);
  return POOL_KNOB_KEYS.map(fact)
    .filter((text): text is string => text !== null)
    .join(' · ');
}
