import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type LabApi } from '../shared/ipc';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of ipcRenderer the preload uses (node:* stays out of the preload folder, tests included). */
const electron = vi.hoisted(() => {
  const listeners = new Map<string, IpcListener[]>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
    on(channel: string, listener: IpcListener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: IpcListener) {
      const remaining = (listeners.get(channel) ?? []).filter((l) => l !== listener);
      listeners.set(channel, remaining);
      return ipcRenderer;
    },
    emit(channel: string, event: unknown, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
    },
    listenerCount: (channel: string) => (listeners.get(channel) ?? []).length,
  };
  return { contextBridge: { exposeInMainWorld: vi.fn() }, ipcRenderer };
});
vi.mock('electron', () => electron);

let api: LabApi;

beforeAll(async () => {
  await import('./index');
  api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as LabApi;
});

/** What the renderer's sandbox sees when main sends `payload` on `channel`. */
function sendFromMain(channel: string, payload: unknown): void {
  const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
  electron.ipcRenderer.emit(channel, ipcEvent, payload);
}

describe('preload', () => {
  it("exposes exactly one object, with only invoke and on, under 'concurrencyLab'", () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('concurrencyLab');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes every contract channel over IPC with the request as given', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const reply = await api.invoke(channel, null as never);
      expect(reply).toEqual({ ok: true, value: { channel, request: null } });
    }
    const request = { runId: 'r1', format: 'csv' } as const;
    await api.invoke('run:export', request);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('run:export', request);
  });

  it('answers an unknown channel with a typed reply, without sending anything', async () => {
    electron.ipcRenderer.invoke.mockClear();
    for (const channel of ['shell:openExternal', '__proto__', 42, undefined]) {
      const reply = await api.invoke(channel as never, null as never);
      expect(reply.ok).toBe(false);
      expect(!reply.ok && reply.error.code).toBe('unknown-channel');
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a rejected invoke into a typed internal error reply', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'lab:catalog'"));
    const reply = await api.invoke('lab:catalog', null);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: "lab:catalog failed: No handler registered for 'lab:catalog'" },
    });
  });

  it('delivers event payloads without the IpcRendererEvent', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.on('run:failed', (...args: unknown[]) => received.push(args));
    sendFromMain('run:failed', { runId: 'r1', message: 'no' });
    expect(received).toEqual([[{ runId: 'r1', message: 'no' }]]);
    unsubscribe();
  });

  it('returns an unsubscribe that stops delivery and can be called twice', () => {
    const listener = vi.fn();
    const unsubscribe = api.on('system:stats', listener);
    sendFromMain('system:stats', { at: 1 });
    unsubscribe();
    unsubscribe();
    sendFromMain('system:stats', { at: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.listenerCount('system:stats')).toBe(0);
  });

  it('keeps other subscribers when one unsubscribes', () => {
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = api.on('run:progress', first);
    const unsubscribeSecond = api.on('run:progress', second);
    unsubscribeFirst();
    sendFromMain('run:progress', { runId: 'r1', kind: 'preparing', message: 'm' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    unsubscribeSecond();
  });

  it('refuses to subscribe to an unknown event, naming the allowed ones', () => {
    expect(() => api.on('ipc-message' as never, () => undefined)).toThrow(TypeError);
    expect(() => api.on('ipc-message' as never, () => undefined)).toThrow(EVENT_CHANNELS.join(', '));
    expect(electron.ipcRenderer.listenerCount('ipc-message')).toBe(0);
  });
});
