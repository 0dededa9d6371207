/** The message channel of a process to whoever started it: Electron's utilityProcess or child_process.fork. */

/** The part of Electron's utility-process `process.parentPort` used here. */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** Both directions of the channel. */
export interface ParentPort {
  post(message: unknown): void;
  listen(handler: (message: unknown) => void): void;
}

/** Connects to the parent; `onParentGone` runs when a forked child's parent disconnects. */
export function connectToParent(scriptName: string, onParentGone: () => void): ParentPort {
  const utilityPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utilityPort) {
    return {
      post: (message) => utilityPort.postMessage(message),
      listen: (handler) => utilityPort.on('message', (event) => handler(event.data)),
    };
  }
  if (!process.send)
    throw new Error(`${scriptName} must be started by child_process.fork or utilityProcess.fork`);
  process.on('disconnect', onParentGone);
  return {
    post: (message) => process.send?.(message),
    listen: (handler) => process.on('message', handler),
  };
}
