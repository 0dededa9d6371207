/**
 * Entry point of a process in the processes pool: a `child_process.fork` child in plain Node, or an
 * Electron `utilityProcess` in the app (which exposes `process.parentPort` instead of `process.send`).
 */
import type { HostConfig, HostResponse } from './protocol/host-messages';
import { lowerThisProcess } from './protocol/model-priority';
import { runTaskHost, type HostPort } from './task-host';

lowerThisProcess();

/** The part of Electron's utility-process `process.parentPort` this host uses. */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function connect(): HostPort {
  const utilityPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utilityPort) {
    return {
      post: (message: HostResponse) => utilityPort.postMessage(message),
      listen: (handler) => utilityPort.on('message', (event) => handler(event.data)),
    };
  }
  if (!process.send)
    throw new Error('process-host must be started by child_process.fork or utilityProcess.fork');
  // A forked child whose parent is gone has nothing left to do.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (message: HostResponse) => process.send?.(message),
    listen: (handler) => process.on('message', handler),
  };
}

const port = connect();
let started = false;
port.listen((message) => {
  if (started || (message as HostConfig)?.type !== 'init') return;
  started = true;
  runTaskHost(port, message as HostConfig, { reportUsage: true, transfer: false });
});
