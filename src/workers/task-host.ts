/** The host loop shared by worker threads and child/utility processes: receive task, run workload, report. */
import { setTimeout as delay } from 'node:timers/promises';
import type { TransferListItem } from 'node:worker_threads';
import { epochNow } from '../shared/clock';
import { SimulatedGil } from './gil';
import type { HostConfig, HostResponse, HostUsage, TaskRequest } from './protocol/host-messages';
import type { WorkloadContext } from './workloads/workload-context';
import { markExpendable } from './workloads/fault';
import { runWorkload } from './workloads';
import { transferables } from './protocol/transferables';
import { errorMessage } from '../shared/format';

/** The two directions of a host's channel to the engine. */
export interface HostPort {
  post(message: HostResponse, transfer?: TransferListItem[]): void;
  listen(handler: (message: unknown) => void): void;
}

/** Cumulative CPU and memory of this process. */
export function processUsage(): HostUsage {
  const cpu = process.cpuUsage();
  return { cpuUserUs: cpu.user, cpuSystemUs: cpu.system, rssBytes: process.memoryUsage.rss() };
}

// Pool workers are terminated, never cancelled from inside: this signal never fires.
const neverAborted = new AbortController().signal;

function createHostContext(gil: SimulatedGil | null): WorkloadContext {
  if (!gil) {
    return {
      checkpoint: () => undefined,
      io: (pending) => pending,
      sleep: (ms) => delay(ms),
      signal: neverAborted,
    };
  }
  const io = async <T>(pending: Promise<T>): Promise<T> => {
    gil.release();
    try {
      return await pending;
    } finally {
      gil.acquire();
    }
  };
  return {
    checkpoint: () => gil.checkpoint(),
    io,
    sleep: (ms) => io(delay(ms)),
    signal: neverAborted,
  };
}

/**
 * Runs tasks one at a time as they arrive. With a GIL, workload code runs only while this thread
 * holds it: taken when a task starts, released when it ends and around every I/O wait.
 */
export function runTaskHost(
  port: HostPort,
  config: HostConfig,
  options: { reportUsage: boolean; transfer: boolean },
): void {
  markExpendable();
  const gil = config.gil ? new SimulatedGil(config.gil.buffer, config.gil.holderId) : null;
  const ctx = createHostContext(gil);
  let queue = Promise.resolve();

  const run = async (request: TaskRequest): Promise<void> => {
    const startedAt = epochNow();
    let outcome: { ok: true; output: unknown } | { ok: false; error: string };
    if (gil) gil.acquire();
    try {
      outcome = { ok: true, output: await runWorkload(request.workload, request.input, ctx) };
    } catch (error) {
      outcome = { ok: false, error: errorMessage(error) };
    } finally {
      if (gil?.held) gil.release();
    }
    const endedAt = epochNow();
    const message: HostResponse = {
      type: 'result',
      taskId: request.taskId,
      startedAt,
      endedAt,
      ...outcome,
      ...(gil ? { gil: gil.takeUsage() } : {}),
      ...(options.reportUsage ? { usage: processUsage() } : {}),
    };
    port.post(message, options.transfer && outcome.ok ? transferables(outcome.output) : undefined);
  };

  port.listen((message) => {
    const request = message as TaskRequest;
    if (request?.type !== 'task') return;
    queue = queue.then(() => run(request));
  });
  port.post({ type: 'ready', pid: process.pid, ...(options.reportUsage ? { usage: processUsage() } : {}) });
}
