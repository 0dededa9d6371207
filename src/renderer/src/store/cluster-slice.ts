/**
 * The cluster slice: where the distributed model's broker is as the engine last said (a private server
 * per run, a room server, a running server), its workers, the panel's two forms as typed, and the
 * request under way or the one the engine refused. The password typed is sent once and then cleared.
 */
import type { ClusterState } from '../../../shared/cluster';
import { NATS_PORT } from '../../../shared/cluster';
import type { LabSliceCreator, LabState } from './lab-store';

/** What the panel's forms hold, as typed. */
export interface ClusterForm {
  /** The room server's address: 127.0.0.1 (this machine only) or 0.0.0.0 (the network). */
  readonly host: string;
  readonly port: string;
  /** A running server to use. */
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

/** Which request is on its way. */
export type ClusterRequest = 'start' | 'connect' | 'stop';

/** The cluster's part of the state. */
export interface ClusterSliceState {
  readonly state: ClusterState | null;
  readonly form: ClusterForm;
  readonly pending: ClusterRequest | null;
  /** Why the engine refused the last request, in its words. */
  readonly refusal: string | null;
}

/** The cluster's state and events. */
export interface ClusterSlice {
  readonly cluster: ClusterSliceState;
  /** The engine told where the broker is and who joined. */
  clusterReceived(state: ClusterState): void;
  clusterFormEdited(field: keyof ClusterForm, text: string): void;
  clusterRequested(request: ClusterRequest): void;
  /** The engine answered a request with the new state. */
  clusterAnswered(state: ClusterState): void;
  clusterRefused(message: string): void;
}

const EMPTY_FORM: ClusterForm = {
  host: '127.0.0.1',
  port: String(NATS_PORT),
  url: '',
  user: '',
  password: '',
};

/** Creates the cluster slice. */
export const createClusterSlice: LabSliceCreator<ClusterSlice> = (set) => ({
  cluster: { state: null, form: EMPTY_FORM, pending: null, refusal: null },
  clusterReceived: (state) => set((s) => ({ cluster: { ...s.cluster, state } })),
  clusterFormEdited: (field, text) =>
    set((s) => ({ cluster: { ...s.cluster, form: { ...s.cluster.form, [field]: text }, refusal: null } })),
  clusterRequested: (pending) => set((s) => ({ cluster: { ...s.cluster, pending, refusal: null } })),
  clusterAnswered: (state) =>
    set((s) => ({
      // The password has done its job: it is not kept in the window.
      cluster: { ...s.cluster, state, pending: null, form: { ...s.cluster.form, password: '' } },
    })),
  clusterRefused: (refusal) => set((s) => ({ cluster: { ...s.cluster, pending: null, refusal } })),
});

/** The room server's port as typed, or null when it is not a port. */
export function selectClusterPort(s: LabState): number | null {
  const text = s.cluster.form.port.trim();
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

/** What is wrong with the room server's port as typed, or null. */
export function selectClusterPortProblem(s: LabState): string | null {
  return selectClusterPort(s) === null ? 'an integer from 0 to 65535 (0: any free port)' : null;
}

/** What is wrong with the server address as typed, or null. */
export function selectClusterUrlProblem(s: LabState): string | null {
  const url = s.cluster.form.url.trim();
  if (url === '') return 'the server’s address, e.g. nats://192.168.1.10:4222';
  const match = /^(nats|tls):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(url);
  const port = Number(match?.[3]);
  return match && port >= 1 && port <= 65535 ? null : 'nats://HOST:PORT or tls://HOST:PORT, port 1 to 65535';
}

/** Whether the window may change the cluster: an instructor, with the engine answering and nothing pending. */
export function selectClusterEditable(s: LabState): boolean {
  return s.room.you?.role !== 'attendee' && s.connection.state === 'open' && s.cluster.pending === null;
}
