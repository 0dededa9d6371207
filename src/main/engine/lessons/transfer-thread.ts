/**
 * Worker threads whose task messages move their payload instead of copying it: every buffer of a typed
 * array at the top level of a task's input goes in the transfer list. The data-passing lesson's
 * "transfer" carrier; the pool's own thread workers always copy (see pool-workers.ts).
 */
import { Worker } from 'node:worker_threads';
import type { HostConfig, HostResponse } from '../../../workers/protocol';
import { transferables } from '../../../workers/task-host';
import type { PoolWorkerFactory } from '../worker-pool';

/** Thread workers running the thread host, sending task inputs with a transfer list. */
export function transferringThreadFactory(script: string): PoolWorkerFactory {
  return (lane, events) => {
    const label = `thread ${lane + 1} (transfer)`;
    const config: HostConfig = { type: 'init', lane };
    const worker = new Worker(script, { workerData: config, name: label });
    let failure: string | null = null;
    let gone = false;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: HostResponse) => events.response(message));
    worker.on('error', (error: Error) => {
      failure = `crashed: ${error.message}`;
    });
    worker.once('exit', (code) => {
      gone = true;
      events.exit(failure ?? `exited with code ${code}`);
    });
    return {
      label,
      send: (request) => worker.postMessage(request, transferables(request.input)),
      async terminate() {
        if (!gone) await worker.terminate();
        await exited;
      },
    };
  };
}
