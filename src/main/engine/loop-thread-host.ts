/**
 * Entry point of the dedicated loop thread: runs the sequential or async executor exactly as the
 * calling thread would, and sends its task events back in batches (one message per task would cost
 * the main thread more than the tasks at 100,000 tasks).
 */
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { transferables } from '../../workers/task-host';
import { AsyncExecutor } from './async-executor';
import { errorMessage } from './errors';
import type { Executor, TaskEvent } from './executor';
import type { LoopThreadConfig, LoopThreadMessage, LoopThreadRun } from './loop-thread-protocol';
import { SequentialExecutor } from './sequential-executor';

const BATCH_EVENTS = 256;
const BATCH_MS = 10;
const START_FLUSH_MS = 2;

if (!parentPort) throw new Error('loop-thread-host must run inside a worker thread');
const port = parentPort;
const config = workerData as LoopThreadConfig;
const executor: Executor =
  config.model === 'sequential'
    ? new SequentialExecutor({ yieldEveryMs: config.yieldEveryMs, threadLabel: 'dedicated thread' })
    : new AsyncExecutor({ yieldEveryMs: config.yieldEveryMs, concurrency: config.concurrency });

const post = (message: LoopThreadMessage, transfer?: TransferListItem[]): void =>
  port.postMessage(message, transfer);

let batch: TaskEvent[] = [];
let transfer: TransferListItem[] = [];
let timer: NodeJS.Timeout | null = null;
let lastFlush = 0;
let startSent = false;

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  lastFlush = performance.now();
  if (batch.length === 0) return;
  post({ type: 'events', events: batch }, transfer);
  batch = [];
  transfer = [];
}

/**
 * Batches events by count and time, except starts: a task that blocks this thread would hold its own
 * 'started' event back (no timer can fire), and the UI would never show it running. So the first
 * start goes at once, and so does any start 2 ms or more after the last message — which covers every
 * task that follows a long one, while runs of tiny tasks still batch.
 */
function push(event: TaskEvent): void {
  batch.push(event);
  if (event.type === 'finished') transfer.push(...transferables(event.output));
  const sinceFlush = performance.now() - lastFlush;
  const urgentStart = event.type === 'started' && (!startSent || sinceFlush >= START_FLUSH_MS);
  if (event.type === 'started') startSent = true;
  if (urgentStart || batch.length >= BATCH_EVENTS || sinceFlush >= BATCH_MS) flush();
  else timer ??= setTimeout(flush, BATCH_MS);
}

port.on('message', (message: LoopThreadRun) => {
  if (message?.type !== 'run') return;
  startSent = false;
  executor.run(message.tasks, push, new AbortController().signal).then(
    () => {
      flush();
      post({ type: 'done' });
    },
    (error: unknown) => {
      flush();
      post({ type: 'error', message: errorMessage(error) });
    },
  );
});
post({ type: 'ready' });
