/** Entry point of a worker thread in the threads and gil-threads pools. */
import { parentPort, workerData } from 'node:worker_threads';
import type { HostConfig } from './protocol/host-messages';
import { lowerThisThread } from './protocol/model-priority';
import { runTaskHost } from './task-host';

lowerThisThread();

if (!parentPort) throw new Error('thread-host must run inside a worker thread');
const port = parentPort;

runTaskHost(
  {
    post: (message, transfer) => port.postMessage(message, transfer),
    listen: (handler) => port.on('message', handler),
  },
  workerData as HostConfig,
  // Threads share the process: its CPU and memory are measured by the engine directly.
  { reportUsage: false, transfer: true },
);
