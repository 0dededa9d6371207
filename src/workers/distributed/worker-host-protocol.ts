/** Messages between a distributed worker process and whoever started it (the lab, or the `worker` command). */
import type { ConnectionSettings, ReconnectPolicy } from './connection';
import type { TaskPolicy } from './task-policy';

/** How the worker process is set up: its first message. */
export interface WorkerHostInit {
  readonly type: 'init';
  readonly connection: ConnectionSettings;
  /** Chosen by the starter, so it can tell its own workers from others that joined. */
  readonly workerId: string;
  readonly policy: TaskPolicy;
  readonly reconnect: ReconnectPolicy;
}

/** What the worker process reports. */
export type WorkerHostReport =
  /** The lab accepted it; it is pulling tasks. */
  | { readonly type: 'joined'; readonly workerId: string; readonly pid: number }
  /** The lab refused it (another protocol version): the process exits with code 2. */
  | { readonly type: 'refused'; readonly reason: string }
  /** It could not connect or join: the process exits with code 1. */
  | { readonly type: 'failed'; readonly error: string }
  /** A line for the user (waiting for the lab, a rejected message…). */
  | { readonly type: 'log'; readonly line: string };

/** Exit code of a worker process the lab refused. */
export const EXIT_REFUSED = 2;
