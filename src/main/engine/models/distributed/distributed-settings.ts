/** Where the distributed model's broker is: engine state, never part of a run's request, history or exports. */
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';

/** The broker setting of the engine (the CLI's flags, the app's cluster panel); it may hold credentials. */
export interface DistributedSettings {
  /** A running server to use; null starts a private one for each run. */
  readonly server: ConnectionSettings | null;
  /** An explicit nats-server binary (null: $CONCURRENCY_LAB_NATS_SERVER, PATH and the usual folders). */
  readonly natsServer?: string | null;
}
