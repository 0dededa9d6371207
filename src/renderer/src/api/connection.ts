/** The state of the link to the engine, observable for the connection banner. */

/** 'connecting' until the transport is up, 'open' while it is, 'closed' after it dropped (a retry is pending). */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** A value that changes over time, with a way to hear about it. */
export interface ConnectionMonitor {
  current(): ConnectionState;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
  /** Tries to connect now instead of waiting for the next retry (no-op when open). */
  reconnectNow(): void;
}

/** The monitor of a transport that cannot drop (Electron IPC). */
export const ALWAYS_OPEN: ConnectionMonitor = {
  current: () => 'open',
  subscribe: () => () => {},
  reconnectNow: () => {},
};
