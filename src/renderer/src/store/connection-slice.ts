/** The connection slice: whether the engine is reachable, for the banner and the Run button. */
import type { ConnectionState } from '../api/connection';
import type { LabSliceCreator, LabState } from './lab-store';

/** The connection's state and events. */
export interface ConnectionSlice {
  readonly connection: {
    readonly state: ConnectionState;
    /** Whether the link was ever up: the first 'connecting' is not a lost connection. */
    readonly everOpened: boolean;
  };
  connectionChanged(state: ConnectionState): void;
}

/** Creates the connection slice. */
export const createConnectionSlice: LabSliceCreator<ConnectionSlice> = (set) => ({
  connection: { state: 'connecting', everOpened: false },
  connectionChanged: (state) =>
    set((s) => ({ connection: { state, everOpened: s.connection.everOpened || state === 'open' } })),
});

/** What the banner says, or null when there is nothing to say. */
export type ConnectionNotice = 'connecting' | 'unreachable' | 'lost' | null;

/** Chooses the banner: nothing while open, and no alarm during the very first connection attempt. */
export function selectConnectionNotice(s: LabState): ConnectionNotice {
  const { state, everOpened } = s.connection;
  if (state === 'open') return null;
  if (everOpened) return 'lost';
  return state === 'connecting' ? 'connecting' : 'unreachable';
}

/** Whether the engine is out of reach now: nothing can be started or cancelled until it is back. */
export const selectOffline = (s: LabState): boolean => s.connection.state !== 'open';
