/**
 * The cluster panel's intents: hear the cluster (its state on start and after a reconnection, then its
 * changes), start a room server, use a running server, or go back to private servers. A change of
 * broker can change whether the distributed model can run, so the catalogue is reloaded after one.
 */
import type { ClusterState } from '../../../shared/cluster';
import type { Reply } from '../../../shared/ipc';
import type { LabStore } from '../store/lab-store';
import { selectClusterPort, selectClusterUrlProblem } from '../store/cluster-slice';
import type { ConnectedApi } from './lab-controller';
import { refusalText } from './refusal-text';

/** What the cluster panel can ask for. */
export interface ClusterController {
  /** Listens; returns the function that stops listening. */
  start(): () => void;
  /** Starts a room server on the address and port typed. */
  startRoom(): Promise<void>;
  /** Uses the running server typed, with the user and password typed. */
  connect(): Promise<void>;
  /** Stops the room server (or forgets the server): distributed runs start private servers again. */
  stop(): Promise<void>;
}

/** Creates the cluster's controller; `catalogChanged` reloads the catalogue. */
export function createClusterController(
  api: ConnectedApi,
  store: LabStore,
  catalogChanged: () => Promise<void>,
): ClusterController {
  const state = () => store.getState();

  async function load(): Promise<void> {
    const reply = await api.invoke('cluster:state', null);
    if (reply.ok) state().clusterReceived(reply.value);
  }

  async function settle(request: Promise<Reply<ClusterState>>): Promise<void> {
    const reply = await request;
    if (!reply.ok) return state().clusterRefused(refusalText(reply.error));
    state().clusterAnswered(reply.value);
    await catalogChanged();
  }

  return {
    start() {
      const stops = [
        api.on('cluster:changed', (cluster) => state().clusterReceived(cluster)),
        api.connection.subscribe((connection) => {
          if (connection === 'open') void load();
        }),
      ];
      void load();
      return () => stops.forEach((stop) => stop());
    },
    async startRoom() {
      const port = selectClusterPort(state());
      if (port === null || state().cluster.pending) return;
      state().clusterRequested('start');
      await settle(api.invoke('cluster:start', { host: state().cluster.form.host, port }));
    },
    async connect() {
      if (selectClusterUrlProblem(state()) !== null || state().cluster.pending) return;
      const { url, user, password } = state().cluster.form;
      state().clusterRequested('connect');
      const login = user.trim() !== '' ? { user: user.trim(), password } : {};
      await settle(api.invoke('cluster:connect', { url: url.trim(), ...login }));
    },
    async stop() {
      if (state().cluster.pending) return;
      state().clusterRequested('stop');
      await settle(api.invoke('cluster:stop', null));
    },
  };
}
