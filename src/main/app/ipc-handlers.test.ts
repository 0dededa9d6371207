import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type LabEvent, type Reply } from '../../shared/ipc';
import type { LabService } from '../engine/lab-service';
import { FakeBrowserWindow, FakeFrame, FakeWebContents } from './fake-electron.test-support';

const ipcMain = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
});
vi.mock('electron', () => ({ ipcMain }));

import { forwardServiceEvents, setupIpcHandlers, trustedSender } from './ipc-handlers';

function fakeService() {
  const listeners = new Set<(event: LabEvent) => void>();
  return {
    handle: vi.fn(async (channel: unknown, payload: unknown): Promise<Reply<unknown>> => ({
      ok: true,
      value: { channel, payload },
    })),
    subscribe: vi.fn((listener: (event: LabEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    close: vi.fn(async () => undefined),
    attach: vi.fn(() => () => undefined),
    setJoin: vi.fn(),
    emit: (event: LabEvent) => listeners.forEach((listener) => listener(event)),
    listeners,
  };
}

function fakeWindow(): FakeBrowserWindow {
  return new FakeBrowserWindow({});
}

function asWindow(window: FakeBrowserWindow): BrowserWindow {
  return window as unknown as BrowserWindow;
}

/** An invoke event from `sender`'s `frame` (the main frame unless given). */
function invokeEvent(
  sender: FakeWebContents,
  frame: FakeFrame | null = sender.mainFrame,
): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function invoke(channel: string, event: IpcMainInvokeEvent, payload: unknown): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, payload);
}

beforeEach(() => {
  ipcMain.handlers.clear();
  ipcMain.handle.mockClear();
});

describe('setupIpcHandlers', () => {
  it('registers a handler for every invoke channel of the contract, and removes them all', () => {
    const dispose = setupIpcHandlers(fakeService() as LabService, () => true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a trusted request to the service with its channel and payload', async () => {
    const service = fakeService();
    const window = fakeWindow();
    setupIpcHandlers(service as LabService, trustedSender(asWindow(window)));
    const payload = { scenario: 'io-sleep', params: { tasks: 4 }, models: ['async'] };
    const reply = await invoke('run:start', invokeEvent(window.webContents), payload);
    expect(service.handle).toHaveBeenCalledWith('run:start', payload);
    expect(reply).toEqual({ ok: true, value: { channel: 'run:start', payload } });
  });

  it('trusts a new wrapper of the same main frame (same process and routing id)', async () => {
    const service = fakeService();
    const window = fakeWindow();
    setupIpcHandlers(service as LabService, trustedSender(asWindow(window)));
    const sameFrame = new FakeFrame('app://lab/index.html', 1, 1);
    await invoke('lab:catalog', invokeEvent(window.webContents, sameFrame), null);
    expect(service.handle).toHaveBeenCalledWith('lab:catalog', null);
  });

  describe('refuses untrusted senders with a typed forbidden reply, never calling the service', () => {
    const cases: Array<[string, (window: FakeBrowserWindow) => IpcMainInvokeEvent]> = [
      ['another webContents', () => invokeEvent(new FakeWebContents())],
      [
        'a subframe of our window',
        (window) =>
          invokeEvent(
            window.webContents,
            new FakeFrame('app://lab/index.html', 1, 2, window.webContents.mainFrame),
          ),
      ],
      [
        'a frame of another process',
        (window) => invokeEvent(window.webContents, new FakeFrame('app://lab/index.html', 2, 1)),
      ],
      [
        'our main frame showing a remote page',
        (window) => {
          window.webContents.mainFrame.url = 'https://example.com/';
          return invokeEvent(window.webContents);
        },
      ],
      [
        'our main frame showing a file:// page',
        (window) => {
          window.webContents.mainFrame.url = 'file:///tmp/index.html';
          return invokeEvent(window.webContents);
        },
      ],
      ['a frame that is gone', (window) => invokeEvent(window.webContents, null)],
      [
        'a destroyed window',
        (window) => {
          window.destroyed = true;
          return invokeEvent(window.webContents);
        },
      ],
    ];
    for (const [name, makeEvent] of cases) {
      it(name, async () => {
        const service = fakeService();
        const window = fakeWindow();
        setupIpcHandlers(service as LabService, trustedSender(asWindow(window)));
        const reply = (await invoke('run:start', makeEvent(window), {
          scenario: 'io-sleep',
        })) as Reply<unknown>;
        expect(reply.ok).toBe(false);
        expect(!reply.ok && reply.error.code).toBe('forbidden');
        expect(service.handle).not.toHaveBeenCalled();
      });
    }
  });

  it('turns a service that throws into a typed internal error reply', async () => {
    const service = fakeService();
    service.handle.mockRejectedValueOnce(new Error('boom'));
    setupIpcHandlers(service as LabService, () => true);
    const reply = (await invoke('history:list', invokeEvent(new FakeWebContents()), null)) as Reply<unknown>;
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'history:list failed: boom' } });
  });
});

describe('forwardServiceEvents', () => {
  const event: LabEvent = { event: 'run:failed', payload: { runId: 'r1', message: 'no' } };

  it('sends every service event to the window on its own channel', () => {
    const service = fakeService();
    const window = fakeWindow();
    forwardServiceEvents(service as LabService, asWindow(window));
    service.emit(event);
    expect(window.webContents.sent).toEqual([['run:failed', { runId: 'r1', message: 'no' }]]);
  });

  it('sends nothing to a destroyed window or webContents', () => {
    const service = fakeService();
    const window = fakeWindow();
    forwardServiceEvents(service as LabService, asWindow(window));
    window.webContents.destroyed = true;
    service.emit(event);
    window.destroyed = true;
    service.emit(event);
    expect(window.webContents.sent).toEqual([]);
  });

  it('stops forwarding once unsubscribed', () => {
    const service = fakeService();
    const window = fakeWindow();
    forwardServiceEvents(service as LabService, asWindow(window))();
    service.emit(event);
    expect(window.webContents.sent).toEqual([]);
    expect(service.listeners.size).toBe(0);
  });
});
