/** The two kinds of pool worker: a worker thread, and a process started through the spawner. */
import { Worker } from 'node:worker_threads';
import { releaseIfHeldBy } from '../../../workers/protocol/gil-memory';
import { lowerProcess, lowerThreadStartedBy } from '../../../workers/protocol/model-priority';
import type { HostConfig, HostResponse } from '../../../workers/protocol/host-messages';
import { transferables } from '../../../workers/protocol/transferables';
import type { PoolWorkerFactory } from './worker-pool';
import { describeExit, type ProcessSpawner } from './process-spawner';

/** Options of thread workers. */
export interface ThreadWorkerOptions {
  readonly script: string;
  /** Shared state of the simulated GIL, for gil-threads. */
  readonly gilBuffer?: SharedArrayBuffer;
  /** Heap limit per thread; exceeding it ends the thread with "ran out of memory". */
  readonly memoryMb?: number;
  /**
   * Move the buffers of typed arrays at the top level of each task's input instead of copying them
   * (the data-passing lesson's "transfer" carrier). The sender loses them: pools leave this off.
   */
  readonly transferInputs?: boolean;
}

/** Worker threads running the thread host. */
export function threadWorkerFactory(options: ThreadWorkerOptions): PoolWorkerFactory {
  let nextHolderId = 1;
  return (lane, events) => {
    const gilBuffer = options.gilBuffer;
    // Unique per worker, not per lane: a replacement must never be released by its predecessor's exit.
    const holderId = nextHolderId++;
    const config: HostConfig = {
      type: 'init',
      lane,
      ...(gilBuffer ? { gil: { buffer: gilBuffer, holderId } } : {}),
    };
    const worker = lowerThreadStartedBy(
      () =>
        new Worker(options.script, {
          workerData: config,
          name: `thread ${lane + 1}`,
          ...(options.memoryMb ? { resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } } : {}),
        }),
    );
    let failure: string | null = null;
    let gone = false;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: HostResponse) => events.response(message));
    worker.on('error', (error: Error & { code?: string }) => {
      failure = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'ran out of memory' : `crashed: ${error.message}`;
    });
    worker.once('exit', (code) => {
      gone = true;
      if (gilBuffer) releaseIfHeldBy(gilBuffer, holderId);
      events.exit(failure ?? `exited with code ${code}`);
    });
    return {
      label: `thread ${lane + 1}`,
      send: (request) =>
        worker.postMessage(request, options.transferInputs ? transferables(request.input) : undefined),
      async terminate() {
        if (!gone) await worker.terminate();
        await exited;
      },
    };
  };
}

/** Options of process workers. */
export interface ProcessWorkerOptions {
  readonly script: string;
  readonly spawner: ProcessSpawner;
  /** V8 heap limit per process (--max-old-space-size). */
  readonly memoryMb?: number;
}

/** Processes running the process host, started by the spawner (child_process or utilityProcess). */
export function processWorkerFactory(options: ProcessWorkerOptions): PoolWorkerFactory {
  return (lane, events) => {
    const child = options.spawner.spawn(options.script, {
      name: `process ${lane + 1}`,
      execArgv: options.memoryMb ? [`--max-old-space-size=${options.memoryMb}`] : [],
    });
    // Below the serving thread before it boots, when serve asks (model-priority).
    lowerProcess(child.pid);
    let gone = false;
    const exited = new Promise<void>((resolve) =>
      child.onExit((exit) => {
        gone = true;
        events.exit(describeExit(exit));
        resolve();
      }),
    );
    child.onMessage((message) => events.response(message as HostResponse));
    const init: HostConfig = { type: 'init', lane };
    child.postMessage(init);
    return {
      label: `process ${lane + 1}${child.pid ? ` (pid ${child.pid})` : ''}`,
      send: (request) => child.postMessage(request),
      async terminate() {
        if (!gone) child.kill();
        await exited;
      },
    };
  };
}
