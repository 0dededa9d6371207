/**
 * Entry point of a distributed worker process: started by the lab (its local workers) or by the
 * `concurrency-lab worker` command, set up by one init message, then on its own with the NATS server.
 */
import { availableParallelism, hostname } from 'node:os';
import { version } from '../../package.json';
import { connectToParent } from './parent-port';
import { TaskWorker, WorkerRefusedError } from './distributed/task-worker';
import {
  EXIT_REFUSED,
  type WorkerHostInit,
  type WorkerHostReport,
  type WorkerHostStop,
} from './protocol/distributed/worker-host';
import { markExpendable } from './workloads/fault';
import { lowerThisProcess } from './protocol/model-priority';
import { processUsage } from './task-host';

// Below the lab's serving thread on its machine, and below the attendee's own windows on theirs.
lowerThisProcess();

// Ctrl-C reaches every process of the terminal: the parent decides (it sends 'stop', or kills a run's workers).
process.on('SIGINT', () => undefined);

let worker: TaskWorker | null = null;
const port = connectToParent('distributed-worker-host', () => {
  // The parent is gone: hand tasks in progress back to the queue, then leave.
  void (worker ? worker.stop() : Promise.resolve()).finally(() => process.exit(0));
});
const report = (message: WorkerHostReport): void => port.post(message);

async function start(init: WorkerHostInit): Promise<void> {
  markExpendable();
  try {
    worker = await TaskWorker.start({
      connection: init.connection,
      identity: {
        workerId: init.workerId,
        host: hostname(),
        pid: process.pid,
        cores: availableParallelism(),
        platform: process.platform,
        labVersion: version,
      },
      policy: init.policy,
      queue: init.queue,
      reconnect: init.reconnect,
      usage: processUsage,
      log: (line) => report({ type: 'log', line }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof WorkerRefusedError) {
      report({ type: 'refused', reason: message });
      process.exitCode = EXIT_REFUSED;
    } else {
      report({ type: 'failed', error: message });
      process.exitCode = 1;
    }
    // Let the report reach the parent, then leave even if a handle lingers.
    setTimeout(() => process.exit(), 100).unref();
    return;
  }
  report({ type: 'joined', workerId: init.workerId, pid: process.pid });
  process.once('SIGTERM', () => void worker?.stop());
  await worker.closed();
  process.exit(0);
}

let started = false;
port.listen((message) => {
  const type = (message as WorkerHostInit | WorkerHostStop | null)?.type;
  if (type === 'stop') void (worker ? worker.stop() : Promise.resolve()).finally(() => process.exit(0));
  if (started || type !== 'init') return;
  started = true;
  void start(message as WorkerHostInit);
});
