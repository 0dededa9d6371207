/** Messages between the engine and a task host (worker thread or child/utility process). Plain data only. */
import type { WorkloadName } from '../workloads';

/** How a host is set up: sent as workerData to a thread, as the first message to a process. */
export interface HostConfig {
  readonly type: 'init';
  /** Index of the lane this host is, for labels and GIL statistics. */
  readonly lane: number;
  /**
   * Shared GIL state when the host runs gil-threads (threads only: memory is not shared across
   * processes), and this thread's holder id, unique for the life of the pool.
   */
  readonly gil?: { readonly buffer: SharedArrayBuffer; readonly holderId: number };
}

/** Run one task. */
export interface TaskRequest {
  readonly type: 'task';
  readonly taskId: number;
  readonly workload: WorkloadName;
  readonly input: unknown;
}

/** Engine to host. */
export type HostRequest = HostConfig | TaskRequest;

/** CPU and memory of a host process, cumulative since it started. */
export interface HostUsage {
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  readonly rssBytes: number;
}

/** GIL accounting of one task on one lane. */
export interface TaskGilUsage {
  readonly holdMs: number;
  readonly waitMs: number;
  readonly switches: number;
  /** Epoch-ms intervals during which this lane held the GIL while running the task. */
  readonly holds: readonly (readonly [number, number])[];
}

/** The host is set up and waiting for tasks. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly pid: number;
  readonly usage?: HostUsage;
}

/** A task ended, with its output or its error; times are epoch ms (see shared/clock). */
export type TaskResponse = {
  readonly type: 'result';
  readonly taskId: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly gil?: TaskGilUsage;
  readonly usage?: HostUsage;
} & ({ readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: string });

/** Host to engine. */
export type HostResponse = ReadyMessage | TaskResponse;
