/** A thread or process of a WorkerPool, as the pool drives it: the small interface both kinds implement. */
import type { HostResponse, TaskRequest } from '../../../workers/protocol/host-messages';

/** A thread or process of the pool, as the pool drives it. */
export interface PoolWorker {
  readonly label: string;
  send(request: TaskRequest): void;
  /** Ends the worker; resolves once it is gone. */
  terminate(): Promise<void>;
}

/** What a worker reports back to its pool. */
export interface PoolWorkerEvents {
  response(message: HostResponse): void;
  /** The worker ended; `reason` reads after its label: "exited with code 3", "ran out of memory". */
  exit(reason: string): void;
}

/** Creates the worker of a lane. */
export type PoolWorkerFactory = (lane: number, events: PoolWorkerEvents) => PoolWorker;
