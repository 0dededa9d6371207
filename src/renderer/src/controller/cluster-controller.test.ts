import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../../shared/cluster';
import { createLabStore } from '../store/lab-store';
import {
  selectClusterEditable,
  selectClusterPortProblem,
  selectClusterUrlProblem,
} from '../store/cluster-slice';
import { FakeLabApi } from '../test-support/fake-lab-api';
import { createClusterController } from './cluster-controller';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const cluster = (over: Partial<ClusterState> = {}): ClusterState => ({
  mode: 'private',
  natsServer: { available: true },
  url: null,
  reach: null,
  join: null,
  workers: [],
  problem: null,
  at: 1000,
  ...over,
});

const room = cluster({
  mode: 'room',
  url: 'nats://192.168.1.10:4222',
  reach: 'the network',
  join: {
    command: 'concurrency-lab worker --server nats://192.168.1.10:4222 --user attendee --password pw',
    qr: ['101'],
  },
});

function setup() {
  const api = new FakeLabApi();
  api.handle('cluster:state', () => ({ ok: true, value: cluster() }));
  const store = createLabStore();
  let catalogs = 0;
  const controller = createClusterController(api, store, async () => void catalogs++);
  const stop = controller.start();
  return { api, store, controller, stop, state: () => store.getState(), catalogs: () => catalogs };
}

describe('cluster controller', () => {
  it('asks for the cluster on start, and hears its changes', async () => {
    const { api, state } = setup();
    await flush();
    expect(state().cluster.state?.mode).toBe('private');
    api.emit('cluster:changed', room);
    expect(state().cluster.state).toBe(room);
  });

  it('starts a room on the address and port typed, then reloads the catalogue', async () => {
    const { api, state, controller, catalogs } = setup();
    api.handle('cluster:start', () => ({ ok: true, value: room }));
    state().clusterFormEdited('host', '0.0.0.0');
    state().clusterFormEdited('port', '0');
    await controller.startRoom();
    expect(api.calls.at(-1)).toEqual({ channel: 'cluster:start', request: { host: '0.0.0.0', port: 0 } });
    expect(state().cluster).toMatchObject({ state: room, pending: null, refusal: null });
    expect(catalogs()).toBe(1);
  });

  it('connects with the user and password typed, and forgets the password once sent', async () => {
    const { api, state, controller } = setup();
    api.handle('cluster:connect', () => ({
      ok: true,
      value: cluster({ mode: 'server', url: 'nats://lab:4222' }),
    }));
    state().clusterFormEdited('url', 'nats://lab:4222');
    state().clusterFormEdited('user', 'instructor');
    state().clusterFormEdited('password', 's3cret');
    await controller.connect();
    expect(api.calls.at(-1)).toEqual({
      channel: 'cluster:connect',
      request: { url: 'nats://lab:4222', user: 'instructor', password: 's3cret' },
    });
    expect(state().cluster.form.password).toBe('');
    expect(JSON.stringify(state().cluster)).not.toContain('s3cret');
  });

  it('shows the engine’s refusal, and sends nothing the form finds wrong', async () => {
    const { api, state, controller } = setup();
    api.handle('cluster:start', () => ({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'port 4222 is in use: choose another, or 0 for any free port',
      },
    }));
    await controller.startRoom();
    expect(state().cluster.refusal).toBe('port 4222 is in use: choose another, or 0 for any free port');
    expect(state().cluster.pending).toBeNull();

    const sent = api.calls.length;
    state().clusterFormEdited('port', '70000');
    expect(selectClusterPortProblem(state())).toBe('an integer from 0 to 65535 (0: any free port)');
    await controller.startRoom();
    state().clusterFormEdited('url', 'http://lab:80');
    expect(selectClusterUrlProblem(state())).toBe('nats://HOST:PORT or tls://HOST:PORT, port 1 to 65535');
    await controller.connect();
    expect(api.calls.length).toBe(sent);
  });

  it('is not editable by an attendee, or while a request is on its way', async () => {
    const { state } = setup();
    expect(selectClusterEditable(state())).toBe(false); // not connected to the engine yet
    state().connectionChanged('open');
    expect(selectClusterEditable(state())).toBe(true);
    state().clusterRequested('stop');
    expect(selectClusterEditable(state())).toBe(false);
    state().clusterRefused('no');
    state().roomJoined({
      you: { role: 'attendee', clientId: '3' },
      room: { screen: null, activity: null, instructors: 1, attendees: 1 },
      join: null,
      live: null,
    });
    expect(selectClusterEditable(state())).toBe(false);
  });

  it('stops listening when asked', () => {
    const { api, stop } = setup();
    expect(api.listenerCount('cluster:changed')).toBe(1);
    stop();
    expect(api.listenerCount('cluster:changed')).toBe(0);
  });
});
