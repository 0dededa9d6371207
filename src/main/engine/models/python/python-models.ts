/** The real-CPython models: fixed ids, what each runs in Python, and which interpreter build it needs. */

/** Python model ids are fixed: the CLI, the tests and the docs use them. */
export const PYTHON_MODEL_IDS = [
  'py-sequential',
  'py-asyncio',
  'py-threads',
  'py-processes',
  'py-threads-nogil',
] as const;

/** One of the real-CPython models. */
export type PythonModelId = (typeof PYTHON_MODEL_IDS)[number];

/** Which of the lab's pool knobs sizes a Python model. */
export type PythonPoolKnob = 'none' | 'concurrency' | 'threads' | 'processes';

/** What a Python model is, for the registry entry that will carry it. */
export interface PythonModelInfo {
  readonly id: PythonModelId;
  readonly label: string;
  /** The Python code it runs, in words. */
  readonly python: string;
  readonly summary: string;
  /** The pool knob that sizes it (the same knob as the Node model it mirrors). */
  readonly pool: PythonPoolKnob;
  /** Whether it needs a free-threaded build (python3.13t or later) with the GIL disabled. */
  readonly freeThreaded: boolean;
}

/** Every Python model, in the order runs use. */
export const PYTHON_MODELS: Readonly<Record<PythonModelId, PythonModelInfo>> = {
  'py-sequential': {
    id: 'py-sequential',
    label: 'Python sequential',
    python: 'a plain for loop',
    summary:
      'One task after another on the main thread of a real CPython: the baseline of the Python models.',
    pool: 'none',
    freeThreaded: false,
  },
  'py-asyncio': {
    id: 'py-asyncio',
    label: 'Python asyncio',
    python: 'asyncio.gather (with a semaphore as the concurrency limit)',
    summary: 'Coroutines on one event loop: waits overlap, computing does not.',
    pool: 'concurrency',
    freeThreaded: false,
  },
  'py-threads': {
    id: 'py-threads',
    label: 'Python threads',
    python: 'concurrent.futures.ThreadPoolExecutor',
    summary: 'A pool of real CPython threads under the real GIL: I/O overlaps, CPU work takes turns.',
    pool: 'threads',
    freeThreaded: false,
  },
  'py-processes': {
    id: 'py-processes',
    label: 'Python processes',
    python: 'multiprocessing worker processes',
    summary:
      'A pool of Python processes, each with its own interpreter and GIL: CPU work runs on every core.',
    pool: 'processes',
    freeThreaded: false,
  },
  'py-threads-nogil': {
    id: 'py-threads-nogil',
    label: 'Python threads, no GIL',
    python: 'ThreadPoolExecutor on a free-threaded build (-X gil=0)',
    summary:
      'The same thread pool on a free-threaded CPython with the GIL disabled: CPU work runs on every core.',
    pool: 'threads',
    freeThreaded: true,
  },
};

/** Type guard for Python model ids arriving from outside. */
export function isPythonModelId(value: unknown): value is PythonModelId {
  return typeof value === 'string' && (PYTHON_MODEL_IDS as readonly string[]).includes(value);
}
