/** The real-CPython models' entries, in the order runs use, for the registry to append as one list. */
import { PY_ASYNCIO } from './py-asyncio';
import { PY_PROCESSES } from './py-processes';
import { PY_SEQUENTIAL } from './py-sequential';
import { PY_THREADS } from './py-threads';
import { PY_THREADS_NOGIL } from './py-threads-nogil';

/** Every Python model's entry: the baseline first. */
export const PYTHON_ENTRIES = [
  PY_SEQUENTIAL,
  PY_ASYNCIO,
  PY_THREADS,
  PY_PROCESSES,
  PY_THREADS_NOGIL,
] as const;
