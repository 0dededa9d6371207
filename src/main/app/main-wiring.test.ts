/** src/main/index.ts against a fake Electron: what runs before ready, and how the pieces are wired once it is. */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc';
import type { LabServiceOptions } from '../engine/lab-service';
import { FakeBrowserWindow } from './fake-electron.test-support';

const calls = vi.hoisted(() => ({ order: [] as string[], serviceOptions: [] as unknown[] }));

const electron = vi.hoisted(() => {
  let ready!: () => void;
  const whenReadyPromise = new Promise<void>((resolve) => (ready = resolve));
  const listeners = new Map<string, unknown[]>();
  return {
    ready: () => ready(),
    listeners,
    app: {
      isPackaged: false,
      setName: vi.fn((name: string) => calls.order.push(`setName ${name}`)),
      enableSandbox: vi.fn(() => calls.order.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(() => whenReadyPromise),
      on: vi.fn((event: string, listener: unknown) =>
        listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      ),
      quit: vi.fn(),
      exit: vi.fn(),
      getVersion: () => '0.1.0',
      getPath: vi.fn((name: string) => `/fake/${name}`),
      setAboutPanelOptions: vi.fn(),
      showAboutPanel: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.order.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string) => calls.order.push(`protocol.handle ${scheme}`)),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => calls.order.push('setPermissionRequestHandler')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        setSpellCheckerEnabled: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
    nativeTheme: { shouldUseDarkColors: false },
    utilityProcess: { fork: vi.fn() },
  };
});

vi.mock('electron', async () => {
  const { FakeBrowserWindow: BrowserWindow } = await import('./fake-electron.test-support');
  return { ...electron, BrowserWindow };
});

vi.mock('../engine/history/open-history', () => ({
  openHistory: async (dataDir: string) => {
    calls.order.push(`openHistory ${dataDir}`);
    return { store: { file: `${dataDir}/run-history.sqlite` }, notice: null };
  },
}));

vi.mock('../engine/lab-service', () => ({
  createLabService: (options: unknown) => {
    calls.order.push('createLabService');
    calls.serviceOptions.push(options);
    return {
      handle: vi.fn(),
      subscribe: vi.fn(() => () => undefined),
      attach: vi.fn(() => () => undefined),
      setJoin: vi.fn(),
      close: vi.fn(async () => undefined),
    };
  },
}));

beforeAll(async () => {
  await import('../index');
});

describe('main process wiring', () => {
  it('names the app, sandboxes every renderer and registers app:// before the app is ready', () => {
    expect(calls.order).toEqual(['setName Concurrency Lab', 'enableSandbox', 'registerSchemesAsPrivileged']);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('once ready: secures the session and serves app:// before the window exists, then wires IPC, menu and lifecycle', async () => {
    electron.ready();
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
    expect(calls.order.slice(3)).toEqual([
      'setPermissionRequestHandler',
      'protocol.handle app',
      'openHistory /fake/userData',
      'createLabService',
    ]);
    const registered = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(registered.sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    for (const event of ['web-contents-created', 'before-quit', 'window-all-closed', 'second-instance'])
      expect(electron.listeners.get(event), event).toBeDefined();
  });

  it('runs the engine with utility processes and the calling-thread models off the main thread', () => {
    const options = calls.serviceOptions[0] as LabServiceOptions;
    expect(options.engine.callingThread).toBe('dedicated');
    expect(options.engine.spawner.kind).toBe('utilityProcess');
    expect(options.engine.hostScripts.processHost).toMatch(/process-host\.js$/);
  });

  it('keeps the run history and the results log in the data folder of the app', () => {
    const options = calls.serviceOptions[0] as LabServiceOptions;
    expect(options.store?.file).toBe('/fake/userData/run-history.sqlite');
    expect(options.logFile).toMatch(/^\/fake\/userData[/\\]logs[/\\]concurrency_results\.log$/);
    // About names the same two places.
    const [panel] = electron.app.setAboutPanelOptions.mock.calls[0]! as unknown as [{ credits: string }];
    expect(panel.credits).toContain(`Run history: ${options.store?.file}`);
    expect(panel.credits).toContain(`Results log: ${options.logFile}`);
  });

  it('opens the window on the lab page with the preload and an icon that exists', () => {
    const window = FakeBrowserWindow.created[0]!;
    const preferences = window.options.webPreferences as Record<string, unknown>;
    expect(preferences.preload).toMatch(/[/\\]preload[/\\]index\.js$/);
    expect(preferences.devTools).toBe(true);
    expect(existsSync(window.options.icon as string)).toBe(true);
    expect(window.loadURL).toHaveBeenCalledWith('app://lab/index.html');
  });
});
