/** Messages between the engine and the embedded latency server's host process. */

/** What the server's host process reports to its parent. */
export type LatencyServerReport =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'error'; readonly message: string };

/** What the parent sends to the server's host process. */
export interface LatencyServerStop {
  readonly type: 'stop';
}
