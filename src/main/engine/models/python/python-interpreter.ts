/**
 * Finds the Python interpreters the lab can use: `python3`, then `python`, then the free-threaded
 * `python3.14t` and `python3.13t` on PATH, or only the one a user named (`--python PATH`). Each
 * is asked once, in one short process, for its version and build; the answer is cached.
 */
import { execFile } from 'node:child_process';
import { z } from 'zod';
import type { PythonModelId } from './python-models';
import { PYTHON_MODELS } from './python-models';

/** The oldest Python the harness runs on. */
export const MINIMUM_PYTHON: readonly [number, number] = [3, 9];

/** A usable interpreter. */
export interface PythonInterpreter {
  /** As the lab asked for it: "python3", "python", or a path. */
  readonly command: string;
  /** The interpreter's own path (sys.executable): what the harness is started with. */
  readonly executable: string;
  readonly version: string;
  readonly implementation: string;
  /** A free-threaded build (python3.13t and later), whose GIL can be disabled. */
  readonly freeThreaded: boolean;
  /** How the UI groups models under it: "CPython 3.11.7, GIL". */
  readonly label: string;
}

/** What asking one candidate gave. */
export type InterpreterProbe =
  | { readonly status: 'found'; readonly command: string; readonly interpreter: PythonInterpreter }
  | { readonly status: 'not-found'; readonly command: string }
  | {
      readonly status: 'too-old';
      readonly command: string;
      readonly executable: string;
      readonly version: string;
    }
  | { readonly status: 'failed'; readonly command: string; readonly error: string };

/** Every candidate's answer, and the usable interpreters among them. */
export interface PythonDetection {
  readonly probes: readonly InterpreterProbe[];
  /** Usable interpreters in order of preference, one per executable. */
  readonly interpreters: readonly PythonInterpreter[];
  /** Why no interpreter is usable, in one line; null when one is. */
  readonly unavailable: string | null;
}

/** Where to look. */
export interface DetectionOptions {
  /** Use only this interpreter (a path or a command name), as `--python PATH` asks. */
  readonly explicit?: string;
  /** Ask again instead of using the cached answer. */
  readonly refresh?: boolean;
  /** PATH to search; the engine's own by default. */
  readonly path?: string;
}

/** The candidates on PATH, in order: the first two are the lab's choice for the GIL models. */
export const PATH_CANDIDATES = ['python3', 'python', 'python3.14t', 'python3.13t'] as const;
const FREE_THREADED_ONLY = new Set<string>(['python3.14t', 'python3.13t']);

const PROBE_TIMEOUT_MS = 10_000;

// Runs on any Python, 2.7 included, so that a too-old one can be named as such.
const PROBE_SCRIPT = [
  'import json, platform, sys, sysconfig',
  'print(json.dumps({"executable": sys.executable, "version": platform.python_version(),',
  ' "implementation": platform.python_implementation(),',
  ' "versionInfo": list(sys.version_info[:2]),',
  ' "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED"))}))',
].join('\n');

const probeAnswer = z.object({
  executable: z.string(),
  version: z.string(),
  implementation: z.string(),
  versionInfo: z.tuple([z.number().int(), z.number().int()]),
  freeThreaded: z.boolean(),
});

/** How the UI names an interpreter: "CPython 3.11.7, GIL" or "CPython 3.14.0, free-threaded". */
export function interpreterLabel(implementation: string, version: string, freeThreaded: boolean): string {
  return `${implementation} ${version}, ${freeThreaded ? 'free-threaded' : 'GIL'}`;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean)
      ?.slice(0, 200) ?? ''
  );
}

/** Asks one candidate what it is. */
export function probeInterpreter(command: string, path?: string): Promise<InterpreterProbe> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['-E', '-s', '-c', PROBE_SCRIPT],
      {
        timeout: PROBE_TIMEOUT_MS,
        windowsHide: true,
        encoding: 'utf8',
        env: path === undefined ? process.env : { ...process.env, PATH: path },
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT')
          return resolve({ status: 'not-found', command });
        if (error) {
          const reason = error.killed
            ? `did not answer within ${PROBE_TIMEOUT_MS / 1000} s`
            : firstLine(stderr) || firstLine(stdout) || error.message;
          return resolve({ status: 'failed', command, error: reason });
        }
        let answer: z.infer<typeof probeAnswer>;
        try {
          answer = probeAnswer.parse(JSON.parse(firstLine(stdout)));
        } catch {
          return resolve({
            status: 'failed',
            command,
            error: `printed something unexpected: ${firstLine(stdout) || '(nothing)'}`,
          });
        }
        const [major, minor] = answer.versionInfo;
        if (major < MINIMUM_PYTHON[0] || (major === MINIMUM_PYTHON[0] && minor < MINIMUM_PYTHON[1])) {
          return resolve({
            status: 'too-old',
            command,
            executable: answer.executable,
            version: answer.version,
          });
        }
        resolve({
          status: 'found',
          command,
          interpreter: {
            command,
            executable: answer.executable || command,
            version: answer.version,
            implementation: answer.implementation,
            freeThreaded: answer.freeThreaded,
            label: interpreterLabel(answer.implementation, answer.version, answer.freeThreaded),
          },
        });
      },
    );
  });
}

/** One probe in words, for the reason no interpreter is usable. */
export function describeProbe(probe: InterpreterProbe): string {
  switch (probe.status) {
    case 'found':
      return `${probe.command} is ${probe.interpreter.label}`;
    case 'not-found':
      return `${probe.command} not found`;
    case 'too-old':
      return `${probe.command} is Python ${probe.version}, older than ${MINIMUM_PYTHON.join('.')}`;
    case 'failed':
      return `${probe.command} failed to start: ${probe.error}`;
  }
}

async function detect(options: DetectionOptions): Promise<PythonDetection> {
  const commands = options.explicit ? [options.explicit] : [...PATH_CANDIDATES];
  const probes = await Promise.all(commands.map((command) => probeInterpreter(command, options.path)));
  const interpreters: PythonInterpreter[] = [];
  for (const probe of probes) {
    if (probe.status !== 'found') continue;
    if (interpreters.some((known) => known.executable === probe.interpreter.executable)) continue;
    interpreters.push(probe.interpreter);
  }
  // The free-threaded names only matter when found: their absence is normal, not a reason.
  const reasons = probes.filter((p) => options.explicit || !FREE_THREADED_ONLY.has(p.command));
  return {
    probes,
    interpreters,
    unavailable:
      interpreters.length > 0 ? null : `no usable Python: ${reasons.map(describeProbe).join('; ')}`,
  };
}

const cache = new Map<string, Promise<PythonDetection>>();

/** The interpreters found (cached per PATH and explicit choice; `refresh` asks again). */
export function detectPython(options: DetectionOptions = {}): Promise<PythonDetection> {
  const key = JSON.stringify([options.explicit ?? null, options.path ?? process.env.PATH ?? '']);
  const cached = cache.get(key);
  if (cached && !options.refresh) return cached;
  const fresh = detect(options);
  cache.set(key, fresh);
  return fresh;
}

/** Whether a Python model can run, and on which interpreter. */
export type PythonAvailability =
  | { readonly available: true; readonly interpreter: PythonInterpreter }
  | { readonly available: false; readonly reason: string };

/**
 * The interpreter a model runs on: the first usable one for the GIL models (a free-threaded one
 * runs them with the GIL switched on), the first free-threaded one for py-threads-nogil.
 */
export function pythonAvailability(model: PythonModelId, detection: PythonDetection): PythonAvailability {
  if (detection.unavailable !== null) return { available: false, reason: detection.unavailable };
  const wanted = PYTHON_MODELS[model].freeThreaded
    ? detection.interpreters.find((i) => i.freeThreaded)
    : detection.interpreters[0];
  if (wanted) return { available: true, interpreter: wanted };
  const found = [...new Set(detection.interpreters.map((i) => i.label))].join(', ');
  return {
    available: false,
    reason: `needs a free-threaded CPython (python3.13t or later on PATH, or --python naming one); found ${found}`,
  };
}
