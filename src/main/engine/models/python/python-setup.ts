/**
 * What the rest of the engine needs to offer the Python models, in three calls: find the setup once
 * (interpreters and harness), ask whether a model is available (and why not), and build its
 * executor. A model registry entry for a Python model needs only these.
 */
import type { ResolvedPool } from '../../../../shared/pool';
import { findPythonHarness, type HarnessLocations } from './harness-path';
import { createPythonExecutor, type PythonExecutor } from './python-executor';
import {
  detectPython,
  pythonAvailability,
  type PythonAvailability,
  type PythonDetection,
} from './python-interpreter';
import type { PythonModelId } from './python-models';

/** The interpreters found and the harness to run on them, found once per engine. */
export interface PythonSetup {
  readonly detection: PythonDetection;
  /** The harness script, or null when this build does not have it. */
  readonly harnessPath: string | null;
  readonly harnessLocations: HarnessLocations;
  /** Where rejected harness lines are logged; console.warn by default. */
  readonly log?: (line: string) => void;
}

/** Where to look for Python and its harness. */
export interface PythonSetupOptions extends HarnessLocations {
  /** `--python PATH` or the app's setting: use only this interpreter. */
  readonly explicit?: string;
  readonly log?: (line: string) => void;
}

/** Finds the interpreters (cached: cheap to call for every catalog request) and the harness. */
export async function findPythonSetup(options: PythonSetupOptions): Promise<PythonSetup> {
  const detection = await detectPython(options.explicit ? { explicit: options.explicit } : {});
  const harnessLocations = { mainDir: options.mainDir };
  return { detection, harnessPath: findPythonHarness(harnessLocations), harnessLocations, log: options.log };
}

/** Whether a Python model can run here, on which interpreter, or the one-line reason it cannot. */
export function pythonModelAvailability(model: PythonModelId, setup: PythonSetup): PythonAvailability {
  if (setup.harnessPath === null) {
    const reason = `the Python harness is missing from this build (looked near ${setup.harnessLocations.mainDir})`;
    return { available: false, reason };
  }
  return pythonAvailability(model, setup.detection);
}

/** The executor of a Python model; throws the unavailable reason when it cannot run here. */
export function pythonExecutorFor(
  model: PythonModelId,
  pool: ResolvedPool,
  setup: PythonSetup,
): PythonExecutor {
  const availability = pythonModelAvailability(model, setup);
  if (!availability.available) throw new Error(`${model} is unavailable: ${availability.reason}`);
  return createPythonExecutor(model, pool, {
    interpreter: availability.interpreter,
    harnessPath: setup.harnessPath!,
    log: setup.log,
  });
}

/** One interpreter as a catalog lists it. */
export interface PythonCatalogInterpreter {
  readonly path: string;
  readonly version: string;
  readonly build: 'GIL' | 'free-threaded';
  /** "CPython 3.11.7, GIL": the heading the UI groups Python models under. */
  readonly label: string;
}

/** What a catalog says about Python: the interpreters found, or why none is usable. */
export interface PythonCatalog {
  readonly interpreters: readonly PythonCatalogInterpreter[];
  readonly unavailable: string | null;
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
