/**
 * What the real-CPython models share: their family (the picker groups them under the interpreter
 * their probe found, "CPython 3.11.7, GIL"), their Notes (the GIL's measured costs), and the note
 * that a Python speedup needs py-sequential in the same run, since a speedup never mixes runtimes.
 */
import { pythonNote } from '../python-run';
import type { ModelFamily, ModelNotes, NotesInput } from './model-spec';

/** The real-CPython models, run by the Python harness on an interpreter found on this machine. */
export const CPYTHON_FAMILY: ModelFamily = { id: 'cpython', label: 'CPython' };

/** The model that needs a free-threaded build: its own group until a probe names the interpreter. */
export const FREE_THREADED_FAMILY: ModelFamily = { id: 'cpython', label: 'CPython, free-threaded' };

/** A Python run's remark for the Notes column: what it measured of the GIL. */
function pythonExtra(result: NotesInput): string[] {
  return result.python ? [pythonNote(result.python)].filter(Boolean) : [];
}

/** The Notes of every Python model: start-up (an interpreter and its pool start), the GIL's costs, the missing baseline. */
export const CPYTHON_NOTES: ModelNotes = {
  startup: true,
  extra: pythonExtra,
  withoutBaseline: 'add py-sequential for a Python speedup',
};
