/**
 * Entry point of the dedicated loop thread: runs the sequential or async executor exactly as the
 * calling thread would, and sends its task events back in batches (one message per task would cost
 * the main thread more than the tasks at 100,000 tasks).
 */
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { epochNow } from '../shared/clock';
import { packEvents } from './protocol/packed-events';
import { AsyncExecutor } from './calling-thread/async-executor';
import { errorMessage } from '../shared/format';
import type { Executor, TaskEvent, TaskSpec } from './protocol/executor';
import type { LoopThreadConfig, LoopThreadMessage, LoopThreadRun } from './protocol/loop-thread';
import { SequentialExecutor } from './calling-thread/sequential-executor';
import { lowerThisThread } from './protocol/model-priority';

lowerThisThread();

/** Most events per message, and least time between paced messages. */
const MESSAGE_EVENTS = 1024;
const PACE_MS = 4;
/** Longest an event waits for company before it is sent. */
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

/** Events waiting to be sent. */
const outbox: TaskEvent[] = [];
let timer: NodeJS.Timeout | null = null;
let lastSend = -Infinity;
let startSent = false;
let onDrained: (() => void) | null = null;

/** Sends up to MESSAGE_EVENTS events from the head of the outbox as one message, packed. */
function sendOne(): void {
  const taken = outbox.splice(0, MESSAGE_EVENTS);
  lastSend = performance.now();
  if (taken.length === 0) return;
  const { packed, transfer } = packEvents(taken);
  post({ type: 'events', events: packed }, transfer);
}

/** Sends one message now and schedules the next while events remain, PACE_MS apart. */
function pump(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  sendOne();
  if (outbox.length > 0) timer = setTimeout(pump, PACE_MS);
  else if (onDrained) {
    const drained = onDrained;
    onDrained = null;
    drained();
  }
}

/**
 * Queues an event. Messages go out at most every PACE_MS with at most MESSAGE_EVENTS events: Node
 * hands a thread every queued message in one turn, so a burst (100,000 async tasks ending together)
 * sent at once would stall the main thread for half a second; paced, it is a steady trickle.
 * Starts are the exception while nothing is queued: a task that blocks this thread would hold its own
 * 'started' back (no timer can fire), so the first start goes at once, and so does any start 2 ms
 * or more after the last message.
 */
function push(event: TaskEvent): void {
  outbox.push(event);
  const sinceSend = performance.now() - lastSend;
  const urgentStart = event.type === 'started' && (!startSent || sinceSend >= START_FLUSH_MS);
  if (event.type === 'started') startSent = true;
  if ((urgentStart && outbox.length <= MESSAGE_EVENTS) || sinceSend >= BATCH_MS) pump();
  else timer ??= setTimeout(pump, Math.max(PACE_MS, BATCH_MS - sinceSend));
}

/** Resolves once every queued event has been sent. */
function drained(): Promise<void> {
  if (outbox.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    onDrained = resolve;
    timer ??= setTimeout(pump, PACE_MS);
  });
}

let tasks: TaskSpec[] = [];
port.on('message', (message: LoopThreadRun) => {
  if (message?.type === 'tasks') {
    for (const task of message.tasks) tasks.push(task);
    return;
  }
  if (message?.type !== 'run') return;
  startSent = false;
  const run = tasks;
  tasks = [];
  executor.run(run, push, new AbortController().signal).then(
    async () => {
      // The run ended now; the last events may still be on their way, paced.
      const endedAt = epochNow();
      await drained();
      post({ type: 'done', endedAt });
    },
    async (error: unknown) => {
      await drained();
      post({ type: 'error', message: errorMessage(error) });
    },
  );
});
post({ type: 'ready' });
