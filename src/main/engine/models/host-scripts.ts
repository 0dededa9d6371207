/** Where the built entry points of threads and processes live, and the Python harness beside the build. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { outsideAsar } from './asar-path';

/** Paths of the scripts the engine starts in threads and processes. */
export interface HostScripts {
  readonly threadHost: string;
  readonly processHost: string;
  readonly latencyServerHost: string;
  readonly loopThreadHost: string;
  /**
   * The Python harness (`resources/python/harness.py`), started by a Python interpreter, so outside
   * app.asar in a package. Optional: without it the Python models are unavailable, nothing else.
   */
  readonly pythonHarness: string;
  /** A distributed worker process (the distributed model's local workers, `concurrency-lab worker`). */
  readonly distributedWorker: string;
}

/** The host scripts in a build output folder (`out/main`); the harness two folders up, in a checkout and a package alike. */
export function hostScriptsIn(dir: string): HostScripts {
  return {
    threadHost: join(dir, 'thread-host.js'),
    processHost: join(dir, 'process-host.js'),
    latencyServerHost: join(dir, 'latency-server-host.js'),
    loopThreadHost: join(dir, 'loop-thread-host.js'),
    pythonHarness: outsideAsar(join(dir, '..', '..', 'resources', 'python', 'harness.py')),
    distributedWorker: join(dir, 'distributed-worker.js'),
  };
}

/** Fails with a clear message when the build that holds the host scripts is missing (the harness may be). */
export function assertHostScripts(scripts: HostScripts): HostScripts {
  const { pythonHarness: _optional, ...required } = scripts;
  for (const path of Object.values(required)) {
    if (!existsSync(path)) throw new Error(`missing ${path}: run "npm run build" first`);
  }
  return scripts;
}
