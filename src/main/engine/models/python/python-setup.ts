/**
 * What the rest of the engine needs to offer the Python models, in three calls: find the setup
 * (interpreters, cached, and the harness), ask whether a model is available (and why not), and
 * describe it for the catalog.
 */
import { existsSync } from 'node:fs';
import type { PythonCatalog } from '../../../../shared/python-run';
import type { ProbeContext } from '../executor-environment';
import {
  detectPython,
  pythonAvailability,
  type PythonAvailability,
  type PythonDetection,
} from './python-interpreter';
import type { PythonModelId } from './python-models';

/** The environment variable that names the interpreter when no --python flag or setting does. */
export const PYTHON_ENV = 'CONCURRENCY_LAB_PYTHON';

/** The interpreter the user chose: the flag (or the app's setting), else the environment variable; none means PATH. */
export function chosenPython(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const chosen = flag ?? env[PYTHON_ENV];
  return chosen && chosen.trim() !== '' ? chosen : undefined;
}

/** The interpreters found and the harness to run on them. */
export interface PythonSetup {
  readonly detection: PythonDetection;
  /** The harness script, or null when this build does not have it. */
  readonly harnessPath: string | null;
  /** Where the harness was looked for. */
  readonly expectedHarness: string;
}

/** Finds the interpreters (cached: cheap to call for every catalog request and run) and the harness. */
export async function findPythonSetup(setup: ProbeContext): Promise<PythonSetup> {
  const detection = await detectPython(setup.python ? { explicit: setup.python } : {});
  const expectedHarness = setup.hostScripts.pythonHarness;
  return { detection, harnessPath: existsSync(expectedHarness) ? expectedHarness : null, expectedHarness };
}

/** Whether a Python model can run here, on which interpreter, or the one-line reason it cannot. */
export function pythonModelAvailability(model: PythonModelId, setup: PythonSetup): PythonAvailability {
  if (setup.harnessPath === null) {
    const reason = `the Python harness is missing from this build (no ${setup.expectedHarness})`;
    return { available: false, reason };
  }
  return pythonAvailability(model, setup.detection);
}

/** The setup as plain data for the catalog (IPC, WebSocket, CLI `scenarios`). */
export function pythonCatalog(setup: PythonSetup): PythonCatalog {
  const any = pythonModelAvailability('py-sequential', setup);
  return {
    interpreters: setup.detection.interpreters.map((interpreter) => ({
      path: interpreter.executable,
      version: interpreter.version,
      build: interpreter.freeThreaded ? 'free-threaded' : 'GIL',
      label: interpreter.label,
    })),
    unavailable: any.available ? null : any.reason,
  };
}

/** What the catalog says about Python with this setup. */
export async function pythonCatalogFor(setup: ProbeContext): Promise<PythonCatalog> {
  return pythonCatalog(await findPythonSetup(setup));
}
