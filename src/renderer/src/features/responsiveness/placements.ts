/** Each place the job can run: its button, its name in the results, and one line on what to expect and why. */
import type { Catalog } from '../../../../shared/views';
import type { JobPlacement } from '../../../../shared/responsiveness';

/** How a placement reads on screen. */
export interface PlacementInfo {
  /** The button's name. */
  readonly button: string;
  /** The results table's "Where it ran". */
  readonly where: string;
  /** One line: what happens, and what it costs. */
  readonly why: string;
}

/** The placement's words; the process placement depends on how this app starts processes. */
export function placementInfo(placement: JobPlacement, processKind: Catalog['processKind']): PlacementInfo {
  switch (placement) {
    case 'renderer-thread':
      return {
        button: 'Run on the renderer thread',
        where: 'Renderer thread',
        why: 'The page’s own thread computes: no frame is drawn and no key or click is handled until it is done.',
      };
    case 'web-worker':
      return {
        button: 'Run in a Web Worker',
        where: 'Web Worker',
        why: 'A new module worker per job (its start-up is in the job time): the page’s thread only waits for one message.',
      };
    case 'main-thread':
      return {
        button: 'Run on the main process thread',
        where: 'Main process thread',
        why: 'Blocks the main process’s event loop: in Electron the window stops responding; in browser mode the server stalls, and so does the heartbeat.',
      };
    case 'main-thread-chunked':
      return {
        button: 'Run on the main process thread, chunked',
        where: 'Main process, chunked',
        why: 'Hands the loop back (setImmediate) every “Yield every” ms: nothing waits long, but every hand-back costs time — the smaller the slice and the busier the loop, the longer the job.',
      };
    case 'worker-thread':
      return {
        button: 'Run in a worker thread',
        where: 'Worker thread',
        why: 'A Node worker_thread: its own isolate and event loop, so the main loop stays free; starting the thread costs a few ms.',
      };
    case 'process':
      return processKind === 'utilityProcess'
        ? {
            button: 'Run in a utility process',
            where: 'Utility process',
            why: 'An Electron utility process: nothing shared, so nothing stalls, but spawning a process costs tens of ms before the job starts.',
          }
        : {
            button: 'Run in a child process',
            where: 'Child process',
            why: 'A Node child process (child_process.fork): nothing shared, so nothing stalls, but spawning it costs tens of ms before the job starts.',
          };
  }
}
