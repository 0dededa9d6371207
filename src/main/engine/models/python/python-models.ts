/**
 * The real-CPython models as the harness runs them: fixed ids (their registry entries are in
 * shared/models/py-*.ts), the pool knob that sizes each, and which interpreter build each needs.
 */
import type { ScenarioId } from '../../../../shared/scenarios';

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

/** How the harness runs a Python model. */
export interface PythonModelRun {
  /** The pool knob that sizes it (the same knob as the Node model it mirrors). */
  readonly pool: PythonPoolKnob;
  /** Whether it needs a free-threaded build (python3.13t or later) with the GIL disabled. */
  readonly freeThreaded: boolean;
}

/** Every Python model, in the order runs use. */
export const PYTHON_MODELS: Readonly<Record<PythonModelId, PythonModelRun>> = {
  'py-sequential': { pool: 'none', freeThreaded: false },
  'py-asyncio': { pool: 'concurrency', freeThreaded: false },
  'py-threads': { pool: 'threads', freeThreaded: false },
  'py-processes': { pool: 'processes', freeThreaded: false },
  'py-threads-nogil': { pool: 'threads', freeThreaded: true },
};

/** Type guard for Python model ids. */
export function isPythonModelId(value: unknown): value is PythonModelId {
  return typeof value === 'string' && (PYTHON_MODEL_IDS as readonly string[]).includes(value);
}

/**
 * The "10 files" lesson's scenarios (waiting for files, counting their words): under Python they run
 * the classic assignment, an abstract FileProcessor with sequential, threaded, multiprocessing and
 * asyncio subclasses (resources/python/concurrency_lab/file_processor.py), unless a task timeout is
 * set, which only the lab's own pools enforce.
 */
export const FILE_PROCESSOR_SCENARIOS: readonly ScenarioId[] = ['io-sleep', 'cpu-wordcount'];
