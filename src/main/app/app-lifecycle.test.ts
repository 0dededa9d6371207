import type { EventEmitter } from 'node:events';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabService } from '../engine/lab-service';
import { FakeBrowserWindow, fakeEvent } from './fake-electron.test-support';

const electron = vi.hoisted(() => ({
  app: null as unknown as EventEmitter & Record<string, ReturnType<typeof vi.fn>>,
}));
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    quit: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
  });
  electron.app = app as never;
  return { app };
});

import { claimSingleInstance, setupAppLifecycle } from './app-lifecycle';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function fakeService(close: () => Promise<void>): LabService {
  return {
    handle: vi.fn(),
    subscribe: vi.fn(() => () => undefined),
    attach: vi.fn(() => () => undefined),
    setJoin: vi.fn(),
    close: vi.fn(close),
  };
}

/** Emits before-quit the way Electron does and says whether it was held. */
function requestQuit(): boolean {
  const event = fakeEvent();
  electron.app.emit('before-quit', event);
  return event.defaultPrevented;
}

beforeEach(() => {
  electron.app.removeAllListeners();
  electron.app.quit!.mockClear();
});

describe('setupAppLifecycle', () => {
  it('holds the first quit until service.close() has finished, then quits', async () => {
    const closing = deferred();
    const service = fakeService(() => closing.promise);
    setupAppLifecycle({ service, window: () => null });
    expect(requestQuit()).toBe(true);
    expect(service.close).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(electron.app.quit).not.toHaveBeenCalled();
    // A second quit request while stopping is held too, without closing twice.
    expect(requestQuit()).toBe(true);
    closing.resolve();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    expect(service.close).toHaveBeenCalledTimes(1);
    // The quit that follows goes through.
    expect(requestQuit()).toBe(false);
  });

  it('quits anyway when closing takes longer than the timeout', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const service = fakeService(() => new Promise(() => undefined));
    setupAppLifecycle({ service, window: () => null, closeTimeoutMs: 10 });
    requestQuit();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('did not stop within 10 ms'));
    logged.mockRestore();
  });

  it('quits even when closing fails', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setupAppLifecycle({ service: fakeService(() => Promise.reject(new Error('stuck'))), window: () => null });
    requestQuit();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    logged.mockRestore();
  });

  it('quits when the window is closed', () => {
    setupAppLifecycle({ service: fakeService(async () => undefined), window: () => null });
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('brings the window forward when the app is started again', () => {
    const window = new FakeBrowserWindow({});
    window.minimized = true;
    setupAppLifecycle({
      service: fakeService(async () => undefined),
      window: () => window as unknown as BrowserWindow,
    });
    electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});

describe('claimSingleInstance', () => {
  it('keeps the first instance and quits a second one', () => {
    expect(claimSingleInstance()).toBe(true);
    expect(electron.app.quit).not.toHaveBeenCalled();
    electron.app.requestSingleInstanceLock!.mockReturnValueOnce(false);
    expect(claimSingleInstance()).toBe(false);
    expect(electron.app.quit).toHaveBeenCalled();
  });
});
