/**
 * The calling-thread models (sequential, async) hosted on one dedicated worker thread, so the app's
 * main process never blocks during a race: same code and timing as the calling thread, and Cancel
 * terminates the thread — which stops even a task that never yields.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../errors';
import { EventInbox } from './event-inbox';
import { lowerThreadStartedBy } from '../../../workers/protocol/model-priority';
import { PackedEventReader } from '../../../workers/protocol/packed-events';
import type {
  ChildUsage,
  Executor,
  RunEnd,
  TaskEventListener,
  TaskList,
} from '../../../workers/protocol/executor';
import {
  TASK_CHUNK,
  type LoopThreadConfig,
  type LoopThreadMessage,
  type LoopThreadRun,
} from '../../../workers/protocol/loop-thread';

/** Time spent cloning task chunks for the loop thread in one turn of the event loop, ms. */
const CHUNKS_MS = 2;

/** Runs sequential or async on a dedicated worker thread. */
export class DedicatedThreadExecutor implements Executor {
  readonly model: 'sequential' | 'async';
  readonly placement: string;
  readonly workers: number | null;
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly script: string,
    private readonly config: LoopThreadConfig,
  ) {
    this.model = config.model;
    if (config.model === 'sequential') {
      this.placement = 'dedicated worker thread, one task at a time';
      this.workers = 1;
    } else {
      const limit = config.concurrency === null ? 'unlimited concurrency' : `${config.concurrency} at a time`;
      this.placement = `dedicated worker thread's event loop, ${limit}`;
      this.workers = config.concurrency;
    }
  }

  start(): Promise<void> {
    const worker = lowerThreadStartedBy(
      () => new Worker(this.script, { workerData: this.config, name: `${this.config.model} loop` }),
    );
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      const onMessage = (message: LoopThreadMessage): void => {
        if (message.type !== 'ready') return;
        worker.off('exit', onExit);
        worker.off('message', onMessage);
        resolve();
      };
      const onExit = (code: number): void =>
        reject(new Error(`the ${this.config.model} loop thread exited with code ${code} while starting`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });
  }

  run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<RunEnd> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('start() the executor before run()'));
    return new Promise<RunEnd>((resolve, reject) => {
      // A burst of events arrives as many messages at once: they are handled a bounded number a turn.
      const inbox = new EventInbox(listener);
      const cleanup = (): void => {
        inbox.stop();
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        signal.removeEventListener('abort', onAbort);
      };
      const onMessage = (message: LoopThreadMessage): void => {
        if (message.type === 'events') inbox.push(new PackedEventReader(message.events));
        else if (message.type === 'done')
          // The run is over once every event before 'done' has been handled.
          inbox.end(() => {
            cleanup();
            resolve({ endedAt: message.endedAt });
          });
        else if (message.type === 'error') {
          cleanup();
          reject(new Error(message.message));
        }
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`the ${this.config.model} loop thread exited with code ${code}`));
      };
      const onAbort = (): void => {
        cleanup();
        void this.close();
        reject(new CancelledError());
      };
      if (signal.aborted) return onAbort();
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      signal.addEventListener('abort', onAbort, { once: true });
      void (async () => {
        // Chunks go out for at most CHUNKS_MS a turn, then the loop gets a turn.
        let turnStartedAt = performance.now();
        for (let from = 0; from < tasks.length; from += TASK_CHUNK) {
          if (performance.now() - turnStartedAt >= CHUNKS_MS) {
            await nextTurn();
            turnStartedAt = performance.now();
          }
          if (signal.aborted || this.worker !== worker) return;
          const chunk: LoopThreadRun = { type: 'tasks', tasks: tasks.slice(from, from + TASK_CHUNK) };
          worker.postMessage(chunk);
        }
        const run: LoopThreadRun = { type: 'run' };
        worker.postMessage(run);
      })();
    });
  }

  childUsage(): ChildUsage {
    return { cpuMs: 0, rssBytes: 0 };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    await this.exited;
  }
}
