/**
 * Entry point of the latency server's own process, so a blocked main thread cannot stall it: a
 * `child_process.fork` child in plain Node, or an Electron `utilityProcess` in the app (which exposes
 * `process.parentPort` instead of `process.send`). Never imports electron.
 */
import { createLatencyServer, listenLatencyServer } from './latency-server';
import type { LatencyServerReport, LatencyServerStop } from './protocol/latency-server';
import { errorMessage } from '../shared/format';

/** The part of Electron's utility-process `process.parentPort` this host uses. */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface ParentChannel {
  /** Resolves once the message has been handed over, so the process may exit after it. */
  post(message: LatencyServerReport): Promise<void>;
  listen(handler: (message: unknown) => void): void;
}

function connect(): ParentChannel {
  const utilityPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utilityPort) {
    return {
      post: (message) => {
        utilityPort.postMessage(message);
        // parentPort.postMessage has no completion callback; give the message a moment to leave.
        return new Promise((resolve) => setTimeout(resolve, 100));
      },
      listen: (handler) => utilityPort.on('message', (event) => handler(event.data)),
    };
  }
  if (!process.send)
    throw new Error('latency-server-host must be started by child_process.fork or utilityProcess.fork');
  // A forked child whose parent is gone has nothing left to do.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (message) =>
      new Promise((resolve) => {
        if (process.send) process.send(message, undefined, {}, () => resolve());
        else resolve();
      }),
    listen: (handler) => process.on('message', handler),
  };
}

const parent = connect();
const server = createLatencyServer();
let stopping = false;

parent.listen((message) => {
  if ((message as LatencyServerStop | null)?.type !== 'stop' || stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeAllConnections();
});

listenLatencyServer(server)
  .then(async (port) => {
    // Failures after listening (an accept() hitting EMFILE under a flood of connects) are transient:
    // report them on stderr instead of crashing the server mid-run.
    server.on('error', (error) => console.error(`latency server: ${error.message}`));
    await parent.post({ type: 'listening', port });
  })
  .catch(async (error: unknown) => {
    const message = errorMessage(error);
    // Also on stderr: the parent's exit message quotes it if the posted error is lost.
    console.error(`latency server failed to listen: ${message}`);
    await parent.post({ type: 'error', message });
    process.exit(1);
  });
