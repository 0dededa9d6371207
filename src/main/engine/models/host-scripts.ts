/** Where the built entry points of threads and processes live. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of the scripts the engine starts in threads and processes. */
export interface HostScripts {
  readonly threadHost: string;
  readonly processHost: string;
  readonly latencyServerHost: string;
  readonly loopThreadHost: string;
  /** A distributed worker process (the distributed model's local workers, `concurrency-lab worker`). */
  readonly distributedWorker: string;
}

/** The host scripts in a build output folder (`out/main`). */
export function hostScriptsIn(dir: string): HostScripts {
  return {
    threadHost: join(dir, 'thread-host.js'),
    processHost: join(dir, 'process-host.js'),
    latencyServerHost: join(dir, 'latency-server-host.js'),
    loopThreadHost: join(dir, 'loop-thread-host.js'),
    distributedWorker: join(dir, 'distributed-worker.js'),
  };
}

/** Fails with a clear message when the build that holds the host scripts is missing. */
export function assertHostScripts(scripts: HostScripts): HostScripts {
  for (const path of Object.values(scripts)) {
    if (!existsSync(path)) throw new Error(`missing ${path}: run "npm run build" first`);
  }
  return scripts;
}
